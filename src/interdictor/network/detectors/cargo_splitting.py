"""cargo_splitting: components that together make a controlled item reach one end user
across several shipments within a window.

Which components make which item is a reviewed table,
``interdictor/data/network/component_sets.csv``: a goods line is a component when its HS
code starts with one of the listed prefixes or its description holds one of the keywords.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context
from interdictor.network.detectors.threshold_evasion import buyer_of
from interdictor.network.records import GoodsLine, Record

TABLE = Path(__file__).resolve().parents[2] / "data" / "network" / "component_sets.csv"


@dataclass(frozen=True, slots=True)
class Component:
    item: str
    control_entry: str
    name: str
    hs_prefixes: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemSpec:
    item: str
    control_entry: str
    components: tuple[Component, ...]
    min_components: int


def split_list(text: str) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in text.split(";") if p.strip())


@cache
def load_component_sets(path: Path = TABLE) -> tuple[ItemSpec, ...]:
    """The reviewed table, grouped by controlled item."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    grouped: dict[str, list[Component]] = defaultdict(list)
    minimum: dict[str, int] = {}
    entry: dict[str, str] = {}
    for row in rows:
        item = row["item"]
        grouped[item].append(
            Component(
                item,
                row["control_entry"],
                row["component"],
                split_list(row["hs_prefixes"]),
                split_list(row["keywords"]),
            )
        )
        minimum[item] = int(row["min_components"])
        entry[item] = row["control_entry"]
    return tuple(ItemSpec(i, entry[i], tuple(c), minimum[i]) for i, c in grouped.items())


def match_components(line: GoodsLine, specs: tuple[ItemSpec, ...]) -> list[Component]:
    """The components a goods line is, by HS prefix or description keyword."""
    hs = "".join(c for c in (line.hs_code or "") if c.isdigit())
    text = (line.description or "").lower()
    return [
        c
        for spec in specs
        for c in spec.components
        if (hs and any(hs.startswith(p) for p in c.hs_prefixes))
        or any(k in text for k in c.keywords)
    ]


@dataclass(slots=True)
class Shipment:
    tx_id: str
    date: dt.date | None
    components: dict[str, set[str]]  # component name -> record ids


def collect_shipments(ctx: Context, spec: ItemSpec) -> dict[str, list[Shipment]]:
    """End user -> the deals that carry components of ``spec``."""
    per_user: dict[str, list[Shipment]] = defaultdict(list)
    for tx_id, records in sorted(ctx.transaction_records.items()):
        found = _components_in(records, (spec,))
        if not found:
            continue
        user = buyer_of(ctx, records)
        if user:
            per_user[user].append(Shipment(tx_id, _first_date(records), found))
    return per_user


def _components_in(records: list[Record], specs: tuple[ItemSpec, ...]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for line in record.goods():
            for component in match_components(line, specs):
                found[component.name].add(record.id)
    return found


def _first_date(records: list[Record]) -> dt.date | None:
    dates = [r.date for r in records if r.date]
    return min(dates) if dates else None


def find_windows(shipments: list[Shipment], spec: ItemSpec, days: int) -> list[list[Shipment]]:
    """Runs of shipments within ``days`` that together carry enough components."""
    ordered = sorted(shipments, key=lambda s: (s.date or dt.date.min, s.tx_id))
    hits: list[list[Shipment]] = []
    for start, first in enumerate(ordered):
        run = [
            s
            for s in ordered[start:]
            if first.date is None or s.date is None or (s.date - first.date).days <= days
        ]
        names = set().union(*(s.components for s in run))
        if len(run) >= 2 and len(names) >= spec.min_components:
            if not hits or not set(id(s) for s in run) <= set(id(s) for s in hits[-1]):
                hits.append(run)
    return hits


def detect(ctx: Context) -> list[Alert]:
    alerts = []
    for spec in load_component_sets():
        for user, shipments in sorted(collect_shipments(ctx, spec).items()):
            for run in find_windows(shipments, spec, ctx.settings.split_window_days):
                names = sorted(set().union(*(s.components for s in run)))
                evidence = {rid for s in run for ids in s.components.values() for rid in ids}
                reason = (
                    f"{ctx.entity_by_id[user].name} received {len(names)} of the "
                    f"{len(spec.components)} components of {spec.item} "
                    f"({spec.control_entry}) in {len(run)} shipments: " + ", ".join(names)
                )
                score = min(0.95, 0.55 + 0.4 * len(names) / len(spec.components))
                alerts.append(
                    ctx.alert(
                        "cargo_splitting",
                        score,
                        reason,
                        [user],
                        evidence,
                        item=spec.item,
                        components=names,
                    )
                )
    return alerts
