"""What every detector sees: the records, the resolved entities, the deals, and two seams.

The seams keep detectors testable on tiny inputs: ``goods`` judges one goods line (the
goods engine in production), ``listed_imos`` holds the IMO numbers of designated vessels.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from interdictor.network.alerts import Alert
from interdictor.network.lifecycle import Transaction
from interdictor.network.records import GoodsLine, Party, Record
from interdictor.network.resolve import Entity


@dataclass(frozen=True, slots=True)
class GoodsVerdict:
    """The goods engine's judgement of one line, reduced to what detectors need."""

    hs_consistent: bool | None = None  # None: the engine cannot tell
    suggested_hs: str | None = None
    controls: tuple[str, ...] = ()  # control entries the line meets, e.g. ("1C010",)
    below_threshold: tuple[str, ...] = ()  # entries it sits just under
    reason: str = ""


GoodsCheck = Callable[[GoodsLine], GoodsVerdict]


def check_nothing(line: GoodsLine) -> GoodsVerdict:
    """A goods seam that knows nothing: goods detectors stay silent with it."""
    return GoodsVerdict()


@dataclass(slots=True)
class Settings:
    """Tunables of the detectors, each with its reason."""

    split_window_days: int = 365  # components of one item arrive over months
    proximity_hops: int = 1  # a listed party's direct partners, officers and owners
    recent_incorporation_days: int = 365  # "recently incorporated" before first trade
    rename_window_days: int = 365  # "recently renamed or reflagged" before a voyage
    value_min_samples: int = 5  # fewer prices for an HS code say nothing about the norm
    value_log_deviation: float = 1.6  # |ln(unit value / median)| beyond ~5x is anomalous
    threshold_repeats: int = 2  # "repeatedly" just under a threshold


@dataclass
class Context:
    """Everything the detectors share, with indexes built once."""

    records: Sequence[Record]
    entities: Sequence[Entity]
    transactions: Sequence[Transaction]
    goods: GoodsCheck = check_nothing
    listed_imos: dict[str, str] = field(default_factory=dict)  # IMO -> listing name
    settings: Settings = field(default_factory=Settings)
    _verdicts: dict[tuple[str, str, str], GoodsVerdict] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}

    @cached_property
    def entity_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def entity_of(self) -> dict[tuple[str, str], str]:
        """(record id, role) -> entity id."""
        return {(m.record_id, m.role): e.id for e in self.entities for m in e.mentions}

    @cached_property
    def transaction_of(self) -> dict[str, str]:
        return {rid: tx.id for tx in self.transactions for rid in tx.record_ids}

    @cached_property
    def by_type(self) -> dict[str, list[Record]]:
        groups: dict[str, list[Record]] = defaultdict(list)
        for r in self.records:
            groups[r.type].append(r)
        return groups

    @cached_property
    def transaction_records(self) -> dict[str, list[Record]]:
        return {tx.id: [self.by_id[i] for i in tx.record_ids] for tx in self.transactions}

    def judge(self, line: GoodsLine) -> GoodsVerdict:
        """The goods verdict of a line, asked once per distinct description and code."""
        key = (line.description or "", line.hs_code or "", repr(sorted(line.parameters.items())))
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self.goods(line)
        return verdict

    def entity(self, record: Record, role: str) -> str | None:
        return self.entity_of.get((record.id, role))

    def tx_ids(self, record_ids: Iterable[str]) -> list[str]:
        return sorted({self.transaction_of[i] for i in record_ids if i in self.transaction_of})

    def alert(
        self,
        typology: str,
        score: float,
        reason: str,
        entity_ids: Iterable[str],
        record_ids: Iterable[str],
        **details: object,
    ) -> Alert:
        """An alert with its transactions filled in from the evidence records."""
        rids = list(record_ids)
        return Alert(
            typology,
            score,
            reason,
            [e for e in entity_ids if e],
            rids,
            self.tx_ids(rids),
            dict(details),
        )


def party_name(party: Party | None) -> str:
    return party.name if party is not None else ""


def days_between(a: dt.date | None, b: dt.date | None) -> int | None:
    if a is None or b is None:
        return None
    return (b - a).days


Detector = Callable[[Context], list[Alert]]
