"""``interdictor analyze``: trade records in, ranked alerts and reports out;
``interdictor alert-feedback``: confirm or dismiss an alert.

Both open the store of the data directory: analysts' verdicts live there
(``interdictor.network.feedback``), and the goods check uses the newest stored
control-list catalogue when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from interdictor.cli.imports import report_import
from interdictor.cli.options import DatabaseOption, HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InterdictorError
from interdictor.goods.catalogue_versions import catalogue_in_force
from interdictor.goods.classify import Classifier
from interdictor.lists import DEFAULT_LISTS, parse_file
from interdictor.model.listed import ListedEntity
from interdictor.network.alerts import VERDICTS
from interdictor.network.analyze import (
    NEAR_MARGIN,
    Engines,
    analyze_records,
    collect_listed_imos,
    make_goods_check,
    make_screen_fn,
    write_outputs,
)
from interdictor.network.detectors import DETECTORS
from interdictor.network.feedback import ALERTS_FILE, FeedbackLog, read_alert_refs
from interdictor.network.recordio import read_records
from interdictor.screening import Screener, make_query
from interdictor.store import Store

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
    feedback_file: Annotated[
        Path | None,
        typer.Option("--feedback", help="Import the verdicts of a feedback.jsonl file first."),
    ] = None,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Resolve parties, link deals, run the nine detectors, write alerts and reports.

    Example: interdictor analyze world/ --output out/
    Writes alerts.jsonl, entities.jsonl, transactions.jsonl, rejected.jsonl, report.html,
    graph.graphml and ftm.jsonl. Analysts' verdicts in the store are respected: see
    ``interdictor alert-feedback``. A feedback.jsonl left in the output folder or the
    data directory is imported into the store once (and renamed .imported).
    """
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {missing[0]}")
    verdicts, goods_classifier = read_store(home, database_url, output, feedback_file)
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
        engines = Engines(goods=make_goods_check(goods_classifier))
        if not no_screening:
            listed = load_listed(lists)
            engines.screen = make_screen_fn(Screener(listed), make_query)
            engines.listed_imos = collect_listed_imos(listed)
        advance("lists")
        analysis = analyze_records(
            batch.records, engines, rejected=batch.rejected, feedback=verdicts, progress=advance
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


def open_store(home: Path | None, database_url: str | None) -> tuple[Path, Store]:
    """Open the store of the data directory; exit with code 1 when it cannot be opened."""
    home_dir = resolve_home(home)
    try:
        return home_dir, Store.for_home(home_dir, database_url)
    except InterdictorError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc


def read_store(
    home: Path | None, database_url: str | None, output: Path, feedback_file: Path | None
) -> tuple[dict[str, str], Classifier | None]:
    """Import any feedback file, then return the verdicts in force and, when a catalogue is
    stored, a goods classifier over it (None: the bundled catalogue)."""
    home_dir, store = open_store(home, database_url)
    with store:
        log = FeedbackLog(store)
        try:
            log.import_legacy([home_dir, output])
            if feedback_file is not None:
                log.import_file(feedback_file, read_alert_refs(output / ALERTS_FILE))
            verdicts = log.verdicts()
            catalogue, version = catalogue_in_force(store)
        except InterdictorError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
            raise typer.Exit(1) from exc
    for report in log.imports:
        report_import(err, report)
    if version is None:
        return verdicts, None
    err.print(f"control list: stored catalogue version {version.id} ({escape(version.label)})")
    return verdicts, Classifier(catalogue=catalogue, margin=NEAR_MARGIN)


def alert_feedback(
    alert_id: Annotated[str, typer.Argument(help="The alert's id (al-...) from alerts.jsonl.")],
    verdict: Annotated[str, typer.Argument(help="confirmed or dismissed")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The analysis folder holding alerts.jsonl.")
    ],
    analyst: Annotated[str, typer.Option(help="Who decided.")] = "",
    note: Annotated[str, typer.Option(help="Why.")] = "",
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Confirm or dismiss an alert; every later ``analyze`` with the same store respects it.

    The verdict is stored with the alert's typology and evidence (from OUTPUT/alerts.jsonl);
    a later verdict on the same alert supersedes it and both stay in the store.
    Example: interdictor alert-feedback al-3f2a... dismissed --output out/ --note "known trader"
    """
    if verdict not in VERDICTS:
        raise typer.BadParameter(f"verdict must be one of {', '.join(VERDICTS)}")
    alerts_path = output / ALERTS_FILE
    alerts = read_alert_refs(alerts_path, {alert_id})
    if alert_id not in alerts:
        if alerts_path.is_file():
            raise typer.BadParameter(f"no alert {alert_id} in {alerts_path}")
        raise typer.BadParameter(f"{alerts_path} does not exist: run `interdictor analyze` first")
    home_dir, store = open_store(home, database_url)
    with store:
        log = FeedbackLog(store)
        try:
            log.import_legacy([home_dir, output])
            earlier = log.history(alert_id)
            stored = log.record(alerts[alert_id], verdict, analyst, note)
        except InterdictorError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
            raise typer.Exit(1) from exc
    for report in log.imports:
        report_import(err, report)
    err.print(f"{verdict}: {alert_id} ({stored.typology}), stored as verdict {stored.id}")
    if earlier:
        last = earlier[-1]
        when = last.decided_at.isoformat(timespec="seconds")
        err.print(
            f"supersedes verdict {last.id} ({last.verdict} by {escape(last.analyst or '-')}, "
            f"{when}), kept in the history",
            soft_wrap=True,
        )
