"""Entity resolution: party mentions across records become entities.

Steps, each a small function:
1. collapse identical mentions into *profiles* (trade data repeats the same party heavily);
2. block: profiles share a key (identifier, e-mail, phone, a rare name token, a name
   skeleton), so only profiles in a common block are compared, never all pairs;
3. score each candidate pair on name, identifier, contact details and country;
4. cluster with union-find, guarded against chaining: two clusters merge only if their
   identifiers do not conflict and their best names still agree.

Shared addresses, phones and e-mails alone never merge two names: front companies share
them on purpose, and keeping them apart is what lets the front-company detector see them.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rigour.names import remove_org_types
from rigour.text import ascii_text, metaphone

from interdictor.network.records import Record

# Scores a pair needs to merge, on a 0..1 scale (rapidfuzz ratios / 100).
NAME_MATCH = 0.90  # "Dalian Tonghe Trading Co" vs "Dalian Tong-He Trading Company"
NAME_WITH_CONTACT = 0.80  # a weaker name that also shares a phone, e-mail or address
CLUSTER_GUARD = 0.72  # two clusters' best names must still agree this much to merge
MAX_BLOCK = 60  # blocks larger than this are too common to say anything (e.g. "trading")

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\D+")
_BANK_WORDS = frozenset({"bank", "banking", "banque"})
_TO_ORDER = re.compile(r"^\s*to\s+(the\s+)?order(\s+of)?\b[\s:,]*", re.IGNORECASE)
GENERIC_FORMS = frozenset({"co", "company", "corp", "corporation", "inc", "ltd", "limited"})
LIST_ROLES = frozenset({"officers", "shareholders"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A party as printed on one record, in one role."""

    record_id: str
    role: str
    name: str
    address: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    identifier: str = ""
    kind: str = "party"  # "party", "person" (an officer), or "vessel"


@dataclass(slots=True)
class Profile:
    """Identical mentions collapsed into one: the unit that resolution compares."""

    key: str
    name: str
    norm: str
    address: str
    country: str
    phone: str
    email: str
    identifier: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)


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


def normalize_party_name(name: str) -> str:
    """Lower-case ASCII, punctuation gone, legal forms ("Co., Ltd", "LLC") removed."""
    text = _SPACE.sub(" ", _PUNCT.sub(" ", ascii_text(name).lower())).strip()
    tokens = _SPACE.sub(" ", remove_org_types(text)).split()
    # rigour keeps generic words ("company", "co", "corp"): they end most trading names.
    while len(tokens) > 1 and tokens[-1] in GENERIC_FORMS:
        tokens.pop()
    return " ".join(tokens) or text


def normalize_phone(phone: str) -> str:
    """The last nine digits: drops country prefixes and trunk zeros written differently."""
    digits = _DIGITS.sub("", phone)
    return digits[-9:] if len(digits) >= 6 else ""


def normalize_identifier(identifier: str) -> str:
    return _PUNCT.sub("", identifier).replace(" ", "").upper()


def normalize_address(address: str) -> str:
    return _SPACE.sub(" ", _PUNCT.sub(" ", ascii_text(address).lower())).strip()


def collapse_profiles(mentions: Iterable[Mention]) -> list[Profile]:
    """Group mentions whose normalised fields are all equal."""
    profiles: dict[tuple[str, ...], Profile] = {}
    norm_cache: dict[str, str] = {}
    for m in mentions:
        norm = norm_cache.get(m.name)
        if norm is None:
            norm = norm_cache[m.name] = normalize_party_name(m.name)
        fields = (
            m.kind,
            norm,
            normalize_address(m.address),
            (m.country or "").lower(),
            normalize_phone(m.phone),
            (m.email or "").strip().lower(),
            normalize_identifier(m.identifier),
        )
        profile = profiles.get(fields)
        if profile is None:
            key = "|".join(fields)
            profile = profiles[fields] = Profile(key, m.name, norm, *fields[2:], kind=m.kind)
        profile.mentions.append(m)
    return list(profiles.values())


