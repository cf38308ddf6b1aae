"""``interdictor lists``: load, show and diff sanctions lists.

Examples::

    interdictor lists load ../shared/data/sanctions/un/un_consolidated_2026-02-27.xml.gz
    interdictor lists show --dataset un_sc
    interdictor lists diff un_2020.xml.gz un_2026.xml.gz --json diff.json
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from interdictor.cli.options import DatabaseOption, HomeOption
from interdictor.config import resolve_home
from interdictor.errors import InterdictorError, InvalidInput
from interdictor.lists.diff import EntityChange, FieldChange, ListDiff, diff_entities
from interdictor.lists.load import load_list, read_list
from interdictor.model.listed import Identifier, ListedEntity, Rejected
from interdictor.store import LoadOutcome, Store, VersionInfo

lists_app = typer.Typer(
    name="lists",
    help="Load sanctions lists as versions, show them, and diff two versions or files.",
    no_args_is_help=True,
)

# Rejections printed after a load; the rest stay in the store.
SHOWN_REJECTIONS = 10
HASH_PREFIX = 8
# Values longer than this are shown cut around what changed.
SHORT_VALUE = 80
CONTEXT = 25
# Text columns that fold onto more lines, at least this wide.
FOLDED_COLUMNS = {"Dataset", "Format", "Source"}
FOLDED_WIDTH = 12

FormatOption = Annotated[
    str | None,
    typer.Option("--format", help="List format (default: detected from the file)."),
]
DatasetOption = Annotated[
    str | None,
    typer.Option("--dataset", help="Dataset name (default: the format's own, e.g. un_sc)."),
]


def make_console(stderr: bool = False) -> Console:
    """Return a console created at call time, so it sees the current terminal width."""
    return Console(stderr=stderr, highlight=False)


@contextmanager
def report_errors() -> Iterator[None]:
    """Turn an Interdictor error into a one-line message and exit code 1."""
    try:
        yield
    except InterdictorError as error:
        make_console(stderr=True).print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(1) from error


def open_store(home: Path | None, database_url: str | None) -> Store:
    """Open the store of ``--home`` / ``--database-url``."""
    return Store.for_home(resolve_home(home), database_url)


def describe_outcome(outcome: LoadOutcome, source: str) -> str:
    """Return the first line of a load report."""
    dataset = escape(outcome.dataset)
    short = outcome.content_hash[:HASH_PREFIX]
    if outcome.loaded == 0:
        return f"{dataset}: nothing could be read from {escape(source)}; the store is unchanged."
    if not outcome.created:
        return f"{dataset}: unchanged, same content as version {outcome.version_id} ({short})."
    previous = outcome.previous_version_id
    after = f", replacing version {previous}" if previous is not None else ""
    return f"{dataset}: version {outcome.version_id} created ({short}){after}."


def print_rejections(console: Console, rejections: tuple[Rejected, ...]) -> None:
    """Print the first rejections with their position and reason."""
    if not rejections:
        return
    table = Table("Position", "Reason", "Excerpt", title="Records set aside")
    for rejection in rejections[:SHOWN_REJECTIONS]:
        table.add_row(
            escape(rejection.position), escape(rejection.reason), escape(rejection.excerpt[:60])
        )
    console.print(table)
    if len(rejections) > SHOWN_REJECTIONS:
        console.print(f"… and {len(rejections) - SHOWN_REJECTIONS} more.")


def run_load_with_progress(
    store: Store, source: str, format: str | None, dataset: str | None, force: bool
) -> LoadOutcome:
    """Load a list with a spinner while reading and a bar while storing."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"Reading {source}", total=None)

        def show_progress(done: int, total: int) -> None:
            progress.update(task, description="Storing", completed=done, total=total)

        return load_list(store, source, format, dataset, force=force, on_progress=show_progress)


