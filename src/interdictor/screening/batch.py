"""Batch screening: a CSV or JSON-lines file of parties in, JSON lines of matches out.

Input columns: ``id,name,schema,country,birth_date,identifier``. A bad row is
reported with its line number and set aside; the rest is screened.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from interdictor.errors import InvalidInput
from interdictor.files import open_text
from interdictor.screening.engine import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Match, Screener
from interdictor.screening.query import Query, make_query

INPUT_FIELDS = ("id", "name", "schema", "country", "birth_date", "identifier")


@dataclass(slots=True)
class BatchSummary:
    screened: int = 0
    with_matches: int = 0
    rejected: list[InvalidInput] = field(default_factory=list)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, row, error) for each record of a CSV or JSON-lines file."""
    name = path.name.removesuffix(".gz")
    with open_text(path) as handle:
        if name.endswith(".jsonl") or name.endswith(".json"):
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    yield lineno, None, f"not valid JSON ({exc})"
                    continue
                if not isinstance(row, dict):
                    yield lineno, None, "a line must hold one JSON object"
                    continue
                yield lineno, row, None
        elif name.endswith(".csv"):
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "name" not in reader.fieldnames:
                raise InvalidInput("the CSV header must include a 'name' column", source=str(path))
            for row in reader:
                if None in row:
                    yield reader.line_num, None, "more values than header columns"
                    continue
                yield reader.line_num, row, None
        else:
            raise InvalidInput("expected a .csv or .jsonl file", source=str(path))


def read_queries(path: Path) -> Iterator[Query | InvalidInput]:
    """Validated queries from a file; bad rows come out as InvalidInput, in order."""
    for lineno, row, error in _rows(path):
        position = f"line {lineno}"
        if row is None:
            yield InvalidInput(error or "unreadable", source=str(path), position=position)
            continue
        values = {k: (None if row.get(k) is None else str(row.get(k))) for k in INPUT_FIELDS}
        try:
            query = make_query(**values, position=position)
        except InvalidInput as exc:
            yield InvalidInput(exc.reason, source=str(path), position=position)
            continue
        yield query if query.id else _with_id(query, f"line-{lineno}")


def _with_id(query: Query, id: str) -> Query:
    return Query(
        name=query.name,
        schema=query.schema,
        country=query.country,
        birth_date=query.birth_date,
        identifier=query.identifier,
        id=id,
    )


def screen_file(
    screener: Screener,
    input_path: Path,
    output_path: Path,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    on_progress: Callable[[int], None] | None = None,
    on_result: Callable[[Query, list[Match]], None] | None = None,
) -> BatchSummary:
    """Screen every query of ``input_path`` and write one JSON line per query.

    The output is written to a temporary file and renamed at the end, so a failed
    run never leaves a half-written result behind.
    """
    summary = BatchSummary()
    tmp = output_path.with_name(output_path.name + ".partial")
    with tmp.open("wb") as out:
        for item in read_queries(input_path):
            if isinstance(item, InvalidInput):
                summary.rejected.append(item)
                continue
            matches = screener.screen(item, threshold=threshold, limit=limit)
            out.write(
                orjson.dumps({"id": item.id, "matches": [m.to_dict() for m in matches]}) + b"\n"
            )
            summary.screened += 1
            summary.with_matches += bool(matches)
            if on_result:
                on_result(item, matches)
            if on_progress:
                on_progress(1)
    tmp.replace(output_path)
    return summary


def count_records(path: Path) -> int:
    """Number of lines after the header (for a progress bar total)."""
    with open_text(path) as handle:
        total = sum(1 for line in handle if line.strip())
    return total - 1 if path.name.removesuffix(".gz").endswith(".csv") else total
