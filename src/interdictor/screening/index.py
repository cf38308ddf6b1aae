"""The candidate index: inverted postings from blocking keys to listed names.

Candidates always come from here, never from a scan of the lists. A name is
reachable through any of its keys:

- ``t:`` a core token (``namchongang``)
- ``p:`` the metaphone of a core token (spelling variants: Namchonggang)
- ``d:`` a token with one letter deleted (typos: Namchongnag -> delete-1 neighbours)
- ``k:`` the key of a Korean given name (Jong-un = Chong Un = 정은)
- ``j:`` the core tokens joined (Jongun = Jong-un = Jong Un; unspaced Han in pinyin)
- ``a:`` an acronym of an organisation name (KOMID)
- ``i:`` a normalised identifier (IMO 9212711)

Each key carries an inverse-document-frequency weight, so a query's candidates
are the names sharing the most weight of rare keys with it.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from interdictor.model import ListedEntity
from interdictor.screening.identifiers import IdentifierSet, identifier_set
from interdictor.screening.names import NameForm, analyze_name, name_kind

MIN_DELETE_LENGTH = 5  # shorter tokens produce too many delete-1 collisions
MAX_POSTINGS = 150  # keys shared by more names block only when nothing rarer does
# A Korean given-name key stands for several words in any romanisation; an identifier
# is near-proof. Both outweigh a single shared word.
KEY_BOOST = {"k:": 3.0, "i:": 3.0}
TYPO_FALLBACK = 0.6  # below this share of the query's word weight, typo keys are tried
RELATIVE_FLOOR = 0.6  # other candidates need this share of the best one's key weight
GENERIC_WEIGHT = 0.4  # "trading", "corporation": about a tenth of a rare word


@dataclass(slots=True)
class IndexedEntity:
    entity: ListedEntity
    kind: str | None
    names: list[NameForm]
    identifiers: IdentifierSet
    countries: frozenset[str]
    birth_dates: tuple[str, ...]


def deletes(token: str) -> Iterator[str]:
    """Every string made by deleting one character of ``token``."""
    for i in range(len(token)):
        yield token[:i] + token[i + 1 :]


def name_keys(form: NameForm, typos: bool = True) -> set[str]:
    """The blocking keys of one analysed name; ``typos`` adds its delete-1 neighbours."""
    keys: set[str] = set()
    for token, phon, generic in zip(form.tokens, form.phonetic, form.generic, strict=True):
        if generic:
            continue
        keys.add("t:" + token)
        if len(token) >= 3 and phon:
            keys.add("p:" + phon)
    if typos:
        keys |= typo_keys(form)
    if len(form.core) <= 4 and form.joined:
        keys.add("j:" + form.joined)
    for _, given in form.korean or ():
        keys.add("k:" + given.replace(".", ""))  # the given name: Jong-un = Chong Un = 정은
    if form.pinyin:
        keys.add("j:" + "".join(form.pinyin))
    keys.update("a:" + a for a in form.acronyms)
    return keys


def typo_keys(form: NameForm) -> set[str]:
    """Delete-1 keys: a token with one letter deleted meets the same word misspelt."""
    keys: set[str] = set()
    for token in form.core:
        if len(token) >= MIN_DELETE_LENGTH:
            keys.update("d:" + d for d in deletes(token))
        if len(token) >= MIN_DELETE_LENGTH - 1:
            keys.add("d:" + token)
    return keys


def query_keys(form: NameForm) -> set[str]:
    """Keys to look up for a query name, typo keys apart (``typo_keys``).

    Only a one-word query looks for acronyms ("KOMID"); the acronyms of a longer
    query (KTTC for Korea Taeryonggang Trading Corporation) would reach every
    other Korea T... Trading Corporation.
    """
    keys = name_keys(form, typos=False)
    if len(form.tokens) == 1:
        keys.add("a:" + form.tokens[0])
    else:
        keys.difference_update("a:" + a for a in form.acronyms)
    return keys


def index_entity(entity: ListedEntity) -> IndexedEntity:
    kind = name_kind(entity.schema)
    forms = [analyze_name(n, kind) for n in entity.all_names()]
    forms.extend(analyze_name(n, kind, weak=True) for n in entity.weak_aliases if n)
    return IndexedEntity(
        entity=entity,
        kind=kind,
        names=[f for f in forms if f.tokens or f.acronyms],
        identifiers=identifier_set(entity.identifiers),
        countries=frozenset(entity.countries),
        birth_dates=tuple(entity.birth_dates),
    )


class ScreeningIndex:
    """Listed entities with their analysed names and the postings that reach them."""

    def __init__(self, entities: Iterable[ListedEntity]):
        self.entities: list[IndexedEntity] = []
        self.name_owner: list[tuple[int, int]] = []  # name id -> (entity no, name no)
        postings: dict[str, list[int]] = defaultdict(list)
        token_df: dict[str, int] = defaultdict(int)
        for entity in entities:
            indexed = index_entity(entity)
            eno = len(self.entities)
            self.entities.append(indexed)
            first_nid = len(self.name_owner)
            for nno, form in enumerate(indexed.names):
                nid = len(self.name_owner)
                self.name_owner.append((eno, nno))
                for key in name_keys(form):
                    postings[key].append(nid)
                for token in set(form.core):
                    token_df[token] += 1
            if indexed.names:
                for value in indexed.identifiers.values():
                    postings["i:" + value].append(first_nid)
        self.postings: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in postings.items()}
        total = max(len(self.name_owner), 1)
        self.key_weight = {
            k: KEY_BOOST.get(k[:2], 1.0) * math.log(1 + total / len(v))
            for k, v in self.postings.items()
        }
        self.token_weight = {t: math.log(1 + total / df) for t, df in token_df.items()}
        self.max_token_weight = math.log(1 + total)
        self.name_weights: list[tuple[float, ...]] = [
            self.form_weights(self.entities[eno].names[nno]) for eno, nno in self.name_owner
        ]

    def __len__(self) -> int:
        return len(self.entities)

    def weight_of(self, token: str) -> float:
        """Rarity weight of a token; unseen tokens weigh as the rarest."""
        return self.token_weight.get(token, self.max_token_weight)

    def form_weights(self, form: NameForm) -> tuple[float, ...]:
        """Weight of each token of a name: its rarity, or GENERIC_WEIGHT for company words."""
        return tuple(
            GENERIC_WEIGHT if generic else self.weight_of(token)
            for token, generic in zip(form.tokens, form.generic, strict=True)
        )

    def _accumulate(self, acc: dict[int, float], keys: Iterable[str]) -> list[str]:
        """Add each key's weight to the names it reaches; return the keys too common to use."""
        common = []
        for key in keys:
            ids = self.postings.get(key)
            if ids is None:
                continue
            if len(ids) > MAX_POSTINGS:
                common.append(key)
                continue
            weight = self.key_weight[key]
            for nid in ids:
                acc[nid] += weight
        return common

    def candidates(
        self, keys: set[str], limit: int, typos: Callable[[], set[str]] | None = None
    ) -> list[tuple[int, float]]:
        """Name ids sharing the most key weight with ``keys``, best first.

        ``typos`` makes the delete-1 keys, called only when the keys as written find
        no candidate sharing most of the query's word weight.

        Names sharing less than ``RELATIVE_FLOOR`` of the best name's key weight are
        dropped: they cannot outscore it on the name, and scoring them costs time.
        """
        acc: dict[int, float] = defaultdict(float)
        common = self._accumulate(acc, keys)
        token_weight = sum(
            self.key_weight.get(k, self.max_token_weight) for k in keys if k[0] == "t"
        )
        if not acc or max(acc.values()) < TYPO_FALLBACK * token_weight:
            # No candidate shares most of the words as written: look for typos too.
            if typos is not None:
                common += self._accumulate(acc, typos())
        if not acc:
            # Only common keys ("Kim Chol"): use the rarest of them, in full.
            for key in sorted(common, key=lambda k: len(self.postings[k]))[:2]:
                weight = self.key_weight[key]
                for nid in self.postings[key]:
                    acc[nid] += weight
        best = heapq.nlargest(limit, acc.items(), key=itemgetter(1))
        if not best:
            return best
        floor = best[0][1] * RELATIVE_FLOOR
        strong = self._reached_by_strong_keys(keys)
        return [(nid, w) for nid, w in best if w >= floor or nid in strong]

    def _reached_by_strong_keys(self, keys: Iterable[str]) -> set[int]:
        """Names reached by a Korean reading or an identifier: kept whatever the floor,
        so that the namesakes of a literal match (김영철: three Kim Yong Chols) all show."""
        strong: set[int] = set()
        for key in keys:
            if key[:2] in KEY_BOOST:
                ids = self.postings.get(key)
                if ids is not None and len(ids) <= MAX_POSTINGS:
                    strong.update(ids)
        return strong
