"""Identifiers: normalised and validated (IMO check digit, SWIFT/BIC structure).

An identifier is compared in its normalised form only: upper case, no spaces, dashes or
punctuation. Invalid values normalise to None so they can never make an exact match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rigour.ids import BIC

KINDS = ("imo", "passport", "national_id", "registration", "swift", "other")

_IMO_RE = re.compile(r"^(?:IMO)?(\d{7})$")
_STRIP_RE = re.compile(r"[\s\-./,:;#_()'\"]+")
_BIC_RE = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
# Passports and national numbers: letters and digits, at least one digit, 4 to 20 long.
_DOCUMENT_RE = re.compile(r"^(?=.*\d)[A-Z0-9]{4,20}$")
_GENERIC_RE = re.compile(r"^[A-Z0-9]{2,40}$")


def compact(value: str) -> str:
    """Return the value upper case without spaces, dashes or punctuation."""
    return _STRIP_RE.sub("", value).upper()


def has_valid_imo_check_digit(digits: str) -> bool:
    """Return True when seven digits carry a valid ship IMO check digit: the digits weighted
    7..2 sum to a number whose last digit is the seventh digit (9212711: 9*7+2*6+1*5+2*4+7*3
    +1*2 = 111 -> 1)."""
    total = sum(int(d) * (7 - i) for i, d in enumerate(digits[:6]))
    return total % 10 == int(digits[6])


@lru_cache(maxsize=65536)
def normalize_imo(value: str) -> str | None:
    """Return the 7 IMO digits of "IMO 9212711", "IMO9212711" or "9212711", or None when the
    value is not seven digits or the check digit is wrong."""
    match = _IMO_RE.match(compact(value))
    if match is None or match.group(1) == "0000000":
        return None
    digits = match.group(1)
    return digits if has_valid_imo_check_digit(digits) else None


def normalize_swift(value: str) -> str | None:
    """Return a SWIFT/BIC code of 8 or 11 characters with a valid country code, else None.

    An 8-character code and the same code with branch "XXX" are the same institution, so
    the branch "XXX" is dropped.
    """
    code = compact(value)
    if not _BIC_RE.match(code) or not BIC.is_valid(code):
        return None
    return code[:8] if code.endswith("XXX") and len(code) == 11 else code


def _normalize_document(value: str) -> str | None:
    """Return a passport or national ID number compacted, or None when implausible."""
    code = compact(value)
    return code if _DOCUMENT_RE.match(code) else None


def _normalize_generic(value: str) -> str | None:
    """Return a registration or other number compacted, or None when empty or odd."""
    code = compact(value)
    return code if _GENERIC_RE.match(code) else None


_NORMALIZERS: dict[str, Callable[[str], str | None]] = {
    "imo": normalize_imo,
    "swift": normalize_swift,
    "passport": _normalize_document,
    "national_id": _normalize_document,
    "registration": _normalize_generic,
    "other": _normalize_generic,
}


def normalize_identifier(kind: str, value: str) -> str | None:
    """Return the normalised identifier of the given kind (imo, passport, national_id,
    registration, swift, other), or None when it is invalid. Unknown kinds are treated as
    "other"."""
    normalizer = _NORMALIZERS.get(kind.lower(), _normalize_generic)
    return normalizer(value)


@lru_cache(maxsize=65536)
def _guess_kinds(value: str) -> tuple[str, ...]:
    """Return the cached result of ``guess_identifier_kinds``."""
    code = compact(value)
    if normalize_imo(value) is not None:
        return ("imo",)
    if code.startswith("IMO"):
        return ()
    kinds: list[str] = []
    if normalize_swift(value) is not None and not code.isdigit():
        kinds.append("swift")
    if _normalize_document(value) is not None:
        kinds.extend(("passport", "national_id", "registration"))
    elif _normalize_generic(value) is not None:
        kinds.append("other")
    return tuple(kinds)


def guess_identifier_kinds(value: str) -> list[str]:
    """Return the kinds a bare identifier may be, most specific first: a valid IMO number ->
    ["imo"]; "KPTSKPPY" -> ["swift", ...]; "PS472310011" -> ["passport", "national_id",
    "registration"]. A value with an IMO prefix but a bad check digit gives []."""
    return list(_guess_kinds(value))
