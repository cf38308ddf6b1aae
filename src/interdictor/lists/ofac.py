"""OFAC's legacy SDN CSV files: the single ``sdn.csv`` and the sdn/alt/add[/sdn_comments] set.

The files have no header. ``sdn.csv`` columns: ent_num, SDN_Name, SDN_Type, Program, Title,
Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. ``-0-`` means empty and
the files end with a 0x1A byte. The id is ``{dataset}-{ent_num}``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.lists.base import (
    ListFormat,
    ParseResult,
    clean,
    has_undecodable,
    iter_csv_rows,
    read_text,
    reject,
    unique,
)
from interdictor.lists.ofac_remarks import parse_remarks
from interdictor.model.listed import ListedEntity
from interdictor.text.countries import to_country_code

DEFAULT_DATASET = "us_ofac_sdn"
SDN_COLUMNS = 12
ALT_COLUMNS = 5
ADD_COLUMNS = 6
COMMENT_COLUMNS = 2
SCHEMA_BY_TYPE = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
# Main file stem -> (alt, add, comments) stems and dataset. OFAC publishes its consolidated
# non-SDN list in the same layout under "cons_" names.
FAMILIES: dict[str, tuple[tuple[str, str, str], str]] = {
    "sdn": (("alt", "add", "sdn_comments"), DEFAULT_DATASET),
    "cons_prim": (("cons_alt", "cons_add", "cons_comments"), "us_ofac_cons"),
}
_FIRST_ROW = re.compile(r'^\s*\d+\s*,\s*"')
_PROGRAM_SPLIT = re.compile(r"\]\s*\[")

# Vessel columns -> FtM property names.
VESSEL_PROPERTIES = (
    (5, "callSign"),
    (6, "type"),
    (7, "tonnage"),
    (8, "grossRegisteredTonnage"),
    (10, "owner"),
)


def find_file(folder: Path, stem: str) -> Path | None:
    """Return ``folder/stem.csv`` or ``folder/stem.csv.gz``, whichever exists."""
    for name in (f"{stem}.csv", f"{stem}.csv.gz", f"{stem.upper()}.CSV"):
        if (folder / name).is_file():
            return folder / name
    return None


def find_family(path: Path) -> str | None:
    """Return the family ("sdn" or "cons_prim") of a folder or main file, or None."""
    folder = path if path.is_dir() else path.parent
    for main, ((alt, _, _), _) in FAMILIES.items():
        main_file = find_file(folder, main)
        if main_file is None or find_file(folder, alt) is None:
            continue
        if path.is_dir() or path.resolve() == main_file.resolve():
            return main
    return None


def is_sdn_row(head: str) -> bool:
    """Say whether the first line looks like an SDN row (number, then a quoted name)."""
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return bool(_FIRST_ROW.match(first)) and first.count(",") >= SDN_COLUMNS - 1


def sniff_ofac_legacy(path: Path, head: str) -> bool:
    """A folder with sdn + alt files, or an sdn file with an alt file beside it."""
    if not path.is_dir() and not is_sdn_row(head):
        return False
    return find_family(path) is not None


def sniff_ofac_sdn_csv(path: Path, head: str) -> bool:
    """A headerless CSV whose rows have the 12 SDN columns."""
    return not path.is_dir() and is_sdn_row(head)


def read_programs(cell: str) -> list[str]:
    """Return the program tags of ``NPWMD] [DPRK2``."""
    return unique([clean(p.strip("[] ")) or "" for p in _PROGRAM_SPLIT.split(cell)])


def read_sdn_row(row: list[str], dataset: str, remarks: str | None) -> ListedEntity:
    """Return the ListedEntity of one sdn.csv row; raise InvalidInput if unusable."""
    ent_num, name = clean(row[0]), clean(row[1])
    if not ent_num or not ent_num.isdigit():
        raise InvalidInput(f"ent_num is not a number: {row[0]!r}")
    if not name:
        raise InvalidInput(f"entry {ent_num} has no name")
    schema = SCHEMA_BY_TYPE.get((clean(row[2]) or "").lower(), "Organization")
    info = parse_remarks(remarks)
    props = dict(info.properties)
    for index, prop in VESSEL_PROPERTIES:
        if value := clean(row[index]):
            props[prop] = [value]
    if title := clean(row[4]):
        props.setdefault("position", []).append(title)
    if info.previous_names:
        props["previousName"] = info.previous_names
    if remarks:
        props["notes"] = [remarks]
    flag = to_country_code(clean(row[9]))
    if flag:
        props["flag"] = [flag]
    return ListedEntity(
        id=f"{dataset}-{ent_num}",
        schema=schema,
        name=name,
        dataset=dataset,
        aliases=unique([a for a in info.aliases + info.previous_names if a != name]),
        identifiers=info.identifiers,
        countries=unique(info.countries + ([flag] if flag else [])),
        birth_dates=info.birth_dates,
        programs=read_programs(row[3]),
        reference=ent_num,
        properties=props,
    )


def _check_row(row: list[str], columns: int) -> str | None:
    if len(row) != columns:
        return f"expected {columns} columns, found {len(row)}"
    if has_undecodable(row):
        return "line is not valid UTF-8"
    return None


def parse_sdn_rows(
    path: Path, dataset: str, key: str, comments: dict[str, str] | None = None
) -> ParseResult:
    """Parse the rows of an sdn.csv file, rejecting bad rows with their line numbers."""
    result = ParseResult(format=key, dataset=dataset, source=str(path))
    for line, row in iter_csv_rows(read_text(path)):
        position = f"line {line}"
        problem = _check_row(row, SDN_COLUMNS)
        try:
            if problem:
                raise InvalidInput(problem)
            remarks = clean(row[11])
            extra = (comments or {}).get(row[0].strip())
            if extra:
                remarks = f"{remarks} {extra}" if remarks else extra
            entity = read_sdn_row(row, dataset, remarks)
        except InvalidInput as exc:
            result.rejected.append(reject(path, position, exc.reason, row))
            continue
        entity.source_position = position
        result.entities.append(entity)
    if not result.entities and result.rejected:
        raise InvalidInput("no row has the OFAC SDN layout", source=str(path))
    return result


def parse_ofac_sdn_csv(path: Path, dataset: str | None) -> ParseResult:
    """Parse a single OFAC ``sdn.csv``: aliases and identifiers come from Remarks."""
    dataset = dataset or DEFAULT_DATASET
    return parse_sdn_rows(path, dataset, OFAC_SDN_CSV_KEY)


def read_companion(
    path: Path | None, columns: int, result: ParseResult
) -> dict[str, list[list[str]]]:
    """Return the rows of an alt/add/comments file by ent_num; bad rows go to ``result``."""
    rows: dict[str, list[list[str]]] = defaultdict(list)
    if path is None:
        return rows
    for line, row in iter_csv_rows(read_text(path)):
        problem = _check_row(row, columns)
        if problem:
            result.rejected.append(reject(path, f"line {line}", problem, row))
            continue
        rows[row[0].strip()].append(row)
    return rows


def attach_aliases(entity: ListedEntity, rows: list[list[str]]) -> None:
    """Add the names of alt.csv rows (aka, fka, nka) to the entity."""
    for row in rows:
        name = clean(row[3])
        if not name or name == entity.name:
            continue
        entity.aliases.append(name)
        if (clean(row[2]) or "").lower() == "fka":
            entity.properties.setdefault("previousName", []).append(name)
    entity.aliases = unique(entity.aliases)


def attach_addresses(entity: ListedEntity, rows: list[list[str]]) -> None:
    """Add the addresses of add.csv rows, and their countries, to the entity."""
    for row in rows:
        parts = [clean(row[i]) for i in (2, 3, 4)]
        text = ", ".join(p for p in parts if p)
        if text:
            entity.addresses.append(text)
        if code := to_country_code(clean(row[4])):
            entity.countries.append(code)
    entity.addresses = unique(entity.addresses)
    entity.countries = unique(entity.countries)


def resolve_legacy_set(path: Path) -> tuple[Path, list[Path | None], str]:
    """Return the main file, its (alt, add, comments) files and the family's dataset."""
    folder = path if path.is_dir() else path.parent
    family = find_family(path)
    if family is None:
        if path.is_dir():
            raise InvalidInput("folder has no sdn.csv with alt.csv beside it", source=str(path))
        family = "sdn"  # a lone main file: read it, with whatever companions exist
    stems, dataset = FAMILIES[family]
    main = find_file(folder, family) if path.is_dir() else path
    if main is None:
        raise InvalidInput(f"folder has no {family}.csv", source=str(path))
    return main, [find_file(folder, stem) for stem in stems], dataset


def parse_ofac_legacy(path: Path, dataset: str | None) -> ParseResult:
    """Parse the SDN legacy set: sdn + alt + add [+ sdn_comments], plain or gzipped.

    The consolidated non-SDN set (cons_prim, cons_alt, cons_add, cons_comments) reads the
    same way, with the default dataset ``us_ofac_cons``.
    """
    sdn, (alt_path, add_path, comments_path), family_dataset = resolve_legacy_set(path)
    dataset = dataset or family_dataset
    scratch = ParseResult(format=OFAC_LEGACY_KEY, dataset=dataset, source=str(path))
    comment_rows = read_companion(comments_path, COMMENT_COLUMNS, scratch)
    comments = {k: " ".join(clean(r[1]) or "" for r in v) for k, v in comment_rows.items()}
    alt = read_companion(alt_path, ALT_COLUMNS, scratch)
    add = read_companion(add_path, ADD_COLUMNS, scratch)
    result = parse_sdn_rows(sdn, dataset, OFAC_LEGACY_KEY, comments)
    result.source = str(path)
    for entity in result.entities:
        ent_num = entity.reference or ""
        attach_aliases(entity, alt.get(ent_num, []))
        attach_addresses(entity, add.get(ent_num, []))
    result.rejected = scratch.rejected + result.rejected
    return result


OFAC_LEGACY_KEY = "ofac_legacy"
OFAC_SDN_CSV_KEY = "ofac_sdn_csv"

OFAC_LEGACY = ListFormat(
    key=OFAC_LEGACY_KEY,
    title="OFAC SDN legacy CSV set (sdn, alt, add, sdn_comments)",
    default_dataset=None,  # us_ofac_sdn, or us_ofac_cons for the cons_* files
    parse=parse_ofac_legacy,
    sniff=sniff_ofac_legacy,
)
OFAC_SDN_CSV = ListFormat(
    key=OFAC_SDN_CSV_KEY,
    title="OFAC sdn.csv alone (aliases and identifiers read from Remarks)",
    default_dataset=DEFAULT_DATASET,
    parse=parse_ofac_sdn_csv,
    sniff=sniff_ofac_sdn_csv,
)
