"""Entry retrieval with catalogue text and with sentence embeddings, on the labelled goods set.

Five systems on the rows of ``benchmarks/data/goods_eval.csv``:

(a) the classifier with its lexicon only (``Classifier(fallback=False)``);
(b) the lexical catalogue-text retrieval alone (``goods.retrieval.CatalogueIndex``);
(c) all-MiniLM-L6-v2 alone: cosine between the line and each catalogue passage (the same
    passages as (b)), an entry ranked by its best passage;
(d) the classifier with the lexical fallback (the application's default);
(e) the classifier with a MiniLM fallback in its place (same gating, same HS check).

For each: top-1 and top-3 entry accuracy on controlled rows, controlled precision/recall
at the system's operating point, controlled recall at precision >= 0.85 (a threshold on
the line's best score), mislabel precision/recall for the classifiers, and the per-line
cost. The MiniLM fallback's listing threshold is set the way the lexical one was: the
lowest cosine at which the benign sweep (1,414 HS texts of food, apparel, furniture and
toy chapters) still lists nothing.

MiniLM runs in its own virtualenv (torch is not a dependency of the application):

    benchmarks/embeddings/setup.sh
    .venv/bin/python benchmarks/goods_embeddings.py [--max-id 562] [--markdown FILE.md]

Rows after ``--max-id`` are never read (default 562: batch E, G0563 on, is held out and
run once elsewhere; ``--exclude-split batch-E`` says the same).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from interdictor.goods import retrieval
from interdictor.goods.classify import (
    FALLBACK_MIN_CONFIDENCE,
    Classification,
    Classifier,
    GoodsLine,
)
from interdictor.goods.hs import HSNomenclature
from interdictor.goods.retrieval import CatalogueIndex, RetrievalHit, terms_of

HERE = Path(__file__).resolve().parent
EVAL_FILE = HERE / "data" / "goods_eval.csv"
EMBED_PYTHON = HERE / ".embed-venv" / "bin" / "python"
EMBED_WORKER = HERE / "embeddings" / "embed.py"
HELD_OUT_FROM = 563  # batch E
PRECISION_TARGET = 0.85
FOR = re.compile(r"\bfor\b", re.IGNORECASE)  # as classify.intangible_controls drops it
TIMING_PASSES = 3
# id ranges of the labelled set (see benchmarks/data/goods_eval_NOTES.md)
SPLITS: tuple[tuple[str, int, int], ...] = (
    ("G0001-G0349", 1, 349),
    ("fresh A-C", 350, 492),
    ("batch D", 493, 562),
    ("batch E", 563, 10**6),
)


def split_of(number: int) -> str:
    return next(name for name, low, high in SPLITS if low <= number <= high)


def read_rows(path: Path, max_id: int) -> list[dict[str, str]]:
    """Read the labelled rows up to ``max_id``; later rows are skipped unread."""
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if int(row["id"][1:]) <= max_id]


def benign_lines() -> list[GoodsLine]:
    """The benign sweep of benchmarks/goods.py: HS texts of chapters 01-24, 61-67, 94-96."""
    codes = HSNomenclature.load("2022").codes(6)
    return [
        GoodsLine(c.code, c.description, c.code)
        for c in codes
        if int(c.code[:2]) <= 24 or 61 <= int(c.code[:2]) <= 67 or 94 <= int(c.code[:2]) <= 96
    ]


class EmbeddingSearch:
    """MiniLM rankings (computed in the embedding venv) behind the classifier's fallback.

    ``threshold`` is the cosine from which an entry is listed: the hit's confidence is the
    cosine scaled so that ``threshold`` lands on the classifier's FALLBACK_MIN_CONFIDENCE.
    """

    def __init__(self, rankings: dict[str, list[tuple[str, float]]], threshold: float):
        self.rankings = rankings
        self.threshold = threshold
        self.calls = 0
        self.top_cosines: list[float] = []

    def search(self, text: str, limit: int = 5) -> list[RetrievalHit]:
        self.calls += 1
        stems = frozenset(t.stem for t in terms_of(text) if not t.purpose)
        ranked = self.rankings[text][:limit]
        if ranked:
            self.top_cosines.append(ranked[0][1])
        scale = FALLBACK_MIN_CONFIDENCE / self.threshold
        return [
            RetrievalHit(
                entry,
                cosine,
                cosine * scale,
                entry,
                [f"cosine {cosine:.2f}"],
                True,
                0.0,
                stems=stems,
            )  # fmt: skip
            for entry, cosine in ranked
        ]


@dataclass
class Figures:
    """Counts for one system on one split."""

    controlled_rows: int = 0
    top1: int = 0
    top3: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    mis_tp: int = 0
    mis_fp: int = 0
    mis_fn: int = 0
    scored: list[tuple[float, bool]] = field(default_factory=list)  # (line score, controlled)

    def add(
        self,
        row: dict[str, str],
        ranked: list[str],
        predicted: bool,
        score: float,
        flagged: bool | None,
    ) -> None:
        expected = row["controlled"] == "yes"
        self.scored.append((score, expected))
        self.tp += expected and predicted
        self.fp += (not expected) and predicted
        self.fn += expected and not predicted
        if expected:
            self.controlled_rows += 1
            self.top1 += ranked[:1] == [row["expected_entry"]]
            self.top3 += row["expected_entry"] in ranked[:3]
        if flagged is not None:
            mislabelled = row["mislabelled"] == "yes"
            self.mis_tp += mislabelled and flagged
            self.mis_fp += (not mislabelled) and flagged
            self.mis_fn += mislabelled and not flagged

    def recall_at_precision(self, target: float = PRECISION_TARGET) -> float:
        """The best controlled recall of a threshold on the line score with precision >= target."""
        positives = sum(1 for _, c in self.scored if c)
        best = 0.0
        tp = fp = 0
        ordered = sorted(self.scored, key=lambda pair: -pair[0])
        for i, (score, controlled) in enumerate(ordered):
            tp += controlled
            fp += not controlled
            if i + 1 < len(ordered) and ordered[i + 1][0] == score:
                continue
            if score > 0 and tp / (tp + fp) >= target:
                best = max(best, tp / positives if positives else 0.0)
        return best


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def classifier_row(result: Classification) -> tuple[list[str], bool, float, bool]:
    listed = [c for c in result.controls if not c.below_threshold]
    score = max((c.score for c in listed), default=0.0)
    return [c.entry for c in listed], result.controlled, score, result.hs.mislabelled


def search_row(hits: list[RetrievalHit], threshold: float) -> tuple[list[str], bool, float]:
    best = hits[0].confidence if hits else 0.0
    return [h.entry for h in hits], best >= threshold, best


def cpu_ms_per_line(work: Callable[[str], object], texts: list[str]) -> float:
    """CPU milliseconds per call, caches warm (the first pass is not counted)."""
    for text in texts:
        work(text)
    started = time.process_time()
    for _ in range(TIMING_PASSES):
        for text in texts:
            work(text)
    return (time.process_time() - started) * 1000 / (TIMING_PASSES * len(texts))


def run_embeddings(
    index: CatalogueIndex, queries: Iterable[str], python: Path
) -> dict[str, object]:
    """Run the MiniLM worker in its own venv; return its rankings and timings."""
    if not python.exists():
        sys.exit(f"{python} not found: run benchmarks/embeddings/setup.sh first")
    passages = [[p.entry, p.text] for p in index.passages if p.text]
    with tempfile.TemporaryDirectory() as folder:
        job, out = Path(folder) / "job.json", Path(folder) / "out.json"
        job.write_text(json.dumps({"passages": passages, "queries": list(queries)}), "utf-8")
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        subprocess.run([str(python), str(EMBED_WORKER), str(job), str(out)], check=True, env=env)
        result: dict[str, object] = json.loads(out.read_text("utf-8"))
    return result


def sweep_threshold(rankings: dict[str, list[tuple[str, float]]], sweep: list[GoodsLine]) -> float:
    """The lowest cosine (to 0.001) at which the MiniLM fallback lists no benign sweep line."""
    low, high = 0.0, 1.0
    while high - low > 0.001:
        middle = (low + high) / 2
        classifier = Classifier(retrieval=EmbeddingSearch(rankings, middle))
        if any(classifier.classify(line).controlled for line in sweep):
            low = middle
        else:
            high = middle
    return round(high, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-id", type=int, default=HELD_OUT_FROM - 1)
    parser.add_argument("--exclude-split", choices=["batch-E"], default="batch-E")
    parser.add_argument("--embed-python", type=Path, default=EMBED_PYTHON)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    max_id = min(args.max_id, HELD_OUT_FROM - 1) if args.exclude_split else args.max_id
    rows = read_rows(EVAL_FILE, max_id)
    sweep = benign_lines()

    lexicon_only = Classifier(fallback=False)
    with_lexical = Classifier()
    index = with_lexical.retrieval
    assert isinstance(index, CatalogueIndex)
    descriptions = [r["description"] for r in rows]
    # Software/technology lines are also searched without "for" (classify.intangible_controls).
    texts = list(dict.fromkeys([*descriptions, *(FOR.sub(" ", d) for d in descriptions),
                                *(g.description for g in sweep)]))  # fmt: skip
    embedded = run_embeddings(index, texts, args.embed_python)
    raw = embedded["rankings"]
    assert isinstance(raw, list)
    rankings = {t: [(e, float(s)) for e, s in ranked] for t, ranked in zip(texts, raw, strict=True)}

    # The MiniLM listing threshold: the lowest cosine at which the benign sweep lists nothing.
    threshold = sweep_threshold(rankings, sweep)
    minilm = EmbeddingSearch(rankings, threshold)
    with_minilm = Classifier(retrieval=minilm)

    lexical_threshold = FALLBACK_MIN_CONFIDENCE
    systems = ["a", "b", "c", "d", "e"]
    names = {
        "a": "(a) classifier, lexicon only",
        "b": "(b) lexical catalogue retrieval alone",
        "c": "(c) MiniLM cosine over catalogue passages alone",
        "d": "(d) classifier + lexical fallback",
        "e": "(e) classifier + MiniLM fallback",
    }
    split_names = [name for name, low, _ in SPLITS if low <= max_id]
    figures = {(s, split): Figures() for s in systems for split in [*split_names, "all"]}
    benign_listed = dict.fromkeys(systems, 0)
    minilm.calls = 0
    for row in rows:
        line = GoodsLine.from_dict(row)
        split = split_of(int(row["id"][1:]))
        results = {
            "a": classifier_row(lexicon_only.classify(line)),
            "d": classifier_row(with_lexical.classify(line)),
            "e": classifier_row(with_minilm.classify(line)),
        }
        for s, (ranked, predicted, score, flagged) in results.items():
            for name in (split, "all"):
                figures[(s, name)].add(row, ranked, predicted, score, flagged)
        lexical = search_row(index.search(row["description"]), lexical_threshold)
        cosine = [(e, c) for e, c in rankings[row["description"]]]
        dense = ([e for e, _ in cosine], bool(cosine) and cosine[0][1] >= threshold,
                 cosine[0][1] if cosine else 0.0)  # fmt: skip
        for s, (ranked, predicted, score) in (("b", lexical), ("c", dense)):
            for name in (split, "all"):
                figures[(s, name)].add(row, ranked, predicted, score, None)
    fallback_share = minilm.calls / len(rows) if rows else 0.0
    for line in sweep:
        benign_listed["a"] += lexicon_only.classify(line).controlled
        benign_listed["d"] += with_lexical.classify(line).controlled
        benign_listed["e"] += with_minilm.classify(line).controlled
        benign_listed["b"] += search_row(index.search(line.description), lexical_threshold)[1]
        top = rankings[line.description]
        benign_listed["c"] += bool(top) and top[0][1] >= threshold

    lines = [GoodsLine.from_dict(r) for r in rows]
    by_text = {line.description: line for line in lines}
    # Retrieval results are remembered per text: time the work itself, not the memory.
    retrieval.MAX_CACHED_SEARCHES = -1
    cost = {
        "a": cpu_ms_per_line(lambda t: lexicon_only.classify(by_text[t]), descriptions),
        "b": cpu_ms_per_line(lambda t: index.rank(t, 5), descriptions),
        "d": cpu_ms_per_line(lambda t: with_lexical.classify(by_text[t]), descriptions),
    }
    single = float(str(embedded["query_ms_single_thread_one_by_one"]))
    cost["c"] = single
    cost["e"] = cost["a"] + fallback_share * single
    cost_note = {
        "a": "measured",
        "b": "measured (uncached)",
        "c": "measured, one line at a time, one thread",
        "d": "measured (retrieval uncached)",
        "e": f"(a) + {fallback_share:.0%} of lines reaching the fallback x (c)",
    }

    out = [
        "### Embeddings against the lexical fallback",
        "",
        f"Rows G0001-G{max_id:04d} of `benchmarks/data/goods_eval.csv` ({len(rows)} lines; "
        f"batch E, G{HELD_OUT_FROM:04d} on, not read). Top-k on controlled rows; "
        f"controlled precision/recall at the operating point; recall at precision >= "
        f"{PRECISION_TARGET} from a threshold on the line's best score.",
        "",
    ]
    for split in [*split_names, "all"]:
        count = sum(1 for r in rows if split == "all" or split_of(int(r["id"][1:])) == split)
        if not count:
            continue
        out += [
            f"**{split}** ({count} rows)",
            "",
            "| system | top-1 | top-3 | controlled P / R | recall at P>=0.85 | mislabel P / R |",
            "|---|---|---|---|---|---|",
        ]
        for s in systems:
            f = figures[(s, split)]
            mis = (
                f"{ratio(f.mis_tp, f.mis_tp + f.mis_fp)} / {ratio(f.mis_tp, f.mis_tp + f.mis_fn)}"
                if s in "ade"
                else ""
            )
            out.append(
                f"| {names[s]} | {ratio(f.top1, f.controlled_rows)} | "
                f"{ratio(f.top3, f.controlled_rows)} | {ratio(f.tp, f.tp + f.fp)} / "
                f"{ratio(f.tp, f.tp + f.fn)} | {f.recall_at_precision():.3f} | {mis} |"
            )
        out.append("")
    out += [
        f"| system | CPU ms per line | how | benign sweep lines listed (of {len(sweep):,}) |",
        "|---|---|---|---|",
    ]
    for s in systems:
        out.append(f"| {names[s]} | {cost[s]:.3f} | {cost_note[s]} | {benign_listed[s]} |")
    out += [
        "",
        f"Operating points: lexical confidence >= {lexical_threshold} (the application's "
        f"FALLBACK_MIN_CONFIDENCE); MiniLM cosine >= {threshold} (the lowest at which the "
        "classifier's MiniLM fallback lists none of the benign sweep).",
        f"MiniLM: model load {float(str(embedded['load_seconds'])):.1f} s, "
        f"{embedded['passages']} passages encoded in "
        f"{float(str(embedded['passage_seconds'])):.1f} s; a query costs "
        f"{single:.2f} ms one by one and "
        f"{float(str(embedded['query_ms_single_thread_batched'])):.2f} ms batched (64), "
        f"one thread; torch {embedded['torch']}.",
        "",
        "Command: `benchmarks/embeddings/setup.sh && .venv/bin/python "
        f"benchmarks/goods_embeddings.py --max-id {max_id}`",
        f"Machine: {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs.",
    ]
    text = "\n".join(out)
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
