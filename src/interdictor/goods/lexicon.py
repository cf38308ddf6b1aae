"""The reviewed goods lexicon: how goods are really written on trade documents.

Three data files in ``data/goods`` (reviewer-editable CSV):

- ``lexicon.csv`` maps a written term to a canonical concept: abbreviations ("CFRP",
  "UDMH", "IRFPA"), trade names ("T800", "IM7", "Kevlar", "Twaron", "Hastelloy"),
  Chinese and Korean terms ("碳纤维", "数控机床", "탄소섬유", "공작기계") and spellings.
- ``lexicon_concepts.csv`` gives each concept its candidate Annex I entries with weights
  (negative for benign look-alikes such as "fishing rod" against 1C010), the HS prefixes
  where such goods belong, and a role (item, modifier, benign).
- ``lexicon_rules.csv`` holds the deciding parameters of an entry (e.g. 1B001 filament
  winding machines need three or more axes) and required features ("@material").

Matching survives typos: a Latin token that is not in the vocabulary is corrected to the
nearest vocabulary word (rapidfuzz ratio >= ``TYPO_SIMILARITY``), once per distinct token.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from interdictor.errors import InvalidInput
from interdictor.goods.parameters import (
    Comparator,
    Parameter,
    Threshold,
    canonical_parameter,
    extract_parameters,
)
from interdictor.goods.units import Quantity, is_angle, parse_quantity

# "filamnet" -> "filament" scores 87.5; "milling" -> "filling" would need a vocabulary
# entry "filling", which there is not. Below 85, "lathes" starts to match "laser".
TYPO_SIMILARITY = 85.0
MIN_TYPO_LENGTH = 5
MAX_TERM_TOKENS = 6
ROLES = ("item", "modifier", "benign")
COMPARATORS = {">": Comparator.GT, ">=": Comparator.GE, "<": Comparator.LT, "<=": Comparator.LE}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_REWRITES = (
    (re.compile(r"\bm/c\b"), " machine "),
    (re.compile(r"\bw/"), " with "),
    (re.compile(r"[^\w\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|_"), " "),
)


@dataclass(frozen=True, slots=True)
class Concept:
    """A canonical goods concept with its candidate entries and expected HS prefixes."""

    canonical: str
    entries: dict[str, float]
    hs_prefixes: tuple[str, ...]
    role: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TermHit:
    """A lexicon term found in a description: as written, its concept, and how it matched."""

    written: str
    canonical: str
    how: str  # "exact", "typo" or "script" (a Chinese, Japanese or Korean substring)
    context: bool = False  # written after "for": what the goods serve, not what they are


@dataclass(frozen=True, slots=True)
class Rule:
    """One deciding condition of an entry, active when ``when`` (a concept) is present."""

    entry: str
    when: str
    mode: str  # "all" or "any" rule of the (entry, when) group must hold
    parameter: str
    aliases: tuple[str, ...]
    clause: str
    threshold: Threshold | None = None
    requires: tuple[str, ...] = ()
    dimensionality: Any = None
    angle: bool = False


@dataclass
class Lexicon:
    """Terms, concepts and rules, with the indexes the classifier needs."""

    terms: dict[str, str]
    concepts: dict[str, Concept]
    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._script_terms = sorted((t for t in self.terms if _CJK.search(t)), key=len)[::-1]
        self._script_re = (
            re.compile("|".join(re.escape(t) for t in self._script_terms))
            if self._script_terms
            else None
        )
        self.vocabulary = sorted(
            {w for t in self.terms if not _CJK.search(t) for w in t.split() if w.isalpha()}
        )
        self._vocabulary_set = set(self.vocabulary)
        self.rules_by_entry: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self.rules_by_entry.setdefault(rule.entry, []).append(rule)
        self.rule_aliases = frozenset(a for rule in self.rules for a in rule.aliases)

    @classmethod
    def load_default(cls) -> Lexicon:
        """Return the bundled lexicon, loaded once."""
        return _load_bundled()

    def find_terms(self, text: str) -> list[TermHit]:
        """Return the lexicon terms in a description, longest match first, left to right."""
        normalised = normalise_description(text)
        hits: list[TermHit] = []
        if self._script_re is not None:
            for match in self._script_re.finditer(normalised):
                hits.append(TermHit(match.group(0), self.terms[match.group(0)], "script"))
            normalised = self._script_re.sub(" ", normalised)
        hits.extend(self.match_tokens(normalised.split()))
        return hits

    def match_tokens(self, tokens: list[str]) -> list[TermHit]:
        """Longest terms first, without overlaps, after correcting typos.

        Typo correction is only trusted inside multi-word terms: corrected single words
        ("turbots" -> "turbojet", "lates" -> "lathes") made fish look like engines.

        Longest-first over the whole line (not left to right) keeps "rocket motor case" in
        "solid rocket motor case" whole instead of stopping at "solid rocket motor".
        """
        fixed = [self.correct_token(t) for t in tokens]
        words = [w for w, _ in fixed]
        found: list[tuple[int, int]] = []
        for i in range(len(words)):
            for n in range(min(MAX_TERM_TOKENS, len(words) - i), 0, -1):
                if " ".join(words[i : i + n]) in self.terms:
                    found.append((i, n))
        taken = [False] * len(words)
        chosen: list[tuple[int, int]] = []
        for i, n in sorted(found, key=lambda f: (-f[1], f[0])):
            corrected = sum(changed for _, changed in fixed[i : i + n])
            # A corrected token counts only inside a longer term with an exact partner:
            # "filamnet winding machine", never "lates" -> "lathes" on its own.
            if corrected and (n < 2 or corrected == n):
                continue
            if not any(taken[i : i + n]):
                taken[i : i + n] = [True] * n
                chosen.append((i, n))
        purpose = words.index("for") if "for" in words else len(words)
        hits = []
        for i, n in sorted(chosen):
            key = " ".join(words[i : i + n])
            typo = any(changed for _, changed in fixed[i : i + n])
            written = " ".join(tokens[i : i + n])
            how = "typo" if typo else "exact"
            hits.append(TermHit(written, self.terms[key], how, context=i > purpose))
        return hits

    def correct_token(self, token: str) -> tuple[str, bool]:
        """Return (token or its vocabulary correction, whether it was changed)."""
        if token in self._vocabulary_set or len(token) < MIN_TYPO_LENGTH or not token.isalpha():
            return token, False
        if token.endswith("s") and token[:-1] in self._vocabulary_set:
            return token[:-1], True
        corrected = _nearest_word(token, tuple(self.vocabulary))
        return (corrected, True) if corrected else (token, False)

    def concepts_in(self, hits: Iterable[TermHit]) -> list[Concept]:
        """Return the distinct concepts behind the hits, in order of first appearance."""
        names = dict.fromkeys(h.canonical for h in hits)
        return [self.concepts[n] for n in names if n in self.concepts]


@dataclass(frozen=True, slots=True)
class LineValue:
    """A value declared on a line: the key as written (lower case) and the parameter.

    The base-unit magnitude and the dimensionality are worked out once, when the value is
    read, since pint conversions dominate the cost of a batch.
    """

    key: str
    parameter: Parameter
    base_magnitude: float
    dimensionality: Any
    angle: bool

    def comparable(self, rule: Rule) -> bool:
        """True when the value can be held against the rule's threshold."""
        if self.dimensionality != rule.dimensionality:
            return False
        return self.angle == rule.angle if not self.dimensionality else True


