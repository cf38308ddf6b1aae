"""``interdictor classify``, ``interdictor decide`` and ``interdictor decisions``: thin
wrappers over ``interdictor.goods.classify`` and ``interdictor.goods.decisions``.

Both commands open the store of the data directory: officers' decisions live there, and
the classifier uses the newest stored control-list catalogue (``interdictor catalogue
load``), else the bundled one."""

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
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from interdictor.cli.imports import report_import
from interdictor.cli.options import DatabaseOption, HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InterdictorError, InvalidInput, UnknownFormat
from interdictor.goods.catalogue_versions import catalogue_in_force
from interdictor.goods.classify import Classification, Classifier, GoodsLine
from interdictor.goods.decisions import Decision, DecisionStore
from interdictor.store import Store

console = Console()
errors = Console(stderr=True)
decisions_app = typer.Typer(
    name="decisions",
    help="Officers' classification decisions: import a JSON-lines file, show the history.",
    no_args_is_help=True,
)


def fail(error: InterdictorError) -> typer.Exit:
    """Print an error on one line and return the exit (code 2) to raise."""
    errors.print(f"[red]error:[/red] {escape(str(error))}", soft_wrap=True)
    return typer.Exit(2)


def open_store(home: Path, database_url: str | None) -> Store:
    """Open the store of the data directory; exit with code 2 when it cannot be opened."""
    try:
        return Store.for_home(home, database_url)
    except InterdictorError as exc:
        raise fail(exc) from exc


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
    database_url: DatabaseOption = None,
) -> None:
    """Classify goods against the control lists and check the declared HS code.

    Uses the newest catalogue stored with `interdictor catalogue load` (else the bundled
    EU Annex I) and reuses officers' decisions (`interdictor decide`).
    Example: interdictor classify "5-axis machining centre" --hs 8436.80 --param axes=5
    """
    home_dir = resolve_home(home)
    with open_store(home_dir, database_url) as store:
        try:
            decisions = DecisionStore.for_home(store, home_dir)
            catalogue, version = catalogue_in_force(store)
            classifier = Classifier(
                catalogue=catalogue,
                decisions=decisions if len(decisions) else None,
                edition=edition,
            )
        except InterdictorError as exc:
            raise fail(exc) from exc
    for report in decisions.imports:
        report_import(errors, report)
    if version is not None:
        errors.print(
            f"control list: stored catalogue version {version.id} ({escape(version.label)})",
            soft_wrap=True,
        )
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
    database_url: DatabaseOption = None,
) -> None:
    """Record an officer's classification; identical and near-identical descriptions reuse it.

    A decision on a description already decided supersedes the earlier one, which stays
    in the store's history (`interdictor decisions history DESCRIPTION`).
    Example: interdictor decide "T800SC-24K carbon fibre" --entry 1C010 --by "A. Officer"
    """
    home_dir = resolve_home(home)
    with open_store(home_dir, database_url) as store:
        try:
            decisions = DecisionStore.for_home(store, home_dir)
            for report in decisions.imports:
                report_import(errors, report)
            earlier = decisions.lookup(description)
            decision = decisions.record(description, entry, hs, decided_by, note)
        except InterdictorError as exc:
            raise fail(exc) from exc
    console.print(
        f"recorded decision {decision.id}: {escape(repr(decision.description))} -> "
        f"{describe_entry(decision)} ({decision.decided_at})",
        soft_wrap=True,
    )
    if earlier is not None and earlier.exact:
        old = earlier.decision
        console.print(
            f"supersedes decision {old.id} -> {describe_entry(old)} by "
            f"{escape(old.decided_by)} ({old.decided_at}), kept in the history",
            soft_wrap=True,
        )


def describe_entry(decision: Decision) -> str:
    """Return a decision's entry, or "not controlled"."""
    return escape(decision.entry) if decision.entry else "not controlled"


@decisions_app.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(help="A goods_decisions.jsonl file.")],
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Store the decisions of a JSON-lines file (bad lines reported and set aside;
    decisions already stored skipped). The file is left as it is.

    The data directory's own goods_decisions.jsonl is imported without this command, the
    first time `classify` or `decide` opens the store.
    Example: interdictor decisions import other_office/goods_decisions.jsonl
    """
    home_dir = resolve_home(home)
    with open_store(home_dir, database_url) as store:
        try:
            decisions = DecisionStore.for_home(store, home_dir)
            report = decisions.import_file(source)
        except InterdictorError as exc:
            raise fail(exc) from exc
        for done in decisions.imports:
            report_import(errors, done)
    console.print(f"{len(decisions)} descriptions have a decision in force.")
    if report.imported == 0 and report.rejected and not report.duplicates:
        raise typer.Exit(1)


@decisions_app.command("history")
def history_command(
    description: Annotated[
        str | None, typer.Argument(help="A description (default: every decision).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Show the decisions taken, oldest first (number, time in UTC, status, entry, officer,
    description, note); the last one of each description is in force.

    Example: interdictor decisions history "T800SC-24K carbon fibre"
    """
    home_dir = resolve_home(home)
    with open_store(home_dir, database_url) as store:
        try:
            decisions = DecisionStore.for_home(store, home_dir)
            for report in decisions.imports:
                report_import(errors, report)
            found = (
                decisions.history(description)
                if description is not None
                else [Decision.from_record(r) for r in store.decisions()]
            )
        except InterdictorError as exc:
            raise fail(exc) from exc
    in_force = {d.id for d in decisions.in_force()}
    if as_json:
        for decision in found:
            row = {**decision.to_dict(), "in_force": decision.id in in_force}
            sys.stdout.write(orjson.dumps(row).decode() + "\n")
        return
    if not found:
        console.print(
            "No decision recorded for this description."
            if description
            else "No decision recorded yet."
        )
        return
    for decision in found:
        status = "in force  " if decision.id in in_force else "superseded"
        hs = f" HS {escape(decision.hs_code)}" if decision.hs_code else ""
        note = f" ({escape(decision.note)})" if decision.note else ""
        when = decision.decided_at.replace("+00:00", "").replace("T", " ")[:16]
        console.print(
            f"{decision.id:>4}  {when}  {status}  {describe_entry(decision)}{hs}  by "
            f"{escape(decision.decided_by)}: {escape(decision.description)}{note}",
            soft_wrap=True,
        )


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
