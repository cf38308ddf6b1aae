"""HS nomenclature on the bundled WCO 2017 and 2022 editions."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from interdictor.errors import NotFound
from interdictor.goods.hs import HS_EDITIONS, HSNomenclature, HSStatus, normalise_hs_code

SHARED_HS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "hs"


@pytest.fixture(scope="module")
def hs2022() -> HSNomenclature:
    return HSNomenclature.load("2022")


@pytest.fixture(scope="module")
def hs2017() -> HSNomenclature:
    return HSNomenclature.load("2017")


def test_editions_are_both_bundled() -> None:
    assert HS_EDITIONS == ("2017", "2022")
    with pytest.raises(NotFound):
        HSNomenclature.load("2012")


@pytest.mark.parametrize("edition", HS_EDITIONS)
def test_bundled_copy_matches_shared_source(edition: str) -> None:
    source = SHARED_HS / f"hs{edition}_nomenclature.csv.gz"
    with gzip.open(source, "rt", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["hscode"] and r["section"] != "TOTAL"]
    nomenclature = HSNomenclature.load(edition)
    assert len(nomenclature) == len(rows)
    assert {r["hscode"] for r in rows} == {c.code for c in nomenclature.codes()}


def test_counts_per_level_match_sources_md(hs2022: HSNomenclature, hs2017: HSNomenclature) -> None:
    # SOURCES.md: HS2022 has 97 chapters, 1,229 headings, 5,613 subheadings (incl. 99/9999/999999).
    assert sum(1 for _ in hs2022.codes(2)) == 97 - 1
    assert sum(1 for _ in hs2022.codes(4)) == 1229 - 1
    assert sum(1 for _ in hs2022.codes(6)) == 5613 - 1
    assert sum(1 for _ in hs2017.codes(6)) == 5388 - 1


@pytest.mark.parametrize(
    ("declared", "expected", "suffix"),
    [
        ("8456.11", "845611", ""),
        ("845611", "845611", ""),
        ("8456 11 00", "845611", "00"),
        ("8456.11.90.10", "845611", "9010"),
        ("8456-11", "845611", ""),
        (" 84 ", "84", ""),
    ],
)
def test_validate_normalises_written_forms(
    hs2022: HSNomenclature, declared: str, expected: str, suffix: str
) -> None:
    result = hs2022.validate(declared)
    assert result.status is HSStatus.VALID
    assert result.valid
    assert result.code == expected
    assert result.national_suffix == suffix


@pytest.mark.parametrize("declared", ["", "84X6", "845", "84561", "8456.1", "1234567"])
def test_validate_reports_malformed(hs2022: HSNomenclature, declared: str) -> None:
    result = hs2022.validate(declared)
    assert result.status is HSStatus.MALFORMED
    assert result.code is None
    assert result.message


def test_unmanned_aircraft_exist_only_in_2022(
    hs2022: HSNomenclature, hs2017: HSNomenclature
) -> None:
    assert hs2022.validate("8806").status is HSStatus.VALID
    assert hs2022.validate("8806.22").status is HSStatus.VALID
    unknown = hs2017.validate("8806.22")
    assert unknown.status is HSStatus.UNKNOWN_IN_EDITION
    assert "2017" in unknown.message
    assert hs2017.get("8806") is None


def test_codes_only_in_2017(hs2022: HSNomenclature, hs2017: HSNomenclature) -> None:
    # 8803 (parts of aircraft) became 8807 in HS 2022; cadmium 8107 moved into 8112.
    for code in ("8803", "8107"):
        assert hs2017.validate(code).status is HSStatus.VALID
        assert hs2022.validate(code).status is HSStatus.UNKNOWN_IN_EDITION
    assert hs2022.validate("8807").valid and not hs2017.validate("8807").valid


def test_unknown_subheading_in_existing_heading(hs2022: HSNomenclature) -> None:
    result = hs2022.validate("8456.99")
    assert result.status is HSStatus.UNKNOWN_IN_EDITION
    assert result.code == "845699"


def test_hierarchy(hs2022: HSNomenclature) -> None:
    code = hs2022.get("8456.11")
    assert code is not None and code.level == 6 and code.parent == "8456" and code.section == "XVI"
    assert "laser" in code.description.lower()
    assert [a.code for a in hs2022.ancestors("845611")] == ["8456", "84"]
    assert "845611" in [c.code for c in hs2022.children("8456")]
    assert all(c.level == 4 for c in hs2022.children("84"))
    chapter = hs2022.chapter("8456.11")
    heading = hs2022.heading("8456.11")
    assert chapter is not None and chapter.code == "84"
    assert heading is not None and heading.code == "8456"
    assert hs2022.heading("84") is None
    assert hs2022.sections["XVI"].lower().startswith("machinery")


def test_search_text_includes_ancestor_text(hs2022: HSNomenclature) -> None:
    texts = dict(hs2022.search_text())
    assert len(texts) == len(hs2022)
    assert texts["845611"].startswith("Machinery and mechanical appliances")
    assert "laser" in texts["845611"]


def test_normalise_hs_code() -> None:
    assert normalise_hs_code("7228.30") == ("722830", "")
    assert normalise_hs_code("72")[0] == "72"
    assert normalise_hs_code("7x")[0] is None
