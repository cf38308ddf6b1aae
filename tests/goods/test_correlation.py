"""The HS <-> control-entry correlation table: known pairs from the issue and edition rules."""

from __future__ import annotations

import pytest

from interdictor.goods.correlation import HSCorrelation
from interdictor.goods.hs import HSNomenclature


@pytest.fixture(scope="module")
def table() -> HSCorrelation:
    return HSCorrelation.load_default()


# Pairs named in issue 3 ("Reference data" and the goods brief), with an HS code in each range.
KNOWN_PAIRS = [
    ("2B001", [f"84{n}" for n in range(56, 65)]),  # machine tools: 8456-8464
    ("1B001", ["8445", "8477", "8479"]),  # filament winding machines
    ("1C010", ["6815", "5402", "5501"]),  # carbon fibre; aramid
    ("1C116", ["7224", "722830"]),  # maraging steel under chapter 72
    ("0B001", ["8401", "842119"]),  # gas centrifuge separation plant and parts
    ("3A225", ["850440"]),  # frequency changers (static converters)
    ("2B230", ["902620"]),  # pressure transducers
    ("2B231", ["841410"]),  # vacuum pumps
    ("2B350", ["8481", "8419"]),  # valves; reactors and heat exchangers
    ("2B352", ["8419"]),  # fermenters
    ("9A007", ["841210"]),  # solid rocket propulsion: reaction engines
    ("9A012", ["8806"]),  # UAVs, HS 2022
]


@pytest.mark.parametrize(("entry", "codes"), KNOWN_PAIRS)
def test_known_pair_fits(table: HSCorrelation, entry: str, codes: list[str]) -> None:
    for code in codes:
        assert table.fits(code, entry, "2022"), f"{entry} should fit {code}"


def test_chapter_72_prefix_covers_any_steel_heading(table: HSCorrelation) -> None:
    assert table.fits("7219.11", "1C116")
    assert "1C116" in table.entry_codes_for("721990", "2022")


def test_frequency_changer_subitem_reduces_to_top_level(table: HSCorrelation) -> None:
    assert table.fits("850440", "0B001.b.13")


def test_unmanned_aircraft_heading_depends_on_edition(table: HSCorrelation) -> None:
    assert table.fits("8806.21", "9A012", "2022")
    assert not table.fits("8806.21", "9A012", "2017")
    assert table.fits("8802.20", "9A012", "2017")
    assert "8806" not in table.prefixes_for("9A012", "2017")


def test_unrelated_headings_do_not_fit(table: HSCorrelation) -> None:
    assert not table.fits("8436", "9A108")  # rocket motor cases are not farm machinery
    assert not table.fits("8452", "1B001")  # filament winding is not sewing
    assert table.entry_codes_for("0101") == set()


def test_every_prefix_exists_in_its_edition(table: HSCorrelation) -> None:
    for edition in ("2017", "2022"):
        hs = HSNomenclature.load(edition)
        missing = [r for r in table.rows if r.edition == edition and hs.get(r.hs_prefix) is None]
        assert missing == []


def test_bundled_table_has_no_rejected_rows_and_both_editions(table: HSCorrelation) -> None:
    assert table.rejected == []
    assert {r.edition for r in table.rows} == {"2017", "2022"}
    assert len({r.eu_code for r in table.rows}) >= 200


def test_bad_rows_are_set_aside_with_line_numbers() -> None:
    text = (
        "edition,hs_prefix,eu_code,basis,reviewed_by\n"
        "2022,8456,2B001,machine tools,rev\n"
        "2012,8456,2B001,machine tools,rev\n"
        "2022,845,2B001,machine tools,rev\n"
        "2022,8456,2B1,machine tools,rev\n"
    )
    loaded = HSCorrelation.from_text(text, "review.csv")
    assert len(loaded.rows) == 1
    assert [r.position for r in loaded.rejected] == ["line 3", "line 4", "line 5"]
    assert "edition" in loaded.rejected[0].reason
