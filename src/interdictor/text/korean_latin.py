"""Reading romanised Korean: a word segmented into syllables, each mapped to its key.

Every spelling of one syllable (onset + vowel + optional silent h + coda, across RR, MR,
MR without diacritics and list habits) is enumerated once into a table, so segmentation is
a dynamic programme over dictionary look-ups. Fewer syllables win; ties are broken by the
costs in ``_boundary_cost`` and by the rare spellings' extra cost.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from typing import NamedTuple

# Latin spellings of each key part across RR, MR, MR without diacritics and list spellings.
_ONSETS: dict[str, str] = {
    "": "", "g": "k", "k": "k", "kk": "k", "gg": "k", "kh": "k",
    "d": "t", "t": "t", "tt": "t", "dd": "t", "th": "t",
    "b": "p", "p": "p", "pp": "p", "bb": "p", "ph": "p",
    "j": "j", "ch": "j", "jj": "j", "tch": "j", "tj": "j", "dj": "j", "chh": "j",
    "s": "s", "ss": "s", "sh": "s", "h": "h", "m": "m", "n": "n", "r": "r", "l": "r", "rh": "r",
}  # fmt: skip
_VOWELS: dict[str, str] = {
    "a": "a", "ae": "e", "e": "e",
    "ya": "ya", "yae": "ye", "ye": "ye",
    "eo": "o", "o": "o", "uh": "o", "yeo": "yo", "yo": "yo", "yuh": "yo",
    "wa": "wa", "wae": "we", "we": "we", "oe": "we",
    "wei": "we", "u": "o", "oo": "o", "ou": "o", "eu": "o",
    "wo": "wo", "weo": "wo", "wi": "wi", "wee": "wi",
    "yu": "yo", "yoo": "yo", "you": "yo", "ui": "ui", "eui": "ui",
    "i": "i", "ee": "i", "yi": "i",
}  # fmt: skip
_CODAS: dict[str, str] = {
    "": "", "k": "k", "ck": "k", "n": "n", "t": "t", "l": "l", "m": "m", "p": "p", "ng": "ng",
}  # fmt: skip
# Whole-syllable list spellings that the part tables cannot produce ("Young" for 영).
_SYLLABLE_ALIASES: dict[str, str] = {"young": "yong", "park": "pak"}
# Onset spellings foreign to Korean romanisation: read "Paekho" as paek.ho, not pae.kho.
_RARE_ONSETS = frozenset({"kh", "th", "ph", "chh", "tj", "rh"})

_INF = 10**9
# Letters that no romanisation of Korean writes: such a word is rejected at once.
_FOREIGN_LETTERS = frozenset("fqvxz")
_SYLLABLE_COST = 10


class Reading(NamedTuple):
    """One way to read a syllable spelling."""

    key: str
    extra: int  # cost of rare spellings (silent h, foreign onsets)
    coda: str
    onset: str


def build_spellings() -> dict[str, Reading]:
    """Return every syllable spelling with its cheapest reading."""
    table: dict[str, Reading] = {}
    parts = product(_ONSETS.items(), _VOWELS.items(), ("", "h"), _CODAS.items())
    for (onset, okey), (vowel, vkey), silent, (coda, ckey) in parts:
        extra = (onset in _RARE_ONSETS) + (silent == "h")
        _keep_cheapest(
            table, onset + vowel + silent + coda, Reading(okey + vkey + ckey, extra, ckey, okey)
        )
    for spelling, key in _SYLLABLE_ALIASES.items():
        _keep_cheapest(table, spelling, Reading(key, 0, "ng" if key.endswith("ng") else "", ""))
    return table


def _keep_cheapest(table: dict[str, Reading], spelling: str, reading: Reading) -> None:
    """Store the reading unless the spelling already has one as cheap."""
    known = table.get(spelling)
    if known is None or reading.extra < known.extra:
        table[spelling] = reading


_SPELLINGS = build_spellings()
_MAX_SPELLING = max(map(len, _SPELLINGS))


@lru_cache(maxsize=65536)
def segment_latin(word: str) -> tuple[str, ...] | None:
    """Segment one romanised word (lowercase letters only) into syllable keys, or None."""
    n = len(word)
    if not n or _FOREIGN_LETTERS.intersection(word):
        return None
    best: list[tuple[int, tuple[Reading, ...]]] = [(_INF, ())] * (n + 1)
    best[0] = (0, ())
    reached = 0  # furthest position any reading has reached: beyond it, give up
    for start in range(n):
        if start > reached:
            return None
        cost, readings = best[start]
        if cost >= _INF:
            continue
        prev = readings[-1] if readings else None
        for end in range(start + 1, min(n, start + _MAX_SPELLING) + 1):
            reading = _SPELLINGS.get(word[start:end])
            if reading is None:
                continue
            reached = max(reached, end)
            total = cost + _SYLLABLE_COST + reading.extra + _boundary_cost(prev, reading)
            if total < best[end][0]:
                best[end] = (total, (*readings, reading))
    if best[n][0] >= _INF:
        return None
    return tuple(r.key for r in best[n][1])


def _boundary_cost(prev: Reading | None, reading: Reading) -> int:
    """Prefer readings that keep "ng" together (jong.un over jon.gun) and onsets elsewhere."""
    if prev is None:
        return 0
    if not reading.onset:
        return 0 if prev.coda == "ng" else 1
    if reading.onset == "k" and prev.coda == "n":
        return 2
    return 0