def make_value(key: str, parameter: Parameter) -> LineValue:
    """Wrap a parameter, computing its base magnitude and kind once."""
    quantity = parameter.quantity
    base = float(quantity.to_base_units().magnitude)
    return LineValue(key, parameter, base, quantity.dimensionality, is_angle(quantity))


# Unit spellings of trade documents (often upper case) -> what pint reads. "MM" would be
# megamolar and "KN" knots if passed through as written.
UNIT_SPELLINGS = {
    "mm": "mm", "cm": "cm", "m": "m", "km": "km", "um": "um", "µm": "um", "μm": "um",
    "micron": "um", "microns": "um", "nm": "nm", "mm2": "mm**2", "cm2": "cm**2", "m2": "m**2",
    "m3": "m**3", "m3/s": "m**3/s", "m3/h": "m**3/h", "m3/min": "m**3/min",
    "l": "L", "ltr": "L", "litre": "L", "liter": "L", "litres": "L", "liters": "L",
    "l/h": "L/h", "l/min": "L/min", "l/s": "L/s", "ml": "mL",
    "pa": "Pa", "kpa": "kPa", "mpa": "MPa", "gpa": "GPa", "bar": "bar", "mbar": "mbar",
    "torr": "torr", "psi": "psi", "n/mm2": "N/mm**2",
    "n": "N", "kn": "kN", "mn": "MN", "mns": "MN*s", "kns": "kN*s", "n*s": "N*s",
    "w": "W", "kw": "kW", "mw": "mW", "va": "VA", "kva": "kVA",
    "v": "V", "kv": "kV", "a": "A", "ma": "mA", "ka": "kA",
    "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz",
    "s": "s", "ms": "ms", "us": "us", "ns": "ns", "min": "min", "mins": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "kg": "kg", "kgs": "kg", "g/cm3": "g/cm**3", "g/cc": "g/cm**3", "kg/m3": "kg/m**3",
    "c": "degC", "°c": "degC", "degc": "degC", "k": "K",
    "%": "percent", "ppm": "ppm", "ug": "ug", "µg": "ug", "deg/h": "deg/h", "°/h": "deg/h",
    "m/s": "m/s", "km/h": "km/h", "u": "dalton",
}  # fmt: skip
_NUMBER = r"\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?"
_RANGE = re.compile(
    rf"(?<![\w.])({_NUMBER})\s*(?:-|~|–|to)\s*({_NUMBER})\s*([a-zA-Zµμ°%][\w/*°%]*)"
)
_NUMBER_UNIT = re.compile(rf"(?<![\w.])({_NUMBER})\s*([a-zA-Zµμ°%][\w/*°%]*)")
_AXES = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:-\s*)?(?:axis|axes|ax|轴|축)(?![a-z])", re.IGNORECASE)
_CJK_AXES = re.compile(r"([二三四五六七八九])轴")
_CJK_DIGITS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NOMINAL_SIZE = re.compile(r"\bDN\s*(\d{1,4})\b", re.IGNORECASE)
STANDARD_GRAVITY = 9.80665  # m/s2, as in "specific modulus" (Annex I definitions)
_DENSITY = Quantity(1, "kg/m**3").dimensionality
_STRESS = Quantity(1, "Pa").dimensionality
_PIECES = re.compile(r"[;|\n]|,\s+")


