"""Does a declared HS code fit the description? The mislabelling check.

The headings a description should be declared under come from the lexicon concepts found
in it ("filament winding machine" -> 8445, 8477, 8479) and, when no concept names a
heading, from the HS <-> control-entry correlation of its best candidate entries. The
declared code fits when it starts with one of those prefixes, at chapter (2 digits),
heading (4) or subheading (6) level. When it does not, the line is flagged as mislabelled,
with the heading texts of both sides as the reason: "rocket motor casings" under 8436
(agricultural machinery) is expected under 8412 (engines and motors). When nothing names
the goods, a description naming one base metal declared under another metal's chapter
("aluminium plates" under 7326, articles of iron or steel) is still flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from interdictor.goods.correlation import HSCorrelation
from interdictor.goods.hs import HSNomenclature, format_hs_code, normalise_hs_code
from interdictor.goods.lexicon import Concept

MAX_SUGGESTED = 6
# HS texts of parts subheadings: "...; parts thereof", "Parts of ...", "...; parts".
_PARTS = re.compile(r"(?:^|;\s*)parts\b", re.IGNORECASE)
# Base metals of HS Section XV: the chapter of each and the words that name it. A
# description naming one metal declared under another metal's chapter is mislabelled
# ("aluminium alloy tubes" under 7326, "other articles of iron or steel").
METAL_CHAPTERS: dict[str, tuple[str, ...]] = {
    "iron or steel": ("72", "73"),
    "copper": ("74",),
    "nickel": ("75",),
    "aluminium": ("76",),
    "lead": ("78",),
    "zinc": ("79",),
    "tin": ("80",),
    "titanium": ("81",),
    "tungsten": ("81",),
    "molybdenum": ("81",),
    "tantalum": ("81",),
    "magnesium": ("81",),
    "zirconium": ("81",),
    "beryllium": ("81",),
}
_METAL_WORDS: dict[str, re.Pattern[str]] = {
    "iron or steel": re.compile(r"\b(?:iron|steels?)\b", re.IGNORECASE),
    "aluminium": re.compile(r"\b(?:aluminium|aluminum)\b", re.IGNORECASE),
    # Brass and bronze are copper alloys (chapter 74).
    "copper": re.compile(r"\b(?:copper|brass|bronze)\b", re.IGNORECASE),
    **{
        metal: re.compile(rf"\b{metal}\b", re.IGNORECASE)
        for metal in METAL_CHAPTERS
        if metal not in ("iron or steel", "aluminium", "copper")
    },
}


@dataclass(slots=True)
class HSCheck:
    """The verdict on a declared HS code. ``consistent`` is None when nothing is known."""

    declared: str
    valid: bool
    consistent: bool | None
    score: float | None
    suggested: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def mislabelled(self) -> bool:
        return self.consistent is False

    def to_dict(self) -> dict[str, Any]:
        return {
            "declared": self.declared,
            "valid": self.valid,
            "consistent": self.consistent,
            "score": None if self.score is None else round(self.score, 3),
            "suggested": self.suggested,
            "reason": self.reason,
        }


def check_hs(
    declared: str,
    description: str,
    concepts: list[Concept],
    entries: list[str],
    correlation: HSCorrelation,
    nomenclature: HSNomenclature,
    decided: str = "",
) -> HSCheck:
    """Check a declared code against what the description says the goods are.

    ``decided`` is the HS code of an officer's reused decision; it replaces the headings
    read from the description.
    """
    decided_code, _ = normalise_hs_code(decided) if decided else (None, "")
    if decided_code:
        expected = [decided_code]
    else:
        expected = expected_prefixes(concepts, entries, correlation, nomenclature)
    suggested = [format_hs_code(p) for p in expected[:MAX_SUGGESTED]]
    if not declared.strip():
        return HSCheck("", False, None, None, suggested, "no HS code declared")
    validation = nomenclature.validate(declared)
    if not validation.valid or validation.code is None:
        return HSCheck(declared, False, None, None, suggested, validation.message)
    code = validation.code
    if not expected:
        clash = metal_clash(description, code, nomenclature)
        if clash:
            return HSCheck(declared, True, False, 0.0, suggested, f"{validation.message}: {clash}")
        score = text_fit(description, code, nomenclature)
        reason = f"{validation.message}; no reviewed heading for this description"
        return HSCheck(declared, True, None, score, suggested, reason)
    matched = [p for p in expected if code.startswith(p)]
    clash = material_clash(description, code, expected, nomenclature) if matched else ""
    if clash:
        return HSCheck(declared, True, False, 0.0, suggested, f"{validation.message}: {clash}")
    if matched:
        # A reviewed 6-digit prefix (8412.90 for rocket motor cases) settles the subheading.
        reviewed = any(len(p) == 6 for p in matched)
        if entries and not reviewed and declared_as_parts(code, concepts, nomenclature):
            reason = (
                f"{validation.message}: a parts subheading, but the description names whole "
                "goods; does not fit at subheading level"
            )
            return HSCheck(declared, True, False, 0.0, suggested, reason)
        return HSCheck(declared, True, True, 1.0, suggested, validation.message)
    reason = describe_mislabel(code, concepts, entries, expected, nomenclature)
    return HSCheck(declared, True, False, 0.0, suggested, reason)


def expected_prefixes(
    concepts: list[Concept],
    entries: list[str],
    correlation: HSCorrelation,
    nomenclature: HSNomenclature,
) -> list[str]:
    """Return the HS prefixes the goods belong under, most specific source first.

    Concept prefixes are written for HS 2022; one that does not exist in the edition being
    checked (8806 in HS 2017) is replaced by the correlation rows of that edition.
    """
    prefixes: list[str] = []
    for concept in concepts:
        for prefix in concept.hs_prefixes:
            if nomenclature.get(prefix) is not None:
                prefixes.append(prefix)
            else:
                prefixes.extend(edition_prefixes(concept, correlation, nomenclature.edition))
    if not prefixes:
        for entry in entries:
            prefixes.extend(correlation.prefixes_for(entry, nomenclature.edition))
    return list(dict.fromkeys(prefixes))


def edition_prefixes(concept: Concept, correlation: HSCorrelation, edition: str) -> list[str]:
    """The correlation prefixes of a concept's positively weighted entries in ``edition``."""
    found: list[str] = []
    for entry, weight in concept.entries.items():
        if weight > 0:
            found.extend(correlation.prefixes_for(entry, edition))
    return found


