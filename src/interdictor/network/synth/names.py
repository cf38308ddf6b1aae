"""Names, addresses and phones for generated parties, and the spelling variants that
real documents show for one party (case, legal-form spellings, abbreviations, typos).

A variant keeps the party recognisable to a careful reader: the generator uses it to
give entity resolution realistic work, not impossible work.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from rapidfuzz import fuzz, process

from interdictor.network.synth.reference import load_listed, load_name_parts

T = TypeVar("T")

# Legal forms and words as documents spell them ("Co., Ltd." vs "CO LTD").
WORD_VARIANTS: dict[str, tuple[str, ...]] = {
    "Co., Ltd.": ("Co. Ltd", "CO., LTD", "Co., Ltd", "Company Limited", "Co Ltd"),
    "Co., Ltd": ("Co., Ltd.", "Co. Ltd.", "CO LTD"),
    "Company Limited": ("Co., Ltd.", "Co. Limited", "Company Ltd"),
    "Limited": ("Ltd", "Ltd.", "LIMITED"),
    "Ltd.": ("Limited", "Ltd", "LTD."),
    "Corporation": ("Corp.", "Corp", "CORPORATION"),
    "International": ("Intl", "Int'l", "Intl."),
    "Import & Export": ("Imp. & Exp.", "Import and Export", "I/E"),
    "Trading": ("Trade", "TRADING"),
    "Technology": ("Tech", "Technologies"),
    "Pte. Ltd.": ("Pte Ltd", "PTE. LTD.", "Private Limited"),
    "Sdn. Bhd.": ("Sdn Bhd", "SDN. BHD."),
    "GmbH": ("Gmbh", "G.m.b.H."),
    "Engineering": ("Eng.", "Engg."),
    "Machinery": ("Machine", "Mach."),
}
ADDRESS_VARIANTS = {
    "Road": "Rd.",
    "Street": "St.",
    "Avenue": "Ave",
    "Room": "Rm",
    "Floor": "F",
    "District": "Dist.",
    "Building": "Bldg",
}


def pick(rng: random.Random, values: Sequence[T]) -> T:
    """One value, chosen by the world's random generator."""
    return values[rng.randrange(len(values))]


def get_name_parts(country: str) -> dict[str, tuple[str, ...]]:
    """Name parts for a country, falling back to the generic (``ZZ``) parts."""
    table = load_name_parts()
    own = table.get(country, {})
    generic = table["ZZ"]
    return {k: own.get(k) or generic.get(k, ()) for k in set(own) | set(generic)}


def make_company_name(rng: random.Random, country: str, line: str, long: bool = False) -> str:
    """A company name in the style of its country: "Dalian Haitong Machinery Co., Ltd.";
    ``long`` joins two core words, for when the short names are taken."""
    parts = get_name_parts(country)
    core = pick(rng, parts["core"])
    if long:
        core = f"{core} {pick(rng, parts['core'])}"
    legal = pick(rng, parts["legal"])
    if country == "CN" and rng.random() < 0.6:
        core = f"{pick(rng, parts['city'])} {core}"
    if country in ("ID",):
        return f"{legal} {core} {line}"
    return f"{core} {line} {legal}"


def make_person_name(rng: random.Random, country: str) -> str:
    """A person's name; family name first where the country writes it so. Given names
    of East Asian countries are built from syllables: "Zhang Weimin", "Kim Song-il"."""
    parts = load_name_parts().get(country) or load_name_parts()["US"]
    family = pick(rng, parts["family"])
    syllables = parts.get("syllable")
    if syllables:
        first, second = pick(rng, syllables), pick(rng, syllables).lower()
        given = {
            "CN": f"{first}{second}",
            "KR": f"{first}-{second}",
            "KP": f"{first}-{second}",
        }.get(country, f"{first} {second.capitalize()}")
    else:
        given = pick(rng, parts["given"])
    if country in ("CN", "HK", "KR", "KP", "JP", "VN", "SG"):
        return f"{family} {given}"
    return f"{given} {family}"


@cache
def list_listed_person_names() -> tuple[str, ...]:
    """Listed persons' names and aliases, lower case, letters only."""
    found = []
    for item in load_listed():
        if item.schema == "Person":
            found += [_letters(n) for n in (item.name, *item.aliases)]
    return tuple(found)


def _letters(name: str) -> str:
    return " ".join(sorted(re.findall(r"[a-z]+", name.lower())))


