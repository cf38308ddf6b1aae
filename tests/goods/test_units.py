"""Parsing quantities as written on trade documents and in EU Annex I, with unit conversion."""

from __future__ import annotations

import pytest

from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.units import (
    UREG,
    are_comparable,
    dimension_of,
    format_quantity,
    parse_number,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.5 GPa", 1500.0, "MPa"),
        ("1500 N/mm2", 1500.0, "MPa"),
        ("1500 N/mm²", 1500.0, "MPa"),
        ("6 µm", 6.0, "um"),
        ("6 μm", 6.0, "um"),  # Greek mu, as in EUR-Lex text
        ("6 um", 6.0, "um"),
        ("0.006 mm", 6.0, "um"),
        ("6 microns", 6.0, "um"),
        ("25,000 rpm", 25000.0, "rpm"),
        ("25000 RPM", 25000.0, "rpm"),
        ("3 x 10^12 Hz", 3e12, "Hz"),
        ("3 × 10^12 Hz", 3e12, "Hz"),
        ("10E12 Hz", 1e13, "Hz"),
        ("600 °C", 873.15, "K"),
        ("5 kN", 5000.0, "N"),
        ("2.5 m", 2500.0, "mm"),
        ("2.5 m2", 2.5, "m**2"),
        ("500kg", 500.0, "kg"),
        ("kg", 1.0, "kg"),
        ("45 %", 0.45, "dimensionless"),
        ("0,003°", 0.003, "degree"),
        ("6,4 Gbit/s", 6.4e9, "bit/s"),
        ("200 litres", 0.2, "m**3"),
    ],
)
def test_parse_quantity_converts(text: str, value: float, unit: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert quantity.to(unit).magnitude == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,1 MNs", 1.1e6, "N*s"),  # 9A105 total impulse capacity
        ("5 arc second", 5.0, "arcsecond"),  # 2B121 positioning accuracy
        ("10 000 ohm-cm", 100.0, "ohm*m"),  # 3C005 resistivity
    ],
)
def test_annex_units(text: str, value: float, unit: str) -> None:
    quantity = parse_quantity(text, decimal_comma=True)
    assert quantity is not None, text
    assert quantity.to(unit).magnitude == pytest.approx(value)


def test_mach_number() -> None:
    mach = parse_quantity("Mach 2")
    assert mach is not None
    assert mach.to("m/s").magnitude == pytest.approx(680.6)


def test_percent_alone() -> None:
    percent = parse_quantity("%")
    assert percent is not None and percent.to("dimensionless").magnitude == pytest.approx(0.01)


@pytest.mark.parametrize("text", ["", "   ", "fast", "12 bananas", "per"])
def test_parse_quantity_rejects_non_quantities(text: str) -> None:
    assert parse_quantity(text) is None


def test_eu_decimal_comma_and_spaced_thousands() -> None:
    assert parse_quantity("23,5 × 10^4 m", decimal_comma=True) == UREG.Quantity(235000.0, "m")
    kelvin = parse_quantity("1 922 K", decimal_comma=True)
    assert kelvin is not None and kelvin.magnitude == pytest.approx(1922)
    celsius = parse_quantity("1 649 °C", decimal_comma=True)
    assert celsius is not None and celsius.to("K").magnitude == pytest.approx(1922.15)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value"),
    [
        ("25,000", False, 25000.0),
        ("1,234,567.5", False, 1234567.5),
        ("0,003", False, 0.003),
        ("12,7", False, 12.7),
        ("12,7", True, 12.7),
        ("1 922", True, 1922.0),
        ("−5", False, -5.0),
    ],
)
def test_parse_number(text: str, decimal_comma: bool, value: float) -> None:
    assert parse_number(text, decimal_comma) == pytest.approx(value)


def test_each_distinct_string_is_parsed_once() -> None:
    parse_quantity.cache_clear()
    for _ in range(50):
        parse_quantity("4.9 GPa")
    info = parse_quantity.cache_info()
    assert info.misses == 1 and info.hits == 49


def test_comparability_keeps_angles_apart_from_ratios() -> None:
    degrees, percent = parse_quantity("0.5°"), parse_quantity("5 %")
    metres, micrometres = parse_quantity("1 m"), parse_quantity("3 um")
    assert degrees is not None and percent is not None
    assert metres is not None and micrometres is not None
    assert not are_comparable(degrees, percent)
    assert are_comparable(metres, micrometres)
    assert not are_comparable(metres, degrees)


def test_format_quantity() -> None:
    quantity = parse_quantity("6 um")
    assert quantity is not None
    assert format_quantity(quantity) == "6 µm"


def test_a_logarithmic_threshold_has_no_dimension_to_compare() -> None:
    # 3A002.c writes "-160 dBm/Hz": pint cannot report a dimensionality for it.
    entry = ControlCatalogue.load_default().get("3A002")
    assert entry is not None
    assert "" in {dimension_of(t.quantity) for t in entry.thresholds}
    length = parse_quantity("5 mm")
    assert length is not None and dimension_of(length) == "[length]"
