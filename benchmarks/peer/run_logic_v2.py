"""Run the peer matcher, nomenklatura's logic-v2, on entity pairs or on screening queries.

Run it with the peer's own interpreter (see setup.sh):

    benchmarks/.peer-venv/bin/python benchmarks/peer/run_logic_v2.py pairs \
        --input PAIRS.jsonl[.gz] --output SCORES.jsonl
    benchmarks/.peer-venv/bin/python benchmarks/peer/run_logic_v2.py screen \
        --queries QUERIES.csv --entities LISTS.ftm.jsonl --sample 2000 --seed 7 \
        --output MATCHES.jsonl --summary SUMMARY.json

`pairs` reads JSON lines `{"id", "left", "right"}` (FtM entity dicts; a missing id becomes
the 0-based line number, so the OpenSanctions pairs file can be read as it is) from a file
or stdin and writes `{"id", "score", "seconds"}` lines. Pairs without names are scored too.

`screen` scores each query (CSV columns id,name,schema,country,birth_date,identifier; the
labelled set's query_id/query_name are accepted too) against
candidate list entities. logic-v2 has no index of its own (yente uses Elasticsearch), so
the candidates are either given (`--candidates FILE`, JSON lines `{"id", "candidates": [entity
ids]}`, e.g. the candidates the interdictor screener considered) or found here: every entity
sharing a name token with the query, ranked by the summed inverse document frequency of the
shared tokens, best `--top` (default 50) kept. The summary reports queries per second for
scoring alone and end to end (with candidate search), and peak memory.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import platform
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any, TextIO

from followthemoney import EntityProxy, model
from followthemoney.types import registry
from nomenklatura.matching import LogicV2, ScoringConfig
from rigour.names import tokenize_name

QUERY_SCHEMAS = {"Person", "LegalEntity", "Organization", "Company", "Vessel", "Airplane"}


def open_text(path: Path | None) -> TextIO:
    """Open a (possibly gzipped) text file, or stdin when no path is given."""
    if path is None or str(path) == "-":
        return sys.stdin
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_pairs(handle: TextIO) -> Iterator[tuple[Any, EntityProxy, EntityProxy]]:
    """Yield (id, left, right); a bad line is reported on stderr and set aside."""
    for number, line in enumerate(handle):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            left = model.get_proxy(data["left"], cleaned=False)
            right = model.get_proxy(data["right"], cleaned=False)
        except (ValueError, KeyError, TypeError) as exc:
            print(f"line {number + 1}: set aside: {exc}", file=sys.stderr)
            continue
        # logic-v2 caches name analysis by entity id (EntityProxy hashes by id), so an id
        # seen before with other names would be scored from stale names: make ids unique.
        left.id, right.id = f"{number}-left-{left.id}", f"{number}-right-{right.id}"
        yield data.get("id", number), left, right


def warm_up(config: ScoringConfig) -> None:
    """Compare one pair untimed: the first comparison loads rigour's name data (seconds)."""
    left, right = model.make_entity("Person"), model.make_entity("Person")
    left.id, right.id = "warm-up-left", "warm-up-right"
    left.add("name", "Kim Jong Un")
    right.add("name", "Kim Jong-un")
    LogicV2.compare(left, right, config)


def score_pairs(source: TextIO, out: TextIO) -> int:
    """Score every pair with logic-v2 and write one result line per pair."""
    config = ScoringConfig.defaults()
    warm_up(config)
    count = 0
    for pair_id, left, right in read_pairs(source):
        start = time.perf_counter()
        score = LogicV2.compare(left, right, config).score
        seconds = time.perf_counter() - start
        out.write(json.dumps({"id": pair_id, "score": score, "seconds": seconds}) + "\n")
        count += 1
    return count


def make_query(row: dict[str, str]) -> EntityProxy:
    """Build the FtM query entity yente would build from a screening row."""
    schema = row.get("schema") or "LegalEntity"
    entity = model.make_entity(schema if schema in QUERY_SCHEMAS else "LegalEntity")
    entity.id = row["id"]
    entity.add("name", row.get("name"), quiet=True)
    country_prop = "nationality" if entity.schema.name == "Person" else "country"
    entity.add(country_prop, row.get("country") or None, quiet=True)
    if entity.schema.name == "Person":
        entity.add("birthDate", row.get("birth_date") or None, quiet=True)
    identifier = (row.get("identifier") or "").strip()
    if identifier:
        is_imo = entity.schema.name == "Vessel" and identifier.upper().lstrip("IMO ").isdigit()
        entity.add("imoNumber" if is_imo else "idNumber", identifier, quiet=True)
    return entity


def tokens_of(names: list[str]) -> set[str]:
    """Case-folded name tokens used for candidate search."""
    return {t.casefold() for name in names for t in tokenize_name(name) if len(t) > 1}


class TokenIndex:
    """An inverted index from name tokens to entities, with IDF-ranked lookup."""

    def __init__(self, entities: list[EntityProxy]) -> None:
        self.entities = entities
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, entity in enumerate(entities):
            for token in tokens_of(entity.get_type_values(registry.name)):
                self.postings[token].append(index)
        total = max(len(entities), 1)
        self.idf = {t: math.log(total / len(p)) + 1.0 for t, p in self.postings.items()}

    def search(self, query: EntityProxy, top: int) -> list[EntityProxy]:
        """Return the `top` entities sharing the most (IDF-weighted) name tokens."""
        weights: dict[int, float] = defaultdict(float)
        for token in tokens_of(query.get("name")):
            for index in self.postings.get(token, ()):
                weights[index] += self.idf[token]
        best = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top]
        return [self.entities[index] for index, _ in best]


