"""Normalisation of what parties print: names, phones, identifiers, addresses."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rigour.names import remove_org_types
from rigour.text import ascii_text

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\D+")
_DOTS = re.compile(r"[.']")
_IMPORT_EXPORT = re.compile(r"\bi\s*/\s*e\b|\bimp\W*(?:&|and)?\W*exp\b")
# rigour keeps generic words ("company", "co", "corp"): they end most trading names.
GENERIC_FORMS = frozenset(
    {"co", "company", "corp", "corporation", "inc", "ltd", "limited", "private", "pte", "plc"}
)
# Business words as documents abbreviate them; values are the spelt-out form.
ABBREVIATIONS = {
    "intl": "international",
    "int": "international",
    "imp": "import",
    "exp": "export",
    "tech": "technology",
    "technologies": "technology",
    "eng": "engineering",
    "engg": "engineering",
    "trade": "trading",
    "mfg": "manufacturing",
    "mach": "machinery",
    "elec": "electronics",
    "ind": "industrial",
    "indus": "industrial",
}
BANK_WORDS = frozenset({"bank", "banking", "banque"})


def spell_out_name(name: str) -> str:
    """Lower-case ASCII words with business abbreviations spelt out ("Intl" -> international)."""
    text = _DOTS.sub("", ascii_text(name).lower())  # "S.A." -> "sa", "G.m.b.H." -> "gmbh"
    text = _IMPORT_EXPORT.sub(" import export ", text)
    words = _SPACE.sub(" ", _PUNCT.sub(" ", text)).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words if w not in ("and", "the"))


def normalize_party_name(name: str) -> str:
    """Spelt-out words without legal forms ("Co., Ltd", "LLC", "Sdn. Bhd.")."""
    text = spell_out_name(name)
    tokens = _SPACE.sub(" ", remove_org_types(text)).split()
    while len(tokens) > 1 and tokens[-1] in GENERIC_FORMS:
        tokens.pop()
    return " ".join(tokens) or text


def normalize_phone(phone: str) -> str:
    """The last nine digits: drops country prefixes and trunk zeros written differently."""
    digits = _DIGITS.sub("", phone)
    return digits[-9:] if len(digits) >= 6 else ""


def normalize_identifier(identifier: str) -> str:
    return _PUNCT.sub("", identifier).replace(" ", "").upper()


def normalize_address(address: str) -> str:
    return _SPACE.sub(" ", _PUNCT.sub(" ", ascii_text(address).lower())).strip()


def compare_names(a: str, b: str) -> float:
    """Name similarity on 0..1: best of token-sort and unspaced ratios."""
    if a == b:
        return 1.0
    sort = fuzz.token_sort_ratio(a, b)
    unspaced = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
    return max(sort, unspaced) / 100.0


def is_bank_name(name: str) -> bool:
    return bool(BANK_WORDS & set(normalize_party_name(name).split()))


def compare_party_names(a: str, b: str) -> float:
    """Two printed names compared with and without legal forms (a slip in either counts)."""
    return max(
        compare_names(normalize_party_name(a), normalize_party_name(b)),
        compare_names(spell_out_name(a), spell_out_name(b)),
    )
