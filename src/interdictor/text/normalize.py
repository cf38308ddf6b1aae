"""Folding and tokenising names: the first step of every comparison.

``fold`` keeps the script of the text; ``latin_tokens`` transliterates to Latin ASCII first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.scripts import text_scripts

from interdictor.text.folding import fold
from interdictor.text.translit import to_latin

__all__ = ["fold", "latin_tokens", "scripts_of"]

_SPLIT_RE = re.compile(r"[^a-z0-9']+")


def latin_tokens(text: str) -> list[str]:
    """Return the name as lowercase ASCII word tokens, in any script.

    Apostrophes inside words are removed (Ch'ang -> chang), hyphens and dots split words
    (Jong-un -> jong, un), other punctuation is dropped. Non-Latin scripts go through
    ``to_latin``.
    """
    return list(_latin_tokens(text))


@lru_cache(maxsize=131072)
def _latin_tokens(text: str) -> tuple[str, ...]:
    """Return the cached tokens of ``latin_tokens``."""
    latin = to_latin(text)
    return tuple(t.replace("'", "") for t in _SPLIT_RE.split(latin) if t.strip("'"))


@lru_cache(maxsize=65536)
def scripts_of(text: str) -> frozenset[str]:
    """Return the Unicode scripts of the letters in the text, e.g. {"Hangul"} or {"Latin"}."""
    return frozenset(text_scripts(text))
