"""The analysis pipeline: records in, entities, deals, alerts and reports out.

    analysis = analyze_records(records, Engines(screen=..., goods=..., listed_imos=...))
    write_outputs(analysis, Path("out"))

Outside engines come in through ``Engines`` (screening and goods), so tests run the
pipeline on tiny inputs and ``interdictor analyze`` wires the real ones. Each distinct
name is screened once and each distinct goods line classified once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from interdictor.goods.classify import Classifier
from interdictor.goods.classify import GoodsLine as ClassifierLine
from interdictor.model.listed import ListedEntity, Rejected
from interdictor.network.alerts import Alert, apply_feedback, rank_alerts
from interdictor.network.detectors import (
    DETECTORS,
    Context,
    GoodsCheck,
    GoodsVerdict,
    Settings,
    check_nothing,
)
from interdictor.network.detectors.routing_anomaly import normalize_imo
from interdictor.network.graph import (
    build_evidence_graph,
    index_transactions,
    iter_edges,
    iter_nodes,
)
from interdictor.network.lifecycle import Transaction, build_transactions
from interdictor.network.records import GoodsLine, Record
from interdictor.network.report import collect_evidence, write_ftm, write_graphml, write_report
from interdictor.network.resolve import (
    Entity,
    ScreenFn,
    ScreenHit,
    extract_mentions,
    index_mentions,
    link_listed,
    resolve_mentions,
)
from interdictor.text.orgs import canonicalize_org_name, org_core_tokens

Progress = Callable[[str], None]
# "Just under a threshold" for network red flags: within 20 % (a positioning accuracy of
# 6.9 µm against the 6 µm of EU Annex I 2B201.a); the goods engine's own default is 10 %.
NEAR_MARGIN = 0.2
# Screening counts country once, in its score; linking adds no country rule of its own.
# Below the link threshold only an exact distinctive company name links: "Korea Ryonbong
# General Corporation" printed by a Chinese branch scores 0.83 (countries differ), while
# "Al Fajr Industrial FZCO" against "FAJR INDUSTRIAL GROUP" (0.89) is not the same name.
MIN_EXACT_WORDS = 2  # words of the name, legal forms included
MIN_DISTINCTIVE = 1  # words left once legal forms and trade words are gone


@dataclass
class Engines:
    """The outside engines behind small seams; any of them may be absent."""

    screen: ScreenFn | None = None
    goods: GoodsCheck = check_nothing
    listed_imos: dict[str, str] = field(default_factory=dict)


@dataclass
class Analysis:
    """What one run found, with the time each step took."""

    records: Sequence[Record]
    rejected: Sequence[Rejected]
    entities: list[Entity]
    transactions: list[Transaction]
    alerts: list[Alert]
    timings: dict[str, float] = field(default_factory=dict)


def _silent(step: str) -> None:
    return None


def analyze_records(
    records: Sequence[Record],
    engines: Engines | None = None,
    settings: Settings | None = None,
    *,
    rejected: Sequence[Rejected] = (),
    feedback: dict[str, str] | None = None,
    progress: Progress = _silent,
    typologies: Iterable[str] | None = None,
) -> Analysis:
    """Resolve, link into deals, run the detectors and rank their alerts."""
    engines = engines or Engines()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = round(now - clock, 3)
        clock = now
        progress(step)

    # Records and entities live to the end: moved out of the collector's reach, they are
    # not rescanned on every collection (which made large runs grow faster than linearly).
    # The steps after resolution allocate millions of small long-lived objects and almost
    # no cycles, so the collector is paused until the analysis is done.
    gc.freeze()
    collecting = gc.isenabled()
    try:
        entities = resolve_mentions(extract_mentions(records))
        gc.freeze()
        gc.disable()
        lap("resolve")
        if engines.screen is not None:
            link_listed(entities, engines.screen)
        lap("screen")
        transactions = build_transactions(records, index_mentions(entities))
        lap("lifecycle")
        ctx = Context(
            records,
            entities,
            transactions,
            engines.goods,
            engines.listed_imos,
            settings or Settings(),
        )
        alerts: list[Alert] = []
        for name in typologies or DETECTORS:
            alerts.extend(DETECTORS[name](ctx))
            lap(name)
        alerts = rank_alerts(apply_feedback(alerts, feedback or {}))
    finally:
        if collecting:
            gc.enable()
    return Analysis(records, rejected, entities, transactions, alerts, timings)


def make_screen_fn(
    screener: Any, make_query: Callable[..., Any], threshold: float = 0.5
) -> ScreenFn:
    """A screening seam over ``interdictor.screening`` (its ``Screener`` and ``make_query``)."""

    def screen(name: str, schema: str, country: str | None) -> list[ScreenHit]:
        query = make_query(name=name, schema=schema, country=country)
        return [
            ScreenHit(
                m.entity.id,
                m.entity.name,
                m.score,
                _explain(m.explanation),
                schema != "Person" and is_exact_company_name(name, m.entity.all_names()),
            )
            for m in screener.screen(query, threshold=threshold)
        ]

    return screen


def is_exact_company_name(name: str, listed_names: list[str]) -> bool:
    """The name is one of the listed names word for word, legal forms folded ("Corp." is
    "Corporation"), long and distinctive enough not to be a chance namesake."""
    canonical = canonicalize_org_name(name)
    if len(canonical.split()) < MIN_EXACT_WORDS or len(org_core_tokens(name)) < MIN_DISTINCTIVE:
        return False
    return any(canonicalize_org_name(listed) == canonical for listed in listed_names)


def _explain(explanation: object) -> str:
    return orjson.dumps(explanation).decode()[:500]


def collect_listed_imos(listed: Iterable[ListedEntity]) -> dict[str, str]:
    """IMO number -> listed name, from every listing with an IMO identifier."""
    found = {}
    for entity in listed:
        for identifier in entity.identifiers:
            imo = normalize_imo(identifier.value) if identifier.kind == "imo" else ""
            if imo:
                found[imo] = f"{entity.name} ({entity.id})"
    return found


def write_jsonl(path: Path, rows: Iterable[dict[str, object]]) -> int:
    """Write JSON lines atomically; returns the row count."""
    temporary = path.with_suffix(path.suffix + ".part")
    count = 0
    with temporary.open("wb") as handle:
        for row in rows:
            handle.write(orjson.dumps(row, default=str) + b"\n")
            count += 1
    temporary.replace(path)
    return count


def write_outputs(
    analysis: Analysis, output: Path, progress: Progress = _silent
) -> dict[str, Path]:
    """alerts.jsonl, entities.jsonl, transactions.jsonl, rejected.jsonl, report.html,
    graph.graphml and ftm.jsonl in ``output``."""
    output.mkdir(parents=True, exist_ok=True)
    paths = {
        name: output / name
        for name in (
            "alerts.jsonl",
            "entities.jsonl",
            "transactions.jsonl",
            "rejected.jsonl",
            "report.html",
            "graph.graphml",
            "ftm.jsonl",
        )
    }
    write_jsonl(paths["alerts.jsonl"], (a.to_dict() for a in analysis.alerts))
    write_jsonl(paths["entities.jsonl"], (e.to_dict() for e in analysis.entities))
    write_jsonl(paths["transactions.jsonl"], (vars_of(t) for t in analysis.transactions))
    write_jsonl(paths["rejected.jsonl"], (vars_of(r) for r in analysis.rejected))
    progress("json")
    by_id = {r.id: r for r in analysis.records}
    record_ids, entity_ids = collect_evidence(analysis.alerts)
    evidence = build_evidence_graph(
        by_id, analysis.entities, analysis.transactions, record_ids, entity_ids
    )
    progress("graph")
    summary = {
        "records": len(analysis.records),
        "rejected": len(analysis.rejected),
        "entities": len(analysis.entities),
        "transactions": len(analysis.transactions),
        "alerts": len(analysis.alerts),
    }
    write_report(paths["report.html"], evidence, analysis.alerts, analysis.entities, summary)
    progress("report")
    tx_of = index_transactions(analysis.transactions)
    nodes = iter_nodes(analysis.records, analysis.entities, tx_of)
    write_graphml(paths["graph.graphml"], nodes, iter_edges(analysis.records, analysis.entities))
    progress("graphml")
    write_ftm(analysis.records, analysis.entities, paths["ftm.jsonl"])
    progress("ftm")
    return paths


def vars_of(item: object) -> dict[str, object]:
    return {name: getattr(item, name) for name in item.__slots__}  # type: ignore[attr-defined]


def make_goods_check(classifier: Classifier | None = None) -> GoodsCheck:
    """The goods seam over the goods classifier: HS consistency and near-threshold entries."""
    chosen = classifier or Classifier(margin=NEAR_MARGIN)

    def check(line: GoodsLine) -> GoodsVerdict:
        if not line.description:
            return GoodsVerdict()
        result = chosen.classify(to_classifier_line(line))
        return GoodsVerdict(
            hs_consistent=result.hs.consistent if line.hs_code else None,
            suggested_hs=result.hs.suggested[0] if result.hs.suggested else None,
            controls=tuple(c.entry for c in result.controls if not c.below_threshold),
            below_threshold=tuple(c.entry for c in result.controls if c.just_below),
            reason=result.hs.reason,
        )

    return check


def to_classifier_line(line: GoodsLine) -> ClassifierLine:
    """A record's goods line as the goods classifier reads it (parameters as key=value)."""
    parameters = "; ".join(f"{key}={value}" for key, value in line.parameters.items())
    return ClassifierLine(
        id="",
        description=line.description or "",
        hs_code=line.hs_code or "",
        quantity=line.quantity,
        unit=line.unit or "",
        value=line.value,
        currency=line.currency or "",
        parameters=parameters,
    )
