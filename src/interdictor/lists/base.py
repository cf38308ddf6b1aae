"""What every list parser shares: the result type, the format record and text helpers."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rigour.text.scripts import is_latin

from interdictor.errors import InvalidInput
from interdictor.model.listed import ListedEntity, Rejected

GZIP_MAGIC = b"\x1f\x8b"
# OFAC ends its legacy CSV files with a DOS end-of-file byte.
EOF_BYTE = "\x1a"
# OFAC writes "-0-" (with a trailing space) for an empty cell.
OFAC_EMPTY = "-0-"
EXCERPT_CHARS = 160

_SPACES = re.compile(r"\s+")
_SURROGATES = re.compile("[\udc80-\udcff]")


@dataclass
class ParseResult:
    """What a parser read from one source: the entities and the records it set aside."""

    format: str
    dataset: str
    source: str
    entities: list[ListedEntity] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    published: str | None = None


# parse(path, dataset): dataset None means the format's own default.
Parser = Callable[[Path, str | None], ParseResult]
Sniffer = Callable[[Path, str], bool]


@dataclass(frozen=True)
class ListFormat:
    """A list format: its key, what it reads, its default dataset and its functions.

    ``parse(path, dataset)`` reads the file; ``sniff(path, head)`` says whether the first
    characters of the (decompressed) file look like this format.
    """

    key: str
    title: str
    default_dataset: str | None
    parse: Parser
    sniff: Sniffer


def read_bytes(path: Path) -> bytes:
    """Return the content of ``path``, decompressed if it is gzipped."""
    try:
        raw = path.read_bytes()
        return gzip.decompress(raw) if raw[:2] == GZIP_MAGIC else raw
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InvalidInput(f"cannot read file: {exc}", source=str(path)) from exc


def read_text(path: Path) -> str:
    """Return the text of ``path`` (UTF-8, BOM dropped); undecodable bytes become surrogates.

    Parsers check each record with :func:`has_undecodable` so that one bad line is
    rejected rather than the whole file.
    """
    text = read_bytes(path).decode("utf-8", errors="surrogateescape")
    return text.removeprefix("\ufeff")


def read_head(path: Path, size: int = 65536) -> str:
    """Return the first characters of ``path``, decompressed, for format detection."""
    try:
        with path.open("rb") as fh:
            start = fh.read(2)
        opener = gzip.open if start == GZIP_MAGIC else open
        with opener(path, "rb") as fh:
            head = fh.read(size)
    except (OSError, EOFError) as exc:
        raise InvalidInput(f"cannot read file: {exc}", source=str(path)) from exc
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff")


def has_undecodable(values: list[str]) -> bool:
    """Say whether any value holds bytes that were not valid UTF-8."""
    return any(_SURROGATES.search(v) for v in values)


def iter_csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, row)`` for each CSV row, skipping blank rows and the EOF byte."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    start = 1
    for row in reader:
        line = start
        start = reader.line_num + 1
        if not row or (len(row) == 1 and row[0].strip() in ("", EOF_BYTE)):
            continue
        yield line, row


def clean(value: str | None) -> str | None:
    """Return ``value`` with runs of whitespace collapsed, or None when empty or ``-0-``."""
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip()
    if not value or value == OFAC_EMPTY:
        return None
    return value


def split_values(value: str | None, sep: str = ";") -> list[str]:
    """Return the non-empty, cleaned parts of a ``sep``-separated cell."""
    if not value:
        return []
    parts = (clean(p) for p in value.split(sep))
    return [p for p in parts if p]


def unique(values: list[str]) -> list[str]:
    """Return ``values`` without duplicates or empty strings, in order."""
    return list(dict.fromkeys(v for v in values if v))


def make_excerpt(value: str | list[str]) -> str:
    """Return a short excerpt of a record for a rejection report."""
    text = ",".join(value) if isinstance(value, list) else value
    text = _SPACES.sub(" ", _SURROGATES.sub("\ufffd", text)).strip()
    return text[:EXCERPT_CHARS]


def reject(source: Path, position: str, reason: str, record: str | list[str] = "") -> Rejected:
    """Return a :class:`Rejected` for a record of ``source``."""
    return Rejected(
        source=str(source), position=position, reason=reason, excerpt=make_excerpt(record)
    )


def read_csv_records(
    path: Path,
    result: ParseResult,
    rows: Iterator[tuple[int, list[str]]],
    header: Sequence[str],
    read_row: Callable[[dict[str, str], int], ListedEntity],
) -> ParseResult:
    """Read each data row with ``read_row(row, line)`` into ``result``.

    A row with the wrong number of columns, undecodable bytes, or a value that
    ``read_row`` rejects is set aside with its line number and reason.
    """
    for line, values in rows:
        try:
            if len(values) != len(header):
                raise InvalidInput(f"expected {len(header)} columns, found {len(values)}")
            if has_undecodable(values):
                raise InvalidInput("line is not valid UTF-8")
            entity = read_row(dict(zip(header, values, strict=True)), line)
        except InvalidInput as exc:
            result.rejected.append(reject(path, f"line {line}", exc.reason, values))
            continue
        result.entities.append(entity)
    return result


def split_scripts(name: str) -> tuple[str | None, str | None]:
    """Return the Latin and the other-script words of a name: "KIM Ho Kyu 김호규"."""
    words = name.split()
    latin = [w for w in words if is_latin(w)]
    other = [w.strip("()[]") for w in words if not is_latin(w)]
    return clean(" ".join(latin)), clean(" ".join(other))
