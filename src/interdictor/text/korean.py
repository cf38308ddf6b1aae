"""Korean names: romanisation, name splitting and cross-system phonetic keys.

Key rule (used by the screening index): every Hangul syllable has one key, the same whatever
system spelt it. Plain, tense and aspirated consonants merge (g/k/kk/k' -> k, d/t -> t,
b/p -> p, j/ch/jj -> j, s/ss -> s), r and l merge, ㅐ/ㅔ merge (ae/e -> e) and the silent
initial ㅇ is dropped. The back vowels ㅓ, ㅗ, ㅜ, ㅡ all give "o" and ㅕ, ㅛ, ㅠ all give "yo":
MR without breves already writes ㅓ/ㅗ as "o" and ㅜ/ㅡ as "u", and southern list spellings
write ㅓ as "u" (Sung 성, Chun 천, Kyung 경, Hyuk 혁), so no finer split survives real lists.
At the start of a key, initial ㄹ/ㄴ follow the southern "initial sound" rule (리 and 이 both
give "i", 로 and 노 both give "no"), so northern and southern spellings agree.

A person's name gives ``[family_key, given_key]``: the family name is recognised from the
surname table (or is the first syllable of an unspaced Hangul name) and every syllable of the
given name, however it was spaced or hyphenated, is joined with "." into one key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from interdictor.text.folding import fold
from interdictor.text.hangul import (
    FINAL_SOUND,
    decompose,
    is_hangul_syllable,
    romanize_word,
)
from interdictor.text.korean_latin import segment_latin
from interdictor.text.korean_tables import COMPOUND_SURNAMES, HANGUL_SURNAMES, LIST_SPELLINGS

_HANGUL_RE = re.compile("[\uac00-\ud7a3]")
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_INI_KEY: tuple[str, ...] = (
    "k", "k", "n", "t", "t", "r", "m", "p", "p", "s", "s", "", "j", "j", "j", "k", "t", "p", "h",
)  # fmt: skip
_VOW_KEY: tuple[str, ...] = (
    "a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo", "o", "wo", "we",
    "wi", "yo", "o", "ui", "i",
)  # fmt: skip


def is_hangul(text: str) -> bool:
    """Return True when the text contains at least one Hangul syllable."""
    return _HANGUL_RE.search(text) is not None


def romanize_rr(hangul: str, *, name: bool = False) -> str:
    """Romanise Hangul in Revised Romanization, lower case (영변 -> yeongbyeon).

    Sound changes across syllables (liaison, aspiration, nasalisation, ㄹ rules) are written,
    as the system does for words; with ``name=True`` the text is a person's name: it is split
    into family and given name and no sound change is written (김정은 -> gim jeongeun).
    """
    if name:
        return " ".join(_romanize_words(" ".join(split_hangul_name(hangul)), "rr", True))
    return " ".join(_romanize_words(hangul, "rr", False))


def romanize_mr(hangul: str, *, name: bool = False) -> str:
    """Romanise Hangul in McCune-Reischauer with breves and apostrophes (김정은 -> kim chŏng-ŭn
    with ``name=True``, 평양 -> p'yŏngyang)."""
    if name:
        return " ".join(_romanize_words(" ".join(split_hangul_name(hangul)), "mr", True))
    return " ".join(_romanize_words(hangul, "mr", False))


def romanize_mr_ascii(hangul: str, *, name: bool = False) -> str:
    """McCune-Reischauer as lists print it: no breves, no apostrophes, hyphens as spaces
    (김정은 -> kim chong un with ``name=True``)."""
    mr = romanize_mr(hangul, name=name)
    return fold(mr).replace("'", "").replace("-", " ")


def build_surname_keys() -> tuple[frozenset[str], dict[str, str]]:
    """Return the set of surname keys and the key of each known list spelling."""
    keys = frozenset(hangul_key(s) for s in HANGUL_SURNAMES)
    spellings = {latin: hangul_key(hangul) for latin, hangul in LIST_SPELLINGS.items()}
    return keys, spellings


def _romanize_words(text: str, system: str, name: bool) -> list[str]:
    """Romanise each whitespace-separated word; non-Hangul characters pass through folded."""
    words: list[str] = []
    for word in text.split():
        out: list[str] = []
        run: list[str] = []
        for char in word:
            if is_hangul_syllable(char):
                run.append(char)
                continue
            if run:
                out.append(romanize_word("".join(run), system, name))
                run = []
            out.append(fold(char))
        if run:
            out.append(romanize_word("".join(run), system, name))
        words.append("".join(out))
    return words


def split_hangul_name(name: str) -> tuple[str, str]:
    """Split a Hangul person name into (family, given); a spaced name splits at the space.

    Two-syllable surnames (남궁, 제갈, 선우, 황보 ...) are recognised when the name has three or
    more syllables: 남궁민수 -> ("남궁", "민수"), but 남민 -> ("남", "민").
    """
    name = name.strip()
    if " " in name:
        family, _, given = name.partition(" ")
        return family, given.replace(" ", "")
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def hangul_syllable_key(char: str) -> str:
    """Return the phonetic key of one Hangul syllable (정 -> jong, 은 -> un)."""
    ini, vow, fin = decompose(char)
    return _INI_KEY[ini] + _VOW_KEY[vow] + FINAL_SOUND[fin]


def apply_initial_rule(key: str) -> str:
    """Apply the southern initial-sound rule to the first syllable of a key (ri -> i, ro -> no)."""
    if key[:1] in ("r", "n") and key[1:2] in ("i", "y"):
        return key[1:]
    if key[:1] == "r":
        return "n" + key[1:]
    return key


def hangul_key(hangul: str) -> str:
    """Return the dotted key of a run of Hangul syllables (정은 -> jong.un)."""
    keys = [hangul_syllable_key(c) for c in hangul if is_hangul_syllable(c)]
    if not keys:
        return ""
    keys[0] = apply_initial_rule(keys[0])
    return ".".join(keys)


@lru_cache(maxsize=65536)
def korean_syllable_key(latin_word: str) -> str | None:
    """Return the dotted syllable key of a romanised Korean word, or None.

    Any common system is read: RR, MR, MR without diacritics, and list spellings
    ("Jongun", "Jong-un", "Chong-un", "Jeong-eun" all give "jong.un"). Hyphens are syllable
    boundaries; apostrophes are dropped (Ch'ang -> jang).
    """
    parts = fold(latin_word).replace("'", "").replace("-", " ").split()
    keys: list[str] = []
    for part in parts:
        if not part.isascii() or not part.isalpha():
            return None
        seg = segment_latin(part)
        if seg is None:
            return None
        keys.extend(seg)
    if not keys:
        return None
    keys[0] = apply_initial_rule(keys[0])
    return ".".join(keys)


@lru_cache(maxsize=65536)
def korean_surname_key(latin: str) -> str | None:
    """Return the key of a romanised Korean surname (Ri/Rhee/Lee/Yi -> "i", Park/Pak/Bak ->
    "pak", Choe/Choi -> "jwe", Ryu/Yu/Yoo -> "yo"), or None when the word is not a known
    Korean surname."""
    word = fold(latin).replace("'", "").replace("-", "").replace(" ", "")
    known = SURNAME_SPELLINGS.get(word)
    if known is not None:
        return known
    key = korean_syllable_key(word) if word.isascii() and word.isalpha() else None
    return key if key in SURNAMES else None


def hangul_surname_key(hangul: str) -> str:
    """Return the key of a Hangul family name, consistent with ``korean_surname_key``."""
    return hangul_key(hangul)


def compact_korean_key(key: str) -> str:
    """Return a key without syllable boundaries, for equality tests that must not depend on
    how an unspaced spelling was segmented: dots dropped, "nk" read as "ng", coda l as r,
    doubled letters single (kon.ka and kong.a give "konga"; kil.an and ki.ran give "kiran")."""
    return _DOUBLE_RE.sub(r"\1", key.replace(".", "").replace("nk", "ng").replace("l", "r"))


def korean_name_keys(text: str, *, compact: bool = False) -> list[str]:
    """Return ``[family_key, given_key]`` for a Korean person name in Hangul or romanised.

    Hangul: an unspaced name is split by ``split_hangul_name``. Latin: the family name is an
    upper-case surname in a mixed-case name (KIM Jong Un, Jong Un KIM), else the first word
    if it is a surname, else the last word (CHOL Yun); every other word joins the given name.
    A name with no known surname gives one key per word; a word that cannot be read as Korean
    gives an empty list. With ``compact=True`` each key goes through ``compact_korean_key``
    (use it for index keys and equality tests).
    """
    keys = _korean_name_keys(text)
    return [compact_korean_key(k) for k in keys] if compact else list(keys)


@lru_cache(maxsize=32768)
def _korean_name_keys(text: str) -> tuple[str, ...]:
    """Return the cached dotted keys of ``korean_name_keys``."""
    text = text.strip()
    if is_hangul(text):
        return tuple(_hangul_name_keys(text))
    raw = text.replace(",", " ").split()
    words = [fold(w) for w in raw]
    if not words:
        return ()
    index = find_family_index(raw, words) if len(words) >= 2 else None
    if index is not None:
        rest = words[:index] + words[index + 1 :]
        given = korean_syllable_key(" ".join(rest))
        family = korean_surname_key(words[index])
        return (family, given) if family and given else ()
    keys = [korean_syllable_key(word) for word in words]
    return tuple(k for k in keys if k is not None) if all(keys) else ()


def find_family_index(raw: list[str], words: list[str]) -> int | None:
    """Return the index of the family name among the words of a romanised name, or None.

    An upper-case surname in a mixed-case name wins ("Jong Un KIM"); else the first word if
    it is a surname; else the last word ("CHOL Yun" -> Yun). Callers that must consider both
    readings of "Jong Un Kim" pass the name again with the last word moved first.
    """
    ends = (0, len(words) - 1)
    keys = {i: korean_surname_key(words[i]) for i in ends}
    mixed = not all(w.isupper() for w in raw)
    for i in ends:
        if mixed and keys[i] and raw[i].isupper() and len(raw[i]) > 1:
            return i
    if keys[0]:
        return 0
    return ends[1] if keys[ends[1]] else None


def _hangul_name_keys(text: str) -> list[str]:
    """Return the name keys of a Hangul person name."""
    hangul = "".join(c for c in text if is_hangul_syllable(c) or c == " ").strip()
    if not hangul:
        return []
    family, given = split_hangul_name(hangul)
    keys = [hangul_surname_key(family)]
    if given:
        keys.append(hangul_key(given))
    return keys


SURNAMES, SURNAME_SPELLINGS = build_surname_keys()
