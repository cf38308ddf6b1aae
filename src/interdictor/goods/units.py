"""Quantities as written on trade documents and in control lists, parsed with one pint registry.

``parse_quantity`` reads "1.5 GPa", "1500 N/mm²", "6 µm", "25,000 rpm", "3 x 10^12 Hz",
"10E12 Hz", "600 °C", "Mach 2", a bare unit such as "kg" (one kilogram), and the EU
legal style "23,5 × 10^4 m" or "1 922 K" when ``decimal_comma`` is set. Each distinct
string is parsed once (an LRU cache), since a batch repeats the same values many times.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any, TypeAlias

import pint
from pint.facets.plain import PlainUnit

UREG: pint.UnitRegistry[Any] = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
# Mach number taken at sea level in the ISA (340.3 m/s); trade documents rarely give altitude.
UREG.define("mach = 340.3 * meter / second = Mach")
UREG.define("sample = [] = samples = Sa")
UREG.define("@alias gram = gramme = grammes")
Quantity = UREG.Quantity
# The annotation for a quantity of this registry.
PintQuantity: TypeAlias = "pint.Quantity[Any]"

# Angle units are dimensionless in pint, like percent; keep them apart when comparing.
ANGLE_UNITS = frozenset(
    {"radian", "degree", "arcminute", "arcsecond", "milliradian", "microradian"}
)

_NUMBER_EU = r"[-−+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|[-−+]?\d+(?:,\d+)?"
_NUMBER_TRADE = r"[-−+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−+]?\d+(?:[.,]\d+)?|[-−+]?\.\d+"
_EXPONENT = (
    r"(?:\s*[x×*·]\s*10\s*(?:\^|\*\*)?\s*(?P<exp>[-−+]?\d{1,2})(?!\d)"
    r"|[eE](?P<eexp>[-−+]?\d{1,2})(?!\d))?"
)
QUANTITY_EU = re.compile(rf"(?P<num>{_NUMBER_EU}){_EXPONENT}")
QUANTITY_TRADE = re.compile(rf"(?P<num>{_NUMBER_TRADE}){_EXPONENT}")
_MACH = re.compile(r"^\s*mach\s*(?P<num>\d+(?:[.,]\d+)?)\s*$", re.IGNORECASE)

# Spellings pint does not read, mapped to ones it does. Applied to the unit part only.
_UNIT_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[μµ]"), "u"),
    (re.compile(r"²"), "**2"),
    (re.compile(r"³"), "**3"),
    (re.compile(r"\^"), "**"),
    (re.compile(r"°\s*C\b"), "degC"),
    (re.compile(r"°\s*F\b"), "degF"),
    (re.compile(r"°\s*K\b"), "K"),
    (re.compile(r"°"), "degree"),
    (re.compile(r"Ω"), "ohm"),
    (re.compile(r"(?<![A-Za-z])(?:RPM|r/min|rev/min)(?![A-Za-z])"), "rpm"),
    (re.compile(r"(?<![A-Za-z])(?:kgs|kilos?)(?![A-Za-z])"), "kg"),
    (re.compile(r"(?<![A-Za-z])(?:sec|secs)(?![A-Za-z])"), "s"),
    (re.compile(r"(?<![A-Za-z])(?:micron|microns)(?![A-Za-z])"), "um"),
    (re.compile(r"(?<![A-Za-z])(?:litres?|liters?)(?![A-Za-z])"), "L"),
    # Impulse in newton-seconds, as in 9A105 "1,1 MNs"; resistivity in "ohm-cm".
    (re.compile(r"(?<![A-Za-z])([kMG]?)Ns(?![A-Za-z])"), r"\1N*s"),
    (re.compile(r"(?<![A-Za-z])ohm-(c?m)(?![A-Za-z])"), r"ohm*\1"),
    (re.compile(r"(?<![A-Za-z])arc[\s-]?(second|minute)s?(?![A-Za-z])"), r"arc\1"),
    # A unit symbol directly followed by a power digit: "mm2", "N/mm2", "m3/h", "m/s2".
    (re.compile(r"(?<=[A-Za-z])([23])(?![\d*])"), r"**\1"),
)


def parse_number(text: str, decimal_comma: bool = False) -> float:
    """Read a number written as "1.5", "12,7" (decimal comma), "25,000" or "1 922".

    With ``decimal_comma`` (EU legal text) a comma is the decimal mark and spaces group
    thousands. Otherwise a comma followed by exactly three digits groups thousands
    ("25,000"), unless the integer part is 0 ("0,003"); any other comma is decimal.
    """
    cleaned = text.replace("−", "-").replace("\u00a0", "").replace("\u202f", "")
    if decimal_comma:
        return float(cleaned.replace(" ", "").replace(",", "."))
    cleaned = cleaned.replace(" ", "")
    if re.fullmatch(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", cleaned):
        return float(cleaned.replace(",", ""))
    return float(cleaned.replace(",", "."))


def normalise_unit(text: str) -> str:
    """Rewrite a unit as written on a document into pint's syntax ("N/mm²" -> "N/mm**2")."""
    unit = text.strip().rstrip(".;,:)")
    for pattern, replacement in _UNIT_REWRITES:
        unit = pattern.sub(replacement, unit)
    return unit.strip()


