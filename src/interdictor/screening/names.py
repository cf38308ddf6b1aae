"""Name analysis for screening: one name in any script becomes comparable forms.

A ``NameForm`` holds what the index keys and the scorer compare:

- ``tokens``: Latin word tokens (any script transliterated); for organisations
  legal forms and generic company words are marked ``generic`` and weigh little.
- ``korean``: (family, given) keys of a Korean person name, identical across
  Hangul, Revised Romanization, McCune-Reischauer and list spellings
  (김정은 = Kim Jong Un = Kim Chong-un; Ri = Lee = Yi).
- ``pinyin``: for Han names, the pinyin syllables (金铁三 = Jin Tiesan), and
  ``korean`` carries the Sino-Korean reading (金正恩 -> 김정은 -> kim jong un).
- ``acronyms``: for organisations, the acronyms the name can be written as
  (KOMID for Korea Mining Development Trading Corporation).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rigour.text.phonetics import metaphone

from interdictor.text import (
    acronym_candidates,
    bracketed_abbreviations,
    han_name_pinyin,
    han_to_hangul,
    han_to_pinyin,
    is_han,
    is_hangul,
    korean_name_keys,
    korean_surname_key,
    latin_tokens,
    legal_form_class,
    org_core_tokens,
    romanize_rr,
    split_hangul_name,
)

PERSON = "person"
ORG = "org"
THING = "thing"  # vessels and aircraft: no legal forms, no Korean surnames

# Words that name a state inside organisation names: "Foreign Trade Bank of the
# Democratic People's Republic of Korea" is the Foreign Trade Bank. They weigh as generic.
STATE_WORDS = frozenset(
    {
        "democratic",
        "peoples",
        "people",
        "republic",
        "dprk",
        "north",
        "korea",
        "korean",
        "islamic",
        "iran",
        "iranian",
        "of",
        "the",
    }
)

_ORG_SCHEMATA = {"Organization", "Company", "LegalEntity", "PublicBody"}
_THING_SCHEMATA = {"Vessel", "Airplane"}


def name_kind(schema: str | None) -> str | None:
    """Map an FtM schema to the name handling it needs; None when unknown."""
    if schema is None:
        return None
    if schema == "Person":
        return PERSON
    if schema in _ORG_SCHEMATA:
        return ORG
    if schema in _THING_SCHEMATA:
        return THING
    return None


KoreanReading = tuple[str, str]  # (family key, given-name key)


@dataclass(frozen=True, slots=True)
class NameForm:
    """The comparable forms of one name."""

    original: str
    kind: str | None
    tokens: tuple[str, ...]
    generic: tuple[bool, ...]  # per token: a legal form or generic company word
    phonetic: tuple[str, ...]  # metaphone of each token
    korean: tuple[KoreanReading, ...] | None  # readings as a Korean person name
    pinyin: tuple[str, ...] | None
    acronyms: tuple[str, ...]
    core: tuple[str, ...]  # tokens without legal forms and generic company words
    joined: str  # core tokens without spaces
    weak: bool = False
    # per token: a generic word as its legal-form class ("corp" and "corporation" are both
    # "co"), any other token as it is; generic words align when their classes agree
    classes: tuple[str, ...] = ()


def _phonetic(token: str) -> str:
    return metaphone(token) if token.isalpha() else token


def korean_readings(name: str) -> tuple[KoreanReading, ...] | None:
    """The (family, given) keys a Korean person name can be read as, in any script.

    A romanised name counts as Korean only when its first or last word is a Korean
    family name. Both ends are tried: in "Jong Un Kim", Jong is a family name too.
    """
    if is_hangul(name):
        keys = korean_name_keys(name)
        return ((keys[0], keys[1]),) if len(keys) == 2 else None
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return None
    readings: list[KoreanReading] = []
    if korean_surname_key(words[0]) is not None:
        keys = korean_name_keys(" ".join(words))
        if len(keys) == 2:
            readings.append((keys[0], keys[1]))
    if korean_surname_key(words[-1]) is not None:
        keys = korean_name_keys(" ".join([words[-1], *words[:-1]]))
        if len(keys) == 2 and (keys[0], keys[1]) not in readings:
            readings.append((keys[0], keys[1]))
    return tuple(readings) or None


def _hangul_forms(
    name: str, kind: str | None
) -> tuple[tuple[str, ...], tuple[KoreanReading, ...] | None]:
    """Romanise a Hangul name; for persons split an unspaced family name first."""
    if kind in (PERSON, None) and " " not in name.strip() and len(name.strip()) <= 5:
        family, given = split_hangul_name(name.strip())
        parts = [romanize_rr(family), romanize_rr(given)] if given else [romanize_rr(family)]
        tokens = tuple(t for p in parts for t in latin_tokens(p))
        return tokens, korean_readings(name)
    return tuple(latin_tokens(romanize_rr(name))), None


def _han_forms(
    name: str, kind: str | None
) -> tuple[tuple[str, ...], tuple[KoreanReading, ...] | None, tuple[str, ...]]:
    """Pinyin tokens and the Sino-Korean reading of a Han name."""
    stripped = name.strip()
    if kind in (PERSON, None) and " " not in stripped and 2 <= len(stripped) <= 4:
        family, given = han_name_pinyin(stripped)
        pinyin = tuple(t for t in ("".join(family), "".join(given)) if t)
        hangul = han_to_hangul(stripped, surname=True)
    else:
        pinyin = tuple(han_to_pinyin(stripped))
        hangul = han_to_hangul(stripped, surname=False)
    korean = None
    if hangul and is_hangul(hangul):
        _, korean = _hangul_forms(hangul, kind)
    return pinyin, korean, pinyin


def _drop_bracketed_abbreviations(name: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """ "Foreign Trade Bank (FTB)" -> foreign trade bank; the FTB lives on as an acronym."""
    abbreviations = {a.lower() for a in bracketed_abbreviations(name)}
    kept = tuple(t for t in tokens if t not in abbreviations)
    return kept or tokens


def _org_acronyms(name: str, core: tuple[str, ...]) -> tuple[str, ...]:
    found = {a.lower() for a in bracketed_abbreviations(name)}
    found.update(a.lower() for a in acronym_candidates(name) if len(a) >= 3)
    if len(core) == 1 and 3 <= len(core[0]) <= 8:
        found.add(core[0])  # the name itself may be an acronym: "KOMID"
    return tuple(sorted(found))


@lru_cache(maxsize=100_000)
def analyze_name(name: str, kind: str | None, weak: bool = False) -> NameForm:
    """Build every comparable form of ``name`` for a party of the given kind."""
    pinyin: tuple[str, ...] | None = None
    korean: tuple[KoreanReading, ...] | None = None
    ascii_only = name.isascii()
    if not ascii_only and is_hangul(name):
        tokens, korean = _hangul_forms(name, kind)
    elif not ascii_only and is_han(name):
        pinyin, korean, tokens = _han_forms(name, kind)
    else:
        tokens = tuple(latin_tokens(name))
        if kind in (PERSON, None) and 2 <= len(tokens) <= 5:
            korean = korean_readings(name)
    if kind == ORG or (kind is None and len(tokens) > 3):
        tokens = _drop_bracketed_abbreviations(name, tokens)
        core = set(org_core_tokens(" ".join(tokens))) - STATE_WORDS or set(tokens)
    else:
        core = set(tokens)
    generic = tuple(t not in core for t in tokens)
    classes = tuple(legal_form_class(t) if g else t for t, g in zip(tokens, generic, strict=True))
    core_tokens = tuple(t for t in tokens if t in core)
    acronyms = _org_acronyms(name, core_tokens) if kind != PERSON else ()
    return NameForm(
        original=name,
        kind=kind,
        tokens=tokens,
        generic=generic,
        phonetic=tuple(_phonetic(t) for t in tokens),
        korean=korean,
        pinyin=pinyin,
        acronyms=acronyms,
        core=core_tokens,
        joined="".join(core_tokens),
        classes=classes,
        weak=weak,
    )