def fix_unit_spelling(text: str) -> str:
    """Rewrite "600-2000HZ" as "600 Hz to 2000 Hz" and "145MM" as "145 mm"."""

    def fix(unit: str) -> str:
        return UNIT_SPELLINGS.get(unit.lower(), unit)

    text = _RANGE.sub(lambda m: f"{m[1]} {fix(m[3])} to {m[2]} {fix(m[3])}", text)
    return _NUMBER_UNIT.sub(lambda m: f"{m[1]} {fix(m[2])}", text)


def read_line_values(description: str, parameters: str) -> list[LineValue]:
    """Return the values declared in a line's parameters and description.

    Reads ``key=value`` and ``key: value`` pairs, free text ("UTS 2400 MPa, t=2mm"),
    axis counts ("5-axis", "五轴", "5축"), nominal sizes ("DN50") and derives specific
    modulus and specific tensile strength (value / (density x g)) when density is given.
    Each distinct piece of text is read once (cached).
    """
    values: list[LineValue] = []
    for piece in _PIECES.split(parameters):
        values.extend(read_piece(piece))
    for piece in _PIECES.split(description):
        values.extend(read_free_text(piece))
    values.extend(read_counts(f"{description} {parameters}"))
    values.extend(derive_specific_values(values))
    return values


@lru_cache(maxsize=65536)
def read_piece(piece: str) -> tuple[LineValue, ...]:
    """Read one parameter piece, "key=value" or free text."""
    match = re.match(r"\s*([^=:]+?)\s*[=:]\s*(.+)$", piece)
    if match:
        raw = re.sub(r"^[\s<>≤≥~≈]+", "", match[2])
        quantity = parse_quantity(fix_unit_spelling(raw).strip())
        name = match[1].strip().lower()
        if quantity is not None and name:
            parameter = Parameter(canonical_parameter(name), quantity, piece.strip())
            return (make_value(name, parameter),)
    return read_free_text(piece)


@lru_cache(maxsize=65536)
def read_free_text(piece: str) -> tuple[LineValue, ...]:
    """Read the quantities of free text ("UTS 2400 MPa", "INLET 400MM")."""
    if not any(ch.isdigit() for ch in piece):
        return ()
    return tuple(make_value(p.name, p) for p in extract_parameters(fix_unit_spelling(piece)))


def read_counts(text: str) -> list[LineValue]:
    """Axis counts and DN sizes, which carry no pint unit."""
    found: list[LineValue] = []
    axes = [int(m[1]) for m in _AXES.finditer(text)]
    axes += [_CJK_DIGITS[m[1]] for m in _CJK_AXES.finditer(text)]
    if axes:
        found.append(count_value("axes", max(axes), "dimensionless"))
    for match in _NOMINAL_SIZE.finditer(text):
        found.append(count_value("nominal size", int(match[1]), "mm"))
    return found


@lru_cache(maxsize=4096)
def count_value(name: str, number: float, unit: str) -> LineValue:
    return make_value(name, Parameter(name, Quantity(number, unit), f"{number:g} {unit}"))


def derive_specific_values(values: list[LineValue]) -> list[LineValue]:
    """Specific modulus and tensile strength from modulus, strength and density."""
    density = first_base(values, ("density",), _DENSITY)
    if density is None or density <= 0:
        return []
    derived: list[LineValue] = []
    for source, name in (
        ("modulus", "specific modulus"),
        ("tensile strength", "specific tensile strength"),
    ):
        stress = first_base(values, (source,), _STRESS)
        if stress is not None:
            derived.append(specific_value(name, source, stress / (density * STANDARD_GRAVITY)))
    return derived


