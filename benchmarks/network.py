"""Network benchmark: detector precision/recall per typology and entity-resolution pairwise
F1 against the generator's truth, plus wall time and peak memory by size.

    .venv/bin/python benchmarks/network.py accuracy --seeds 1 2 --size 20000
    .venv/bin/python benchmarks/network.py scale --sizes 100000 1000000
    .venv/bin/python benchmarks/network.py lifecycle --size 1000000 --seeds 1

Worlds come from ``interdictor synth`` (generated into --workdir when missing). An alert
matches a planted instance when they share a typology and a record id (issue 4).
Each scale run is a fresh process, so its peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import orjson

from interdictor.lists import DEFAULT_LISTS, parse_file
from interdictor.network import lifecycle
from interdictor.network.alerts import TYPOLOGIES, Alert
from interdictor.network.analyze import (
    Analysis,
    Engines,
    analyze_records,
    collect_listed_imos,
    make_goods_check,
    make_screen_fn,
    write_outputs,
)
from interdictor.network.recordio import read_records
from interdictor.network.resolve import (
    Entity,
    extract_mentions,
    index_mentions,
    resolve_mentions,
)
from interdictor.screening import Screener, make_query

INTERDICTOR = Path(sys.executable).parent / "interdictor"
WORKDIR = Path(tempfile.gettempdir()) / "interdictor-network-bench"  # worlds are large


def make_world(workdir: Path, seed: int, size: int) -> Path:
    """Generate the world once; later runs reuse it."""
    folder = workdir / f"world-s{seed}-n{size}"
    if not (folder / "truth.jsonl").exists():
        subprocess.run(
            [
                str(INTERDICTOR),
                "synth",
                "--seed",
                str(seed),
                "--size",
                str(size),
                "--out",
                str(folder),
            ],
            check=True,
        )
    return folder


def make_engines() -> Engines:
    listed = [e for path, fmt in DEFAULT_LISTS for e in parse_file(Path(path), fmt).entities]
    return Engines(
        screen=make_screen_fn(Screener(listed), make_query),
        goods=make_goods_check(),
        listed_imos=collect_listed_imos(listed),
    )


def read_jsonl(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def score_typologies(alerts: list[Alert], truth: list[dict]) -> dict[str, dict[str, float]]:
    """Precision, recall and counts per typology."""
    results = {}
    for typology in TYPOLOGIES:
        planted = [set(t["record_ids"]) for t in truth if t["typology"] == typology]
        raised = [set(a.record_ids) for a in alerts if a.typology == typology]
        evidence = set().union(*planted) if planted else set()
        true_alerts = sum(1 for r in raised if r & evidence)
        found = sum(1 for p in planted if any(p & r for r in raised))
        results[typology] = {
            "planted": len(planted),
            "alerts": len(raised),
            "precision": round(true_alerts / len(raised), 3) if raised else None,
            "recall": round(found / len(planted), 3) if planted else None,
        }
    return results


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


def score_resolution(entities: list[Entity], truth: list[dict]) -> dict[str, float]:
    """Pairwise precision, recall and F1 over the mentions the truth file labels."""
    predicted = {(m.record_id, m.role): e.id for e in entities for m in e.mentions}
    true_of = {(t["record_id"], t["role"]): t["entity_id"] for t in truth}
    cells: Counter[tuple[str, str]] = Counter()
    pred_sizes: Counter[str] = Counter()
    true_sizes: Counter[str] = Counter()
    for key, true_id in true_of.items():
        pred_id = predicted.get(key, f"single:{key}")
        cells[(pred_id, true_id)] += 1
        pred_sizes[pred_id] += 1
        true_sizes[true_id] += 1
    tp = sum(pair_count(n) for n in cells.values())
    pred_pairs = sum(pair_count(n) for n in pred_sizes.values())
    true_pairs = sum(pair_count(n) for n in true_sizes.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "mentions": len(true_of),
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def run_accuracy(args: argparse.Namespace) -> dict:
    engines = make_engines()
    report = {}
    for seed in args.seeds:
        world = make_world(args.workdir, seed, args.size)
        batch = read_records([world])
        analysis = analyze_records(batch.records, engines, rejected=batch.rejected)
        report[f"seed {seed}"] = {
            "records": len(batch.records),
            "rejected": len(batch.rejected),
            "typologies": score_typologies(analysis.alerts, read_jsonl(world / "truth.jsonl")),
            "entity_resolution": score_resolution(
                analysis.entities, read_jsonl(world / "truth_entities.jsonl")
            ),
            "timings": analysis.timings,
        }
        if args.show_misses:
            show_misses(analysis, read_jsonl(world / "truth.jsonl"))
    return report


def show_misses(analysis: Analysis, truth: list[dict]) -> None:
    """Print missed instances and false alerts, for tuning."""
    by_typology: dict[str, list[Alert]] = defaultdict(list)
    for alert in analysis.alerts:
        by_typology[alert.typology].append(alert)
    for typology in TYPOLOGIES:
        planted = [t for t in truth if t["typology"] == typology]
        evidence = {r for t in planted for r in t["record_ids"]}
        for t in planted:
            if not any(set(t["record_ids"]) & set(a.record_ids) for a in by_typology[typology]):
                print("MISS", typology, t["scheme"], t["record_ids"][:6], file=sys.stderr)
        for a in by_typology[typology]:
            if not set(a.record_ids) & evidence:
                print("FALSE", typology, a.reason[:160], a.record_ids[:4], file=sys.stderr)


def run_one_scale(args: argparse.Namespace) -> dict:
    """One size, end to end, in this process: read, analyse, write every output."""
    world = make_world(args.workdir, args.seeds[0], args.size)
    start = time.perf_counter()
    engines = make_engines()
    batch = read_records([world])
    read_done = time.perf_counter()
    analysis = analyze_records(batch.records, engines, rejected=batch.rejected)
    analysed = time.perf_counter()
    write_outputs(analysis, args.workdir / f"out-n{args.size}")
    end = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size": args.size,
        "records": len(batch.records),
        "read_s": round(read_done - start, 1),
        "analyse_s": round(analysed - read_done, 1),
        "write_s": round(end - analysed, 1),
        "total_s": round(end - start, 1),
        "peak_rss_mb": round(peak_kb / 1024),
        "steps": analysis.timings,
        "alerts": len(analysis.alerts),
        "entities": len(analysis.entities),
    }


def run_lifecycle(args: argparse.Namespace) -> dict:
    """The life-cycle steps alone, after resolution, each timed (wall and CPU), with the
    collector handled as ``analyze_records`` handles it (frozen records, then paused)."""
    world = make_world(args.workdir, args.seeds[0], args.size)
    records = read_records([world]).records
    gc.freeze()
    entity_of = index_mentions(resolve_mentions(extract_mentions(records)))
    gc.freeze()
    gc.disable()
    steps: dict[str, float] = {}
    clock, cpu = time.perf_counter(), time.process_time()
    deal = [r for r in records if r.type in lifecycle.DEAL_TYPES]
    uf = lifecycle._UnionFind(len(deal))

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps[step] = round(now - clock, 2)
        clock = now

    parties = [frozenset(entity_of[k] for k in lifecycle._party_keys(r) if k in entity_of)
               for r in deal]  # fmt: skip
    lap("parties")
    lifecycle.link_by_refs(deal, parties, uf)
    lap("refs")
    lifecycle.link_by_parties(deal, [lifecycle._sides(r, entity_of) for r in deal], uf)
    lap("parties_and_amounts")
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(deal)):
        groups[uf.find(index)].append(index)
    for members in groups.values():
        lifecycle.find_disagreements([deal[i] for i in members], entity_of)
    lap("disagreements")
    return {
        "size": args.size,
        "deal_records": len(deal),
        "deals": len(groups),
        "steps_s": steps,
        "cpu_s": round(time.process_time() - cpu, 2),
    }


def run_scale(args: argparse.Namespace) -> list[dict]:
    """Each size in a fresh process, so peak memory is measured per size."""
    rows = []
    for size in args.sizes:
        for seed in args.seeds[:1]:
            make_world(args.workdir, seed, size)  # generation is not part of the timing
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "one-scale",
                "--size",
                str(size),
                "--seeds",
                str(args.seeds[0]),
                "--workdir",
                str(args.workdir),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["accuracy", "scale", "one-scale", "lifecycle"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    parser.add_argument("--workdir", type=Path, default=WORKDIR)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.mode == "accuracy":
        result: object = run_accuracy(args)
    elif args.mode == "scale":
        result = run_scale(args)
    elif args.mode == "lifecycle":
        result = run_lifecycle(args)
    else:
        result = run_one_scale(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
