"""Case and accent folding shared by every text module (re-exported by ``normalize``)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Characters that name the same thing in different typing habits (O’Brien, Jong‐un, "Co.").
_PUNCT_UNIFY = {
    **dict.fromkeys("\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\u02b9\u02bf\u02be", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad", "-"),
    # Name separators: katakana middle dot (ウラジーミル・プーチン), Chinese interpunct.
    **dict.fromkeys("\u30fb\u00b7\u2027\u16eb", " "),
}
# Latin letters that do not decompose into base + mark.
_LATIN_SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}
_LATIN_SPECIAL |= {"ð": "d", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ß": "ss", "ĸ": "k"}


def build_fold_table() -> dict[int, str]:
    """Return the translate table that unifies punctuation and strips accents on Latin."""
    table: dict[int, str] = {ord(k): v for k, v in _PUNCT_UNIFY.items()}
    latin_ranges = (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for block in latin_ranges:
        for code in block:
            char = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFD", char) if not _is_mark(c))
            if base != char and base.isascii():
                table[code] = base
    for char, base in _LATIN_SPECIAL.items():
        table[ord(char)] = base
        if len(char.upper()) == 1:
            table[ord(char.upper())] = base
    # Stray combining marks left after NFKC (Latin letters with no precomposed form).
    for code in range(0x300, 0x370):
        table[code] = ""
    return table


def _is_mark(char: str) -> bool:
    """Return True for a combining mark."""
    return unicodedata.category(char).startswith("M")


_FOLD_TABLE = build_fold_table()


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Return NFKC, case-folded text with accents stripped from Latin letters and apostrophes,
    quotes and dashes unified ("Chŏng’ŭn" -> "chong'un"); other scripts are kept as they are."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)
