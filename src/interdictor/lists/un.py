"""The UN Security Council consolidated list (``CONSOLIDATED_LIST`` XML).

Each INDIVIDUAL or ENTITY becomes one ListedEntity with id ``{dataset}-{REFERENCE_NUMBER}``.
Names are FIRST..FOURTH_NAME joined; aliases of QUALITY "Good", "a.k.a." or "f.k.a." are
strong and "Low" are weak; NAME_ORIGINAL_SCRIPT gives the original-script name.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.lists.base import (
    ListFormat,
    ParseResult,
    clean,
    read_bytes,
    reject,
    split_scripts,
    unique,
)
from interdictor.model.listed import Identifier, ListedEntity, Rejected
from interdictor.text.countries import to_country_code, to_country_codes
from interdictor.text.dates import expand_year_range, parse_date, parse_dates

KEY = "un_xml"
DEFAULT_DATASET = "un_sc"
ROOT = "CONSOLIDATED_LIST"
RECORD_TAGS = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
WEAK_QUALITIES = {"low"}
# The UN writes "na" for "not available", even as a name part (TAi.153: FOURTH_NAME "na").
NOT_AVAILABLE = {"na", "n/a"}
ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")


def sniff_un_xml(path: Path, head: str) -> bool:
    """Say whether the file starts like a UN consolidated list."""
    return f"<{ROOT}" in head[:4096]


def _clean(value: str | None) -> str | None:
    value = clean(value)
    return None if value is not None and value.lower() in NOT_AVAILABLE else value


def _text(el: ET.Element, tag: str) -> str | None:
    return _clean(el.findtext(tag))


def _values(el: ET.Element, tag: str) -> list[str]:
    return unique([_clean(v.text) or "" for v in el.findall(f"{tag}/VALUE")])


def _strip_quotes(name: str) -> str:
    return name.strip().strip('"“”').strip()


def read_name(el: ET.Element) -> str | None:
    """Return the primary name: the name parts joined by spaces."""
    parts = [_text(el, tag) for tag in NAME_TAGS]
    return clean(" ".join(p for p in parts if p))


def read_aliases(el: ET.Element, tag: str) -> tuple[list[str], list[str], list[str]]:
    """Return (strong, weak, original-script) aliases; "Jin Tiesan (金铁三)" gives two."""
    strong: list[str] = []
    weak: list[str] = []
    originals: list[str] = []
    for alias in el.findall(tag):
        name = clean(alias.findtext("ALIAS_NAME"))
        if not name:
            continue
        quality = (clean(alias.findtext("QUALITY")) or "").lower()
        latin, other = split_scripts(_strip_quotes(name))
        (weak if quality in WEAK_QUALITIES else strong).append(latin or "")
        originals.append(other or "")
    return unique(strong), unique(weak), unique(originals)


def read_addresses(el: ET.Element, tag: str) -> tuple[list[str], list[str]]:
    """Return (addresses as text, country codes) of a record's address elements."""
    addresses: list[str] = []
    countries: list[str] = []
    for addr in el.findall(tag):
        parts = [_text(addr, part) for part in ADDRESS_PARTS]
        text = ", ".join(p for p in parts if p)
        if text:
            addresses.append(text)
        countries.extend(to_country_codes(_text(addr, "COUNTRY")))
    return unique(addresses), countries


def read_birth_dates(el: ET.Element) -> list[str]:
    """Return the birth dates of an individual, with YEAR ranges expanded."""
    dates: list[str] = []
    for dob in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        exact = parse_date(_text(dob, "DATE")) or parse_date(_text(dob, "YEAR"))
        first, last = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
        if exact:
            dates.append(exact)
        elif first and last and first.isdigit() and last.isdigit():
            dates.extend(expand_year_range(int(first), int(last)))
        else:
            dates.extend(parse_dates(_text(dob, "NOTE")))
    return unique(dates)


def classify_document(kind: str) -> str:
    """Return our identifier kind for a UN TYPE_OF_DOCUMENT."""
    low = kind.lower()
    if "pass" in low or "pasaporte" in low:
        return "passport"
    if "national" in low or "identi" in low:
        return "national_id"
    return "other"


def read_documents(el: ET.Element) -> list[Identifier]:
    """Return the identity documents of an individual."""
    found: list[Identifier] = []
    for doc in el.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if not number:
            continue
        country = _text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE")
        kind = classify_document(_text(doc, "TYPE_OF_DOCUMENT") or "")
        found.append(Identifier(kind=kind, value=number, country=to_country_code(country)))
    return list(dict.fromkeys(found))


