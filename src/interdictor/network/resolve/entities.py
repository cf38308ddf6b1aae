"""Resolved entities: the mentions behind each, its names and details, a confidence, and
its links to listed entities through the screening engine."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from interdictor.network.resolve.cluster import cluster_units
from interdictor.network.resolve.mentions import Mention
from interdictor.network.resolve.units import Unit, build_units

LINK_THRESHOLD = 0.9  # the screening score from which an entity is linked to a listing


class ScreenHit(NamedTuple):
    """A listing a name resembles. ``exact_name`` is set when the party prints a listed
    company name word for word (legal forms aside) and that name is distinctive: such a
    party is linked whatever country either side gives, since a listed company's branch
    or front abroad carries its name into another country."""

    listed_id: str
    listed_name: str
    score: float
    explanation: str
    exact_name: bool = False


# A screening seam: (name, schema, country) -> the listings the name resembles.
ScreenFn = Callable[[str, str, str | None], list[ScreenHit]]


@dataclass(slots=True)
class Entity:
    """A resolved entity: the mentions behind it, its names, contacts and a confidence."""

    id: str
    name: str
    kind: str
    names: list[str]
    countries: list[str]
    addresses: list[str]
    phones: list[str]
    emails: list[str]
    identifiers: list[str]
    mentions: list[Mention]
    confidence: float
    listed: list[dict[str, object]] = field(default_factory=list)

    @property
    def record_ids(self) -> list[str]:
        return sorted({m.record_id for m in self.mentions})

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "names": self.names,
            "countries": self.countries,
            "addresses": self.addresses,
            "phones": self.phones,
            "emails": self.emails,
            "identifiers": self.identifiers,
            "confidence": self.confidence,
            "listed": self.listed,
            "mentions": [{"record_id": m.record_id, "role": m.role} for m in self.mentions],
        }


def make_entity_id(kind: str, units: list[Unit]) -> str:
    """Stable across runs: derived from the smallest unit key in the cluster."""
    anchor = min(u.key for u in units)
    return f"{kind[:2]}-" + hashlib.sha1(anchor.encode()).hexdigest()[:12]


def build_entity(units: list[Unit], confidence: float) -> Entity:
    """Merge a cluster's units into one entity; the most frequent spelling names it."""
    mentions = [m for u in units for m in u.mentions]
    spellings = Counter(m.name for m in mentions)
    names = sorted(spellings, key=lambda n: (-spellings[n], n))

    def distinct(values: Iterable[str]) -> list[str]:
        return sorted({v for v in values if v})

    return Entity(
        id=make_entity_id(units[0].kind, units),
        name=names[0],
        kind=units[0].kind,
        names=names,
        countries=distinct(u.country for u in units),
        addresses=distinct(m.address for m in mentions),
        phones=distinct(p for u in units for p in u.phones),
        emails=distinct(e for u in units for e in u.emails),
        identifiers=distinct(u.identifier for u in units),
        mentions=mentions,
        confidence=round(min([confidence] + [u.confidence for u in units]), 4),
    )


def resolve_mentions(mentions: Iterable[Mention]) -> list[Entity]:
    """Resolve mentions into entities, each with its mentions and a confidence."""
    units = build_units(mentions)
    clusters = cluster_units(units)
    entities = [build_entity([units[i] for i in group], low) for group, low in clusters]
    return sorted(entities, key=lambda e: e.id)


def index_mentions(entities: Iterable[Entity]) -> dict[tuple[str, str], str]:
    """(record id, role) -> entity id, for looking up who a record names."""
    return {(m.record_id, m.role): e.id for e in entities for m in e.mentions}


def link_listed(
    entities: Iterable[Entity], screen: ScreenFn, threshold: float = LINK_THRESHOLD
) -> int:
    """Screen each distinct name once and attach hits at or above ``threshold``, and
    exact distinctive company names whatever their score."""
    cache: dict[tuple[str, str, str | None], list[ScreenHit]] = {}
    linked = 0
    for entity in entities:
        schema = "Person" if entity.kind == "person" else "LegalEntity"
        country = entity.countries[0].upper() if len(entity.countries) == 1 else None
        best: dict[str, dict[str, object]] = {}
        for name in entity.names[:5]:
            key = (name, schema, country)
            if key not in cache:
                cache[key] = screen(name, schema, country)
            for hit in cache[key]:
                kept = best.get(hit.listed_id)
                strong = hit.score >= threshold or hit.exact_name
                if strong and (kept is None or hit.score > float(kept["score"])):  # type: ignore[arg-type]
                    best[hit.listed_id] = {
                        "listed_id": hit.listed_id,
                        "listed_name": hit.listed_name,
                        "score": round(hit.score, 4),
                        "matched_name": name,
                        "exact_name": hit.exact_name,
                        "explanation": hit.explanation,
                    }
        entity.listed = sorted(best.values(), key=lambda h: -float(h["score"]))  # type: ignore[arg-type]
        linked += bool(entity.listed)
    return linked