@lists_app.command("load")
def load_command(
    source: Annotated[str, typer.Argument(help="A list file (plain or .gz), OFAC folder or URL.")],
    format: FormatOption = None,
    dataset: DatasetOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Accept a list that removes over half the entries.")
    ] = False,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Load a list as a new version of its dataset (nothing new if the content is the same).

    Example: interdictor lists load un_consolidated.xml.gz --dataset un_sc
    """
    console = make_console()
    with report_errors():
        with open_store(home, database_url) as store:
            outcome = run_load_with_progress(store, source, format, dataset, force)
    console.print(describe_outcome(outcome, source))
    console.print(f"{outcome.loaded} loaded, {outcome.rejected} rejected.")
    print_rejections(console, outcome.rejections)
    if outcome.loaded == 0:
        raise typer.Exit(1)


def format_time(version: VersionInfo) -> str:
    """Return the load time of a version, to the second, in UTC."""
    return version.loaded_at.strftime("%Y-%m-%d %H:%M")


def make_table(*headers: str, title: str | None = None) -> Table:
    """Return a compact table: numbers keep their header width, text columns fold."""
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for header in headers:
        width = FOLDED_WIDTH if header in FOLDED_COLUMNS else len(header)
        table.add_column(header, min_width=width, overflow="fold")
    return table


def build_datasets_table(store: Store) -> Table:
    """Return the table of datasets with their current versions (fits 80 columns)."""
    table = make_table("Dataset", "Version", "Entities", "Rej.", "Hash", "Loaded (UTC)", "Format")
    for info in store.datasets():
        current = info.current
        if current is None:
            table.add_row(escape(info.name), "-", "", "", "", "", "")
            continue
        table.add_row(
            escape(info.name),
            str(current.id),
            str(current.entity_count),
            str(current.rejected_count),
            current.content_hash[:HASH_PREFIX],
            format_time(current),
            escape(current.format),
        )
    return table


def build_versions_table(store: Store, dataset: str) -> Table:
    """Return the versions of one dataset, oldest first; ``*`` marks the current one."""
    table = make_table("Version", "Entities", "Rej.", "Hash", "Published", "Loaded (UTC)", "Source")
    for version in store.versions(dataset):
        table.add_row(
            f"{version.id} *" if version.is_current else str(version.id),
            str(version.entity_count),
            str(version.rejected_count),
            version.content_hash[:HASH_PREFIX],
            escape((version.published or "")[:10]),
            format_time(version),
            escape(version.source.rstrip("/").rsplit("/", 1)[-1]),
        )
    return table


def dump_json(value: Any) -> str:
    """Return dataclasses (and their datetimes) as indented JSON."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


