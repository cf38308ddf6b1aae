"""``interdictor analyze``: trade records in, ranked alerts and reports out;
``interdictor alert-feedback``: confirm or dismiss an alert."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from interdictor.cli.options import HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InvalidInput
from interdictor.lists import DEFAULT_LISTS, parse_file
from interdictor.model.listed import ListedEntity
from interdictor.network.alerts import VERDICTS, record_feedback
from interdictor.network.analyze import (
    FEEDBACK_FILE,
    Engines,
    analyze_records,
    collect_listed_imos,
    load_feedback,
    make_goods_check,
    make_screen_fn,
    write_outputs,
)
from interdictor.network.detectors import DETECTORS
from interdictor.network.recordio import read_records
from interdictor.screening import Screener, make_query

err = Console(stderr=True)
STEPS = [
    "read",
    "lists",
    "resolve",
    "screen",
    "lifecycle",
    *DETECTORS,
    "json",
    "graph",
    "report",
    "graphml",
    "ftm",
]


def load_listed(paths: list[Path] | None) -> list[ListedEntity]:
    """Listed entities from the given list files, else from the bundled default lists."""
    sources = [(p, None) for p in paths] if paths else DEFAULT_LISTS
    listed: list[ListedEntity] = []
    for path, format in sources:
        listed.extend(parse_file(Path(path), format).entities)
    return listed


def analyze(
    inputs: Annotated[list[Path], typer.Argument(help="Record files (.jsonl, .csv) or folders.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")],
    lists: Annotated[
        list[Path] | None, typer.Option("--lists", help="Sanctions list files (default: bundled).")
    ] = None,
    no_screening: Annotated[
        bool, typer.Option("--no-screening", help="Skip linking to listed parties.")
    ] = False,
    home: HomeOption = None,
) -> None:
    """Resolve parties, link deals, run the nine detectors, write alerts and reports.

    Example: interdictor analyze world/ --output out/
    Writes alerts.jsonl, entities.jsonl, transactions.jsonl, rejected.jsonl, report.html,
    graph.graphml and ftm.jsonl. Verdicts in feedback.jsonl (output folder or home) are
    respected: see ``interdictor alert-feedback``.
    """
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {missing[0]}")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task("reading records", total=len(STEPS))

        def advance(step: str) -> None:
            bar.update(task, advance=1, description=f"done: {step}")

        batch = read_records(inputs)
        advance("read")
        engines = Engines(goods=make_goods_check())
        if not no_screening:
            listed = load_listed(lists)
            engines.screen = make_screen_fn(Screener(listed), make_query)
            engines.listed_imos = collect_listed_imos(listed)
        advance("lists")
        feedback = load_feedback(output, resolve_home(home) if home else None)
        analysis = analyze_records(
            batch.records, engines, rejected=batch.rejected, feedback=feedback, progress=advance
        )
        write_outputs(analysis, output, progress=advance)
    err.print(
        f"{len(batch.records)} records ({len(batch.rejected)} set aside, see "
        f"rejected.jsonl), {len(analysis.entities)} entities, "
        f"{len(analysis.transactions)} transactions, {len(analysis.alerts)} alerts "
        f"-> {output}"
    )
    for rejected in batch.rejected[:5]:
        err.print(f"  set aside {rejected.source}:{rejected.position}: {rejected.reason}")


def alert_feedback(
    alert_id: Annotated[str, typer.Argument(help="The alert's id (al-...) from alerts.jsonl.")],
    verdict: Annotated[str, typer.Argument(help="confirmed or dismissed")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The analysis folder.")],
    analyst: Annotated[str, typer.Option(help="Who decided.")] = "",
    note: Annotated[str, typer.Option(help="Why.")] = "",
) -> None:
    """Confirm or dismiss an alert; the next ``analyze`` into the folder respects it.

    Example: interdictor alert-feedback al-3f2a... dismissed --output out/ --note "known trader"
    """
    if verdict not in VERDICTS:
        raise typer.BadParameter(f"verdict must be one of {', '.join(VERDICTS)}")
    try:
        record_feedback(output / FEEDBACK_FILE, alert_id, verdict, analyst, note)
    except InvalidInput as exc:
        raise typer.BadParameter(str(exc)) from exc
    err.print(f"{verdict}: {alert_id} (stored in {output / FEEDBACK_FILE})")
