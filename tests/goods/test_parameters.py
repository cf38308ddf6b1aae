"""Thresholds read from Annex I wording, parameters read from trade-style descriptions,
and comparisons across units (texts quoted from Regulation (EU) 2021/821 Annex I)."""

from __future__ import annotations

import pytest

from interdictor.goods.parameters import (
    Comparator,
    ComparisonStatus,
    Parameter,
    Threshold,
    canonical_parameter,
    compare,
    extract_parameters,
    extract_thresholds,
)
from interdictor.goods.units import UREG

Q = UREG.Quantity


def only(thresholds: list[Threshold]) -> Threshold:
    assert len(thresholds) == 1, [t.describe() for t in thresholds]
    return thresholds[0]


@pytest.mark.parametrize(
    ("text", "parameter", "comparator", "value", "unit"),
    [
        (
            "having a specific tensile strength greater than 23,5 × 10^4 m",
            "specific tensile strength",
            Comparator.GT,
            23.5e4,
            "m",
        ),
        (
            '2. "Specific modulus" exceeding 14,65 × 10^6 m;',
            "specific modulus",
            Comparator.GT,
            14.65e6,
            "m",
        ),
        ('a "payload" of at least 500 kg', "payload", Comparator.GE, 500, "kg"),
        ("range of at least 300 km", "range", Comparator.GE, 300, "km"),
        (
            "positioning accuracy along any linear axis equal to or less (better) than 6 μm",
            "positioning accuracy",
            Comparator.LE,
            6,
            "um",
        ),
        (
            "a temporal resolution less (better) than 50 ns",
            "temporal resolution",
            Comparator.LT,
            50,
            "ns",
        ),
        ("a thrust of not exceeding 90 kN", "thrust", Comparator.LE, 90, "kN"),
        ("a melting point exceeding 1 922 K (1 649 °C)", "temperature", Comparator.GT, 1922, "K"),
    ],
)
def test_extract_thresholds_from_annex_wording(
    text: str, parameter: str, comparator: Comparator, value: float, unit: str
) -> None:
    threshold = only(extract_thresholds(text))
    assert threshold.parameter == parameter
    assert threshold.comparator is comparator
    assert threshold.quantity.to(unit).magnitude == pytest.approx(value)


def test_payload_before_its_noun_and_range_after() -> None:
    text = 'capable of delivering at least a 500 kg "payload" to a "range" of at least 300 km'
    assert [t.describe() for t in extract_thresholds(text)] == [
        "payload ≥ 500 kg",
        "range ≥ 300 km",
    ]


def test_bounded_range_reuses_the_parameter() -> None:
    text = "anywhere within the frequency range exceeding 31,8 GHz but not exceeding 37 GHz"
    assert [t.describe() for t in extract_thresholds(text)] == [
        "frequency > 31.8 GHz",
        "frequency ≤ 37 GHz",
    ]


def test_postfix_comparators() -> None:
    text = 'carbon "fibrous or filamentary materials" 25,0 mm or less in length'
    threshold = only(extract_thresholds(text))
    assert threshold.describe() == "length ≤ 25 mm"


def test_counts_without_units_are_not_thresholds() -> None:
    assert (
        extract_thresholds("coordinated in three or more axes; having more than 2 spindles") == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tensile strength=3530 MPa", [("tensile strength", 3530.0, "MPa")]),
        ("range 280 km", [("range", 280.0, "km")]),
        ("accuracy 5.5um", [("positioning accuracy", 5.5, "um")]),
        (
            "T700 carbon fibre 12K, tensile strength 4.9 GPa, modulus 230 GPa; spindle 25,000 rpm",
            [
                ("tensile strength", 4.9, "GPa"),
                ("modulus", 230.0, "GPa"),
                ("spindle", 25000.0, "rpm"),
            ],
        ),
        ("payload: 450 kg; max. range 290 km", [("payload", 450.0, "kg"), ("range", 290.0, "km")]),
        ("UTS ≥ 1500 N/mm²", [("tensile strength", 1500.0, "MPa")]),
        ("5-axis machining centre, pos. accuracy 0.004 mm", [("positioning accuracy", 4.0, "um")]),
    ],
)
def test_extract_parameters(text: str, expected: list[tuple[str, float, str]]) -> None:
    found = [
        (p.name, p.quantity.to(unit).magnitude, unit)
        for p, (_, _, unit) in zip(extract_parameters(text), expected, strict=True)
    ]
    assert [(n, pytest.approx(v), u) for n, v, u in found] == [
        (n, pytest.approx(v), u) for n, v, u in expected
    ]


def test_tow_size_is_not_a_temperature() -> None:
    assert extract_parameters("24K carbon tow") == []