def describe_mislabel(
    code: str,
    concepts: list[Concept],
    entries: list[str],
    expected: list[str],
    nomenclature: HSNomenclature,
) -> str:
    """Say what the goods read as, what was declared and where they belong."""
    declared = nomenclature.heading(code) or nomenclature.get(code)
    declared_text = declared.description if declared else ""
    names = ", ".join(c.canonical for c in concepts if c.role != "modifier") or ", ".join(entries)
    wanted = "; ".join(
        f"{format_hs_code(p)} {heading_text(p, nomenclature)}".strip() for p in expected[:3]
    )
    level = mismatch_level(code, expected)
    return (
        f"description reads as {names}; declared {format_hs_code(code)} "
        f"({declared_text}) does not fit at {level} level; expected {wanted}"
    )


def declared_as_parts(code: str, concepts: list[Concept], nomenclature: HSNomenclature) -> bool:
    """True when a controlled-looking item is declared under a "parts" subheading.

    "Multiphase frequency converter ... " under 8504.90 ("...; parts thereof") is a
    classic way to move whole goods through a lower-duty, less-watched line.
    """
    found = nomenclature.get(code)
    if found is None or len(code) < 6 or not _PARTS.search(found.description):
        return False
    return not any(c.canonical == "parts" for c in concepts)


