"""Officers' classification decisions, and their reuse for identical or near-identical goods.

Decisions live in the store (table ``goods_decisions``), append-only: a later decision on
the same description supersedes the earlier one, which stays as the audit trail. The
decision in force is the latest by decision time (then by the order it was stored).

A description reuses a decision when, after normalisation (case, punctuation, spacing),
it is identical, or it is near-identical: rapidfuzz ``token_sort_ratio`` of at least
``REUSE_SIMILARITY`` (92) AND the same numbers. The number rule is what keeps
"3-axis machining centre DMU 50" from reusing the decision on "5-axis machining centre
DMU 50", which differ by one character; word order and spelling slips do not matter
("DMU50 5 axis machining centre", "5-axis machinning centre DMU 50").

Decisions kept before the store in ``$INTERDICTOR_HOME/goods_decisions.jsonl`` are
imported the first time the home's decisions are opened (``DecisionStore.for_home``); the
file is then renamed ``goods_decisions.jsonl.imported``, and bad lines are set aside in
``goods_decisions.jsonl.rejected`` (see ``interdictor.store.jsonl_import``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from interdictor.errors import InvalidInput
from interdictor.goods.lexicon import normalise_description
from interdictor.model.listed import Rejected

if TYPE_CHECKING:  # the store is imported when used: the classifier alone must not load it
    from interdictor.store import DecisionRecord, Store
    from interdictor.store.jsonl_import import FileImport

DECISIONS_FILE = "goods_decisions.jsonl"
REUSE_SIMILARITY = 92.0
# Where a decision recorded by this module comes from, in the ``source`` column.
RECORDED_SOURCE = "interdictor decide"
# Column widths of the store: longer values are refused, not cut.
LIMITS = {"entry": 64, "hs_code": 32, "decided_by": 200}
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")
_REQUIRED = ("description", "entry", "decided_by", "decided_at")


@dataclass(frozen=True, slots=True)
class Decision:
    """An officer's decision: the entry (empty = not controlled), HS code, who and when.

    ``id`` is the decision's number in the store, ``source`` where it came from.
    """

    description: str
    entry: str
    hs_code: str
    decided_by: str
    decided_at: str
    note: str = ""
    id: int | None = None
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_record(cls, record: DecisionRecord) -> Decision:
        """Return the decision a stored row holds (time in UTC, to the second)."""
        return cls(
            description=record.description,
            entry=record.entry,
            hs_code=record.hs_code,
            decided_by=record.decided_by,
            decided_at=record.decided_at.astimezone(UTC).isoformat(timespec="seconds"),
            note=record.note,
            id=record.id,
            source=record.source,
        )


@dataclass(frozen=True, slots=True)
class ReusedDecision:
    """A decision applied to a new line, with how closely the descriptions agree."""

    decision: Decision
    similarity: float
    exact: bool

    def to_dict(self) -> dict[str, Any]:
        return {**self.decision.to_dict(), "similarity": round(self.similarity, 3)}


def decision_key(description: str) -> str:
    """Return the normalised form decisions are matched on."""
    return normalise_description(description)


def numbers_in(key: str) -> tuple[str, ...]:
    """Return the numbers of a normalised description, sorted ("dmu50" counts as 50)."""
    return tuple(sorted(_NUMBERS.findall(key)))


class DecisionStore:
    """The officers' decisions of a store, read once into memory for matching; each new
    decision is one INSERT.

    ``DecisionStore(store)`` reads the store; ``DecisionStore.for_home(store, home)`` also
    imports a ``goods_decisions.jsonl`` left in the data directory (``imports`` and
    ``rejected`` then say what happened); ``DecisionStore.in_home(home)`` opens the home's
    store too, and closes it with ``close()``.
    """

    def __init__(self, store: Store, *, owns_store: bool = False):
        self.store = store
        self.rejected: list[Rejected] = []
        self.imports: list[FileImport] = []
        self._owns_store = owns_store
        self._by_key: dict[str, Decision] = {}
        self._keys: list[str] = []
        self.reload()

    @classmethod
    def for_home(cls, store: Store, home: Path) -> DecisionStore:
        """Return the decisions of ``store``, after importing ``home``'s JSON-lines file."""
        legacy = home / DECISIONS_FILE
        report = import_decisions_file(store, legacy, retire_file=True) if legacy.exists() else None
        decisions = cls(store)
        if report is not None:
            decisions.imports.append(report)
            decisions.rejected.extend(report.rejected)
        return decisions

    @classmethod
    def in_home(cls, home: Path, url: str | None = None) -> DecisionStore:
        """Open the store of a data directory (``url``, else the default) and its decisions."""
        from interdictor.store import Store

        store = Store.for_home(home, url)
        try:
            opened = cls.for_home(store, home)
        except BaseException:
            store.close()
            raise
        opened._owns_store = True
        return opened

    def close(self) -> None:
        """Close the store if this object opened it."""
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> DecisionStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._by_key)

    def reload(self) -> None:
        """Read the decisions in force from the store (the latest of each description)."""
        self._by_key.clear()
        self._keys.clear()
        for record in self.store.decisions():
            self.remember(record.decision_key, Decision.from_record(record))

    def remember(self, key: str, decision: Decision) -> None:
        if key not in self._by_key:
            self._keys.append(key)
        self._by_key[key] = decision

    def record(
        self, description: str, entry: str, hs_code: str, decided_by: str, note: str = ""
    ) -> Decision:
        """Store an officer's decision and return it. ``entry`` "" means not controlled.

        An earlier decision on the same description is superseded, not changed.
        """
        record = make_record(
            description, entry, hs_code, decided_by, note, datetime.now(UTC), RECORDED_SOURCE
        )
        stored = self.store.save_decision(record)
        decision = Decision.from_record(stored)
        self.remember(stored.decision_key, decision)
        return decision

    def in_force(self) -> list[Decision]:
        """Return the decision in force of each description, in the order first decided."""
        return [self._by_key[key] for key in self._keys]

    def history(self, description: str) -> list[Decision]:
        """Every decision taken on this description (after normalisation), oldest first;
        the last one is in force."""
        return [Decision.from_record(r) for r in self.store.decisions(decision_key(description))]

    def import_file(self, path: Path) -> FileImport:
        """Import a decisions JSON-lines file (bad lines set aside; decisions already
        stored are skipped) and read the store again."""
        report = import_decisions_file(self.store, path, retire_file=False)
        self.imports.append(report)
        self.rejected.extend(report.rejected)
        self.reload()
        return report

    def lookup(self, description: str) -> ReusedDecision | None:
        """Return the decision for an identical or near-identical description, or None."""
        key = decision_key(description)
        if key in self._by_key:
            return ReusedDecision(self._by_key[key], 1.0, True)
        if not self._keys:
            return None
        wanted = numbers_in(key)
        for candidate, score, _ in process.extract(
            key, self._keys, scorer=fuzz.token_sort_ratio, score_cutoff=REUSE_SIMILARITY, limit=5
        ):
            if numbers_in(candidate) == wanted:
                return ReusedDecision(self._by_key[candidate], score / 100.0, False)
        return None


