"""Korean organisation names: one key list for Hangul and romanised forms alike.

Legal forms and company words are canonicalised first (무역회사 and "Trading Corporation"
both vanish, 조선 and "Korea" both become "korea" and are dropped as too common), then each
remaining word becomes a Korean syllable key, or stays as it is when it is an English word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from interdictor.text.korean import hangul_key, is_hangul, korean_syllable_key
from interdictor.text.org_tables import GENERIC_WORDS, LEGAL_TOKENS, ORG_VOCABULARY
from interdictor.text.orgs import canonicalize_org_name

_BRACKET_RE = re.compile(r"\([^)]*\)")
_COUNTRY_WORDS = frozenset({"korea", "dprk"})


@lru_cache(maxsize=32768)
def _korean_org_keys(name: str) -> tuple[str, ...]:
    """Return the cached result of ``korean_org_keys``."""
    keys: list[str] = []
    for word in canonicalize_org_name(_BRACKET_RE.sub(" ", name)).split():
        if word in LEGAL_TOKENS or word in GENERIC_WORDS or word in _COUNTRY_WORDS:
            continue
        if is_hangul(word):
            keys.append(hangul_key(word))
        elif word in ORG_VOCABULARY:
            keys.append(word)
        else:
            keys.append(korean_syllable_key(word) or word)
    return tuple(keys)


def korean_org_keys(name: str) -> list[str]:
    """Return the keys of a Korean organisation name's distinctive words.

    조선남강무역회사, "Korea Namgang Trading Corporation" -> ["nam.kang"];
    조선인민군, "Korean People's Army" -> ["peoples", "army"].
    """
    return list(_korean_org_keys(name))