@lru_cache(maxsize=16384)
def parse_unit(text: str) -> pint.Unit | None:
    """Return the pint unit for a written unit, or None if it is not one."""
    unit = normalise_unit(text)
    if not unit or not re.search(r"[A-Za-z%]", unit):
        return None
    if unit == "%":
        unit = "percent"
    try:
        parsed = UREG.parse_units(unit)
    except Exception:  # pint's parser raises many types (even AssertionError) on odd text
        return None
    return parsed


@lru_cache(maxsize=65536)
def parse_quantity(text: str, decimal_comma: bool = False) -> PintQuantity | None:
    """Parse one quantity ("1.5 GPa", "6 um", "3 x 10^12 Hz", "kg"), or return None.

    The result is shared by the cache: treat it as read-only.
    """
    if not text or not text.strip():
        return None
    mach = _MACH.match(text)
    if mach:
        return Quantity(parse_number(mach["num"], decimal_comma), "mach")
    pattern = QUANTITY_EU if decimal_comma else QUANTITY_TRADE
    match = pattern.match(text.strip())
    if match is None:
        unit = parse_unit(text)
        return Quantity(1, unit) if unit is not None else None
    unit_text = text.strip()[match.end() :].strip()
    magnitude = read_magnitude(match, decimal_comma)
    if not unit_text:
        return Quantity(magnitude, "dimensionless")
    unit = parse_unit(unit_text)
    return Quantity(magnitude, unit) if unit is not None else None


def read_magnitude(match: re.Match[str], decimal_comma: bool) -> float:
    """Return the value of a QUANTITY_EU/QUANTITY_TRADE match, with its power of ten."""
    value = parse_number(match["num"], decimal_comma)
    exponent = match["exp"] or match["eexp"]
    if exponent is None:
        return value
    return value * 10.0 ** int(exponent.replace("−", "-"))


def is_angle(quantity: PintQuantity) -> bool:
    """True when a dimensionless quantity is an angle (degrees, radians), not a ratio."""
    return is_angle_unit(quantity.units)


def dimension_of(quantity: PintQuantity) -> str:
    """Return the quantity's dimensionality as text, or "" for a logarithmic unit
    ("-160 dBm/Hz" in 3A002.c), which has none that pint can report."""
    try:
        return str(quantity.dimensionality)
    except AttributeError:
        return ""


def are_comparable(a: PintQuantity, b: PintQuantity) -> bool:
    """True when two quantities can be converted into each other meaningfully."""
    return are_units_comparable(a.units, b.units)


@lru_cache(maxsize=4096)
def are_units_comparable(a: PlainUnit, b: PlainUnit) -> bool:
    """True when two units measure the same kind of thing (cached: pint is slow here)."""
    if a.dimensionality != b.dimensionality:
        return False
    if a.dimensionless:
        return is_angle_unit(a) == is_angle_unit(b)
    return True


def is_angle_unit(unit: PlainUnit) -> bool:
    """True when a unit is an angle (degree, radian, ...)."""
    return bool(set(unit._units) & ANGLE_UNITS)  # _units: the unit's name -> power map


@lru_cache(maxsize=4096)
def unit_label(unit: PlainUnit) -> str:
    """Return the short symbol of a unit ("µm", "N/mm²"), or "" for a pure number."""
    return f"{unit:~P}"


def format_quantity(quantity: PintQuantity) -> str:
    """Return a short human form: "6 µm", "1500 N/mm²", "3e+12 Hz"."""
    magnitude = float(quantity.magnitude)
    shown = f"{magnitude:g}" if math.isfinite(magnitude) else str(magnitude)
    label = unit_label(quantity.units)
    return f"{shown} {label}" if label else shown


def specific_value(stress: PintQuantity, density: PintQuantity) -> PintQuantity | None:
    """Return a "specific" strength or modulus in metres: stress / (density × g0).

    Annex I (1C010, 1C210) states fibre thresholds as specific tensile strength and
    specific modulus; trade documents give MPa or GPa and a density in g/cm³.
    """
    if not (
        stress.dimensionality == UREG.pascal.dimensionality
        and density.dimensionality == (UREG.kilogram / UREG.meter**3).dimensionality
    ):
        return None
    weight = density * Quantity(1, "standard_gravity")
    return (stress / weight).to("m")  # type: ignore[no-any-return]