def make_record(
    description: str,
    entry: str,
    hs_code: str,
    decided_by: str,
    note: str,
    decided_at: datetime,
    source: str,
) -> DecisionRecord:
    """Check a decision and return the row to store; raise InvalidInput naming the problem."""
    from interdictor.store import DecisionRecord

    description = description.strip()
    if not description:
        raise InvalidInput("the decision needs the product description", source=source)
    if not decided_by.strip():
        raise InvalidInput("the decision needs the officer who took it", source=source)
    entry, hs_code, decided_by = entry.strip().upper(), hs_code.strip(), decided_by.strip()
    for name, value in (("entry", entry), ("hs_code", hs_code), ("decided_by", decided_by)):
        if len(value) > LIMITS[name]:
            raise InvalidInput(f"{name} is longer than {LIMITS[name]} characters", source=source)
    key = decision_key(description)
    if not key:
        raise InvalidInput(f"the description {description!r} has no words to match on")
    return DecisionRecord(
        description=description,
        decision_key=key,
        entry=entry,
        hs_code=hs_code,
        decided_by=decided_by,
        decided_at=decided_at,
        note=note.strip(),
        source=source,
    )


def parse_decision(data: dict[str, Any], position: str, source: str) -> DecisionRecord:
    """Read one decision of a JSON-lines file; raise ValueError naming what is wrong."""
    from interdictor.store.jsonl_import import parse_timestamp

    missing = [k for k in _REQUIRED if not isinstance(data.get(k), str)]
    if missing or not data["description"].strip():
        raise ValueError(f"missing or empty: {', '.join(missing) or 'description'}")
    try:
        return make_record(
            data["description"],
            data["entry"],
            str(data.get("hs_code") or ""),
            data["decided_by"],
            str(data.get("note") or ""),
            parse_timestamp(data["decided_at"]),
            f"{source}:{position}",
        )
    except InvalidInput as error:
        raise ValueError(error.reason) from error


def import_decisions_file(store: Store, path: Path, *, retire_file: bool) -> FileImport:
    """Store the decisions of a JSON-lines file in one transaction; set bad lines aside.

    With ``retire_file`` the file is renamed ``<file>.imported`` once stored, and its bad
    lines are copied to ``<file>.rejected``; otherwise the file is left as it is.
    """
    from interdictor.store.jsonl_import import import_file

    return import_file(
        path,
        "decisions",
        lambda data, at: parse_decision(data, at, path.name),
        store.import_decisions,
        retire_file=retire_file,
    )