def read_places_of_birth(el: ET.Element) -> list[str]:
    """Return places of birth as text."""
    places = []
    for pob in el.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [_text(pob, part) for part in ("CITY", "STATE_PROVINCE", "COUNTRY")]
        places.append(", ".join(p for p in parts if p))
    return unique(places)


def read_properties(el: ET.Element) -> dict[str, list[str]]:
    """Return what else the record says, by FtM property name where one fits."""
    props = {
        "notes": unique([_text(el, "COMMENTS1") or ""]),
        "title": _values(el, "TITLE"),
        "position": _values(el, "DESIGNATION"),
        "gender": unique([_text(el, "GENDER") or ""]),
        "birthPlace": read_places_of_birth(el),
        "modifiedAt": _values(el, "LAST_DAY_UPDATED"),
        "dataId": unique([_text(el, "DATAID") or ""]),
    }
    return {k: v for k, v in props.items() if v}


def read_record(el: ET.Element, dataset: str, position: str) -> ListedEntity:
    """Return the ListedEntity for one INDIVIDUAL or ENTITY; raise InvalidInput if unusable."""
    reference = _text(el, "REFERENCE_NUMBER")
    name = read_name(el)
    if not reference:
        raise InvalidInput("record has no REFERENCE_NUMBER")
    if not name:
        raise InvalidInput(f"record {reference} has no name")
    tag = el.tag
    strong, weak, alias_originals = read_aliases(el, f"{tag}_ALIAS")
    addresses, address_countries = read_addresses(el, f"{tag}_ADDRESS")
    nationality = [c for v in _values(el, "NATIONALITY") for c in to_country_codes(v)]
    return ListedEntity(
        id=f"{dataset}-{reference}",
        schema=RECORD_TAGS[tag],
        name=name,
        dataset=dataset,
        aliases=[a for a in strong if a != name],
        weak_aliases=weak,
        original_names=unique([clean(el.findtext("NAME_ORIGINAL_SCRIPT")) or "", *alias_originals]),
        identifiers=read_documents(el),
        countries=unique(nationality + address_countries),
        birth_dates=read_birth_dates(el),
        addresses=addresses,
        programs=unique([_text(el, "UN_LIST_TYPE") or ""]),
        reference=reference,
        listed_on=parse_date(_text(el, "LISTED_ON")),
        source_position=position,
        properties=read_properties(el),
    )


def _describe(el: ET.Element, index: int) -> str:
    data_id = _text(el, "DATAID")
    suffix = f" (DATAID {data_id})" if data_id else ""
    return f"{el.tag} {index}{suffix}"


def parse_un_xml(path: Path, dataset: str | None) -> ParseResult:
    """Parse a UN consolidated list XML file (plain or gzipped)."""
    dataset = dataset or DEFAULT_DATASET
    result = ParseResult(format=KEY, dataset=dataset, source=str(path))
    events = ET.iterparse(io.BytesIO(read_bytes(path)), events=("start", "end"))
    counts = dict.fromkeys(RECORD_TAGS, 0)
    root_seen = False
    try:
        for event, el in events:
            if event == "start":
                if not root_seen:
                    root_seen = _check_root(path, el, result)
                continue
            if el.tag in RECORD_TAGS:
                counts[el.tag] += 1
                _add_record(path, el, dataset, _describe(el, counts[el.tag]), result)
                el.clear()
    except ET.ParseError as exc:
        if not root_seen:
            raise InvalidInput(f"not a UN consolidated list XML: {exc}", source=str(path)) from exc
        line, column = exc.position
        result.rejected.append(
            Rejected(str(path), f"line {line}, column {column}", f"XML is not well-formed: {exc}")
        )
    if not root_seen:
        raise InvalidInput(f"not a UN consolidated list XML (no {ROOT})", source=str(path))
    return result


def _check_root(path: Path, el: ET.Element, result: ParseResult) -> bool:
    if el.tag != ROOT:
        raise InvalidInput(f"root element is {el.tag}, expected {ROOT}", source=str(path))
    result.published = parse_date(el.get("dateGenerated"))
    return True


def _add_record(
    path: Path, el: ET.Element, dataset: str, position: str, result: ParseResult
) -> None:
    try:
        result.entities.append(read_record(el, dataset, position))
    except InvalidInput as exc:
        excerpt = ET.tostring(el, encoding="unicode")
        result.rejected.append(reject(path, position, exc.reason, excerpt))


UN_XML = ListFormat(
    key=KEY,
    title="UN Security Council consolidated list (XML)",
    default_dataset=DEFAULT_DATASET,
    parse=parse_un_xml,
    sniff=sniff_un_xml,
)
