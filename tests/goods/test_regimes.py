"""Regime tags: the EU digit convention, the UK LITE regime item codes, and the reviewed map.

Item codes: shared/data/control_lists/uk_lite_regime_codes (UK LITE seed data). Expected
mappings: MTCR Annex and NSG INFCIRC/254 item titles against the EU Annex I entry texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interdictor.errors import InvalidInput
from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.regimes import (
    CERTAINTIES,
    eu_codes_for,
    load_regime_map,
    parse_regime_code,
    read_lite_codes,
    read_regime_map,
    regime_codes_for,
    regimes_for,
    regimes_from_digit,
)

LITE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "control_lists"
LITE_FILES = {
    "MTCR_Cat_1_regimes.csv": 23,
    "MTCR_Cat_2_regimes.csv": 241,
    "NSG_Dual_use.csv": 242,
    "NSG_Potential_trigger_list.csv": 153,
}


def read_lite(name: str) -> list[str]:
    path = LITE / "uk_lite_regime_codes" / name
    return [c.code for c in read_lite_codes(path.read_text(encoding="utf-8"), name)]


@pytest.mark.parametrize(("name", "count"), LITE_FILES.items())
def test_every_lite_code_parses(name: str, count: int) -> None:
    path = LITE / "uk_lite_regime_codes" / name
    codes = read_lite_codes(path.read_text(encoding="utf-8"), name)
    assert len(codes) == count  # counts from SOURCES.md
    expected = {
        "MTCR_Cat_1_regimes.csv": ["MTCR", "MTCR Cat I"],
        "MTCR_Cat_2_regimes.csv": ["MTCR", "MTCR Cat II"],
        "NSG_Dual_use.csv": ["NSG Part 2"],
        "NSG_Potential_trigger_list.csv": ["NSG Part 1"],
    }[name]
    assert all(c.regimes == expected for c in codes)


def test_every_lite_code_has_one_row_in_the_map() -> None:
    lite = [code for name in LITE_FILES for code in read_lite(name)]
    mapped = [row.regime_code for row in load_regime_map()]
    assert sorted(mapped) == sorted(lite)


def test_mapped_eu_codes_exist_in_the_catalogue() -> None:
    catalogue = ControlCatalogue.load_default()
    for row in load_regime_map():
        assert row.certainty in CERTAINTIES
        assert row.basis, row.regime_code
        for code in row.eu_codes:
            assert catalogue.get(code) is not None, (row.regime_code, code)
        assert bool(row.eu_codes) == (row.certainty != "none") or row.certainty == "uncertain"


@pytest.mark.parametrize(
    ("code", "regime", "item"),
    [
        ("M1A1", "MTCR", "1.A.1"),
        ("M2A1b1", "MTCR", "2.A.1.b.1"),
        ("M10A1", "MTCR", "10.A.1"),
        ("N1A3a1", "NSG Part 2", "1.A.3.a.1"),
        ("T1.10", "NSG Part 1", "1.10"),
        ("T5.1.2a1", "NSG Part 1", "5.1.2a1"),
        ("TA1.2", "NSG Part 1", "A1.2"),
    ],
)
def test_parse_regime_code(code: str, regime: str, item: str) -> None:
    parsed = parse_regime_code(code)
    assert parsed.regime == regime and parsed.item == item


def test_mtcr_category_from_item_number() -> None:
    assert parse_regime_code("M2B1").category == "MTCR Cat I"
    assert parse_regime_code("M3A1").category == "MTCR Cat II"
    with pytest.raises(InvalidInput):
        parse_regime_code("X1A1")


@pytest.mark.parametrize(
    ("code", "tags"),
    [
        ("2B001", ["Wassenaar"]),
        ("1C116", ["MTCR"]),
        ("2B201", ["NSG Part 2"]),
        ("1C350", ["Australia Group"]),
        ("1C450", ["CWC"]),
        ("3A501", ["EU"]),
        ("0B001", ["NSG Part 1"]),
        ("1C010.b", ["Wassenaar"]),
        ("3A002.d.includes", []),
    ],
)
def test_regimes_from_digit(code: str, tags: list[str]) -> None:
    assert regimes_from_digit(code) == tags


@pytest.mark.parametrize(
    ("regime_code", "eu_codes"),
    [
        ("M1A1", ["9A004.a", "9A104"]),
        ("M2A1a", ["9A119"]),
        ("M2A1d", ["7A117"]),
        ("M3A8", ["9A120"]),
        ("M6C7", ["1C116"]),
        ("M6B1a", ["1B101.a"]),
        ("M9B2a", ["2B119.a"]),
        ("M19A2", ["9A112.a"]),
        ("N2C11", ["1C216"]),
        ("N3B4", ["1B201"]),
        ("T1.1", ["0A001.a"]),
        ("T5.1", ["0B001.b"]),
        ("TA1.1", ["0C001"]),
        ("M2A1f", []),
    ],
)
def test_known_mappings(regime_code: str, eu_codes: list[str]) -> None:
    assert eu_codes_for(regime_code) == eu_codes


def test_regimes_for_adds_the_mapped_categories() -> None:
    assert regimes_for("7A117") == ["MTCR", "MTCR Cat I"]
    assert regimes_for("9A004") == ["Wassenaar", "MTCR", "MTCR Cat I"]
    assert regimes_for("1C116") == ["MTCR", "MTCR Cat II"]
    assert regimes_for("2B201") == ["NSG Part 2"]
    assert regimes_for("1C010") == ["Wassenaar"]


def test_regime_codes_for() -> None:
    assert regime_codes_for("7A117") == ["M2A1d"]
    assert "M1A1" in regime_codes_for("9A104") and "M19A1" in regime_codes_for("9A104")
    # An entry collects the codes mapped to its items; group rows are left out.
    assert "N1B2b" in regime_codes_for("2B201") and "N1" not in regime_codes_for("2B201")
    assert regime_codes_for("1C010") == []


def test_bad_map_rows_are_reported_with_their_line() -> None:
    text = "regime_code,regime,eu_codes,basis,certainty\nM1A1,MTCR Cat I,9A04,x,reviewed\n"
    with pytest.raises(InvalidInput) as error:
        read_regime_map(text, "regime_map.csv")
    assert "line 2" in str(error.value) and "9A04" in str(error.value)
    with pytest.raises(InvalidInput, match="certainty"):
        read_regime_map(text.replace("9A04,x,reviewed", "9A004,x,sure"), "regime_map.csv")