def make_block_keys(profile: Profile, token_counts: dict[str, int]) -> Iterator[str]:
    """Keys that put likely matches together: identifiers, contacts, rare tokens, skeleton."""
    if profile.identifier:
        yield "id:" + profile.identifier
    if profile.email:
        yield "em:" + profile.email
    if profile.phone:
        yield "ph:" + profile.phone
    tokens = profile.norm.split()
    yield "sk:" + profile.kind + ":" + profile.norm.replace(" ", "")[:8]
    yield "mp:" + profile.kind + ":" + " ".join(sorted(metaphone(t) for t in tokens))
    rare = sorted((t for t in tokens if len(t) > 2), key=lambda t: token_counts.get(t, 0))
    for token in rare[:2]:
        yield "tk:" + profile.kind + ":" + token


def find_candidate_pairs(profiles: list[Profile]) -> set[tuple[int, int]]:
    """Pairs of profile indexes that share at least one block of a useful size."""
    token_counts: dict[str, int] = defaultdict(int)
    for p in profiles:
        for token in set(p.norm.split()):
            token_counts[token] += 1
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for key in set(make_block_keys(profile, token_counts)):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    return pairs


def compare_names(a: str, b: str) -> float:
    """Name similarity on 0..1: best of token-sort and unspaced ratios."""
    if a == b:
        return 1.0
    sort = fuzz.token_sort_ratio(a, b)
    unspaced = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
    return max(sort, unspaced) / 100.0


def score_pair(a: Profile, b: Profile) -> float:
    """Match confidence for two profiles, 0 when they must stay apart."""
    if a.kind != b.kind:
        return 0.0
    if a.identifier and b.identifier:
        if a.identifier == b.identifier:
            return 0.99
        return 0.0  # two different registrations are two entities
    if a.country and b.country and a.country != b.country:
        return 0.0
    name = compare_names(a.norm, b.norm)
    if name >= NAME_MATCH:
        return name
    shares_contact = (
        (a.phone and a.phone == b.phone)
        or (a.email and a.email == b.email)
        or (a.address and a.address == b.address)
    )
    if name >= NAME_WITH_CONTACT and shares_contact:
        return 0.85 + 0.1 * (name - NAME_WITH_CONTACT) / (NAME_MATCH - NAME_WITH_CONTACT)
    return 0.0


class _Clusters:
    """Union-find over profiles that tracks each cluster's identifiers and names."""

    def __init__(self, profiles: list[Profile]):
        self.parent = list(range(len(profiles)))
        self.ids = [{p.identifier} - {""} for p in profiles]
        self.names = [{p.norm} for p in profiles]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, a: int, b: int) -> bool:
        if self.ids[a] and self.ids[b] and not (self.ids[a] & self.ids[b]):
            return False
        if self.ids[a] & self.ids[b]:
            return True
        return _best_name_score(self.names[a], self.names[b]) >= CLUSTER_GUARD

    def merge(self, a: int, b: int) -> None:
        if len(self.names[a]) < len(self.names[b]):
            a, b = b, a
        self.parent[b] = a
        self.ids[a] |= self.ids[b]
        self.names[a] |= self.names[b]


def _best_name_score(left: set[str], right: set[str]) -> float:
    """The lowest of each side's best match: every name must find a partner."""
    if len(left) * len(right) > 400:
        return 1.0  # large clusters were already checked name by name as they grew
    worst = min(max(compare_names(a, b) for b in right) for a in left)
    return worst


def cluster_profiles(profiles: list[Profile]) -> tuple[list[list[int]], dict[int, float]]:
    """Cluster profiles; returns the member lists and the weakest link score per root."""
    scored = []
    for a, b in find_candidate_pairs(profiles):
        score = score_pair(profiles[a], profiles[b])
        if score > 0:
            scored.append((score, a, b))
    scored.sort(reverse=True)  # strongest links first, so weak links meet a guarded cluster
    clusters = _Clusters(profiles)
    weakest: dict[int, float] = {}
    for score, a, b in scored:
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or not clusters.can_merge(ra, rb):
            continue
        low = min(score, weakest.pop(ra, 1.0), weakest.pop(rb, 1.0))
        clusters.merge(ra, rb)
        weakest[clusters.find(ra)] = low
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(profiles)):
        members[clusters.find(index)].append(index)
    confidence = {min(group): weakest.get(root, 1.0) for root, group in members.items()}
    return [sorted(group) for group in members.values()], confidence


