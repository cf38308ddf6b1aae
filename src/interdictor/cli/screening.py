"""``interdictor screen`` and ``interdictor compare``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from interdictor.cli.options import DatabaseOption, HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InvalidInput
from interdictor.lists.load import ensure_default_lists
from interdictor.screening import (
    ALGORITHM,
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    Match,
    Query,
    make_query,
)
from interdictor.screening.batch import count_records, screen_file
from interdictor.screening.compare import compare_entities, read_pairs
from interdictor.store import ScreeningMatch, Store
from interdictor.workflows.screening import load_screener

console = Console()
err = Console(stderr=True)

ThresholdOption = Annotated[
    float, typer.Option("--threshold", min=0.0, max=1.0, help="Lowest score reported.")
]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=100, help="Matches per query.")]


def screen(
    name: Annotated[str | None, typer.Argument(help="Name to screen, in any script.")] = None,
    schema: Annotated[str | None, typer.Option(help="Person, Organization, Vessel, ...")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2 code.")] = None,
    birth_date: Annotated[str | None, typer.Option("--birth-date", help="YYYY[-MM[-DD]]")] = None,
    identifier: Annotated[str | None, typer.Option(help="IMO, passport, ...")] = None,
    input: Annotated[Path | None, typer.Option("--input", help="Batch: .csv or .jsonl")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Batch: .jsonl out")] = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    limit: LimitOption = DEFAULT_LIMIT,
    explain: Annotated[bool, typer.Option(help="Print each match's full explanation.")] = False,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Screen a party, or a file of parties, against the sanctions lists.

    Example: interdictor screen "김정은" --schema Person
    """
    resolved = resolve_home(home)
    with Store.for_home(resolved, database_url) as store:
        ensure_default_lists(store)
        screener = load_screener(store, resolved)
        if input is not None:
            if output is None:
                raise typer.BadParameter("--input needs --output")
            _screen_batch(store, screener, input, output, threshold, limit)
            return
    if not name and not identifier:
        raise typer.BadParameter("give a NAME (or --identifier), or --input FILE")
    try:
        query = make_query(name, schema, country, birth_date, identifier)
    except InvalidInput as exc:
        raise typer.BadParameter(str(exc)) from exc
    matches = screener.screen(query, threshold=threshold, limit=limit)
    _print_matches(query.name or query.identifier or "", matches, threshold)
    if explain:
        for match in matches:
            console.print_json(orjson.dumps(match.to_dict()).decode())


def _screen_batch(
    store: Store, screener: Any, input: Path, output: Path, threshold: float, limit: int
) -> None:
    if not input.exists():
        raise typer.BadParameter(f"{input}: no such file")
    total = count_records(input)
    columns = [*Progress.get_default_columns()[:-1], MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, BarColumn(bar_width=None), console=err, transient=True) as progress:
        task = progress.add_task("screening", total=total)
        rows: list[ScreeningMatch] = []
        try:
            summary = screen_file(
                screener,
                input,
                output,
                threshold,
                limit,
                on_progress=lambda n: progress.advance(task, n),
                on_result=lambda query, matches: rows.extend(result_rows(query, matches)),
            )
        except InvalidInput as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    parameters = {
        "threshold": threshold,
        "limit": limit,
        "input": str(input),
        "algorithm": ALGORITHM,
    }
    run_id = store.save_screening_run(store.fingerprint(), rows, parameters)
    console.print(
        f"screened {summary.screened} parties, {summary.with_matches} with matches "
        f"at threshold {threshold}; {len(summary.rejected)} rows rejected -> {output} "
        f"(stored as screening run {run_id})"
    )
    for problem in summary.rejected[:20]:
        err.print(f"[yellow]rejected[/yellow] {problem}")


def result_rows(query: Query, matches: list[Match]) -> list[ScreeningMatch]:
    """Store rows of one query: one per match, or one empty row when nothing matched."""
    record = {k: v for k, v in asdict(query).items() if v not in (None, "", ())}
    if not matches:
        return [ScreeningMatch(query_id=query.id or "", query=record)]
    return [
        ScreeningMatch(
            query_id=query.id or "",
            query=record,
            entity_id=m.entity.id,
            dataset=m.entity.dataset,
            score=m.score,
            explanation=m.explanation,
        )
        for m in matches
    ]


def _print_matches(label: str, matches: list[Match], threshold: float) -> None:
    if not matches:
        console.print(f"No match for {label!r} at threshold {threshold}.")
        return
    table = Table(title=f"Matches for {label!r}", show_lines=True)
    for column in ("score", "listed name", "schema", "dataset", "reference", "why"):
        table.add_column(column)
    for match in matches:
        table.add_row(
            f"{match.score:.3f}",
            match.entity.name,
            match.entity.schema,
            match.entity.dataset,
            match.entity.reference or "",
            _reasons(match),
        )
    console.print(table)


def _reasons(match: Match) -> str:
    lines = []
    for feature in match.explanation["features"]:
        sign = "+" if feature["contribution"] >= 0 else ""
        lines.append(f"{feature['rule']} ({sign}{feature['contribution']}): {feature['detail']}")
    return "\n".join(lines)


def compare(
    pairs: Annotated[Path, typer.Option("--pairs", help="JSON lines of {left, right} FtM.")],
    output: Annotated[Path, typer.Option("--output", help="JSON lines out.")],
) -> None:
    """Score pairs of FollowTheMoney entities (the OpenSanctions pairs format).

    Example: interdictor compare --pairs pairs.jsonl --output scores.jsonl
    """
    if not pairs.exists():
        raise typer.BadParameter(f"{pairs}: no such file")
    written = rejected = 0
    tmp = output.with_name(output.name + ".partial")
    with tmp.open("wb") as out:
        for item in read_pairs(pairs):
            if isinstance(item, InvalidInput):
                rejected += 1
                err.print(f"[yellow]rejected[/yellow] {item}")
                continue
            _, left, right = item
            try:
                result = compare_entities(left, right)
            except InvalidInput as exc:
                rejected += 1
                err.print(f"[yellow]rejected[/yellow] {pairs}:line {item[0]}: {exc}")
                continue
            out.write(orjson.dumps(result.to_dict()) + b"\n")
            written += 1
    tmp.replace(output)
    console.print(f"scored {written} pairs, {rejected} rejected -> {output}")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
    app.command("compare")(compare)
