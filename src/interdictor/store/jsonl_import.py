"""One-time imports of the append-only JSON-lines files kept before the store
(``goods_decisions.jsonl``, ``feedback.jsonl``).

A bad line is reported with its file and line number and set aside: it is copied,
verbatim, to ``<file>.rejected`` so it can be fixed and imported again, and it never sinks
the import. Once the good lines are stored, the file is renamed ``<file>.imported``, so it
is read once and kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import orjson

from interdictor.errors import InvalidInput
from interdictor.model.listed import Rejected
from interdictor.store.records import ImportCounts

IMPORTED_SUFFIX = ".imported"
REJECTED_SUFFIX = ".rejected"
EXCERPT_LIMIT = 80
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileImport:
    """What importing one file did: rows stored, rows already stored, lines set aside,
    and where the file and its bad lines went."""

    source: str
    imported: int
    duplicates: int
    rejected: tuple[Rejected, ...] = ()
    moved_to: Path | None = None
    rejected_to: Path | None = None


@dataclass(frozen=True, slots=True)
class ParsedLines(Generic[T]):
    """The good items of a file, and its bad lines with why they were set aside."""

    items: list[T]
    rejected: list[Rejected]
    bad_lines: list[bytes]


def parse_timestamp(text: Any) -> datetime:
    """Return an ISO 8601 time in UTC (a time without a zone is taken as UTC)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing time")
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(f"time {text!r} is not ISO 8601") from error
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_lines(path: Path, parse: Callable[[dict[str, Any], str], T]) -> ParsedLines[T]:
    """Read one JSON object a line and ``parse(object, position)`` it; a line that is not
    JSON, not an object, or that ``parse`` refuses (ValueError, TypeError, KeyError) is
    set aside with its number."""
    items: list[T] = []
    rejected: list[Rejected] = []
    bad_lines: list[bytes] = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            position = f"line {number}"
            try:
                data = orjson.loads(raw)
                if not isinstance(data, dict):
                    raise ValueError("not a JSON object")
                items.append(parse(data, position))
            except (ValueError, TypeError, KeyError) as error:
                reason = describe_error(error)
                excerpt = raw[:EXCERPT_LIMIT].decode("utf-8", "replace").rstrip()
                rejected.append(Rejected(str(path), position, reason, excerpt))
                bad_lines.append(raw if raw.endswith(b"\n") else raw + b"\n")
    return ParsedLines(items, rejected, bad_lines)


def describe_error(error: Exception) -> str:
    """Return why a line was set aside, in words."""
    if isinstance(error, orjson.JSONDecodeError):
        return f"not valid JSON ({error})"
    if isinstance(error, KeyError):
        return f"missing {error}"
    return str(error)


def set_aside(path: Path, bad_lines: list[bytes]) -> Path | None:
    """Append the bad lines of ``path`` to ``<path>.rejected``; return it (None if none)."""
    if not bad_lines:
        return None
    target = path.with_name(path.name + REJECTED_SUFFIX)
    with target.open("ab") as handle:
        handle.write(b"".join(bad_lines))
        handle.flush()
        os.fsync(handle.fileno())
    return target


def retire(path: Path) -> Path:
    """Rename an imported file to ``<path>.imported`` (with the time when that exists)."""
    target = path.with_name(path.name + IMPORTED_SUFFIX)
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = path.with_name(f"{path.name}{IMPORTED_SUFFIX}-{stamp}")
    os.replace(path, target)
    return target


def import_file(
    path: Path,
    what: str,
    parse: Callable[[dict[str, Any], str], T],
    store_items: Callable[[list[T]], ImportCounts],
    *,
    retire_file: bool,
) -> FileImport:
    """Parse ``path`` line by line, store the good items in one call (one transaction),
    and, with ``retire_file``, copy the bad lines to ``<file>.rejected`` and rename the
    file ``<file>.imported``; otherwise the file is left as it is."""
    try:
        parsed = parse_lines(path, parse)
    except OSError as error:
        raise InvalidInput(f"cannot read the {what}: {error}", source=str(path)) from error
    counts = store_items(parsed.items)
    rejected_to = set_aside(path, parsed.bad_lines) if retire_file else None
    moved_to = retire(path) if retire_file else None
    return FileImport(
        source=str(path),
        imported=counts.imported,
        duplicates=counts.duplicates,
        rejected=tuple(parsed.rejected),
        moved_to=moved_to,
        rejected_to=rejected_to,
    )