def read_entities(path: Path) -> list[EntityProxy]:
    """Read list entities from FtM JSON lines; bad lines are reported and set aside."""
    entities = []
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            try:
                entities.append(model.get_proxy(json.loads(line), cleaned=False))
            except (ValueError, KeyError, TypeError) as exc:
                print(f"{path} line {number}: set aside: {exc}", file=sys.stderr)
    return entities


def read_queries(path: Path, sample: int, seed: int) -> list[dict[str, str]]:
    """Read the query CSV; keep a fixed sample (rows at sorted(Random(seed).sample(...)))."""
    with open_text(path) as handle:
        rows = [normalise_columns(row) for row in csv.DictReader(handle)]
    if 0 < sample < len(rows):
        keep = sorted(random.Random(seed).sample(range(len(rows)), sample))
        rows = [rows[i] for i in keep]
    return rows


def normalise_columns(row: dict[str, str]) -> dict[str, str]:
    """Accept the labelled set's query_id/query_name columns as id/name."""
    row.setdefault("id", row.get("query_id", ""))
    row.setdefault("name", row.get("query_name", ""))
    return row


def read_candidates(path: Path | None) -> dict[str, list[str]] | None:
    """Read given candidate lists, {"id", "candidates": [...]} per line."""
    if path is None:
        return None
    with open_text(path) as handle:
        return {str(d["id"]): list(d["candidates"]) for d in map(json.loads, handle)}


def screen(args: argparse.Namespace, out: TextIO) -> dict[str, Any]:
    """Screen the queries and return the timing summary."""
    entities = read_entities(args.entities)
    by_id = {e.id: e for e in entities}
    given = read_candidates(args.candidates)
    index = None if given is not None else TokenIndex(entities)
    config = ScoringConfig.defaults()
    warm_up(config)
    queries = read_queries(args.queries, args.sample, args.seed)
    search_seconds = score_seconds = 0.0
    pairs = 0
    cpu_start = time.process_time()
    for row in queries:
        query = make_query(row)
        start = time.perf_counter()
        if given is not None:
            candidates = [by_id[c] for c in given.get(row["id"], []) if c in by_id]
        else:
            candidates = index.search(query, args.top) if index else []
        middle = time.perf_counter()
        scored = [(LogicV2.compare(query, c, config).score, c.id) for c in candidates]
        score_seconds += time.perf_counter() - middle
        search_seconds += middle - start
        pairs += len(candidates)
        scored.sort(key=lambda item: (-item[0], item[1]))
        matches = [{"entity_id": e, "score": s} for s, e in scored[: args.limit]]
        out.write(json.dumps({"id": row["id"], "matches": matches}) + "\n")
    cpu = time.process_time() - cpu_start
    summary = summarise(len(queries), pairs, score_seconds, search_seconds, len(entities), args)
    # CPU time is the fairer figure on a shared machine; wall time includes waiting.
    summary["cpu_seconds_total"] = round(cpu, 3)
    summary["queries_per_cpu_second_total"] = round(len(queries) / cpu, 2) if cpu else None
    return summary


def summarise(
    queries: int, pairs: int, score_s: float, search_s: float, entities: int, args: Any
) -> dict[str, Any]:
    """Assemble the run summary: throughput, memory and versions."""
    return {
        "matcher": LogicV2.NAME,
        "nomenklatura": version("nomenklatura"),
        "followthemoney": version("followthemoney"),
        "python": platform.python_version(),
        "entities": entities,
        "queries": queries,
        "pairs_scored": pairs,
        "candidates": "given" if args.candidates else f"token-IDF top {args.top}",
        "scoring_seconds": round(score_s, 3),
        "candidate_search_seconds": round(search_s, 3),
        "queries_per_second_scoring": round(queries / score_s, 2) if score_s else None,
        "queries_per_second_total": round(queries / (score_s + search_s), 2) if queries else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    pairs = sub.add_parser("pairs", help="score {id, left, right} JSON lines")
    pairs.add_argument("--input", type=Path, default=None, help="file (.gz ok); default stdin")
    pairs.add_argument("--output", type=Path, default=None, help="default stdout")
    scr = sub.add_parser("screen", help="screen a query CSV against FtM list entities")
    scr.add_argument("--queries", type=Path, required=True)
    scr.add_argument("--entities", type=Path, required=True, help="FtM JSON lines")
    scr.add_argument("--candidates", type=Path, default=None, help="given candidate ids")
    scr.add_argument("--sample", type=int, default=0, help="fixed sample size; 0 = all")
    scr.add_argument("--seed", type=int, default=7)
    scr.add_argument("--top", type=int, default=50, help="candidates per query")
    scr.add_argument("--limit", type=int, default=5, help="matches written per query")
    scr.add_argument("--output", type=Path, default=None, help="default stdout")
    scr.add_argument("--summary", type=Path, default=None, help="summary JSON; default stderr")
    return parser.parse_args(argv)


def main() -> None:
    """Command-line entry point."""
    args = parse_args()
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    with out:
        if args.mode == "pairs":
            with open_text(args.input) as source:
                count = score_pairs(source, out)
            print(f"{count} pairs scored with {LogicV2.NAME}", file=sys.stderr)
            return
        summary = screen(args, out)
    text = json.dumps(summary, indent=2)
    if args.summary:
        args.summary.write_text(text + "\n", encoding="utf-8")
    print(text, file=sys.stderr)


if __name__ == "__main__":
    main()
