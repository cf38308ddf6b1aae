"""``interdictor classify`` and ``interdictor decide``: thin wrappers over
``interdictor.goods.classify`` and ``interdictor.goods.decisions``."""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from interdictor.cli.options import HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InterdictorError, InvalidInput, UnknownFormat
from interdictor.goods.classify import Classification, Classifier, GoodsLine
from interdictor.goods.decisions import DecisionStore

console = Console()
errors = Console(stderr=True)


def classify(
    description: Annotated[
        str | None, typer.Argument(help='Goods description, e.g. "T800 carbon fibre 12K".')
    ] = None,
    hs: Annotated[str, typer.Option("--hs", help="Declared HS code, e.g. 6815.11.")] = "",
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="Technical parameter key=value (repeatable)."),
    ] = None,
    input_file: Annotated[
        Path | None, typer.Option("--input", help="Batch input: .csv or .jsonl goods lines.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Batch output: JSON lines.")
    ] = None,
    edition: Annotated[str, typer.Option("--edition", help="HS edition: 2017 or 2022.")] = "2022",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    home: HomeOption = None,
) -> None:
    """Classify goods against the control lists and check the declared HS code.

    Example: interdictor classify "5-axis machining centre" --hs 8436.80 --param axes=5
    """
    store = DecisionStore.in_home(resolve_home(home))
    try:
        classifier = Classifier(decisions=store if len(store) else None, edition=edition)
    except InterdictorError as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for rejected in store.rejected:
        errors.print(f"[yellow]decision set aside[/yellow] {rejected.source}:{rejected.position}: "
                     f"{rejected.reason}", soft_wrap=True)  # fmt: skip
    if input_file is not None:
        if output is None:
            raise typer.BadParameter("--output is required with --input")
        run_batch(classifier, input_file, output)
        return
    if not description:
        raise typer.BadParameter("give a DESCRIPTION, or --input FILE --output FILE")
    line = GoodsLine("cli", description, hs, parameters="; ".join(param or []))
    result = classifier.classify(line)
    if as_json:
        sys.stdout.write(orjson.dumps(result.to_dict()).decode() + "\n")
    else:
        print_result(result)


def decide(
    description: Annotated[str, typer.Argument(help="The product description decided on.")],
    decided_by: Annotated[str, typer.Option("--by", help="The officer taking the decision.")],
    entry: Annotated[
        str, typer.Option("--entry", help="Annex I entry, e.g. 1C010; empty = not controlled.")
    ] = "",
    hs: Annotated[str, typer.Option("--hs", help="The HS code decided.")] = "",
    note: Annotated[str, typer.Option("--note", help="Why, in a sentence.")] = "",
    home: HomeOption = None,
) -> None:
    """Record an officer's classification; identical and near-identical descriptions reuse it.

    Example: interdictor decide "T800SC-24K carbon fibre" --entry 1C010 --by "A. Officer"
    """
    store = DecisionStore.in_home(resolve_home(home))
    try:
        decision = store.record(description, entry, hs, decided_by, note)
    except InvalidInput as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    verdict = decision.entry or "not controlled"
    console.print(f"recorded: {decision.description!r} -> {verdict} ({decision.decided_at})")


def print_result(result: Classification) -> None:
    """Print the HS check and the ranked controls as Rich tables."""
    hs = result.hs
    verdict = {True: "consistent", False: "MISLABELLED", None: "unknown"}[hs.consistent]
    console.print(f"HS {hs.declared or '-'}: {verdict}. {hs.reason}")
    if hs.suggested:
        console.print(f"expected HS: {', '.join(hs.suggested)}")
    if result.decision is not None:
        console.print(f"reused decision: {result.decision.to_dict()}")
    table = Table(title="Control-list candidates")
    for column in ("entry", "regimes", "score", "below threshold", "reasons"):
        table.add_column(column)
    for control in result.controls:
        below = "just below" if control.just_below else ("yes" if control.below_threshold else "no")
        table.add_row(
            control.entry,
            ", ".join(control.regimes),
            f"{control.score:.2f}",
            below,
            "\n".join(control.reasons),
        )
    console.print(table)
    console.print("controlled" if result.controlled else "not controlled by any listed entry")


def run_batch(classifier: Classifier, source: Path, target: Path) -> None:
    """Classify every line of a file with a progress bar; bad rows are reported and skipped."""
    try:
        rows = list(read_rows(source))
    except (OSError, UnknownFormat) as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    buffer = io.BytesIO()
    skipped = 0
    with Progress(console=errors) as progress:
        task = progress.add_task("classifying", total=len(rows))
        for position, row in rows:
            try:
                if "_error" in row:
                    raise InvalidInput(row["_error"], source=str(source), position=position)
                line = GoodsLine.from_dict(row, position, str(source))
            except InvalidInput as exc:
                errors.print(f"[yellow]skipped[/yellow] {exc}", soft_wrap=True)
                skipped += 1
            else:
                buffer.write(orjson.dumps(classifier.classify(line).to_dict()) + b"\n")
            progress.advance(task)
    write_atomically(target, buffer.getvalue())
    console.print(
        f"{len(rows) - skipped} lines classified, {skipped} skipped -> {target}", soft_wrap=True
    )


def read_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (position, record) from a CSV or JSON-lines file; see ``parse_json_row``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield f"line {number}", dict(row)
    elif suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield f"line {number}", parse_json_row(raw)
    else:
        raise UnknownFormat("expected a .csv or .jsonl file", source=str(path))


def parse_json_row(raw: bytes) -> dict[str, Any]:
    """Return the JSON object of a line, or {"_error": why} (reported when the row is read)."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {"_error": "not valid JSON"}
    return data if isinstance(data, dict) else {"_error": "not a JSON object"}


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
