"""Technical parameters and control thresholds, and the comparison between them.

``extract_thresholds`` reads Annex I legal text ("\"Specific modulus\" exceeding
12,7 × 10^6 m", "a range of at least 300 km", "equal to or less (better) than 6 µm").
``extract_parameters`` reads goods descriptions and key=value strings
("tensile strength=3530 MPa", "range 280 km", "accuracy 5.5um").
``compare`` converts units (GPa against N/mm², µm against mm) and says whether a
specification meets a threshold, falls short of it, or falls short by less than a margin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import pint

from interdictor.goods.units import (
    QUANTITY_EU,
    QUANTITY_TRADE,
    PintQuantity,
    Quantity,
    are_comparable,
    format_quantity,
    parse_unit,
    read_magnitude,
    specific_value,
)


class Comparator(StrEnum):
    """How a threshold bounds a parameter. ``>`` means "exceeding"."""

    GT = ">"
    GE = "≥"
    LT = "<"
    LE = "≤"

    def holds(self, value: float, limit: float) -> bool:
        """True when ``value`` satisfies ``value <comparator> limit``."""
        if self is Comparator.GT:
            return value > limit
        if self is Comparator.GE:
            return value >= limit
        if self is Comparator.LT:
            return value < limit
        return value <= limit

    @property
    def is_lower_bound(self) -> bool:
        return self in (Comparator.GT, Comparator.GE)


_BETTER = r"(?:\s*\((?:better|worse)\))?"
# Longest phrases first: "equal to or less than" must win over "less than".
_PREFIX_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    (rf"equal to or (?:greater|more|higher|larger){_BETTER} than", Comparator.GE),
    (r"equal to or exceeding", Comparator.GE),
    (rf"equal to or (?:less|lower|smaller){_BETTER} than", Comparator.LE),
    (rf"(?:greater|more|higher|larger){_BETTER} than or equal to", Comparator.GE),
    (rf"(?:less|lower|smaller){_BETTER} than or equal to", Comparator.LE),
    (r"at least|not less than|no less than|minimum of|min\.|≥|>=", Comparator.GE),
    (
        r"not exceeding|not more than|no more than|up to|at most|maximum of|max\.|≤|<=",
        Comparator.LE,
    ),
    (r"exceeding|in excess of|(?:greater|more|higher|larger) than|above|over|>", Comparator.GT),
    (rf"(?:less|lower|smaller){_BETTER} than|below|under|<", Comparator.LT),
)
_COMPARATOR_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_PREFIX_COMPARATORS))
    + ")",
    re.IGNORECASE,
)
_POSTFIX_RE = re.compile(
    r"\s*or (?:(?P<ge>more|greater|higher|above)|(?P<le>less|lower|smaller|below))\b",
    re.IGNORECASE,
)
_UNIT_TOKEN = (
    r"(?:arc[\s-]?(?:second|minute)s?\b|°\s?[CFK]\b|[A-Za-zµμΩ°%][A-Za-z0-9µμΩ°%/^²³·*\-]*)"
)
# Between a comparator and its value: an article, or the start of a list
# ("equal to or greater than: 1. 0,9 GPa in the solution annealed stage").
_ARTICLE = r"(?:\s*:\s*\d{1,2}\.)?(?:\s+(?:a|an|the))?\s*"

# Canonical parameter names and the ways they are written. Searched longest first.
PARAMETER_ALIASES: dict[str, tuple[str, ...]] = {
    "specific tensile strength": ("specific tensile strength",),
    "specific modulus": ("specific modulus",),
    "tensile strength": ("ultimate tensile strength", "tensile strength", "uts", "tensile"),
    "modulus": ("tensile modulus", "young's modulus", "elastic modulus", "modulus"),
    "positioning accuracy": (
        "positioning accuracy",
        "positioning accuracies",
        "pos. accuracy",
        "accuracy",
        "accuracies",
    ),
    "repeatability": ("unidirectional positioning repeatability", "repeatability"),
    "range": ("range",),
    "payload": ("payload",),
    "thrust": ("thrust",),
    "total impulse": ("total impulse", "impulse"),
    "frequency": ("operating frequency", "frequency range", "frequency", "frequencies"),
    "output power": ("output power", "power output", "power"),
    "temperature": ("melting point", "operating temperature", "temperature"),
    "pressure": ("working pressure", "pressure"),
    "rotational speed": ("rotational speed", "spindle speed", "speed"),
    "diameter": ("inside diameter", "outside diameter", "diameter"),
    "length": ("length",),
    "mass": ("weight", "mass"),
    "bandwidth": ("bandwidth",),
    "sample rate": ("sample rate", "sampling rate"),
    "purity": ("purity",),
    "density": ("density",),
    "volume": ("capacity", "volume"),
    "flow rate": ("flow rate", "flow-rate", "throughput"),
    "depth": ("depth",),
    "wavelength": ("wavelength",),
    "acceleration": ("acceleration",),
    "radiation dose": ("radiation dose", "total dose"),
    "total impulse capacity": ("total impulse capacity",),
    "width": ("width",),
    "thickness": ("wall thickness", "thickness"),
    "area": ("cross-section area", "surface area", "area"),
    "energy": ("pulse energy", "energy"),
    "voltage": ("voltage",),
}
_ALIASES_LONGEST_FIRST: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((alias, name) for name, aliases in PARAMETER_ALIASES.items() for alias in aliases),
        key=lambda pair: -len(pair[0]),
    )
)
_UNIT_TOKEN_RE = re.compile(rf"\s*({_UNIT_TOKEN})")
_ARTICLE_RE = re.compile(_ARTICLE)
_NAME_BY_ALIAS = dict(_ALIASES_LONGEST_FIRST)
# A plural "s" is allowed: "depths", "wavelengths", "pressures".
_ALIAS_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(a) for a, _ in _ALIASES_LONGEST_FIRST) + r")s?(?!\w)"
)
_STOP_UNITS = frozenset({"in", "a", "at", "or", "and", "of", "to", "the", "for", "by", "per"})
# A sentence end, but not a list marker ("a. ", "1. ") nor an abbreviation ("e.g. ").
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|(?<![\s.]\w)\.\s|\b(?:having|with|which|where|but|and|or|when)\b"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:[a-z]|\d+)\.\s+)?(?:(?:a|an|the|any|all|its|their|of|is|are|being|total|"
    r"rated|maximum|minimum|max|min)\s+)*",
    re.IGNORECASE,
)
_TRAILING_NOISE = re.compile(r"(?:\s+(?:of|is|are|being|value|rated|equal|=))+$", re.I)


@dataclass(frozen=True, slots=True, eq=False)
class Threshold:
    """A control threshold: ``parameter comparator quantity``, with the text it came from
    and, in a catalogue, the item it belongs to ("1C010.b"; "" for the entry as a whole)."""

    parameter: str
    comparator: Comparator
    quantity: PintQuantity
    text: str = ""
    item: str = ""

    def describe(self) -> str:
        return f"{self.parameter} {self.comparator.value} {format_quantity(self.quantity)}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready form (value in the unit as written)."""
        return {
            "parameter": self.parameter,
            "comparator": self.comparator.value,
            "value": float(self.quantity.magnitude),
            "unit": f"{self.quantity.units}",
            "text": self.text,
            "item": self.item,
        }


