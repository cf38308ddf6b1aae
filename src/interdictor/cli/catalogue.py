"""``interdictor catalogue``: load, show and diff control-list catalogue versions.

Examples::

    interdictor catalogue load                                  # the bundled EU Annex I
    interdictor catalogue load --national national_overlay.csv  # with a national overlay
    interdictor catalogue show --version current
    interdictor catalogue diff previous current
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from interdictor.cli.lists import (
    HASH_PREFIX,
    dump_json,
    make_console,
    make_table,
    print_rejections,
    report_errors,
    shorten_pair,
)
from interdictor.cli.options import DatabaseOption, HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InvalidInput
from interdictor.goods.catalogue import (
    CatalogueDiff,
    ControlCatalogue,
    changed_fields,
    describe_threshold,
)
from interdictor.goods.catalogue_versions import (
    CatalogueLoad,
    load_catalogue,
    read_catalogue_file,
    stored_catalogue,
)
from interdictor.store import CatalogueVersionInfo, Store

catalogue_app = typer.Typer(
    name="catalogue",
    help="Load control-list catalogues (with a national overlay) as versions, show and diff them.",
    no_args_is_help=True,
)

VERSION_HELP = "a version id, current, previous, bundled, or a catalogue JSON file"


def open_store(home: Path | None, database_url: str | None) -> Store:
    """Open the store of ``--home`` / ``--database-url``."""
    return Store.for_home(resolve_home(home), database_url)


def run_load_with_progress(store: Store, file: Path | None, national: Path | None) -> CatalogueLoad:
    """Load a catalogue with a spinner while reading and a bar while storing."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task("Reading the catalogue", total=None)

        def show_progress(done: int, total: int) -> None:
            progress.update(task, description="Storing", completed=done, total=total)

        return load_catalogue(store, file, national, on_progress=show_progress)


def describe_load(load: CatalogueLoad) -> str:
    """Return the first line of a load report."""
    outcome = load.outcome
    label = escape(outcome.label)
    short = outcome.content_hash[:HASH_PREFIX]
    if outcome.entry_count == 0:
        return f"{label}: the catalogue holds no entry; the store is unchanged."
    if not outcome.created:
        return (
            f"{label}: unchanged, same content as the current version {outcome.version_id} "
            f"({short}); nothing stored."
        )
    previous = outcome.previous_version_id
    after = f", replacing version {previous}" if previous is not None else ""
    return f"{label}: version {outcome.version_id} created ({short}){after}."