def _skeleton(name: str) -> str:
    """Consonants only, words sorted: romanisations of one Korean name meet here
    ("Choi Sung-chul" and "CHOE Song Chol" are both "c cl sng")."""
    return " ".join(
        sorted(re.sub(r"[aeiouhwy]", "", w) for w in re.findall(r"[a-z]+", name.lower()))
    )


@cache
def list_listed_skeletons() -> frozenset[str]:
    """Consonant skeletons of listed persons' names and aliases."""
    return frozenset(
        _skeleton(n)
        for item in load_listed()
        if item.schema == "Person"
        for n in (item.name, *item.aliases)
    )


def resembles_listed_person(name: str) -> bool:
    """True if an ordinary person's name would read as a listed person's (kept out of
    ordinary trade, so that a screening hit there is a planted one)."""
    if _skeleton(name) in list_listed_skeletons():
        return True
    match = process.extractOne(
        _letters(name), list_listed_person_names(), scorer=fuzz.ratio, score_cutoff=80
    )
    return match is not None


def make_address(rng: random.Random, country: str, building: str | None = None) -> str:
    """A street address in a city of the country; ``building`` pins a shared building."""
    parts = load_name_parts().get(country) or load_name_parts()["US"]
    city = pick(rng, parts["city"])
    unit = f"Room {rng.randint(1, 30)}{rng.randint(1, 20):02d}"
    street = building or f"{rng.randint(1, 999)} {pick(rng, parts['street'])}, {city}"
    return f"{unit}, {street}"


def make_phone(rng: random.Random, country: str) -> str:
    """A phone number in international form: "+86 411 8234 5678"."""
    prefix = (load_name_parts().get(country) or {}).get("phone", ("+1",))[0]
    return f"{prefix} {rng.randint(20, 899)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"


def make_slug(name: str, words: int = 2) -> str:
    """The first words of a name as an e-mail or web domain label: "alwahaelectronics"."""
    found = re.findall(r"[a-z0-9]+", name.lower())
    return "".join(found[:words]) or "mail"


def vary_name(rng: random.Random, name: str) -> str:
    """A spelling of the name as another document prints it."""
    roll = rng.random()
    if roll < 0.25:
        return name.upper()
    if roll < 0.7:
        for word, variants in WORD_VARIANTS.items():
            if word in name:
                return name.replace(word, pick(rng, variants), 1)
        return name.upper()
    if roll < 0.85:
        return re.sub(r"[.,]", "", name)
    return add_typo(rng, name)


def add_typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard inside a longer word: a doubled or dropped letter."""
    spots = [i for i in range(1, len(text) - 1) if text[i].isalpha() and text[i - 1].isalpha()]
    if len(text) < 8 or not spots:
        return text
    i = pick(rng, spots)
    return (
        text[:i] + text[i] * 2 + text[i + 1 :] if rng.random() < 0.5 else text[:i] + text[i + 1 :]
    )


def vary_person(rng: random.Random, name: str, country: str = "") -> str:
    """A person's name as another document prints it: order, case, hyphens."""
    words = name.split()
    roll = rng.random()
    if roll < 0.3 and len(words) > 1:
        return " ".join(words[1:] + words[:1])
    if roll < 0.6:
        return words[0].upper() + " " + " ".join(words[1:])
    if roll < 0.8 and len(words) == 3 and country in ("KR", "KP"):
        return f"{words[0]} {words[1]}-{words[2].lower()}"
    return name


def vary_address(rng: random.Random, address: str) -> str:
    """An address with the usual abbreviations, or upper-cased."""
    if rng.random() < 0.3:
        return address.upper()
    for word, short in ADDRESS_VARIANTS.items():
        address = address.replace(word, short)
    return address


def vary_phone(rng: random.Random, phone: str) -> str:
    """The same number written another way: "+86 411 8234 5678" -> "+86-41182345678"."""
    prefix, *rest = phone.split()
    digits = "".join(rest)
    return pick(rng, (f"{prefix}-{digits}", f"({prefix[1:]}) {' '.join(rest)}", prefix + digits))


def vary_listed(rng: random.Random, name: str) -> str:
    """A listed name as a front would disguise it: romanisation, spacing, legal form."""
    swaps = (
        ("Ryon", "Ryong"),
        ("Kw", "K"),
        ("ong", "ung"),
        ("Corporation", "Corp."),
        ("Trading", "Trade"),
        ("Korea ", "Korean "),
        ("-", " "),
        ("Ch", "J"),
    )
    options = [(a, b) for a, b in swaps if a in name]
    if not options:
        return vary_name(rng, name)
    old, new = pick(rng, options)
    return name.replace(old, new, 1)
