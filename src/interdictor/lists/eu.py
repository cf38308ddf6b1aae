"""The EU Official Journal consolidated annex CSV, as extracted by OpenSanctions.

The header names FtM properties (``schema, name, alias, passportNumber, imoNumber, ...``)
with ``;`` between values. ``recordId`` counts within an annex, so the id is
``{dataset}-{annex}-{recordId}``; rows without a recordId (vessels of annex XIII.B) use
``imo{imoNumber}``, else their line. Hangul and Han names among the aliases are
original-script names. A vessel's bracketed names, "Chol Ryong (Ryong Gun Bong)", are its
former names.
"""

from __future__ import annotations

import re
from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.lists.base import (
    ListFormat,
    ParseResult,
    clean,
    iter_csv_rows,
    read_csv_records,
    read_text,
    split_scripts,
    split_values,
    unique,
)
from interdictor.model.listed import SCHEMATA, Identifier, ListedEntity
from interdictor.text.countries import country_of_address, to_country_codes
from interdictor.text.dates import parse_date, parse_dates

KEY = "eu_journal_csv"
DEFAULT_DATASET = "eu_dprk"
REQUIRED_COLUMNS = ("recordId", "annex", "schema", "name")
IDENTIFIER_COLUMNS = (
    ("imoNumber", "imo"),
    ("passportNumber", "passport"),
    ("idNumber", "national_id"),
    ("registrationNumber", "registration"),
    ("swiftBic", "swift"),
    ("taxNumber", "other"),
    ("innCode", "other"),
    ("ogrnCode", "other"),
    ("leiCode", "other"),
)
COUNTRY_COLUMNS = ("country", "nationality", "jurisdiction", "flag")
# Columns kept as they are, under their FtM property name.
PROPERTY_COLUMNS = (
    "annex",
    "measure",
    "reason",
    "celex",
    "previousName",
    "birthPlace",
    "position",
    "gender",
    "legalForm",
    "incorporationDate",
    "mmsi",
    "phone",
    "email",
    "website",
    "notes",
)
# Prose columns: a ";" inside them is punctuation, not a value separator.
TEXT_COLUMNS = ("reason", "notes")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_NOTE_IN_VALUE = re.compile(r"\s*\((?:diplomatic|issued|expires|expired)[^)]*\)\s*", re.I)


def sniff_eu_journal_csv(path: Path, head: str) -> bool:
    """Say whether the header has the EU journal columns."""
    header = head.split("\n", 1)[0]
    return all(col in header for col in ("celex", "recordId", "annex", "schema", "name"))


def split_names(value: str | None) -> tuple[list[str], list[str]]:
    """Return (Latin names, original-script names) of a ``;``-separated name cell."""
    latin: list[str] = []
    original: list[str] = []
    for name in split_values(value):
        latin_part, other_part = split_scripts(name.strip("()\"' "))
        latin.extend([latin_part] if latin_part else [])
        original.extend([other_part] if other_part else [])
    return latin, original


def split_vessel_name(name: str) -> tuple[str, list[str]]:
    """Return the current name and the bracketed former names of a vessel."""
    former = [clean(n) or "" for n in _BRACKETED.findall(name)]
    current = clean(_BRACKETED.sub(" ", name)) or name
    return current, unique(former)


def read_identifiers(row: dict[str, str]) -> list[Identifier]:
    """Return the identifiers of the row, one per ``;``-separated value."""
    found = []
    for column, kind in IDENTIFIER_COLUMNS:
        for value in split_values(row.get(column)):
            value = clean(_NOTE_IN_VALUE.sub(" ", value)) or value
            found.append(Identifier(kind=kind, value=value))
    return list(dict.fromkeys(found))


def read_countries(row: dict[str, str], addresses: list[str]) -> list[str]:
    """Return the countries of the row's country columns and of its addresses."""
    codes = [c for col in COUNTRY_COLUMNS for c in to_country_codes(row.get(col))]
    codes += [c for a in addresses if (c := country_of_address(a))]
    return unique(codes)


def make_id(dataset: str, row: dict[str, str], line: int) -> str:
    """Return the stable id of a row (see the module docstring)."""
    annex = clean(row.get("annex")) or "annex"
    record = clean(row.get("recordId"))
    imo = clean(row.get("imoNumber"))
    key = record or (f"imo{imo}" if imo else f"line{line}")
    return f"{dataset}-{annex}-{key}"


def read_eu_row(row: dict[str, str], dataset: str, line: int) -> ListedEntity:
    """Return the ListedEntity of one row; raise InvalidInput if unusable."""
    raw_name = clean(row.get("name"))
    schema = clean(row.get("schema")) or ""
    if not raw_name:
        raise InvalidInput("row has no name")
    if schema not in SCHEMATA:
        raise InvalidInput(f"unknown schema {schema!r}")
    name, former = split_vessel_name(raw_name) if schema == "Vessel" else (raw_name, [])
    aliases, original = split_names(row.get("alias"))
    weak, weak_original = split_names(row.get("weakAlias"))
    latin_name, original_name = split_scripts(name)
    if original_name:
        original.insert(0, original_name)
    name = latin_name or name
    addresses = split_values(row.get("address"))
    props = {col: split_values(row.get(col)) for col in PROPERTY_COLUMNS}
    props.update({col: [v] for col in TEXT_COLUMNS if (v := clean(row.get(col)))})
    props["previousName"] = unique(props["previousName"] + former)
    record = clean(row.get("recordId"))
    return ListedEntity(
        id=make_id(dataset, row, line),
        schema=schema,
        name=name,
        dataset=dataset,
        aliases=unique([a for a in aliases + former if a != name]),
        weak_aliases=unique(weak),
        original_names=unique(original + weak_original),
        identifiers=read_identifiers(row),
        countries=read_countries(row, addresses),
        birth_dates=parse_dates(row.get("birthDate")),
        addresses=addresses,
        programs=split_values(row.get("programKey")),
        reference=f"{clean(row.get('annex'))}/{record}" if record else None,
        listed_on=parse_date(row.get("startDate")),
        source_position=f"line {line}",
        properties={k: v for k, v in props.items() if v},
    )


def parse_eu_journal_csv(path: Path, dataset: str | None) -> ParseResult:
    """Parse an EU journal consolidated CSV (plain or gzipped)."""
    dataset = dataset or DEFAULT_DATASET
    result = ParseResult(format=KEY, dataset=dataset, source=str(path))
    rows = iter_csv_rows(read_text(path))
    _, header = next(rows, (0, []))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InvalidInput(f"not an EU journal CSV: missing columns {missing}", source=str(path))
    return read_csv_records(
        path, result, rows, header, lambda row, line: read_eu_row(row, dataset, line)
    )


EU_JOURNAL_CSV = ListFormat(
    key=KEY,
    title="EU Official Journal consolidated annex CSV (OpenSanctions extraction)",
    default_dataset=DEFAULT_DATASET,
    parse=parse_eu_journal_csv,
    sniff=sniff_eu_journal_csv,
)
