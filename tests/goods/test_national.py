"""National overlays applied over the bundled EU Annex I catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdictor.errors import InvalidInput
from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.national import apply_overlay, load_overlay

EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "interdictor"
    / "data"
    / "goods"
    / "national_overlay_example.csv"
)
HEADER = "action,code,title,text,regimes,thresholds\n"


@pytest.fixture(scope="module")
def base() -> ControlCatalogue:
    return ControlCatalogue.load_default()


def test_example_overlay_adds_amends_and_drops(base: ControlCatalogue) -> None:
    result = load_overlay(EXAMPLE, base)
    assert result.rejected == []
    assert len(result.applied) == 3
    national = result.catalogue
    diff = base.diff(national)
    assert diff.added == ["XN-9A901"]
    assert "5A002" in diff.removed and "5A002.a" in diff.removed
    assert diff.changed == ["1C116"]
    added = national.get("XN-9A901")
    assert added is not None and added.regimes == ["National"] and added.category == -1
    assert [t.describe() for t in added.thresholds] == ["range ≥ 50 km", "payload ≥ 5 kg"]
    amended = national.get("1C116")
    assert amended is not None and amended.regimes[-1] == "National"
    assert amended.text == base.get("1C116").text  # type: ignore[union-attr]


def test_overlay_gets_its_own_version_and_hash(base: ControlCatalogue) -> None:
    national = load_overlay(EXAMPLE, base).catalogue
    assert national.version.startswith(base.version + "+national_overlay_example@")
    assert national.content_hash() != base.content_hash()
    assert base.get("5A002") is not None  # the base catalogue is untouched


def test_bad_rows_are_set_aside_with_line_numbers(base: ControlCatalogue) -> None:
    text = HEADER + (
        "add,XN-1,Widget,Controlled widgets,,\n"
        "replace,2B001,,,,\n"
        "drop,9Z999,,,,\n"
        "add,XN-2,,missing title,,\n"
        "amend,1C010,,,,range => 3 parsecs\n"
        "add,2B001,Machine tools,duplicate,,\n"
        "add,bad code!,T,x,,\n"
        "drop,1D001,,,,\n"
    )
    result = apply_overlay(base, text, "bad.csv")
    reasons = {r.position: r.reason for r in result.rejected}
    assert set(reasons) == {"line 3", "line 4", "line 5", "line 6", "line 7", "line 8"}
    assert "not one of" in reasons["line 3"]
    assert "no such entry" in reasons["line 4"]
    assert "title and text are required" in reasons["line 5"]
    assert "not 'parameter comparator quantity'" in reasons["line 6"]
    assert "already exists" in reasons["line 7"]
    assert "malformed code" in reasons["line 8"]
    assert all(r.source == "bad.csv" for r in result.rejected)
    # The good rows still apply.
    assert result.catalogue.get("XN-1") is not None
    assert result.catalogue.get("1D001") is None
    assert result.applied == ["line 2: add XN-1", "line 9: drop 1D001"]


def test_add_without_thresholds_reads_them_from_the_text(base: ControlCatalogue) -> None:
    text = HEADER + 'add,XN-3,Rotors,"Rotors with a diameter of at least 300 mm",NSG Part 2,\n'
    entry = apply_overlay(base, text, "x.csv").catalogue.get("XN-3")
    assert entry is not None and entry.regimes == ["NSG Part 2"]
    assert [t.describe() for t in entry.thresholds] == ["diameter ≥ 300 mm"]


def test_wrong_header_rejects_the_file(base: ControlCatalogue) -> None:
    with pytest.raises(InvalidInput, match="missing columns"):
        apply_overlay(base, "action,code\nadd,X\n", "header.csv")
