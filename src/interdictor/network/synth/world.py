"""Generate a whole trade world: ordinary trade in volume, with planted procurement
schemes merged in by date, streamed to disk.

The same seed and size give byte-identical files: every random choice comes from
generators seeded by the seed, and nothing depends on set order or the clock.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson

from interdictor.network.synth import schemes
from interdictor.network.synth.actors import Ids, make_pools
from interdictor.network.synth.documents import Writer
from interdictor.network.synth.legit import LegitTrade
from interdictor.network.synth.networks import build_network, plant_network
from interdictor.network.synth.truth import Buffer, RecordIds, WorldWriter

START = dt.date(2023, 1, 1)
END = dt.date(2024, 12, 31)
RECORDS_PER_DEAL = 7.0  # about, with registrations and port calls
TYPOLOGIES = (
    "listed_proximity", "front_company_cluster", "end_user_obfuscation", "routing_anomaly",
    "cargo_splitting", "threshold_evasion", "payment_mismatch", "hs_mislabel", "value_anomaly",
)  # fmt: skip
SCHEMES: dict[str, Callable[[schemes.Planter, int], None]] = {
    "end_user_obfuscation": schemes.end_user_obfuscation,
    "routing_anomaly": schemes.routing_anomaly,
    "cargo_splitting": schemes.cargo_splitting,
    "threshold_evasion": schemes.threshold_evasion,
    "payment_mismatch": schemes.payment_mismatch,
    "hs_mislabel": schemes.hs_mislabel,
    "value_anomaly": schemes.value_anomaly,
}


@dataclass(slots=True)
class WorldSummary:
    """What was generated: counts by record type and by planted typology."""

    seed: int
    size: int
    records: int
    by_type: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    lookalikes: int = 0


def count_instances(size: int) -> int:
    """Two at 10 thousand records, growing by two per tenfold size (8 at 10 million)."""
    return max(2, round(2 + 2 * math.log10(max(size, 10_000) / 10_000)))


def generate_world(seed: int, size: int, out_dir: Path) -> WorldSummary:
    """Generate about ``size`` records into ``out_dir``; return what was written.

    Files: one ``<record type>.jsonl`` per type, ``truth.jsonl``, ``truth_entities.jsonl``,
    ``lookalikes.jsonl`` and ``summary.json``.
    """
    rng = random.Random(seed)
    ids, record_ids = Ids(), RecordIds(seed)
    pools = make_pools(rng, ids, size)
    buffer = Buffer()
    scheme_writer = Writer(random.Random(f"schemes:{seed}"), record_ids, buffer)
    planter = schemes.Planter(
        rng=scheme_writer.rng,
        ids=ids,
        pools=pools,
        w=scheme_writer,
        trade=LegitTrade(scheme_writer.rng, ids, pools, scheme_writer),
        networks=[],
        first=START + dt.timedelta(days=120),
        last=END - dt.timedelta(days=120),
    )
    count = count_instances(size)
    for number in range(count):
        net = build_network(planter.rng, ids, pools, scheme_writer, number, planter.day())
        schemes.write_network_trade(planter, net)
        planter.networks.append(net)
    for plant in SCHEMES.values():
        for number in range(count):
            plant(planter, number)
    for net in planter.networks:
        plant_network(scheme_writer, net)
    with WorldWriter(out_dir) as sink:
        writer = Writer(rng, record_ids, sink)
        trade = LegitTrade(rng, ids, pools, writer)
        trade.add_shared_buildings(START)
        write_legit(trade, sink, buffer, size)
        sink.replay(buffer)
        summary = WorldSummary(
            seed=seed,
            size=size,
            records=sink.total,
            by_type=dict(sink.counts),
            mentions=sink.mention_count,
            lookalikes=sink.lookalike_count,
            planted=dict(sorted(Counter(i["typology"] for i in sink.planted).items())),
        )
    (out_dir / "summary.json").write_bytes(
        orjson.dumps(asdict(summary), option=orjson.OPT_INDENT_2)
    )
    return summary


def write_legit(trade: LegitTrade, sink: WorldWriter, buffer: Buffer, size: int) -> None:
    """Ordinary deals in date order, with the planted records merged in by date."""
    planted = buffer.sorted_records()
    target = size - len(planted)
    expected = max(1, int(target / RECORDS_PER_DEAL))
    span = (END - START).days - 90
    index = deals = 0
    while sink.total - index < target:
        start = START + dt.timedelta(days=min(span, span * deals // expected))
        day = start.isoformat()
        while index < len(planted) and planted[index][0] <= day:
            _, record, mentions = planted[index]
            sink.emit(record, mentions)
            index += 1
        trade.write_one(start)
        deals += 1
    for _, record, mentions in planted[index:]:
        sink.emit(record, mentions)