@dataclass(frozen=True, slots=True, eq=False)
class Parameter:
    """A declared technical value of a good, e.g. tensile strength 3530 MPa."""

    name: str
    quantity: PintQuantity
    text: str = ""


class ComparisonStatus(StrEnum):
    MEETS = "meets"
    BELOW = "below"
    JUST_BELOW = "just_below"
    INCOMPARABLE = "incomparable"


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """A parameter held against a threshold. ``gap`` is the relative shortfall (0 if met)."""

    status: ComparisonStatus
    parameter: Parameter
    threshold: Threshold
    message: str
    converted: PintQuantity | None = None
    gap: float | None = None

    @property
    def just_below(self) -> bool:
        return self.status is ComparisonStatus.JUST_BELOW


def canonical_parameter(raw: str) -> str:
    """Return the canonical name for a written parameter, or the cleaned text if unknown.

    When several known names occur, the one nearest the end wins: in
    'a 500 kg "payload" to a "range" of' the phrase names the range.
    """
    cleaned = clean_parameter_name(raw)
    matches = list(_ALIAS_RE.finditer(cleaned))
    return _NAME_BY_ALIAS[matches[-1].group(1)] if matches else cleaned


def clean_parameter_name(raw: str) -> str:
    """Lower-case, drop quotes, list markers, articles and linking words."""
    text = re.sub(r"[\"'“”‘’]", "", raw).lower()
    text = re.sub(r"\s+", " ", text).strip(" ,.=:-")
    text = _LEADING_NOISE.sub("", text)
    return _TRAILING_NOISE.sub("", text).strip(" ,.=:-")


def name_before(text: str, start: int, window: int = 60) -> str:
    """Return the parameter phrase that ends at ``start``: the last few words of its clause."""
    chunk = text[max(0, start - window) : start]
    breaks = list(_CLAUSE_BREAK.finditer(chunk))
    if breaks:
        chunk = chunk[breaks[-1].end() :]
    words = chunk.split()[-5:]
    # Only the words after the last number: "10 % of the particles" names "particles".
    numbered = [i for i, word in enumerate(words) if any(ch.isdigit() for ch in word)]
    if numbered:
        words = words[numbered[-1] + 1 :]
    return " ".join(words)


