"""The Remarks column of OFAC's legacy SDN CSV, read into names, identifiers and facts.

Remarks is a ``;``-separated run of statements such as ``a.k.a. 'KOMID'``,
``DOB 18 Jun 1964``, ``nationality Korea, North``, ``Passport 381420754 (Korea, North)``,
``Vessel Registration Identification IMO 7937317`` or ``SWIFT/BIC KDBKKPPY``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interdictor.lists.base import unique
from interdictor.model.listed import Identifier
from interdictor.text.countries import to_country_code, to_country_codes
from interdictor.text.dates import parse_dates

# a.k.a. 'AL-QA'QA'; -> the quote that ends an alias is followed by ";", "." + end, or end.
_ALIAS = re.compile(r"\b([afn])\.k\.a\.,?\s+'(.+?)'(?=\s*(?:;|\.?\s*$))", re.IGNORECASE)
# Value, optional "(Country)", then "issued ..."/"expires ..." details we do not keep.
_ID_VALUE = re.compile(
    r"^(?P<value>.+?)\s*(?:\((?P<country>[^)]*)\))?\s*"
    r"(?:\b(?:issued|expires|Issue Date|Expire Date)\b.*)?\.?$",
    re.IGNORECASE,
)

# Statement prefix -> identifier kind. Longer prefixes first so they win.
IDENTIFIER_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Vessel Registration Identification IMO", "imo"),
    ("Identification Number IMO", "imo"),
    ("IMO", "imo"),
    ("SWIFT/BIC", "swift"),
    ("Diplomatic Passport", "passport"),
    ("Passport", "passport"),
    ("National ID No.", "national_id"),
    ("Cedula No.", "national_id"),
    ("Identification Number", "national_id"),
    ("Business Registration Number", "registration"),
    ("Commercial Registry Number", "registration"),
    ("Registration Number", "registration"),
    ("Registration ID", "registration"),
    ("Company Number", "registration"),
    ("Unified Social Credit Code (USCC)", "registration"),
    ("C.R. No.", "registration"),
    ("Trade License No.", "registration"),
    ("Legal Entity Number", "registration"),
    ("Tax ID No.", "other"),
    ("NIT #", "other"),
    ("RUC #", "other"),
)

# Statement prefix -> FtM property kept in ListedEntity.properties.
PROPERTY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("POB", "birthPlace"),
    ("Gender", "gender"),
    ("Website", "website"),
    ("Email Address", "email"),
    ("Phone Number", "phone"),
    ("Linked To:", "linkedTo"),
    ("MMSI", "mmsi"),
    ("Aircraft Tail Number", "registrationNumber"),
    ("Aircraft Manufacturer's Serial Number (MSN)", "serialNumber"),
    ("Aircraft Model", "model"),
    ("Vessel Year of Build", "buildDate"),
    ("Organization Established Date", "incorporationDate"),
    ("Title", "title"),
)


@dataclass
class Remarks:
    """What a Remarks cell says, sorted into the fields of a listing."""

    aliases: list[str] = field(default_factory=list)
    previous_names: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)


def extract_aliases(remarks: str) -> tuple[list[str], list[str], str]:
    """Return (a.k.a./n.k.a. names, f.k.a. names, remarks with the aliases cut out)."""
    aliases: list[str] = []
    previous: list[str] = []
    for match in _ALIAS.finditer(remarks):
        name = match.group(2).strip().strip("'").strip()
        (previous if match.group(1).lower() == "f" else aliases).append(name)
    return unique(aliases), unique(previous), _ALIAS.sub("", remarks)


def read_identifier(kind: str, rest: str) -> Identifier | None:
    """Return the identifier in ``rest`` (what follows the prefix), or None if empty."""
    match = _ID_VALUE.match(rest.strip())
    if match is None or not match.group("value").strip(" ."):
        return None
    value = match.group("value").strip(" .")
    return Identifier(kind=kind, value=value, country=to_country_code(match.group("country")))


def _build_dispatch() -> re.Pattern[str]:
    prefixes = ["DOB", "nationality", "citizen"]
    prefixes += [p for p, _ in IDENTIFIER_PREFIXES] + [p for p, _ in PROPERTY_PREFIXES]
    # Longest first, so "Registration Number" is not read as "Registration ID"'s sibling.
    alternation = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"^\s*(?:alt\.\s+)?(?P<prefix>{alternation})\s+(?P<rest>.*)$", re.S)


# One pattern for every statement prefix: the Remarks of 15,000 rows hold ~60,000 statements.
_STATEMENT = _build_dispatch()
_IDENTIFIER_KIND = dict(IDENTIFIER_PREFIXES)
_PROPERTY = dict(PROPERTY_PREFIXES)


def _add_statement(result: Remarks, statement: str) -> None:
    match = _STATEMENT.match(statement)
    if match is None:
        return
    prefix, rest = match.group("prefix"), match.group("rest").strip()
    if prefix == "DOB":
        result.birth_dates.extend(parse_dates(rest))
    elif prefix in ("nationality", "citizen"):
        result.countries.extend(to_country_codes(rest.rstrip(".")))
    elif prefix in _IDENTIFIER_KIND:
        ident = read_identifier(_IDENTIFIER_KIND[prefix], rest)
        if ident is not None:
            result.identifiers.append(ident)
    else:
        result.properties.setdefault(_PROPERTY[prefix], []).append(rest.rstrip("."))


def parse_remarks(remarks: str | None) -> Remarks:
    """Return the names, identifiers, dates, countries and facts stated in ``remarks``."""
    result = Remarks()
    if not remarks:
        return result
    result.aliases, result.previous_names, rest = extract_aliases(remarks)
    for statement in rest.split(";"):
        if statement.strip():
            _add_statement(result, statement)
    result.identifiers = list(dict.fromkeys(result.identifiers))
    result.birth_dates = unique(result.birth_dates)
    result.countries = unique(result.countries)
    result.properties = {k: unique(v) for k, v in result.properties.items()}
    return result
