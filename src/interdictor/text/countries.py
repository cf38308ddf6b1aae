"""Country names as the lists print them, turned into ISO 3166 alpha-2 codes (lower case).

rigour's territory table answers first (it knows "Democratic People's Republic of Korea",
"Korea, North", "DPRK", "Burma", "Russian"...). A small reviewed alias table covers what it
does not, and qualifiers such as "possibly" or "(in custody)" are stripped before lookup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.territories import lookup_territory

# Reviewed by hand against the UN 2020/2026 files, OFAC SDN 2021/2024 and the EU DPRK file:
# each key is a spelling seen in those files that rigour does not resolve by itself.
ALIASES: dict[str, str] = {
    "region: crimea": "ua",
    "region: kafia kingi": "sd",  # disputed area that the UN file places under Sudan
    "palestinian": "ps",
    "korea, democratic people's republic of": "kp",
    "democratic people's republic of korea (dprk)": "kp",
    "north korean": "kp",
}

_QUALIFIERS = re.compile(
    r"^(?:possibly|probably|reportedly|allegedly)\s+"  # "possibly Palestinian"
    r"|\s*\([^)]*\)\s*"  # "Libya (in custody)"
    r"|\s+(?:passport|citizen(?:ship)?)\b.*$"  # "Tunisian passport"
    r"|\.\s.*$",  # "Cabo Verde. Previously Cape Verde."
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:/|;|\bor\b|\band\b)\s*", re.IGNORECASE)
_UNKNOWN = {"", "-0-", "undetermined", "unknown", "stateless"}


def _lookup(name: str) -> str | None:
    key = name.strip().strip(".\"'").strip().lower()
    if key in _UNKNOWN:
        return None
    if key in ALIASES:
        return ALIASES[key]
    territory = lookup_territory(key)
    if territory is None:
        return None
    # Sub-national territories (ua-cri) count as their country; historic codes (suhh) do not.
    code = territory.code.split("-")[0]
    return code if len(code) == 2 else None


@lru_cache(maxsize=4096)
def to_country_code(name: str | None) -> str | None:
    """Return the ISO alpha-2 code (lower case) for a country name or code, or None.

    >>> to_country_code("Democratic People's Republic of Korea")
    'kp'
    >>> to_country_code("Korea, North")
    'kp'
    """
    if not name:
        return None
    code = _lookup(name)
    if code is None:
        stripped = _QUALIFIERS.sub(" ", name).strip()
        if stripped and stripped != name.strip():
            code = _lookup(stripped)
    return code


def to_country_codes(text: str | None) -> list[str]:
    """Return every country named in ``text`` ("Sudan/South Sudan" gives two), deduplicated."""
    if not text:
        return []
    whole = to_country_code(text)
    if whole is not None:
        return [whole]
    codes = (to_country_code(part) for part in _SEPARATORS.split(text))
    return list(dict.fromkeys(c for c in codes if c is not None))


def country_of_address(address: str | None) -> str | None:
    """Return the country named by the last comma-separated part of an address, or None."""
    if not address:
        return None
    return to_country_code(address.rsplit(",", 1)[-1])