@lru_cache(maxsize=16384)
def specific_value(name: str, source: str, metres: float) -> LineValue:
    return make_value(name, Parameter(name, Quantity(metres, "m"), f"{source} / (density x g)"))


def first_base(values: list[LineValue], names: tuple[str, ...], dimension: Any) -> float | None:
    """Return the base magnitude of the first value named one of ``names`` of that kind."""
    for value in values:
        if (value.parameter.name in names or value.key in names) and (
            value.dimensionality == dimension
        ):
            return value.base_magnitude
    return None


@lru_cache(maxsize=32768)
def _nearest_word(token: str, vocabulary: tuple[str, ...]) -> str | None:
    found = process.extractOne(token, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY)
    return found[0] if found else None


def normalise_description(text: str) -> str:
    """Return lower-case NFKC text with punctuation as spaces ("T800SC-24K" -> "t800sc 24k")."""
    out = unicodedata.normalize("NFKC", text).casefold()
    for pattern, replacement in _REWRITES:
        out = pattern.sub(replacement, out)
    return " ".join(out.split())


def read_terms(text: str, source: str) -> dict[str, str]:
    """Parse lexicon.csv (term, canonical, language, kind); terms are normalised."""
    terms: dict[str, str] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        term = normalise_description(row.get("term") or "")
        canonical = (row.get("canonical") or "").strip()
        if not term or not canonical:
            raise InvalidInput(
                "term and canonical are required", source=source, position=f"line {line}"
            )
        terms[term] = canonical
    return terms


def read_concepts(text: str, source: str) -> dict[str, Concept]:
    """Parse lexicon_concepts.csv (canonical, entries "1C010:1.0 ...", hs_prefixes, role)."""
    concepts: dict[str, Concept] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        where = f"line {line}"
        role = (row.get("role") or "").strip()
        if role not in ROLES:
            raise InvalidInput(
                f"role {role!r} is not one of {ROLES}", source=source, position=where
            )
        entries: dict[str, float] = {}
        for pair in (row.get("entries") or "").split():
            code, _, weight = pair.partition(":")
            try:
                entries[code] = float(weight)
            except ValueError:
                raise InvalidInput(
                    f"bad weight in {pair!r}", source=source, position=where
                ) from None
        name = (row.get("canonical") or "").strip()
        prefixes = tuple((row.get("hs_prefixes") or "").split())
        concepts[name] = Concept(name, entries, prefixes, role, (row.get("note") or "").strip())
    return concepts


def read_rules(text: str, source: str) -> list[Rule]:
    """Parse lexicon_rules.csv; a threshold must parse as a quantity."""
    rules: list[Rule] = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        rules.append(parse_rule(row, source, f"line {line}"))
    return rules


def parse_rule(row: dict[str, str], source: str, where: str) -> Rule:
    """Build one Rule from a CSV row, naming the row when it is wrong."""
    entry, parameter, comparator, written = (
        (row.get(k) or "").strip() for k in ("entry", "parameter", "comparator", "threshold")
    )
    mode = (row.get("mode") or "all").strip()
    if not entry or not parameter or mode not in ("all", "any"):
        raise InvalidInput("needs entry, parameter and mode all|any", source=source, position=where)
    aliases = tuple(a.strip().lower() for a in (row.get("aliases") or "").split("|") if a.strip())
    when, clause = (row.get("when") or "").strip(), (row.get("clause") or "").strip()
    if comparator == "present":
        needed = tuple(written.split("|"))
        return Rule(entry, when, mode, parameter, aliases or (parameter,), clause, requires=needed)
    quantity = parse_quantity(written)
    if comparator not in COMPARATORS or quantity is None:
        reason = f"cannot read threshold {comparator} {written!r}"
        raise InvalidInput(reason, source=source, position=where)
    threshold = Threshold(parameter, COMPARATORS[comparator], quantity, clause)
    return Rule(entry, when, mode, parameter, aliases or (parameter,), clause, threshold,
                dimensionality=quantity.dimensionality, angle=is_angle(quantity))  # fmt: skip


def read_data_file(name: str) -> str:
    """Return a text file bundled in ``interdictor/data/goods``."""
    return resources.files("interdictor").joinpath("data", "goods", name).read_text("utf-8-sig")


@cache
def _load_bundled() -> Lexicon:
    return Lexicon(
        read_terms(read_data_file("lexicon.csv"), "lexicon.csv"),
        read_concepts(read_data_file("lexicon_concepts.csv"), "lexicon_concepts.csv"),
        read_rules(read_data_file("lexicon_rules.csv"), "lexicon_rules.csv"),
    )
