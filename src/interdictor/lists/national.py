"""A simple CSV for national lists, documented in ``docs/lists.md``.

Header (exactly these columns, in this order)::

    id,schema,name,aliases,weak_aliases,original_names,countries,birth_dates,identifiers,addresses,programs,reference,listed_on

List cells separate values with ``;``. Identifiers are ``kind:value`` with kind one of
imo, passport, national_id, registration, swift, other. Countries are names or ISO codes,
dates any form :mod:`interdictor.text.dates` reads. The entity id is ``{dataset}-{id}``.
"""

from __future__ import annotations

from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.lists.base import (
    ListFormat,
    ParseResult,
    clean,
    iter_csv_rows,
    read_csv_records,
    read_text,
    split_values,
    unique,
)
from interdictor.model.listed import IDENTIFIER_KINDS, SCHEMATA, Identifier, ListedEntity
from interdictor.text.countries import to_country_code
from interdictor.text.dates import parse_date, parse_dates

KEY = "national_csv"
COLUMNS = (
    "id",
    "schema",
    "name",
    "aliases",
    "weak_aliases",
    "original_names",
    "countries",
    "birth_dates",
    "identifiers",
    "addresses",
    "programs",
    "reference",
    "listed_on",
)


def sniff_national_csv(path: Path, head: str) -> bool:
    """Say whether the header is the national CSV header."""
    header = [c.strip() for c in head.split("\n", 1)[0].strip().split(",")]
    return tuple(header) == COLUMNS


def read_identifiers(cell: str) -> list[Identifier]:
    """Return the ``kind:value`` identifiers of a cell; raise InvalidInput on a bad one."""
    found = []
    for item in split_values(cell):
        kind, sep, value = item.partition(":")
        kind = kind.strip().lower()
        if not sep or not value.strip():
            raise InvalidInput(f"identifier {item!r} is not kind:value")
        if kind not in IDENTIFIER_KINDS:
            raise InvalidInput(f"identifier kind {kind!r} is not one of {IDENTIFIER_KINDS}")
        found.append(Identifier(kind=kind, value=value.strip()))
    return found


def read_countries(cell: str) -> list[str]:
    """Return the ISO codes of a cell; raise InvalidInput on a name we cannot place."""
    codes = []
    for name in split_values(cell):
        code = to_country_code(name)
        if code is None:
            raise InvalidInput(f"unknown country {name!r}")
        codes.append(code)
    return unique(codes)


def read_national_row(row: dict[str, str], dataset: str, line: int) -> ListedEntity:
    """Return the ListedEntity of one row; raise InvalidInput if unusable."""
    key, name, schema = clean(row["id"]), clean(row["name"]), clean(row["schema"]) or ""
    if not key:
        raise InvalidInput("row has no id")
    if not name:
        raise InvalidInput(f"row {key} has no name")
    if schema not in SCHEMATA:
        raise InvalidInput(f"schema {schema!r} is not one of {SCHEMATA}")
    listed_on = clean(row["listed_on"])
    if listed_on and parse_date(listed_on) is None:
        raise InvalidInput(f"listed_on {listed_on!r} is not a date")
    return ListedEntity(
        id=f"{dataset}-{key}",
        schema=schema,
        name=name,
        dataset=dataset,
        aliases=split_values(row["aliases"]),
        weak_aliases=split_values(row["weak_aliases"]),
        original_names=split_values(row["original_names"]),
        identifiers=read_identifiers(row["identifiers"]),
        countries=read_countries(row["countries"]),
        birth_dates=unique([d for v in split_values(row["birth_dates"]) for d in parse_dates(v)]),
        addresses=split_values(row["addresses"]),
        programs=split_values(row["programs"]),
        reference=clean(row["reference"]),
        listed_on=parse_date(listed_on),
        source_position=f"line {line}",
    )


def parse_national_csv(path: Path, dataset: str | None) -> ParseResult:
    """Parse a national-list CSV (plain or gzipped); the dataset defaults to the file stem."""
    dataset = dataset or path.name.split(".")[0]
    result = ParseResult(format=KEY, dataset=dataset, source=str(path))
    rows = iter_csv_rows(read_text(path))
    _, header = next(rows, (0, []))
    if tuple(h.strip() for h in header) != COLUMNS:
        raise InvalidInput(
            f"not a national CSV: the header must be {','.join(COLUMNS)}", source=str(path)
        )
    return read_csv_records(
        path, result, rows, COLUMNS, lambda row, line: read_national_row(row, dataset, line)
    )


NATIONAL_CSV = ListFormat(
    key=KEY,
    title="National list CSV (documented in docs/lists.md)",
    default_dataset=None,
    parse=parse_national_csv,
    sniff=sniff_national_csv,
)