def test_canonical_parameter() -> None:
    assert canonical_parameter('"Specific tensile strength"') == "specific tensile strength"
    assert canonical_parameter("Ultimate Tensile Strength") == "tensile strength"
    assert canonical_parameter("pos. accuracy") == "positioning accuracy"
    assert canonical_parameter("wobble factor") == "wobble factor"


def make(name: str, text: str) -> Parameter:
    found = extract_parameters(f"{name} {text}")
    assert found, text
    return found[0]


def test_compare_converts_gpa_and_n_per_mm2() -> None:
    threshold = Threshold("tensile strength", Comparator.GE, Q(1.5, "GPa"))
    assert (
        compare(make("tensile strength", "1550 N/mm2"), threshold).status is ComparisonStatus.MEETS
    )
    result = compare(make("tensile strength", "1450 N/mm²"), threshold)
    assert result.status is ComparisonStatus.JUST_BELOW
    assert result.gap == pytest.approx(1 / 30)
    assert "just below" in result.message
    far = compare(make("tensile strength", "900 MPa"), threshold)
    assert far.status is ComparisonStatus.BELOW


def test_compare_upper_bound_in_micrometres_and_millimetres() -> None:
    threshold = Threshold("positioning accuracy", Comparator.LE, Q(6, "um"))
    assert compare(make("accuracy", "0.005 mm"), threshold).status is ComparisonStatus.MEETS
    assert compare(make("accuracy", "6 um"), threshold).status is ComparisonStatus.MEETS
    near = compare(make("accuracy", "0.0064 mm"), threshold)
    assert near.status is ComparisonStatus.JUST_BELOW and near.just_below
    assert compare(make("accuracy", "10 um"), threshold).status is ComparisonStatus.BELOW


def test_strict_comparator_at_the_threshold_is_just_below() -> None:
    threshold = Threshold("range", Comparator.GT, Q(300, "km"))
    assert compare(make("range", "300 km"), threshold).status is ComparisonStatus.JUST_BELOW
    assert compare(make("range", "300.5 km"), threshold).status is ComparisonStatus.MEETS


def test_margin_is_configurable() -> None:
    threshold = Threshold("payload", Comparator.GE, Q(500, "kg"))
    parameter = make("payload", "460 kg")
    assert compare(parameter, threshold).status is ComparisonStatus.JUST_BELOW
    assert compare(parameter, threshold, margin=0.05).status is ComparisonStatus.BELOW


def test_temperatures_compare_in_kelvin() -> None:
    threshold = Threshold("temperature", Comparator.GT, Q(1922, "K"))
    assert compare(make("melting point", "1700 °C"), threshold).status is ComparisonStatus.MEETS
    assert (
        compare(make("melting point", "1600 °C"), threshold).status is ComparisonStatus.JUST_BELOW
    )


def test_incomparable_units() -> None:
    threshold = Threshold("range", Comparator.GE, Q(300, "km"))
    result = compare(make("payload", "500 kg"), threshold)
    assert result.status is ComparisonStatus.INCOMPARABLE
    assert "units differ" in result.message
    angle = Threshold("positioning accuracy", Comparator.LT, Q(0.003, "degree"))
    ratio = Parameter("purity", Q(5, "percent"))
    assert compare(ratio, angle).status is ComparisonStatus.INCOMPARABLE


def test_threshold_to_dict() -> None:
    threshold = only(extract_thresholds("range of at least 300 km"))
    assert threshold.to_dict() == {
        "parameter": "range",
        "comparator": "≥",
        "value": 300.0,
        "unit": "kilometer",
        "text": "range of at least 300 km",
        "item": "",
    }


def test_specific_values_are_derived_from_density() -> None:
    # Toray T700S data sheet values: 4,900 MPa, 230 GPa, 1.80 g/cm³. Annex I 1C210.a sets
    # specific modulus ≥ 12,7 × 10^6 m and specific tensile strength ≥ 23,5 × 10^4 m;
    # 1C010.b needs a specific modulus over 14,65 × 10^6 m, which T700S does not reach.
    found = extract_parameters(
        "tensile strength 4900 MPa, tensile modulus 230 GPa, density 1.80 g/cm3"
    )
    derived = {p.name: p.quantity.to("m").magnitude for p in found if p.name.startswith("specific")}
    assert derived == {
        "specific tensile strength": pytest.approx(4.9e9 / (1800 * 9.80665)),
        "specific modulus": pytest.approx(230e9 / (1800 * 9.80665)),
    }
    modulus = next(p for p in found if p.name == "specific modulus")
    assert compare(
        modulus, Threshold("specific modulus", Comparator.GE, Q(12.7e6, "m"))
    ).status is (ComparisonStatus.MEETS)
    assert compare(
        modulus, Threshold("specific modulus", Comparator.GT, Q(14.65e6, "m"))
    ).status is (ComparisonStatus.BELOW)


def test_no_specific_values_without_density() -> None:
    assert [p.name for p in extract_parameters("tensile strength 4900 MPa")] == ["tensile strength"]