@catalogue_app.command("load")
def load_command(
    file: Annotated[
        Path | None,
        typer.Argument(help="A repaired-catalogue JSON file (default: the bundled EU Annex I)."),
    ] = None,
    national: Annotated[
        Path | None,
        typer.Option("--national", help="A national overlay CSV applied over the catalogue."),
    ] = None,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Store a catalogue as the newest version; the classifier then uses it.

    Loading the same content as the current version again stores nothing. Bad overlay rows
    are reported with their line and set aside; the others apply.
    Example: interdictor catalogue load --national national_overlay.csv
    """
    console = make_console()
    with report_errors(), open_store(home, database_url) as store:
        load = run_load_with_progress(store, file, national)
    console.print(describe_load(load))
    entries = sum(1 for e in load.read.catalogue if e.depth == 0)
    console.print(f"{entries} entries, {load.outcome.entry_count} with their items.")
    if load.read.overlay is not None:
        console.print(
            f"Overlay {escape(load.read.overlay)}: {len(load.read.applied)} rows applied, "
            f"{len(load.read.rejected)} set aside."
        )
    print_rejections(console, load.outcome.rejections)
    if load.outcome.entry_count == 0:
        raise typer.Exit(1)


def find_version(store: Store, reference: str) -> CatalogueVersionInfo:
    """Resolve a stored version: an id, ``current`` or ``previous``. Raises InvalidInput."""
    versions = store.catalogue_versions()
    if not versions:
        raise InvalidInput("no catalogue is stored: run `interdictor catalogue load`")
    if reference == "current":
        return versions[-1]
    if reference == "previous":
        if len(versions) < 2:
            raise InvalidInput("only one catalogue version is stored; there is no previous")
        return versions[-2]
    for version in versions:
        if str(version.id) == reference:
            return version
    known = ", ".join(str(v.id) for v in versions)
    raise InvalidInput(
        f"no catalogue version {reference!r} (versions: {known}; or current, previous)"
    )


def read_side(store: Store, reference: str) -> ControlCatalogue:
    """Return the catalogue a diff side names: a stored version, ``bundled``, or a file."""
    if reference == "bundled":
        return ControlCatalogue.load_default()
    path = Path(reference)
    if not reference.isdigit() and reference not in ("current", "previous") and path.exists():
        return read_catalogue_file(path)
    return stored_catalogue(store, find_version(store, reference).id)


def build_versions_table(versions: list[CatalogueVersionInfo]) -> Table:
    """Return the stored versions, oldest first; ``*`` marks the current one."""
    table = make_table("Version", "Entries", "Rej.", "Hash", "Loaded (UTC)", "Label", "Source")
    for version in versions:
        source = version.source.rstrip("/").rsplit("/", 1)[-1]
        if version.overlay:
            source += " + " + version.overlay.rstrip("/").rsplit("/", 1)[-1]
        table.add_row(
            f"{version.id} *" if version.is_current else str(version.id),
            str(version.entry_count),
            str(version.rejected_count),
            version.content_hash[:HASH_PREFIX],
            version.loaded_at.strftime("%Y-%m-%d %H:%M"),
            escape(version.label),
            escape(source),
        )
    return table


def build_entries_table(title: str, entries: list[Any]) -> Table:
    """Return a table of entries: code, regimes, label and thresholds."""
    table = Table("Entry", "Regimes", "Label", "Thresholds", title=title)
    for entry in entries:
        table.add_row(
            escape(entry.code),
            escape(", ".join(entry.regimes)),
            escape(entry.label),
            escape("; ".join(describe_threshold(t) for t in entry.thresholds)),
        )
    return table


@catalogue_app.command("show")
def show_command(
    version: Annotated[
        str | None,
        typer.Option("--version", help="Show one version: an id, current or previous."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """List the stored catalogue versions (* marks the one the classifier uses), or show
    one version: its provenance, entries and the overlay rows set aside.

    Example: interdictor catalogue show --version current
    """
    console = make_console()
    with report_errors(), open_store(home, database_url) as store:
        if version is None:
            versions = store.catalogue_versions()
            if as_json:
                print(dump_json(versions))
            elif not versions:
                console.print(
                    "No catalogue is stored: the classifier uses the bundled EU Annex I. "
                    "Run `interdictor catalogue load` to store one."
                )
            else:
                console.print(build_versions_table(versions))
            return
        info = find_version(store, version)
        catalogue = stored_catalogue(store, info.id)
        rejections = store.catalogue_rejections(info.id)
    if as_json:
        entries = [entry.to_dict() for entry in catalogue]
        print(dump_json({"version": info, "entries": entries, "rejections": rejections}))
        return
    console.print(build_versions_table([info]))
    console.print(build_entries_table("Entries", catalogue.top_level()))
    print_rejections(console, tuple(rejections))


def build_changes_table(old: ControlCatalogue, new: ControlCatalogue, codes: list[str]) -> Table:
    """Return one row per changed field of each changed entry."""
    table = Table("Entry", "Field", "Old", "New", title="Changed entries", show_lines=True)
    for code in codes:
        before, after = old.get(code), new.get(code)
        if before is None or after is None:
            continue
        for number, (name, (was, now)) in enumerate(changed_fields(before, after).items()):
            shown = shorten_pair(format_field(was), format_field(now))
            label = escape(f"{code}\n{after.label}") if number == 0 else ""
            table.add_row(label, name, escape(shown[0]), escape(shown[1]))
    return table


def format_field(value: Any) -> str:
    """Return a field value as text: lists one item a line."""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def diff_to_dict(old: ControlCatalogue, new: ControlCatalogue, diff: CatalogueDiff) -> Any:
    """Return the full diff as JSON: versions, codes, and the old and new changed fields."""
    changed: dict[str, Any] = {}
    for code in diff.changed:
        before, after = old.get(code), new.get(code)
        if before is not None and after is not None:
            fields = changed_fields(before, after)
            changed[code] = {name: {"old": a, "new": b} for name, (a, b) in fields.items()}
    return {
        "old": {"version": old.version, "content_hash": old.content_hash()},
        "new": {"version": new.version, "content_hash": new.content_hash()},
        "added": diff.added,
        "removed": diff.removed,
        "changed": changed,
    }


@catalogue_app.command("diff")
def diff_command(
    old: Annotated[str, typer.Argument(help=f"Old side: {VERSION_HELP}.")],
    new: Annotated[str, typer.Argument(help=f"New side: {VERSION_HELP}.")],
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the full diff as JSON to this file.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=0, help="Entries shown per kind (default all).")
    ] = None,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Show the entries added, removed and changed between two catalogue versions.

    Example: interdictor catalogue diff bundled current --json diff.json
    """
    console = make_console()
    with report_errors(), open_store(home, database_url) as store:
        before = read_side(store, old)
        after = read_side(store, new)
    diff = before.diff(after)
    console.print(
        f"{escape(before.version)} -> {escape(after.version)}: {len(diff.added)} added, "
        f"{len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    added = [e for code in diff.added[:limit] if (e := after.get(code)) is not None]
    removed = [e for code in diff.removed[:limit] if (e := before.get(code)) is not None]
    if added:
        console.print(build_entries_table("Added entries", added))
    if removed:
        console.print(build_entries_table("Removed entries", removed))
    if diff.changed:
        console.print(build_changes_table(before, after, diff.changed[:limit]))
    longest = max(len(diff.added), len(diff.removed), len(diff.changed))
    if limit is not None and longest > limit:
        console.print(f"Only the first {limit} of each kind are shown; --json has them all.")
    if json_path is not None:
        data = diff_to_dict(before, after, diff)
        json_path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        console.print(f"Full diff written to {escape(str(json_path))}.")
