"""Sino-Korean readings of Han characters (hanja), for Korean names written in Han.

UN and EU lists print some Korean names in Han (金铁三 for Kim Chol Sam). The
``hanja`` package gives each character's standard Korean reading; a few family
names read differently from the character's standard reading (金 is 김 as a
surname, 금 otherwise), so the first character of a person name is looked up in
``SURNAME_READINGS`` first.
"""

from __future__ import annotations

from functools import lru_cache

import hanja

# Characters whose reading as a family name differs from the standard reading.
SURNAME_READINGS = {"金": "김", "李": "리", "林": "림", "柳": "류", "劉": "류", "刘": "류"}


@lru_cache(maxsize=50_000)
def han_to_hangul(text: str, surname: bool = False) -> str:
    """Replace Han characters with their Korean readings; other characters are kept."""
    if surname and text and text[0] in SURNAME_READINGS:
        return SURNAME_READINGS[text[0]] + _readings(text[1:])
    return _readings(text)


def _readings(text: str) -> str:
    translated: str = hanja.translate(text, "substitution")
    return translated
