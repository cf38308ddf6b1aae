"""A goods line as declared, and the technical values read from it.

Trade documents write units in many ways ("145MM", "600-2000HZ", "5.88 GPa", "1.8 g/cc",
"t=2mm", "DN50"), count axes in words or characters ("5-axis", "五轴", "5축") and state
strength, modulus and density from which Annex I's specific values are derived. Every
distinct piece of text is read once (cached): a batch repeats the same values many times,
and pint conversions dominate the cost of a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from interdictor.errors import InvalidInput
from interdictor.goods.lexicon import Rule
from interdictor.goods.parameters import Parameter, canonical_parameter, extract_parameters
from interdictor.goods.units import Quantity, is_angle, parse_quantity


@dataclass(slots=True)
class GoodsLine:
    """A goods line as declared: ``parameters`` is free text or ``key=value; ...``."""

    id: str
    description: str
    hs_code: str = ""
    quantity: float | None = None
    unit: str = ""
    value: float | None = None
    currency: str = ""
    parameters: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], position: str = "", source: str = "") -> GoodsLine:
        """Build a line from a record; raise InvalidInput naming the field that is wrong."""
        description = str(data.get("description") or "").strip()
        if not description:
            raise InvalidInput("description is empty", source=source, position=position)
        return cls(
            id=str(data.get("id") or position or ""),
            description=description,
            hs_code=str(data.get("hs_code") or "").strip(),
            quantity=read_number(data.get("quantity"), "quantity", source, position),
            unit=str(data.get("unit") or "").strip(),
            value=read_number(data.get("value"), "value", source, position),
            currency=str(data.get("currency") or "").strip(),
            parameters=read_parameters_field(data.get("parameters")),
        )


def read_number(raw: Any, name: str, source: str, position: str) -> float | None:
    """Read an optional number written as 1200, "1,200" or "1200.50"."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return float(str(raw).replace(",", "").strip())
    except ValueError:
        raise InvalidInput(
            f"{name} {raw!r} is not a number", source=source, position=position
        ) from None


def read_parameters_field(raw: Any) -> str:
    """Accept parameters as text or as a JSON object {"key": "value"}."""
    if isinstance(raw, dict):
        return "; ".join(f"{k}={v}" for k, v in raw.items())
    return str(raw or "").strip()


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
# "1 200 kg/h", "2 400 MPa": digits grouped by thousands with a (narrow, no-break) space,
# before a unit. Commas stay decimal ("6,3 µm"), as Annex I and European documents write.
_SPACED_THOUSANDS = re.compile(
    r"(?<![\w.,])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?=(?:[.,]\d+)?\s*[a-zA-Zµμ°%])"
)
_AXES = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:-\s*)?(?:axis|axes|ax|轴|축)(?![a-z])", re.IGNORECASE)
_CJK_AXES = re.compile(r"([二三四五六七八九])轴")
_CJK_DIGITS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NOMINAL_SIZE = re.compile(r"\bDN\s*(\d{1,4})\b", re.IGNORECASE)
STANDARD_GRAVITY = 9.80665  # m/s2, as in "specific modulus" (Annex I definitions)
_DENSITY = Quantity(1, "kg/m**3").dimensionality
_STRESS = Quantity(1, "Pa").dimensionality
_PIECES = re.compile(r"[;|\n]|,\s+")


def fix_unit_spelling(text: str) -> str:
    """Rewrite "600-2000HZ" as "600 Hz to 2000 Hz", "145MM" as "145 mm" and "1 200 kg/h"
    as "1200 kg/h"."""

    def fix(unit: str) -> str:
        return UNIT_SPELLINGS.get(unit.lower(), unit)

    text = _SPACED_THOUSANDS.sub(lambda m: m[1] + re.sub(r"\D", "", m[2]), text)
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
