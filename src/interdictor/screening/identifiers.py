"""Identifiers on both sides of a comparison, normalised and validated.

An IMO number only counts when its check digit is right; a passport or
registration number is compared without spaces, dashes or case.
"""

from __future__ import annotations

from collections.abc import Iterable

from interdictor.model import Identifier
from interdictor.text import guess_identifier_kinds, normalize_identifier

# Kinds where two different valid values on the same party contradict a match.
EXCLUSIVE_KINDS = frozenset({"imo"})


class IdentifierSet:
    """Normalised identifier values by kind."""

    __slots__ = ("by_kind",)

    def __init__(self) -> None:
        self.by_kind: dict[str, set[str]] = {}

    def add(self, kind: str, value: str) -> None:
        self.by_kind.setdefault(kind, set()).add(value)

    def values(self) -> set[str]:
        return {v for vs in self.by_kind.values() for v in vs}

    def __bool__(self) -> bool:
        return bool(self.by_kind)


def identifier_set(identifiers: Iterable[Identifier]) -> IdentifierSet:
    """Normalise listed identifiers; invalid ones (a wrong IMO check digit) are dropped."""
    out = IdentifierSet()
    for ident in identifiers:
        value = normalize_identifier(ident.kind, ident.value)
        if value:
            out.add(ident.kind, value)
    return out


def query_identifier_set(raw_values: Iterable[str]) -> IdentifierSet:
    """Normalise free-text identifiers from a query under every kind they could be."""
    out = IdentifierSet()
    for raw in raw_values:
        kinds = guess_identifier_kinds(raw) or ["other"]
        for kind in kinds:
            value = normalize_identifier(kind, raw)
            if value:
                out.add(kind, value)
    return out


def compare_identifiers(query: IdentifierSet, listed: IdentifierSet) -> tuple[str, str, str] | None:
    """('match'|'mismatch', kind, value) for the strongest identifier evidence, or None."""
    if not query or not listed:
        return None
    listed_values = listed.values()
    for kind, values in query.by_kind.items():
        shared = values & listed_values
        if shared:
            return ("match", kind, sorted(shared)[0])
    for kind in EXCLUSIVE_KINDS:
        q, li = query.by_kind.get(kind), listed.by_kind.get(kind)
        if q and li and not (q & li):
            return ("mismatch", kind, sorted(q)[0])
    return None
