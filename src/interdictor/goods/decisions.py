"""Officers' classification decisions, and their reuse for identical or near-identical goods.

Decisions are kept as an append-only JSON-lines file, ``$INTERDICTOR_HOME/goods_decisions.jsonl``:
one decision a line, never rewritten. A later decision on the same description wins.

A description reuses a decision when, after normalisation (case, punctuation, spacing),
it is identical, or it is near-identical: rapidfuzz ``token_sort_ratio`` of at least
``REUSE_SIMILARITY`` (92) AND the same numbers. The number rule is what keeps
"3-axis machining centre DMU 50" from reusing the decision on "5-axis machining centre
DMU 50", which differ by one character; word order and spelling slips do not matter
("DMU50 5 axis machining centre", "5-axis machinning centre DMU 50").
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from rapidfuzz import fuzz, process

from interdictor.errors import InvalidInput
from interdictor.goods.lexicon import normalise_description
from interdictor.model.listed import Rejected

DECISIONS_FILE = "goods_decisions.jsonl"
REUSE_SIMILARITY = 92.0
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")
_REQUIRED = ("description", "entry", "decided_by", "decided_at")


@dataclass(frozen=True, slots=True)
class Decision:
    """An officer's decision: the entry (empty = not controlled), HS code, who and when."""

    description: str
    entry: str
    hs_code: str
    decided_by: str
    decided_at: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    """The decisions file of one data directory, read once and appended to atomically."""

    def __init__(self, path: Path):
        self.path = path
        self.rejected: list[Rejected] = []
        self._by_key: dict[str, Decision] = {}
        self._keys: list[str] = []
        if path.exists():
            self.read()

    @classmethod
    def in_home(cls, home: Path) -> DecisionStore:
        """Return the store of a data directory (the file may not exist yet)."""
        return cls(home / DECISIONS_FILE)

    def __len__(self) -> int:
        return len(self._by_key)

    def read(self) -> None:
        """Load the file; a bad line is set aside with its number, the rest load."""
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    self.remember(parse_decision(raw))
                except (ValueError, TypeError) as exc:
                    excerpt = raw[:80].decode("utf-8", "replace")
                    self.rejected.append(
                        Rejected(str(self.path), f"line {number}", str(exc), excerpt)
                    )

    def remember(self, decision: Decision) -> None:
        key = decision_key(decision.description)
        if key not in self._by_key:
            self._keys.append(key)
        self._by_key[key] = decision

    def record(
        self, description: str, entry: str, hs_code: str, decided_by: str, note: str = ""
    ) -> Decision:
        """Append an officer's decision and return it. ``entry`` "" means not controlled."""
        if not description.strip():
            raise InvalidInput("the decision needs the product description", source=str(self.path))
        if not decided_by.strip():
            raise InvalidInput("the decision needs the officer who took it", source=str(self.path))
        decided_at = datetime.now(UTC).isoformat(timespec="seconds")
        decision = Decision(description.strip(), entry.strip().upper(), hs_code.strip(),
                            decided_by.strip(), decided_at, note.strip())  # fmt: skip
        append_line(self.path, orjson.dumps(decision.to_dict()) + b"\n")
        self.remember(decision)
        return decision

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


def parse_decision(raw: bytes) -> Decision:
    """Read one JSON line; raise ValueError naming what is missing."""
    data = orjson.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in _REQUIRED if not isinstance(data.get(k), str)]
    if missing or not data["description"].strip():
        raise ValueError(f"missing or empty: {', '.join(missing) or 'description'}")
    return Decision(
        data["description"], data["entry"], str(data.get("hs_code") or ""),
        data["decided_by"], data["decided_at"], str(data.get("note") or ""),
    )  # fmt: skip


def append_line(path: Path, line: bytes) -> None:
    """Append one line with a single O_APPEND write and fsync, so lines never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