def make_entity_id(kind: str, profiles: list[Profile]) -> str:
    """Stable across runs: derived from the smallest profile key in the cluster."""
    anchor = min(p.key for p in profiles)
    return f"{kind[:2]}-" + hashlib.sha1(anchor.encode()).hexdigest()[:12]


def build_entity(profiles: list[Profile], confidence: float) -> Entity:
    """Merge a cluster's profiles into one entity; the most frequent spelling names it."""
    mentions = [m for p in profiles for m in p.mentions]
    spellings: dict[str, int] = defaultdict(int)
    for m in mentions:
        spellings[m.name] += 1
    names = sorted(spellings, key=lambda n: (-spellings[n], n))

    def distinct(values: Iterable[str]) -> list[str]:
        return sorted({v for v in values if v})

    kind = profiles[0].kind
    return Entity(
        id=make_entity_id(kind, profiles),
        name=names[0],
        kind=kind,
        names=names,
        countries=distinct(p.country for p in profiles),
        addresses=distinct(m.address for m in mentions),
        phones=distinct(p.phone for p in profiles),
        emails=distinct(p.email for p in profiles),
        identifiers=distinct(p.identifier for p in profiles),
        mentions=mentions,
        confidence=round(confidence, 4),
    )


def resolve_mentions(mentions: Iterable[Mention]) -> list[Entity]:
    """Resolve mentions into entities, each with its mentions and a confidence."""
    profiles = collapse_profiles(mentions)
    groups, confidence = cluster_profiles(profiles)
    entities = [build_entity([profiles[i] for i in g], confidence[min(g)]) for g in groups]
    return sorted(entities, key=lambda e: e.id)


def index_mentions(entities: Iterable[Entity]) -> dict[tuple[str, str], str]:
    """(record id, role) -> entity id, for looking up who a record names."""
    return {(m.record_id, m.role): e.id for e in entities for m in e.mentions}


def is_bank_name(name: str) -> bool:
    return bool(_BANK_WORDS & set(normalize_party_name(name).split()))


# A screening seam: (name, schema, country) -> [(listed id, listed name, score, explanation)].
ScreenFn = Callable[[str, str, str | None], list[tuple[str, str, float, str]]]


def link_listed(entities: Iterable[Entity], screen: ScreenFn, threshold: float = 0.8) -> int:
    """Screen each distinct name once and attach hits at or above ``threshold``."""
    cache: dict[tuple[str, str, str | None], list[tuple[str, str, float, str]]] = {}
    linked = 0
    for entity in entities:
        schema = {"person": "Person", "vessel": "Vessel"}.get(entity.kind, "LegalEntity")
        country = entity.countries[0] if len(entity.countries) == 1 else None
        best: dict[str, dict[str, object]] = {}
        for name in entity.names[:5]:
            key = (name, schema, country)
            if key not in cache:
                cache[key] = screen(name, schema, country)
            for listed_id, listed_name, score, why in cache[key]:
                if score >= threshold and score > float(best.get(listed_id, {}).get("score", 0)):
                    best[listed_id] = {
                        "listed_id": listed_id,
                        "listed_name": listed_name,
                        "score": round(score, 4),
                        "matched_name": name,
                        "explanation": why,
                    }
        entity.listed = sorted(best.values(), key=lambda h: -float(h["score"]))  # type: ignore[arg-type]
        linked += bool(entity.listed)
    return linked


def make_mentions(record: Record) -> list[Mention]:
    """The party mentions of one record; officers are persons, list roles carry an index."""
    counts: dict[str, int] = defaultdict(int)
    found = []
    for role, party in record.parties():
        name = strip_order_prefix(party.name or "")
        if not name:
            continue
        if role in LIST_ROLES:
            label = f"{role}.{counts[role]}"
            counts[role] += 1
        else:
            label = role
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


def strip_order_prefix(name: str) -> str:
    """The party behind a consignee: "" for "TO ORDER", the bank for "TO ORDER OF <bank>"."""
    match = _TO_ORDER.match(name)
    if match is None:
        return name
    rest = name[match.end() :].strip()
    return "" if rest.lower() in ("", "shipper", "the shipper") else rest


def extract_mentions(records: Iterable[Record]) -> Iterator[Mention]:
    """Every party mention of every record."""
    for record in records:
        yield from make_mentions(record)
