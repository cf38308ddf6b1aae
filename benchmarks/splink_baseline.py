"""Splink 5 (DuckDB) as the entity-resolution baseline, on the same generated world.

    /tmp/splink-venv/bin/python benchmarks/splink_baseline.py WORLD_DIR [--threshold 0.9]

Runs in its own virtualenv (benchmarks/splink-requirements.txt), so it reads the record
files directly rather than through the interdictor package. Party mentions are keyed
"record id|role" like ``truth_entities.jsonl``; the output is pairwise precision, recall
and F1 over the labelled mentions, as in ``benchmarks/network.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI

PARTY_ROLES = (
    "buyer",
    "seller",
    "end_user",
    "applicant",
    "beneficiary",
    "issuing_bank",
    "advising_bank",
    "payer",
    "payee",
    "payer_bank",
    "payee_bank",
    "insurer",
    "insured",
    "carrier",
    "shipper",
    "consignee",
    "notify_party",
    "declarant",
    "exporter",
    "importer",
    "company",
    "formation_agent",
)
LIST_ROLES = ("officers", "shareholders")
LEGAL_FORMS = re.compile(
    r"\b(co|company|corp|corporation|inc|ltd|limited|llc|gmbh|fze|fzco|plc|sdn bhd|pte|jsc|"
    r"ooo|sa|ag|bv|srl|spa|pvt)\b"
)


def clean(text: str | None) -> str:
    """ASCII lower case, punctuation and legal forms out: the same footing as our resolver."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9 ]+", " ", folded.lower())
    return re.sub(r"\s+", " ", LEGAL_FORMS.sub(" ", words)).strip()


def make_row(record_id: str, role: str, party: dict) -> dict | None:
    name = clean(party.get("name"))
    if not name or name.startswith("to order"):
        return None
    digits = re.sub(r"\D", "", party.get("phone") or "")
    return {
        "unique_id": f"{record_id}|{role}",
        "name": name,
        "name_key": name.replace(" ", "")[:6],
        "country": (party.get("country") or "").upper() or None,
        "phone": digits[-9:] or None,
        "email": (party.get("email") or "").lower() or None,
        "identifier": re.sub(r"\W", "", party.get("identifier") or "").upper() or None,
        "address": clean(party.get("address")) or None,
        "kind": "person" if role.startswith("officers") else "party",
    }


def read_mentions(world: Path) -> list[dict]:
    rows = []
    for path in sorted(world.glob("*.jsonl")):
        if path.name.startswith(("truth", "lookalike")):
            continue
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            for role in PARTY_ROLES:
                if isinstance(record.get(role), dict):
                    rows.append(make_row(record["id"], role, record[role]))
            for role in LIST_ROLES:
                for index, party in enumerate(record.get(role) or []):
                    if isinstance(party, dict):
                        rows.append(make_row(record["id"], f"{role}.{index}", party))
    return [r for r in rows if r]


def make_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.97, 0.92, 0.85]),
            cl.ExactMatch("country"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("email"),
            cl.ExactMatch("identifier"),
            cl.LevenshteinAtThresholds("address", [2, 6]),
            cl.ExactMatch("kind"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("name_key", "country"),
            block_on("phone"),
            block_on("email"),
            block_on("identifier"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def run_splink(rows: list[dict], threshold: float) -> dict[str, str]:
    """unique_id -> cluster id."""
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(rows), make_settings())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name", "country"), block_on("identifier")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("phone"))
    predictions = linker.inference.predict(threshold_match_probability=threshold / 2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    table = clusters.as_pyarrow_table()
    return dict(zip(table["unique_id"].to_pylist(), table["cluster_id"].to_pylist(), strict=True))


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


def score(cluster_of: dict[str, str], world: Path) -> dict[str, float]:
    cells: Counter[tuple[str, str]] = Counter()
    pred: Counter[str] = Counter()
    true: Counter[str] = Counter()
    for line in (world / "truth_entities.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        key = f"{item['record_id']}|{item['role']}"
        p = str(cluster_of.get(key, "single:" + key))
        cells[(p, item["entity_id"])] += 1
        pred[p] += 1
        true[item["entity_id"]] += 1
    tp = sum(pair_count(n) for n in cells.values())
    precision = tp / max(sum(pair_count(n) for n in pred.values()), 1)
    recall = tp / max(sum(pair_count(n) for n in true.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("world", type=Path)
    parser.add_argument("--threshold", type=float, default=0.9)
    args = parser.parse_args()
    start = time.perf_counter()
    rows = read_mentions(args.world)
    cluster_of = run_splink(rows, args.threshold)
    result = {
        "mentions": len(rows),
        **score(cluster_of, args.world),
        "seconds": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