def metal_clash(description: str, code: str, nomenclature: HSNomenclature) -> str:
    """Say why a description naming one base metal does not fit another metal's chapter.

    Only a description naming a single metal counts, and only when the declared code's
    own texts do not name it ("steel, clad with copper" names both). Returns "" if fine.
    """
    declared_metals = [m for m, chapters in METAL_CHAPTERS.items() if code[:2] in chapters]
    named = [m for m, pattern in _METAL_WORDS.items() if pattern.search(description)]
    if not declared_metals or len(named) != 1 or named[0] in declared_metals:
        return ""
    texts = " ".join(
        c.description for c in (nomenclature.get(code), nomenclature.heading(code)) if c
    )
    if _METAL_WORDS[named[0]].search(texts):
        return ""
    chapters = "/".join(METAL_CHAPTERS[named[0]])
    return (
        f"the description names {named[0]}, the declared code is of "
        f"{' or '.join(declared_metals)}; {named[0]} belongs in chapter {chapters}"
    )


# Chapters of goods classified by their material: plastics, rubber, stone, ceramics,
# glass and the base metals. Between these, the material the description names decides.
MATERIAL_CHAPTERS = frozenset(
    ["39", "40", "68", "69", "70"] + [str(n) for n in range(72, 77)] + ["78", "79", "80", "81"]
)


def material_clash(
    description: str, code: str, expected: list[str], nomenclature: HSNomenclature
) -> str:
    """Say why a code of one material's chapter does not fit goods named in another metal.

    Goods such as crucibles have headings in several material chapters (6903 ceramic,
    8103 tantalum): the concept lists them all, and the metal named on the line chooses.
    "Tantalum crucible" under 6903 is mislabelled; under 8103.91 it fits. Only a line
    naming a single metal, whose chapter is among the expected headings, counts. Returns
    "" if fine.
    """
    if code[:2] not in MATERIAL_CHAPTERS:
        return ""
    named = [m for m, pattern in _METAL_WORDS.items() if pattern.search(description)]
    if len(named) != 1:
        return ""
    chapters = METAL_CHAPTERS[named[0]]
    if code[:2] in chapters or not any(p[:2] in chapters for p in expected):
        return ""
    texts = " ".join(
        c.description for c in (nomenclature.get(code), nomenclature.heading(code)) if c
    )
    if _METAL_WORDS[named[0]].search(texts):
        return ""
    wanted = ", ".join(format_hs_code(p) for p in expected if p[:2] in chapters)
    return (
        f"the description names {named[0]}; the declared code is of another material's "
        f"chapter; expected {wanted}"
    )


def mismatch_level(code: str, expected: list[str]) -> str:
    """Return the deepest level at which the declared code still agrees: chapter/heading."""
    if any(len(p) == 6 and code[:4] == p[:4] for p in expected):
        return "subheading"
    if any(code[:2] == p[:2] for p in expected):
        return "heading"
    return "chapter"


def heading_text(prefix: str, nomenclature: HSNomenclature) -> str:
    """Return "(text)" of a code, with its heading's text for a subheading, or ""."""
    found = nomenclature.get(prefix)
    if found is None:
        return ""
    heading = nomenclature.heading(prefix) if len(prefix) == 6 else None
    if heading is None:
        return f"({found.description})"
    return f"({found.description}; in {heading.code}: {heading.description})"


_DOCUMENT_NOISE = re.compile(
    r"\b(?:model|type|ref|lot|batch|item|part|p/?n|s/?n|no)\b\.?\s*[:#]?\s*(?=\S*\d)\S+"
    r"|\S*\d\S*"
)


def text_fit(description: str, code: str, nomenclature: HSNomenclature) -> float:
    """A rough 0-1 fit between a description and the declared code's text and heading.

    Model, lot and reference numbers say nothing about the heading and are left out
    ("Waste and scrap, model PC-1932" reads as "Waste and scrap").
    """
    texts = [c.description for c in [nomenclature.get(code), nomenclature.heading(code)] if c]
    if not texts:
        return 0.0
    words = _DOCUMENT_NOISE.sub(" ", description.lower())
    best = max(fuzz.token_set_ratio(words, t, processor=default_process) for t in texts)
    return best / 100.0
