"""Readers for the raw sanctions files used by the screening benchmark data.

Stdlib only (csv, gzip, xml.etree), so the benchmark data can be rebuilt without
the interdictor package. Each reader returns plain `SourceRecord`s: the names as
printed, the birth dates, document numbers and countries that help to map one
list's record onto another's.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
UN_FILE = DATA / "sanctions" / "un" / "un_consolidated_2026-02-27.xml.gz"
EU_FILE = DATA / "sanctions" / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"
OFAC_2021 = DATA / "sanctions" / "ofac" / "sdn_2021-07"
OFAC_2024 = DATA / "sanctions" / "ofac" / "sdn_2024-05-03.csv.gz"
COUNTRIES = DATA / "geo" / "countries" / "country-codes.csv"

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
OFAC_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


@dataclass
class SourceRecord:
    """One listed party from one source file, with what helps to identify it."""

    source: str  # file-level source, e.g. "eu_dprk", "ofac_sdn_2024-05-03", "un_2026-02-27"
    key: str  # stable record key within the list family (EU annex/id, OFAC ent_num, UN ref)
    schema: str
    names: list[str]
    programs: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    remarks: str = ""


def normalize_name(name: str) -> str:
    """Casefold, strip accents and punctuation, collapse spaces (for comparison only)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def clean(value: str | None) -> str:
    """Strip OFAC's `-0-` empty marker and surrounding space."""
    value = (value or "").strip()
    return "" if value == "-0-" else value


def add_unique(items: list[str], value: str) -> None:
    """Append a non-empty value once, keeping order."""
    value = " ".join(value.split()).strip(" ;,")
    if value and value not in items:
        items.append(value)


def read_country_codes() -> dict[str, str]:
    """Map lower-cased English country names to ISO alpha-2 codes."""
    table = {"korea, north": "KP", "dprk": "KP", "north korea": "KP", "korea, south": "KR"}
    table["democratic people's republic of korea"] = "KP"
    with COUNTRIES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row.get("ISO3166-1-Alpha-2", "")
            for col in ("CLDR display name", "official_name_en", "UNTERM English Short"):
                if code and row.get(col):
                    table.setdefault(row[col].strip().lower(), code)
    return table


def parse_un_date(node: ET.Element) -> str:
    """Return an ISO date or year from an INDIVIDUAL_DATE_OF_BIRTH node."""
    for tag in ("DATE", "YEAR", "FROM_YEAR"):
        value = (node.findtext(tag) or "").strip()
        if value:
            return value[:10]
    return ""


