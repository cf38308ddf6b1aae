"""What a screening request asks, validated at the boundary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interdictor.errors import InvalidInput
from interdictor.model import SCHEMATA

_BRACKETED = re.compile(r"\(([^()]*)\)")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[a-z]{2}$")
MAX_NAME_LENGTH = 500


@dataclass(frozen=True, slots=True)
class Query:
    """One party to screen. ``names`` holds further spellings of the same party."""

    name: str = ""
    schema: str | None = None
    country: str | None = None
    birth_date: str | None = None
    identifier: str | None = None
    id: str | None = None
    names: tuple[str, ...] = field(default=())
    countries: tuple[str, ...] = field(default=())
    birth_dates: tuple[str, ...] = field(default=())
    identifiers: tuple[str, ...] = field(default=())

    def all_names(self) -> list[str]:
        """The names, plus each name's bracketed parts apart: "Ryong Rim (Jon Jin 2)"."""
        names: dict[str, None] = {}
        for name in (self.name, *self.names):
            if not name or not name.strip():
                continue
            names[name] = None
            if "(" in name:
                for part in split_brackets(name):
                    names[part] = None
        return list(names)

    def all_countries(self) -> set[str]:
        return {c for c in (self.country, *self.countries) if c}

    def all_birth_dates(self) -> list[str]:
        return [d for d in (self.birth_date, *self.birth_dates) if d]

    def all_identifiers(self) -> list[str]:
        return [i for i in (self.identifier, *self.identifiers) if i]


def split_brackets(name: str) -> list[str]:
    """The name without its bracketed parts, and each part of two words or more."""
    outside = " ".join(_BRACKETED.sub(" ", name).split())
    inside = [p.strip() for p in _BRACKETED.findall(name) if len(p.split()) >= 2]
    return [p for p in (outside, *inside) if p]


def make_query(
    name: str | None = None,
    schema: str | None = None,
    country: str | None = None,
    birth_date: str | None = None,
    identifier: str | None = None,
    id: str | None = None,
    *,
    position: str | None = None,
) -> Query:
    """Validate raw values (from a CLI, a file row or an API call) into a Query.

    Raises InvalidInput naming the field and, when given, the position of the record.
    """
    name = (name or "").strip()
    identifier = (identifier or "").strip() or None
    if not name and not identifier:
        raise InvalidInput("a query needs a name or an identifier", position=position)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name longer than {MAX_NAME_LENGTH} characters", position=position)
    schema = (schema or "").strip() or None
    if schema is not None and schema not in SCHEMATA:
        raise InvalidInput(
            f"unknown schema {schema!r}; expected one of {', '.join(SCHEMATA)}", position=position
        )
    country = _clean_country(country, position)
    birth_date = (birth_date or "").strip() or None
    if birth_date is not None and not _ISO_DATE.match(birth_date):
        raise InvalidInput(
            f"birth_date {birth_date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)",
            position=position,
        )
    return Query(
        name=name,
        schema=schema,
        country=country,
        birth_date=birth_date,
        identifier=identifier,
        id=(id or "").strip() or None,
    )


def _clean_country(country: str | None, position: str | None) -> str | None:
    value = (country or "").strip().lower()
    if not value:
        return None
    if not _COUNTRY.match(value):
        raise InvalidInput(
            f"country {country!r} is not an ISO 3166 alpha-2 code (e.g. KP, CN)", position=position
        )
    return value
