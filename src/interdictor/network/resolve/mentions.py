"""Party mentions: a party as printed on one record, in one role."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from interdictor.network.records import Record

LIST_ROLES = frozenset({"officers", "shareholders"})
_TO_ORDER = re.compile(r"^\s*to\s+(the\s+)?order(\s+of)?\b[\s:,]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A party as printed on one record, in one role (``officers.1`` for list roles)."""

    record_id: str
    role: str
    name: str
    address: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    identifier: str = ""
    kind: str = "party"  # "party", or "person" (an officer)


def strip_order_prefix(name: str) -> str:
    """The party behind a consignee: "" for "TO ORDER", the bank for "TO ORDER OF <bank>"."""
    match = _TO_ORDER.match(name)
    if match is None:
        return name
    rest = name[match.end() :].strip()
    return "" if rest.lower() in ("", "shipper", "the shipper") else rest


def make_mentions(record: Record) -> list[Mention]:
    """The party mentions of one record; officers are persons, list roles carry an index."""
    counts: dict[str, int] = defaultdict(int)
    found = []
    for role, party in record.parties():
        name = strip_order_prefix(party.name or "")
        if not name:
            continue
        label = role
        if role in LIST_ROLES:
            label = f"{role}.{counts[role]}"
            counts[role] += 1
        found.append(
            Mention(
                record_id=record.id,
                role=label,
                name=name,
                address=party.address or "",
                country=(party.country or "").upper(),
                phone=party.phone or "",
                email=party.email or "",
                identifier=party.identifier or "",
                kind="person" if role == "officers" else "party",
            )
        )
    return found


def extract_mentions(records: Iterable[Record]) -> Iterator[Mention]:
    """Every party mention of every record."""
    for record in records:
        yield from make_mentions(record)
