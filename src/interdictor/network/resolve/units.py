"""Level one of resolution: mentions that print the same name become *units*.

Trade data repeats the same party heavily, so mentions are first grouped by kind,
normalised name and country. A group splits by identifier (two registrations are two
entities, even under one name); a mention without an identifier joins the unit whose
phone, e-mail or address it shares, else the largest. Nothing here is pairwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from interdictor.network.resolve.mentions import Mention
from interdictor.network.resolve.names import (
    normalize_address,
    normalize_identifier,
    normalize_party_name,
    normalize_phone,
    spell_out_name,
)

AMBIGUOUS = 0.9  # confidence of a unit that took mentions it could not tell apart


@dataclass(slots=True)
class Unit:
    """Mentions under one normalised name, country and identifier."""

    key: str
    kind: str
    norm: str
    full: str  # with legal forms: a typo in "Limiteed" must not split a company
    country: str
    identifier: str
    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0

    def add(self, mention: Mention, contact: tuple[str, str, str]) -> None:
        self.mentions.append(mention)
        phone, email, address = contact
        for values, value in (
            (self.phones, phone),
            (self.emails, email),
            (self.addresses, address),
        ):
            if value:
                values.add(value)

    def shares(self, contact: tuple[str, str, str]) -> int:
        phone, email, address = contact
        return (phone in self.phones) + (email in self.emails) + (address in self.addresses)


class _Normaliser:
    """Caches: the same name, phone and address recur thousands of times."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, str]] = {}
        self.addresses: dict[str, str] = {}

    def name(self, raw: str) -> tuple[str, str]:
        found = self.names.get(raw)
        if found is None:
            found = self.names[raw] = (normalize_party_name(raw), spell_out_name(raw))
        return found

    def contact(self, m: Mention) -> tuple[str, str, str]:
        address = self.addresses.get(m.address)
        if address is None:
            address = self.addresses[m.address] = normalize_address(m.address)
        return normalize_phone(m.phone), m.email.strip().lower(), address


def build_units(mentions: Iterable[Mention]) -> list[Unit]:
    """Group mentions into units, without comparing any two of them."""
    norm = _Normaliser()
    groups: dict[tuple[str, str, str], dict[str, Unit]] = defaultdict(dict)
    pending: dict[tuple[str, str, str], list[tuple[Mention, tuple[str, str, str]]]] = defaultdict(
        list
    )
    for m in mentions:
        name, full = norm.name(m.name)
        group = (m.kind, name, m.country.lower())
        identifier = normalize_identifier(m.identifier)
        contact = norm.contact(m)
        if not identifier:
            pending[group].append((m, contact))
            continue
        units = groups[group]
        if identifier not in units:
            key = "|".join((*group, identifier))
            units[identifier] = Unit(key, m.kind, name, full, group[2], identifier)
        units[identifier].add(m, contact)
    countryless = {g: w for g, w in pending.items() if not g[2]}
    for group, waiting in pending.items():
        if group[2]:
            place_pending(group, groups[group], waiting, norm)
    place_countryless(groups, countryless, norm)
    return [unit for units in groups.values() for unit in units.values()]


def place_countryless(
    groups: dict[tuple[str, str, str], dict[str, Unit]],
    pending: dict[tuple[str, str, str], list[tuple[Mention, tuple[str, str, str]]]],
    norm: _Normaliser,
) -> None:
    """Mentions printing neither country nor identifier: into a unit of the same name in
    some country whose phone, e-mail or address they share, so that namesakes in different
    places keep their own mentions; the rest stay together under the name alone."""
    by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for (kind, name, country), units in groups.items():
        if country:
            by_name[(kind, name)].extend(units.values())
    for group, waiting in pending.items():
        namesakes = sorted(by_name.get(group[:2], []), key=lambda u: (-len(u.mentions), u.key))
        rest = []
        for mention, contact in waiting:
            best = max(namesakes, key=lambda u: u.shares(contact), default=None)
            if best is not None and best.shares(contact):
                best.add(mention, contact)
            else:
                rest.append((mention, contact))
        if rest:
            place_pending(group, groups[group], rest, norm)


def place_pending(
    group: tuple[str, str, str],
    units: dict[str, Unit],
    waiting: list[tuple[Mention, tuple[str, str, str]]],
    norm: _Normaliser,
) -> None:
    """Mentions without an identifier: into the unit they share most details with."""
    if not units:
        first = waiting[0][0]
        name, full = norm.name(first.name)
        units[""] = Unit("|".join((*group, "")), first.kind, name, full, group[2], "")
    candidates = sorted(units.values(), key=lambda u: (-len(u.mentions), u.key))
    for mention, contact in waiting:
        best = max(candidates, key=lambda u: u.shares(contact))  # ties: the largest
        if len(candidates) > 1:
            best.confidence = min(best.confidence, AMBIGUOUS)
        best.add(mention, contact)
