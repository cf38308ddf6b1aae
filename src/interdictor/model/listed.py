"""The listed entity: one designation on one sanctions list, as parsed from its source.

Values keep the spelling of the source. Normalisation for matching happens in
``interdictor.text`` and ``interdictor.screening``, never here, so that a list
version's content hash depends on the source alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

# FollowTheMoney schema names that a listing can have.
SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")

# Identifier kinds we know how to normalise and validate.
IDENTIFIER_KINDS = ("imo", "passport", "national_id", "registration", "swift", "other")


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier printed on a listing: kind, value as printed, issuing country."""

    kind: str
    value: str
    country: str | None = None


@dataclass(slots=True)
class ListedEntity:
    """One designation. ``id`` is stable across loads: ``{dataset}-{source key}``."""

    id: str
    schema: str
    name: str
    dataset: str
    aliases: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    original_names: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166 alpha-2, lower case
    birth_dates: list[str] = field(default_factory=list)  # ISO 8601, possibly partial
    addresses: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    reference: str | None = None  # e.g. "KPe.001"
    listed_on: str | None = None  # ISO 8601 date
    source_position: str | None = None  # where in the source file, e.g. "line 12"
    properties: dict[str, list[str]] = field(default_factory=dict)  # anything else kept

    def all_names(self) -> list[str]:
        """Primary name, strong aliases and original-script names, deduplicated, in order."""
        seen: dict[str, None] = {}
        for n in [self.name, *self.aliases, *self.original_names]:
            if n and n not in seen:
                seen[n] = None
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListedEntity:
        values = dict(data)
        values["identifiers"] = [Identifier(**i) for i in values.get("identifiers", [])]
        return cls(**values)

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of everything but the source position."""
        payload = self.to_dict()
        payload.pop("source_position", None)
        return hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A source record set aside: where it was, why, and a short excerpt of it."""

    source: str
    position: str
    reason: str
    excerpt: str = ""
