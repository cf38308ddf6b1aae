"""Level two of resolution: units with different spellings become entities.

Units share blocks (identifier, phone, e-mail, rare name tokens, name prefixes, a name
skeleton and its sound), so only units in a common block are compared, never all pairs;
blocks of a common word are paired by sorted neighbourhood. Pairs are scored on name,
identifier, contacts and country, then clustered with union-find, guarded against
chaining: two clusters merge only if their identifiers do not conflict and their names
still agree.

Shared addresses, phones and e-mails alone never merge two names: front companies share
them on purpose, and keeping them apart is what lets the front-company detector see them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rigour.text import metaphone

from interdictor.network.resolve.names import compare_names
from interdictor.network.resolve.units import Unit

# Scores a pair needs to merge, on a 0..1 scale (rapidfuzz ratios / 100).
NAME_MATCH = 0.90  # "Dalian Tonghe Trading" vs "Dalian Tong-He Trading"
NAME_WITH_CONTACT = 0.80  # a weaker name that also shares a phone, e-mail or address
CLUSTER_GUARD = 0.72  # two clusters' names must still agree this much to merge
MAX_BLOCK = 60  # larger blocks (a common word) are paired by sorted neighbourhood only
WINDOW = 4  # how many sorted neighbours each unit of a large block meets
MAX_CONTACT_KEYS = 3  # phones or e-mails per unit used as block keys


def make_block_keys(unit: Unit, token_counts: dict[str, int]) -> Iterator[str]:
    """Keys that put likely matches together."""
    if unit.identifier:
        yield "id:" + unit.identifier
    for phone in sorted(unit.phones)[:MAX_CONTACT_KEYS]:
        yield "ph:" + phone
    for email in sorted(unit.emails)[:MAX_CONTACT_KEYS]:
        yield "em:" + email
    tokens = unit.norm.split()
    kind = unit.kind + ":"
    yield "sk:" + kind + unit.norm.replace(" ", "")[:8]
    yield "mp:" + kind + " ".join(sorted(metaphone(t) for t in tokens))
    yield "px:" + kind + " ".join(t[:4] for t in tokens[:3])
    rare = sorted((t for t in tokens if len(t) > 2), key=lambda t: (token_counts[t], t))
    for token in rare[:2]:
        yield "tk:" + kind + token


def find_candidate_pairs(units: list[Unit]) -> set[tuple[int, int]]:
    """Pairs of unit indexes that share a block."""
    token_counts: dict[str, int] = defaultdict(int)
    for unit in units:
        for token in set(unit.norm.split()):
            token_counts[token] += 1
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for key in set(make_block_keys(unit, token_counts)):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            pairs.update(pair_sorted_neighbours(members, units))
        else:
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs


def pair_sorted_neighbours(members: list[int], units: list[Unit]) -> Iterator[tuple[int, int]]:
    """A large block's pairs: neighbours once sorted by name (sorted neighbourhood), so a
    common word ("northgate") costs linear, not quadratic, time."""
    ordered = sorted(members, key=lambda i: (units[i].norm, units[i].identifier, units[i].key))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 : i + 1 + WINDOW]:
            yield (a, b) if a < b else (b, a)


def count_shared_contacts(a: Unit, b: Unit) -> int:
    """How many of phone, e-mail and address two units print alike."""
    return bool(a.phones & b.phones) + bool(a.emails & b.emails) + bool(a.addresses & b.addresses)


def score_pair(a: Unit, b: Unit) -> float:
    """Match confidence for two units, 0 when they must stay apart."""
    if a.kind != b.kind:
        return 0.0
    if a.identifier and b.identifier:
        return 0.99 if a.identifier == b.identifier else 0.0
    if a.country and b.country and a.country != b.country:
        return 0.0
    name = max(compare_names(a.norm, b.norm), compare_names(a.full, b.full))
    shared = count_shared_contacts(a, b)
    if name >= NAME_MATCH:
        # Shared details break ties between homonyms, so a mention joins its own company.
        return min(1.0, name - 0.03 + 0.01 * shared)
    if name >= NAME_WITH_CONTACT and shared:
        return 0.85 + 0.1 * (name - NAME_WITH_CONTACT) / (NAME_MATCH - NAME_WITH_CONTACT)
    return 0.0


class _Clusters:
    """Union-find over units that tracks each cluster's identifiers and names."""

    def __init__(self, units: list[Unit]):
        self.parent = list(range(len(units)))
        self.ids = [{u.identifier} - {""} for u in units]
        self.names = [{u.norm} for u in units]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, a: int, b: int) -> bool:
        if self.ids[a] and self.ids[b]:
            return bool(self.ids[a] & self.ids[b])
        return agree_names(self.names[a], self.names[b])

    def merge(self, a: int, b: int) -> int:
        if len(self.names[a]) < len(self.names[b]):
            a, b = b, a
        self.parent[b] = a
        self.ids[a] |= self.ids[b]
        self.names[a] |= self.names[b]
        return a


def agree_names(left: set[str], right: set[str]) -> bool:
    """Every name of the smaller side finds a partner in the other above the guard."""
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    # Large clusters were checked name by name as they grew: a sample of each side will do.
    sample = sorted(large)[:20]
    return all(
        max(compare_names(a, b) for b in sample) >= CLUSTER_GUARD for a in sorted(small)[:20]
    )


def cluster_units(units: list[Unit]) -> list[tuple[list[int], float]]:
    """Clusters of unit indexes, each with its weakest accepted link."""
    scored = sorted(
        (
            (s, a, b)
            for a, b in find_candidate_pairs(units)
            if (s := score_pair(units[a], units[b]))
        ),
        reverse=True,
    )  # strongest links first, so weak links meet a guarded cluster
    clusters = _Clusters(units)
    weakest: dict[int, float] = {}
    for score, a, b in scored:
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or not clusters.can_merge(ra, rb):
            continue
        low = min(score, weakest.pop(ra, 1.0), weakest.pop(rb, 1.0))
        weakest[clusters.merge(ra, rb)] = low
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(units)):
        members[clusters.find(index)].append(index)
    return [(group, weakest.get(root, 1.0)) for root, group in members.items()]