def name_after(text: str, end: int) -> str:
    """Return a known parameter named just after a quantity ("500 kg payload"), or ""."""
    following = " ".join(text[end : end + 40].split()[:3])
    match = _ALIAS_RE.match(re.sub(r"[\"'“”‘’]", "", following).lower())
    return _NAME_BY_ALIAS[match.group(1)] if match else ""


def choose_name(text: str, start: int, end: int, previous: str) -> str:
    """Name a threshold from the words around it; reuse ``previous`` for "but not exceeding"."""
    before = name_before(text, start)
    after = name_after(text, end)
    linking = re.search(r"\b(?:but|and|to)\s*$", text[max(0, start - 6) : start])
    if linking and previous and not clean_parameter_name(before):
        return previous
    if after:
        return after
    named = canonical_parameter(before)
    named = named if len(named) > 2 else ""
    if named not in PARAMETER_ALIASES:
        # 'Positioning accuracies with "all compensations available" equal to or less than'
        wider = canonical_parameter(text[max(0, start - 80) : start])
        named = wider if wider in PARAMETER_ALIASES else named
    return named or previous or "value"


def read_unit_at(text: str, pos: int) -> tuple[pint.Unit | None, int]:
    """Return the unit that starts at ``pos`` (after spaces) and where it ends."""
    match = _UNIT_TOKEN_RE.match(text, pos)
    if match is None:
        return None, pos
    token = match.group(1).rstrip(".;,:)-")
    if token.lower() in _STOP_UNITS:
        return None, pos
    unit = parse_unit(token)
    return (unit, match.start(1) + len(token)) if unit is not None else (None, pos)


def read_quantity_at(text: str, pos: int, decimal_comma: bool) -> tuple[PintQuantity | None, int]:
    """Return the quantity (number, power of ten and unit) that starts at ``pos``."""
    pattern = QUANTITY_EU if decimal_comma else QUANTITY_TRADE
    match = pattern.match(text, pos)
    if match is None:
        return None, pos
    unit, end = read_unit_at(text, match.end())
    if unit is None:
        return None, pos
    return Quantity(read_magnitude(match, decimal_comma), unit), end


def extract_thresholds(entry_text: str, decimal_comma: bool = True) -> list[Threshold]:
    """Return the thresholds written in Annex I text, in order of appearance.

    Both prefix ("exceeding 5 m") and postfix ("25,0 mm or less") forms are read.
    Values without a unit (counts of axes, ratios written in words) are not thresholds.
    """
    found: list[Threshold] = []
    previous = ""
    for match in _COMPARATOR_RE.finditer(entry_text):
        comparator = _PREFIX_COMPARATORS[int(match.lastgroup[1:])][1]  # type: ignore[index]
        start = _ARTICLE_RE.match(entry_text, match.end())
        pos = start.end() if start else match.end()
        quantity, end = read_quantity_at(entry_text, pos, decimal_comma)
        if quantity is None:
            continue
        name = choose_name(entry_text, match.start(), end, previous)
        snippet = entry_text[max(0, match.start() - 60) : end].strip()
        found.append(Threshold(name, comparator, quantity, snippet))
        previous = name
    found.extend(extract_postfix_thresholds(entry_text, decimal_comma))
    return found


def extract_postfix_thresholds(text: str, decimal_comma: bool) -> list[Threshold]:
    """Return thresholds written as "<quantity> or less|or more" ("25,0 mm or less")."""
    found: list[Threshold] = []
    pattern = QUANTITY_EU if decimal_comma else QUANTITY_TRADE
    for match in pattern.finditer(text):
        if match.start() > 0 and (text[match.start() - 1].isalnum()):
            continue
        quantity, end = read_quantity_at(text, match.start(), decimal_comma)
        if quantity is None:
            continue
        postfix = _POSTFIX_RE.match(text, end)
        if postfix is None:
            continue
        comparator = Comparator.GE if postfix["ge"] else Comparator.LE
        name = name_after_postfix(text, postfix.end()) or canonical_parameter(
            name_before(text, match.start())
        )
        snippet = text[max(0, match.start() - 40) : postfix.end() + 20].strip()
        found.append(Threshold(name or "value", comparator, quantity, snippet))
    return found


def name_after_postfix(text: str, end: int) -> str:
    """Read "in length" / "in diameter" after "25 mm or less"."""
    match = re.match(r"\s+in\s+(\w+)", text[end:])
    return canonical_parameter(match.group(1)) if match else ""