def read_un(path: Path = UN_FILE) -> list[SourceRecord]:
    """Read every individual and entity of the UN consolidated XML."""
    root = ET.fromstring(gzip.open(path, "rb").read())
    countries = read_country_codes()
    records = []
    for node in [*root.iter("INDIVIDUAL"), *root.iter("ENTITY")]:
        is_person = node.tag == "INDIVIDUAL"
        names: list[str] = []
        parts = [node.findtext(t) or "" for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")]
        add_unique(names, " ".join([*parts, node.findtext("FOURTH_NAME") or ""]))
        add_unique(names, node.findtext("NAME_ORIGINAL_SCRIPT") or "")
        for alias in node.iter(f"{node.tag}_ALIAS"):
            add_unique(names, (alias.findtext("ALIAS_NAME") or "").strip().strip('"'))
        record = SourceRecord(
            source="un_2026-02-27",
            key=(node.findtext("REFERENCE_NUMBER") or "").strip(),
            schema="Person" if is_person else "LegalEntity",
            names=names,
            programs=[(node.findtext("UN_LIST_TYPE") or "").strip()],
            remarks=" ".join((node.findtext("COMMENTS1") or "").split()),
        )
        for dob in node.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            add_unique(record.birth_dates, parse_un_date(dob))
        for doc in node.iter("INDIVIDUAL_DOCUMENT"):
            add_unique(record.documents, re.sub(r"\W", "", node_text(doc, "NUMBER")))
        for nat in node.iter("NATIONALITY"):
            for value in nat.iter("VALUE"):
                add_unique(record.countries, countries.get((value.text or "").lower(), ""))
        records.append(record)
    return records


def node_text(node: ET.Element, tag: str) -> str:
    """Return the stripped text of a child element, or ''."""
    return (node.findtext(tag) or "").strip()


def split_eu_names(row: dict[str, str]) -> list[str]:
    """Split the EU name, alias and weakAlias cells into single names.

    The file separates aliases with ';', some person rows with ',', and a few rows
    print the Hangul name in the name cell ("KIM Kwang Yon 김광연") or the acronyms
    in brackets ("... (Aliases: KOGEN, GENCO)").
    """
    names: list[str] = []
    main = row["name"]
    bracket = re.search(r"\(Aliases?: ([^)]*)\)", main)
    if bracket:
        main = main.replace(bracket.group(0), "")
    for part in split_scripts(main):
        add_unique(names, part)
    extra = [p for cell in (row["alias"], row["weakAlias"]) for p in cell.split(";")]
    if bracket:
        extra.extend(bracket.group(1).split(","))
    for part in extra:
        for piece in split_name_list(part, row["schema"]):
            for name in split_scripts(re.sub(r"^(?:[fa]\.k\.a\.:?|and)\s+", "", piece.strip())):
                add_unique(names, name)
    return names


def split_name_list(cell: str, schema: str) -> list[str]:
    """Split a comma-separated list of person names, but keep "Chang, Myong Ho" whole."""
    pieces = [p.strip() for p in cell.split(",") if p.strip()]
    if schema == "Person" and len(pieces) > 1 and all(len(p.split()) > 1 for p in pieces):
        return pieces
    return [cell]


def split_scripts(name: str) -> list[str]:
    """Split "KIM Kwang Yon 김광연" into its Latin and Hangul halves; unwrap "(金铁三)"."""
    name = name.strip()
    if name.startswith("(") and name.endswith(")"):
        name = name[1:-1].strip()
    match = re.match(r"^([A-Za-z][A-Za-z' .-]+?)\s+([\uac00-\ud7a3 ]+)$", name)
    return [match.group(1), match.group(2)] if match else [name]


def parse_eu_date(value: str) -> list[str]:
    """Turn '13.10.1944, 1958 or 8.5.1966' into ISO dates / years."""
    dates = []
    for day, month, year in re.findall(r"(?:(\d{1,2})\.(\d{1,2})\.)?(\d{4})", value):
        dates.append(f"{year}-{int(month):02d}-{int(day):02d}" if day else year)
    return dates


def read_eu(path: Path = EU_FILE) -> list[SourceRecord]:
    """Read the EU DPRK regime CSV (annexes XIII to XVI)."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            ident = row["recordId"] or (f"IMO{row['imoNumber']}" if row["imoNumber"] else "")
            record = SourceRecord(
                source="eu_dprk",
                key=f"{row['annex']}/{ident or f'line{line}'}",
                schema=row["schema"],
                names=split_eu_names(row),
                programs=[row["annex"]],
                birth_dates=parse_eu_date(row["birthDate"]),
                remarks=" ".join(row["reason"].split()),
            )
            for number in re.findall(r"\b[A-Z]{0,2}\d{6,10}\b", row["passportNumber"]):
                add_unique(record.documents, number)
            add_unique(record.documents, row["imoNumber"])
            if "DPRK" in row["nationality"] or "Korea" in row["nationality"]:
                record.countries.append("KP")
            records.append(record)
    return records


def read_csv_gz(path: Path) -> list[list[str]]:
    """Read a headerless OFAC legacy CSV (latin-1, trailing 0x1A byte)."""
    with gzip.open(path, "rt", encoding="latin-1") as handle:
        return [row for row in csv.reader(handle) if len(row) > 2]


def parse_ofac_remarks(record: SourceRecord, remarks: str, countries: dict[str, str]) -> None:
    """Pull birth dates, passports, IMO numbers and nationality out of OFAC remarks."""
    # "DOB 01 Jan 1937 to 31 Dec 1938" is a range of years, not a date.
    for first, last in re.findall(r"DOB 01 Jan (\d{4}) to 31 Dec (\d{4})", remarks):
        for year in range(int(first), int(last) + 1):
            add_unique(record.birth_dates, str(year))
    remarks = re.sub(r"DOB 01 Jan \d{4} to 31 Dec \d{4}", "", remarks)
    pattern = r"DOB (?:circa )?(\d{1,2} )?([A-Z][a-z]{2} )?(\d{4})"
    for day, month, year in re.findall(pattern, remarks):
        mon = MONTHS.get(month.strip().lower(), 0)
        iso = f"{year}-{mon:02d}-{int(day):02d}" if day and mon else year
        add_unique(record.birth_dates, iso)
    for number in re.findall(r"(?:Passport|IMO|Number) (?:No\. )?([A-Z]{0,2}\d{6,10})", remarks):
        add_unique(record.documents, number)
    for country in re.findall(r"[Nn]ationality ([^;.]+?)(?:;|\.|$)", remarks):
        add_unique(record.countries, countries.get(country.strip().lower(), ""))


def read_ofac_2021(folder: Path = OFAC_2021) -> list[SourceRecord]:
    """Read the 2021 OFAC SDN legacy set: names from sdn.csv, aliases from alt.csv."""
    countries = read_country_codes()
    aliases: dict[str, list[str]] = {}
    for row in read_csv_gz(folder / "alt.csv.gz"):
        aliases.setdefault(row[0], []).append(clean(row[3]))
    addr_countries: dict[str, list[str]] = {}
    for row in read_csv_gz(folder / "add.csv.gz"):
        addr_countries.setdefault(row[0], []).append(countries.get(clean(row[4]).lower(), ""))
    records = []
    for row in read_csv_gz(folder / "sdn.csv.gz"):
        record = make_ofac_record("ofac_sdn_2021-07", row, countries)
        for alias in aliases.get(row[0], []):
            add_unique(record.names, alias)
        for code in addr_countries.get(row[0], []):
            add_unique(record.countries, code)
        records.append(record)
    return records


def read_ofac_2024(path: Path = OFAC_2024) -> list[SourceRecord]:
    """Read the 2024 single sdn.csv, whose aliases sit in Remarks as a.k.a. '...'."""
    countries = read_country_codes()
    records = []
    for row in read_csv_gz(path):
        if not row[0].strip().isdigit():
            continue
        record = make_ofac_record("ofac_sdn_2024-05-03", row, countries)
        for alias in re.findall(r"a\.k\.a\. '([^']+)'", record.remarks):
            add_unique(record.names, alias)
        records.append(record)
    return records


def make_ofac_record(source: str, row: list[str], countries: dict[str, str]) -> SourceRecord:
    """Build a record from one sdn.csv row (names, programme tags, remarks)."""
    remarks = clean(row[11]) if len(row) > 11 else ""
    record = SourceRecord(
        source=source,
        key=row[0].strip(),
        schema=OFAC_SCHEMAS.get(clean(row[2]).lower(), "LegalEntity"),
        names=[clean(row[1])],
        programs=[p.strip("[] ") for p in row[3].split("] [")],
        remarks=remarks,
    )
    parse_ofac_remarks(record, remarks, countries)
    return record


def entity_id(family: str, record: SourceRecord) -> str:
    """Return the entity id the interdictor list loaders give this record.

    `family` is "un", "ofac" or "eu": un_sc-KPi.001, us_ofac_sdn-12218, eu_dprk-XIII.A-1.
    """
    if family == "un":
        return f"un_sc-{record.key}"
    if family == "ofac":
        return f"us_ofac_sdn-{record.key}"
    annex, key = record.key.split("/", 1)
    return f"eu_dprk-{annex}-{key.lower() if key.startswith('IMO') else key}"


def is_ofac_dprk(record: SourceRecord) -> bool:
    """True for DPRK programme tags, or NPWMD entries with a North Korean link."""
    if any(p.startswith("DPRK") for p in record.programs):
        return True
    korean = "North Korea" in record.remarks or "Korea, North" in record.remarks
    return "NPWMD" in record.programs and (korean or "KP" in record.countries)
