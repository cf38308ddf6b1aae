"""Screening benchmark: accuracy, calibration, speed and memory, side by side with the peer.

    .venv/bin/python benchmarks/screening.py accuracy          # labelled cross-list DPRK set
    .venv/bin/python benchmarks/screening.py calibrate         # fit Platt scaling (calib. fold)
    .venv/bin/python benchmarks/screening.py pairs             # OpenSanctions pairs, ours + peer
    .venv/bin/python benchmarks/screening.py speed --n 100000  # throughput and peak memory
    .venv/bin/python benchmarks/screening.py peer-queries      # 2,000 queries, ours vs peer

Results go to ``benchmarks/out/`` as JSON; the figures quoted in docs/benchmarks.md come
from these commands. The OpenSanctions pairs file is CC BY-NC: it is read in place from
../shared and never copied.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from interdictor.lists import parse_file
from interdictor.model import ListedEntity
from interdictor.model.ftm import to_ftm
from interdictor.screening import DEFAULT_THRESHOLD, Query, Screener, compare_entities
from interdictor.screening.batch import read_queries

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "benchmarks" / "out"
LABELS = ROOT / "benchmarks" / "data" / "dprk_crosslist" / "labels.csv"
PAIRS = SHARED / "names" / "opensanctions_pairs_dev500.jsonl.gz"
UN_2026 = SHARED / "sanctions" / "un" / "un_consolidated_2026-02-27.xml.gz"
OFAC_2024 = SHARED / "sanctions" / "ofac" / "sdn_2024-05-03.csv.gz"
EU_DPRK = SHARED / "sanctions" / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"
PEER_PYTHON = ROOT / "benchmarks" / ".peer-venv" / "bin" / "python"
PEER_RUNNER = ROOT / "benchmarks" / "peer" / "run_logic_v2.py"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def calibration_fold(query_id: str) -> bool:
    """Half of the labelled queries, fixed by a hash of the id, fit the calibration."""
    return hashlib.sha256(query_id.encode()).digest()[0] % 2 == 0


def read_labels() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def label_query(row: dict[str, str]) -> Query:
    country = (row.get("country") or "").strip().lower() or None
    return Query(
        name=row["query_name"],
        schema=row.get("schema") or None,
        country=country if country and len(country) == 2 else None,
        birth_date=(row.get("birth_date") or None),
        identifier=(row.get("identifier") or None),
        id=row["query_id"],
    )


def run_labelled(screener: Screener) -> list[dict[str, Any]]:
    """Top-5 candidates of every labelled query, with their scores and correctness."""
    results = []
    for row in read_labels():
        matches = screener.screen(label_query(row), threshold=0.0, limit=5)
        results.append(
            {
                "row": row,
                "candidates": [
                    {
                        "reference": m.entity.reference,
                        "name": m.entity.name,
                        "score": m.score,
                        "logit": m.explanation["logit"],
                        "correct": bool(row["expected_ref"])
                        and m.entity.reference == row["expected_ref"],
                    }
                    for m in matches
                ],
            }
        )
    return results


def decide(results: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    tp = fp = fn = 0
    by_difficulty: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for result in results:
        row = result["row"]
        expected = row["expected_ref"]
        above = [c for c in result["candidates"] if c["score"] >= threshold]
        top = above[0] if above else None
        counts = by_difficulty[row["difficulty"]]
        counts["n"] += 1
        if expected:
            if top is not None and top["reference"] == expected:
                tp += 1
                counts["tp"] += 1
                continue
            fn += 1
            counts["fn"] += 1
            if top is not None:
                fp += 1
                counts["fp"] += 1
            errors.append(("fn", row, top))
        elif top is not None:
            fp += 1
            counts["fp"] += 1
            errors.append(("fp", row, top))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": threshold,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "by_difficulty": {k: dict(v) for k, v in sorted(by_difficulty.items())},
        "errors": errors,
    }


def expected_calibration_error(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    totals = [0] * bins
    hits = [0] * bins
    mass = [0.0] * bins
    for score, correct in pairs:
        b = min(int(score * bins), bins - 1)
        totals[b] += 1
        hits[b] += correct
        mass[b] += score
    n = len(pairs) or 1
    return sum(abs(hits[b] - mass[b]) for b in range(bins) if totals[b]) / n


def scored_candidates(results: list[dict[str, Any]], fold: bool | None) -> list[dict[str, Any]]:
    """Every reported candidate (score >= 0.05), optionally restricted to one fold."""
    out = []
    for result in results:
        if fold is not None and calibration_fold(result["row"]["query_id"]) != fold:
            continue
        out.extend(c for c in result["candidates"] if c["score"] >= 0.05)
    return out


def fit_platt(candidates: list[dict[str, Any]]) -> tuple[float, float]:
    """Logistic regression of correctness on the logit (Newton's method, two parameters)."""
    a, b = 1.0, 0.0
    for _ in range(50):
        ga = gb = haa = hab = hbb = 0.0
        for c in candidates:
            x, y = c["logit"], 1.0 if c["correct"] else 0.0
            p = 1 / (1 + math.exp(-(a * x + b)))
            w = p * (1 - p) + 1e-9
            ga += (p - y) * x
            gb += p - y
            haa += w * x * x
            hab += w * x
            hbb += w
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-7:
            break
    return round(a, 4), round(b, 4)


def load_un() -> list[ListedEntity]:
    return parse_file(UN_2026).entities


def cmd_accuracy(_: argparse.Namespace) -> dict[str, Any]:
    screener = Screener(load_un())
    results = run_labelled(screener)
    default = decide(results, DEFAULT_THRESHOLD)
    sweep = [{k: v for k, v in decide(results, t).items() if k != "errors"} for t in THRESHOLDS]
    reported = scored_candidates(results, None)
    test_fold = scored_candidates(results, False)
    summary = {
        "labelled_queries": len(results),
        "positives": sum(1 for r in results if r["row"]["expected_ref"]),
        "default": {k: v for k, v in default.items() if k != "errors"},
        "sweep": sweep,
        "ece_all": round(
            expected_calibration_error([(c["score"], c["correct"]) for c in reported]), 4
        ),
        "ece_test_fold": round(
            expected_calibration_error([(c["score"], c["correct"]) for c in test_fold]), 4
        ),
        "share_exactly_1": round(
            sum(c["score"] >= 1.0 for c in reported) / max(len(reported), 1), 4
        ),
        "reported_candidates": len(reported),
    }
    write_errors(default["errors"])
    return summary


def write_errors(errors: list[tuple[str, dict[str, str], dict[str, Any] | None]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "screening_errors.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "kind",
                "query_id",
                "query_name",
                "expected_ref",
                "difficulty",
                "got_ref",
                "got_name",
                "score",
            ]
        )
        for kind, row, top in errors:
            writer.writerow(
                [
                    kind,
                    row["query_id"],
                    row["query_name"],
                    row["expected_ref"],
                    row["difficulty"],
                    top and top["reference"],
                    top and top["name"],
                    top and top["score"],
                ]
            )


def cmd_calibrate(_: argparse.Namespace) -> dict[str, Any]:
    results = run_labelled(Screener(load_un()))
    a, b = fit_platt(scored_candidates(results, True))
    return {
        "calibration": [a, b],
        "fold": "sha256(query_id)[0] even",
        "note": "paste into weights.CALIBRATION as (A*a, A*b+B)",
    }


def read_pairs() -> list[dict[str, Any]]:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def pair_metrics(scores: list[float], labels: list[bool], threshold: float) -> dict[str, Any]:
    tp = sum(s >= threshold and y for s, y in zip(scores, labels, strict=True))
    fp = sum(s >= threshold and not y for s, y in zip(scores, labels, strict=True))
    fn = sum(s < threshold and y for s, y in zip(scores, labels, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "threshold": threshold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0,
        "share_exactly_1": round(sum(s >= 1.0 for s in scores) / len(scores), 4),
        "share_exactly_0": round(sum(s <= 0.0 for s in scores) / len(scores), 4),
        "ece": round(expected_calibration_error(list(zip(scores, labels, strict=True))), 4),
    }


def cmd_pairs(args: argparse.Namespace) -> dict[str, Any]:
    pairs = read_pairs()
    labels = [p["judgement"] == "positive" for p in pairs]
    start = time.perf_counter()
    ours = [compare_entities(p["left"], p["right"]).score for p in pairs]
    ours_seconds = time.perf_counter() - start
    summary: dict[str, Any] = {
        "pairs": len(pairs),
        "positives": sum(labels),
        "ours": {
            **pair_metrics(ours, labels, DEFAULT_THRESHOLD),
            "seconds": round(ours_seconds, 3),
        },
    }
    named = [i for i, p in enumerate(pairs) if has_name(p["left"]) and has_name(p["right"])]
    summary["ours_named_pairs_only"] = pair_metrics(
        [ours[i] for i in named], [labels[i] for i in named], DEFAULT_THRESHOLD
    )
    summary["named_pairs"] = len(named)
    if PEER_PYTHON.exists():
        peer = run_peer_pairs(pairs)
        summary["peer_named_pairs_only"] = pair_metrics(
            [peer["scores"][i] for i in named], [labels[i] for i in named], 0.7
        )
        summary["peer_logic_v2"] = {
            **pair_metrics(peer["scores"], labels, 0.7),
            "seconds": round(peer["seconds"], 3),
        }
        summary["speed_ratio_ours_over_peer"] = round(peer["seconds"] / max(ours_seconds, 1e-9), 2)
    return summary


def has_name(entity: dict[str, Any]) -> bool:
    return bool(entity.get("properties", {}).get("name"))


def run_peer_pairs(pairs: list[dict[str, Any]]) -> dict[str, Any]:
    payload = "".join(
        json.dumps({"id": str(i), "left": p["left"], "right": p["right"]}) + "\n"
        for i, p in enumerate(pairs)
    )
    proc = subprocess.run(
        [str(PEER_PYTHON), str(PEER_RUNNER), "pairs"],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    rows.sort(key=lambda r: int(r["id"]))
    return {"scores": [r["score"] for r in rows], "seconds": sum(r["seconds"] for r in rows)}


def load_three_lists() -> list[ListedEntity]:
    return [
        *parse_file(UN_2026).entities,
        *parse_file(OFAC_2024).entities,
        *parse_file(EU_DPRK).entities,
    ]


def cmd_speed(args: argparse.Namespace) -> dict[str, Any]:
    queries_path = OUT / f"queries_{args.n}_{args.seed}.csv"
    ensure_queries(queries_path, args.n, args.seed)
    entities = load_three_lists()
    start = time.perf_counter()
    screener = Screener(entities)
    build_seconds = time.perf_counter() - start
    queries = [q for q in read_queries(queries_path) if isinstance(q, Query)]
    expected = read_expected(queries_path)
    start = time.perf_counter()
    cpu_start = time.process_time()
    found = 0
    hits = 0
    for query in queries:
        matches = screener.screen(query)
        if matches:
            found += 1
            if matches[0].entity.id in expected.get(query.id or "", set()):
                hits += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    listed = sum(1 for ids in expected.values() if ids)
    return {
        "entities": len(entities),
        "names_indexed": len(screener.index.name_owner),
        "queries": len(queries),
        "true_match_share": round(listed / max(len(queries), 1), 3),
        "index_build_seconds": round(build_seconds, 2),
        "screen_seconds": round(seconds, 2),
        "queries_per_second": round(len(queries) / seconds, 1),
        "queries_per_cpu_second": round(len(queries) / cpu_seconds, 1),
        "queries_with_match": found,
        "top1_correct_on_listed": round(hits / max(listed, 1), 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpu": "one core (single process, single thread)",
    }


def ensure_queries(path: Path, n: int, seed: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate_queries.py"),
            "--n",
            str(n),
            "--seed",
            str(seed),
            "--out",
            str(path),
        ],
        check=True,
    )


def read_expected(path: Path) -> dict[str, set[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["id"]: {r for r in (row.get("expected_refs") or "").split(";") if r}
            for row in csv.DictReader(handle)
        }


# Where logic-v2 is known to score 0: unspaced Hangul, Han without spaces, acronyms.
# Each left name is a real spelling of the right listing (EU DPRK file, UN list).
HARD_CASES = [
    ("Person", "김영철", "KIM Yong Chol"),
    ("Person", "렴영", "RYOM Yong"),
    ("Person", "박재경", "PAK Jae-gyong"),
    ("Person", "김정은", "Kim Jong Un"),
    ("Person", "金铁三", "Jin Tiesan"),
    ("Person", "金铁三", "Kim Chol Sam"),
    ("Organization", "KOMID", "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
    ("Organization", "GBAE", "GENERAL BUREAU OF ATOMIC ENERGY"),
    ("Organization", "KKBC", "KOREA KWANGSON BANKING CORPORATION"),
]


def cmd_hard_cases(_: argparse.Namespace) -> dict[str, Any]:
    pairs = [
        {
            "left": {"id": f"q{i}", "schema": schema, "properties": {"name": [left]}},
            "right": {"id": f"l{i}", "schema": schema, "properties": {"name": [right]}},
        }
        for i, (schema, left, right) in enumerate(HARD_CASES)
    ]
    ours = [compare_entities(p["left"], p["right"]).score for p in pairs]
    peer = run_peer_pairs(pairs)["scores"] if PEER_PYTHON.exists() else [None] * len(pairs)
    return {
        "cases": [
            {"query": left, "listed": right, "ours": o, "peer_logic_v2": p}
            for (_, left, right), o, p in zip(HARD_CASES, ours, peer, strict=True)
        ]
    }


PEER_SAMPLE = 2_000
PEER_THRESHOLD = 0.7  # logit-v2's own default cut-off in yente


def write_sample(source: Path, target: Path, size: int, seed: int) -> list[dict[str, str]]:
    """A fixed sample of query rows, drawn as the peer runner draws it."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        rows = list(reader)
    keep = sorted(random.Random(seed).sample(range(len(rows)), min(size, len(rows))))
    sample = [rows[i] for i in keep]
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(sample)
    return sample


def cmd_peer_queries(args: argparse.Namespace) -> dict[str, Any]:
    """The same 2,000 queries through both matchers, the peer fed our candidates."""
    queries_path = OUT / f"queries_{args.n}_{args.seed}.csv"
    ensure_queries(queries_path, args.n, args.seed)
    sample_path = OUT / "peer_sample.csv"
    write_sample(queries_path, sample_path, PEER_SAMPLE, args.seed)
    expected = read_expected(sample_path)
    entities = load_three_lists()
    entities_path = OUT / "three_lists.ftm.jsonl"
    with entities_path.open("w", encoding="utf-8") as handle:
        for entity in entities:
            handle.write(json.dumps(to_ftm(entity).to_dict()) + "\n")
    screener = Screener(entities)
    queries = [q for q in read_queries(sample_path) if isinstance(q, Query)]
    ours: dict[str, list[tuple[str, float]]] = {}
    start = time.process_time()
    for query in queries:
        ours[query.id or ""] = [(m.entity.id, m.score) for m in screener.screen(query)]
    ours_seconds = time.process_time() - start
    candidates_path = OUT / "peer_candidates.jsonl"
    with candidates_path.open("w", encoding="utf-8") as handle:
        for query in queries:
            ids = screener.candidate_entity_ids(query)
            handle.write(json.dumps({"id": query.id, "candidates": ids}) + "\n")
    summary: dict[str, Any] = {
        "queries": len(queries),
        "entities": len(entities),
        "ours": {
            **top1_quality(ours, expected, DEFAULT_THRESHOLD),
            "cpu_seconds": round(ours_seconds, 3),
            "queries_per_cpu_second": round(len(queries) / ours_seconds, 1),
        },
    }
    if PEER_PYTHON.exists():
        for label, extra in (
            ("peer_given_our_candidates", ["--candidates", str(candidates_path)]),
            ("peer_own_token_index", ["--top", "50"]),
        ):
            peer, peer_summary = run_peer_screen(sample_path, entities_path, extra)
            summary[label] = {
                **top1_quality(peer, expected, PEER_THRESHOLD),
                "cpu_seconds": peer_summary["cpu_seconds_total"],
                "queries_per_cpu_second": peer_summary["queries_per_cpu_second_total"],
                "pairs_scored": peer_summary["pairs_scored"],
            }
        summary["speed_ratio_ours_over_peer_same_candidates"] = round(
            summary["ours"]["queries_per_cpu_second"]
            / summary["peer_given_our_candidates"]["queries_per_cpu_second"],
            1,
        )
    return summary


def run_peer_screen(
    sample: Path, entities: Path, extra: list[str]
) -> tuple[dict[str, list[tuple[str, float]]], dict[str, Any]]:
    out, summary_path = OUT / "peer_matches.jsonl", OUT / "peer_summary.json"
    subprocess.run(
        [
            str(PEER_PYTHON),
            str(PEER_RUNNER),
            "screen",
            "--queries",
            str(sample),
            "--entities",
            str(entities),
            "--output",
            str(out),
            "--summary",
            str(summary_path),
            *extra,
        ],
        check=True,
    )
    matches = {}
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            matches[row["id"]] = [(m["entity_id"], m["score"]) for m in row["matches"]]
    return matches, json.loads(summary_path.read_text())


def top1_quality(
    results: dict[str, list[tuple[str, float]]], expected: dict[str, set[str]], threshold: float
) -> dict[str, Any]:
    """Top-1 correctness on listed queries and false alarms on unlisted ones."""
    listed = correct = false_alarms = unlisted = 0
    for qid, ids in expected.items():
        above = [(e, s) for e, s in results.get(qid, []) if s >= threshold]
        if ids:
            listed += 1
            correct += bool(above and above[0][0] in ids)
        else:
            unlisted += 1
            false_alarms += bool(above)
    return {
        "threshold": threshold,
        "top1_correct_on_listed": round(correct / max(listed, 1), 4),
        "false_alarm_rate_on_unlisted": round(false_alarms / max(unlisted, 1), 4),
        "listed": listed,
        "unlisted": unlisted,
    }


COMMANDS = {
    "accuracy": cmd_accuracy,
    "calibrate": cmd_calibrate,
    "pairs": cmd_pairs,
    "speed": cmd_speed,
    "peer-queries": cmd_peer_queries,
    "hard-cases": cmd_hard_cases,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    summary = COMMANDS[args.command](args)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"screening_{args.command}.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