@lists_app.command("show")
def show_command(
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Show every version of this dataset.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Show the datasets in the store, or the versions of one dataset (* marks the current).

    Example: interdictor lists show --dataset un_sc
    """
    console = make_console()
    with report_errors(), open_store(home, database_url) as store:
        if as_json:
            found = store.versions(dataset) if dataset is not None else store.datasets()
            print(dump_json(found))
        elif dataset is not None:
            console.print(build_versions_table(store, dataset))
        elif not store.datasets():
            console.print("The store holds no lists yet: run `interdictor lists load FILE`.")
        else:
            console.print(build_datasets_table(store))


def split_reference(reference: str) -> tuple[str, str] | None:
    """Return ``(dataset, version)`` for ``dataset@version``, None for anything else."""
    if "@" not in reference or Path(reference).exists():
        return None
    dataset, _, version = reference.rpartition("@")
    return (dataset, version) if dataset and version else None


def find_version(store: Store, dataset: str, version: str) -> VersionInfo:
    """Resolve ``version``: an id, ``current`` or ``previous`` (the one before current)."""
    versions = store.versions(dataset)
    current = [i for i, v in enumerate(versions) if v.is_current]
    if version == "current" and current:
        return versions[current[0]]
    if version == "previous" and current and current[0] > 0:
        return versions[current[0] - 1]
    for candidate in versions:
        if str(candidate.id) == version:
            return candidate
    known = ", ".join(str(v.id) for v in versions)
    raise InvalidInput(
        f"dataset {dataset!r} has no version {version!r} (versions: {known}; "
        "or use current, previous)"
    )


class ReferenceReader:
    """Read the entities of a diff side: a file (parsed, not stored) or ``dataset@version``.

    The store is opened only if a side names a stored version.
    """

    def __init__(self, home: Path | None, database_url: str | None) -> None:
        self.home = home
        self.database_url = database_url
        self.store: Store | None = None

    def read(self, reference: str, format: str | None, dataset: str | None) -> list[ListedEntity]:
        """Return the entities ``reference`` names."""
        parts = split_reference(reference)
        if parts is None:
            return read_list(reference, format, dataset).entities
        if self.store is None:
            self.store = open_store(self.home, self.database_url)
        version = find_version(self.store, *parts)
        return self.store.entities(version_id=version.id)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def format_value(value: Any) -> str:
    """Return a list value as text; an identifier as ``kind value (country)``."""
    if isinstance(value, Identifier):
        country = f" ({value.country})" if value.country else ""
        return f"{value.kind} {value.value}{country}"
    return "" if value is None else str(value)


def shorten_pair(old: str, new: str) -> tuple[str, str]:
    """Cut the text two long values share, keeping some context around what differs.

    A 600-character UN note that gained one space shows as ``…web link: https…`` against
    ``…web link:https…``; the JSON output keeps the full values.
    """
    if len(old) <= SHORT_VALUE and len(new) <= SHORT_VALUE:
        return old, new
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[prefix:][::-1], new[prefix:][::-1]]))
    return cut_around(old, prefix, suffix), cut_around(new, prefix, suffix)


def cut_around(value: str, prefix: int, suffix: int) -> str:
    """Return the part of ``value`` between a shared prefix and suffix, with context."""
    start = max(0, prefix - CONTEXT)
    end = min(len(value), len(value) - suffix + CONTEXT)
    middle = value[start:end]
    if len(middle) > 4 * SHORT_VALUE:
        middle = middle[: 4 * SHORT_VALUE] + "…"
    return ("…" if start > 0 else "") + middle + ("…" if end < len(value) else "")


def describe_field_change(change: Any) -> tuple[str, str]:
    """Return the old and the new side of a field change as text."""
    if isinstance(change, FieldChange):
        removed = [format_value(v) for v in change.removed]
        added = [format_value(v) for v in change.added]
        if len(removed) == 1 and len(added) == 1:
            removed[0], added[0] = shorten_pair(removed[0], added[0])
        return "\n".join(f"- {v}" for v in removed), "\n".join(f"+ {v}" for v in added)
    return shorten_pair(format_value(change.old), format_value(change.new))


def build_changes_table(changes: list[EntityChange]) -> Table:
    """Return one row per changed field, grouped by entry."""
    table = Table("Entry", "Field", "Old", "New", title="Changed entries", show_lines=True)
    for change in changes:
        label = f"{change.entity_id}\n{change.new.name}"
        for number, (name, field_change) in enumerate(change.fields.items()):
            old, new = describe_field_change(field_change)
            entry = escape(label) if number == 0 else ""
            table.add_row(entry, escape(name), escape(old), escape(new))
    return table


def build_entries_table(title: str, entities: list[ListedEntity]) -> Table:
    """Return a table of added or removed entries."""
    table = Table("Entry", "Reference", "Schema", "Name", title=title)
    for entity in entities:
        table.add_row(
            escape(entity.id), escape(entity.reference or ""), entity.schema, escape(entity.name)
        )
    return table


def print_diff(console: Console, diff: ListDiff, limit: int | None) -> None:
    """Print the counts, the added and removed entries, and each change field by field."""
    console.print(
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    if diff.added:
        console.print(build_entries_table("Added entries", diff.added[:limit]))
    if diff.removed:
        console.print(build_entries_table("Removed entries", diff.removed[:limit]))
    if diff.changed:
        console.print(build_changes_table(diff.changed[:limit]))
    longest = max(len(diff.added), len(diff.removed), len(diff.changed))
    if limit is not None and longest > limit:
        console.print(f"Only the first {limit} of each kind are shown; --json has them all.")


@lists_app.command("diff")
def diff_command(
    old: Annotated[str, typer.Argument(help="Old side: a list file, or DATASET@VERSION.")],
    new: Annotated[str, typer.Argument(help="New side: a list file, or DATASET@VERSION.")],
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the full diff as JSON to this file.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=0, help="Entries shown per kind (default all).")
    ] = None,
    format: FormatOption = None,
    dataset: DatasetOption = None,
    home: HomeOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Show what was added, removed and changed between two list files or stored versions.

    VERSION is a version id from `lists show --dataset D`, `current` or `previous`.
    Example: interdictor lists diff un_2020.xml.gz un_sc@current --json diff.json
    """
    console = make_console()
    reader = ReferenceReader(home, database_url)
    with report_errors():
        try:
            diff = diff_entities(
                reader.read(old, format, dataset), reader.read(new, format, dataset)
            )
        finally:
            reader.close()
    print_diff(console, diff, limit)
    if json_path is not None:
        json_path.write_bytes(orjson.dumps(diff.to_dict(), option=orjson.OPT_INDENT_2))
        console.print(f"Full diff written to {escape(str(json_path))}.")