def extract_parameters(text: str) -> list[Parameter]:
    """Return the technical values in a goods description or key=value parameter string.

    Reads "tensile strength=3530 MPa", "range 280 km; payload: 450 kg", "accuracy 5.5um".
    """
    found: list[Parameter] = []
    for piece in split_parameter_pieces(text):
        for match in QUANTITY_TRADE.finditer(piece):
            if match.start() > 0 and (
                piece[match.start() - 1].isalnum() or piece[match.start() - 1] in ".,"
            ):
                continue
            if is_tow_size(piece, match):
                continue
            quantity, end = read_quantity_at(piece, match.start(), decimal_comma=False)
            if quantity is None:
                continue
            before = re.sub(
                r"[=:<>≤≥~≈]|approx\.?|approximately|about|min\.?|max\.?",
                " ",
                piece[: match.start()],
            )
            name = canonical_parameter(name_before(before, len(before))) or name_after(piece, end)
            found.append(Parameter(name or "value", quantity, piece[match.start() : end]))
    return found + derive_specific_values(found)


def derive_specific_values(found: list[Parameter]) -> list[Parameter]:
    """Add specific tensile strength and specific modulus when a density is declared."""
    by_name = {p.name: p for p in found}
    density = by_name.get("density")
    derived: list[Parameter] = []
    for source, target in (
        ("tensile strength", "specific tensile strength"),
        ("modulus", "specific modulus"),
    ):
        if density is None or source not in by_name or target in by_name:
            continue
        value = specific_value(by_name[source].quantity, density.quantity)
        if value is not None:
            derived.append(Parameter(target, value, f"derived from {source} and density"))
    return derived


def split_parameter_pieces(text: str) -> list[str]:
    """Split on ";", "|", new lines and ", " (but not on "25,000")."""
    return [p for p in re.split(r"[;|\n]|,\s+", text) if p.strip()]


def is_tow_size(piece: str, match: re.Match[str]) -> bool:
    """True for carbon-fibre tow sizes ("12K", "24K"), which are not kelvin."""
    return bool(re.match(r"\d{1,2}K\b", piece[match.start() :]))


@lru_cache(maxsize=65536)
def base_magnitude(magnitude: float, units: pint.Unit) -> float:
    """Return a value in SI base units; cached, since a batch repeats the same values."""
    return float(Quantity(magnitude, units).to_base_units().magnitude)


@lru_cache(maxsize=65536)
def convert_magnitude(magnitude: float, units: pint.Unit, target: pint.Unit) -> float:
    """Return a value converted into ``target`` units; cached like base_magnitude."""
    return float(Quantity(magnitude, units).to(target).magnitude)


def compare(parameter: Parameter, threshold: Threshold, margin: float = 0.1) -> Comparison:
    """Hold a declared value against a threshold, converting units.

    ``just_below`` means the value misses the threshold by less than ``margin`` (a fraction
    of the threshold): under a lower bound ("exceeding 500 kg": 460 kg), or over an upper
    bound ("less than 6 µm": 6.3 µm).
    """
    if not are_comparable(parameter.quantity, threshold.quantity):
        message = (
            f"{parameter.name} {format_quantity(parameter.quantity)} cannot be compared with "
            f"{threshold.describe()}: units differ in kind"
        )
        return Comparison(ComparisonStatus.INCOMPARABLE, parameter, threshold, message)
    value = base_magnitude(float(parameter.quantity.magnitude), parameter.quantity.units)
    limit = base_magnitude(float(threshold.quantity.magnitude), threshold.quantity.units)
    converted = Quantity(
        convert_magnitude(
            float(parameter.quantity.magnitude),
            parameter.quantity.units,
            threshold.quantity.units,
        ),
        threshold.quantity.units,
    )
    shown = f"{parameter.name} {format_quantity(parameter.quantity)}"
    if threshold.comparator.holds(value, limit):
        message = f"{shown} meets {threshold.describe()}"
        return Comparison(ComparisonStatus.MEETS, parameter, threshold, message, converted, 0.0)
    gap = abs(value - limit) / abs(limit) if limit else float("inf")
    if gap <= margin:
        message = (
            f"{shown} is just below the threshold {threshold.describe()} "
            f"({gap:.1%} short, margin {margin:.0%})"
        )
        status = ComparisonStatus.JUST_BELOW
    else:
        message = f"{shown} does not meet {threshold.describe()} ({gap:.1%} short)"
        status = ComparisonStatus.BELOW
    return Comparison(status, parameter, threshold, message, converted, gap)
