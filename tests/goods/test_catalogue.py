"""The repaired EU Annex I catalogue, checked on the real data.

Source of the expected counts: shared/data/SOURCES.md (control_lists), which counts the
top-level items of eu_annex_i_2025-11.json by the EU numbering. Expected texts and
thresholds are those of Regulation (EU) 2021/821 Annex I as printed in the same file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from interdictor.goods.catalogue import ControlCatalogue, ControlEntry
from interdictor.goods.parameters import Comparator

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / ".." / "shared" / "data" / "control_lists" / "eu_annex_i_2025-11.json"
BUNDLED = ROOT / "src" / "interdictor" / "data" / "goods" / "eu_annex_i_repaired.json"
SCRIPT = ROOT / "scripts" / "repair_annex_i.py"
TOP_CODE = re.compile(r"^\d[A-E]\d{3}$")
ITEM_CODE = re.compile(r"^\d[A-E]\d{3}\.[a-z]$")


@pytest.fixture(scope="module")
def catalogue() -> ControlCatalogue:
    return ControlCatalogue.load_default()


def get(catalogue: ControlCatalogue, code: str) -> ControlEntry:
    entry = catalogue.get(code)
    assert entry is not None, code
    return entry


def test_script_output_equals_committed_file(tmp_path: Path) -> None:
    output = tmp_path / "repaired.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--input", str(RAW), "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "note_reattached" in result.stdout  # the repair report
    assert output.read_bytes() == BUNDLED.read_bytes(), "run scripts/repair_annex_i.py"


def test_every_raw_entry_is_accounted_for() -> None:
    raw = json.loads(RAW.read_text(encoding="utf-8"))["entries"]
    repaired = json.loads(BUNDLED.read_text(encoding="utf-8"))
    used = [code for entry in repaired["entries"] for code in entry["raw_codes"]]
    assert len(raw) == 552
    assert sorted(used) == sorted(e["code"] for e in raw)


def test_version_and_provenance(catalogue: ControlCatalogue) -> None:
    assert catalogue.version == "eu-2021/821@2025-11"
    assert re.fullmatch(r"[0-9a-f]{64}", catalogue.content_hash())
    repaired = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert repaired["source"]["consolidation_date"] == "2025-11-15"
    assert repaired["repairs"]["note_reattached"] == 170  # every sub-entry of the raw parse


def test_counts_by_regime_digit_match_sources_md(catalogue: ControlCatalogue) -> None:
    top = catalogue.top_level()
    assert len(top) == 382
    by_digit = Counter("cat0" if e.category == 0 else e.regime_digit for e in top)
    assert by_digit == {0: 160, 1: 100, 2: 79, "cat0": 15, 3: 11, 4: 1, 5: 16}
    first_tags = Counter(e.regimes[0] for e in top)
    assert first_tags == {
        "Wassenaar": 160,
        "MTCR": 100,
        "NSG Part 2": 79,
        "NSG Part 1": 15,
        "Australia Group": 11,
        "CWC": 1,
        "EU": 16,
    }


def test_no_code_is_malformed(catalogue: ControlCatalogue) -> None:
    for entry in catalogue.entries():
        pattern = TOP_CODE if entry.depth == 0 else ITEM_CODE
        assert pattern.match(entry.code), entry.code
    assert catalogue.get("3A002.d.includes") is None


def test_every_top_level_entry_has_text(catalogue: ControlCatalogue) -> None:
    for entry in catalogue.top_level():
        assert entry.text.strip() and entry.body.strip(), entry.code
        assert entry.text.startswith(entry.label)
    # 83 raw entries had empty text; they keep at least their label, e.g. 1D001 software.
    assert "Software" in get(catalogue, "1D001").text


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        ("1C010", 'Carbon "fibrous or filamentary materials"'),
        ("2B001", "Machine tools"),
        ("1B001", "Filament winding machines"),
        ("1C116", "Maraging steels"),
        ("9A004", "Space launch vehicles"),
        ("9A012", "Unmanned aerial vehicles"),
        ("9A112", "Unmanned aerial vehicles"),
        ("3A001", "Electronic items"),
        ("0B001", "Gas centrifuges"),
        ("6A003", "Cameras"),
        ("5A002", "Information security"),
        ("2B201", "Machine tools for milling"),
    ],
)
def test_known_entries_have_their_text(catalogue: ControlCatalogue, code: str, phrase: str) -> None:
    assert phrase in get(catalogue, code).text


def test_notes_are_attached_to_their_items(catalogue: ControlCatalogue) -> None:
    entry = get(catalogue, "1C010")
    assert "Note: 1C010.a. does not control polyethylene." in entry.notes
    assert get(catalogue, "1C010.a").notes == ["Note: 1C010.a. does not control polyethylene."]
    # The Note is not part of what the item controls, and the text after it is item b.
    assert "polyethylene" not in get(catalogue, "1C010.a").body
    assert get(catalogue, "1C010.b").body.startswith('b. Carbon "fibrous')
    # The code fix: 'Note 1: 3A002.d. includes arbitrary waveform and function generators.'
    assert "Note 1: 3A002.d. includes arbitrary waveform and function generators." in (
        get(catalogue, "3A002.d").notes
    )
    grinding = get(catalogue, "2B001").notes
    assert any(n.startswith("Note 2: 2B001.c. does not control grinding machine") for n in grinding)


def test_a_note_with_its_own_list_ends_where_the_items_resume(catalogue: ControlCatalogue) -> None:
    note = next(n for n in get(catalogue, "1C010").notes if n.startswith("Note: 1C010.c."))
    assert note.endswith("in an inert environment.")
    assert get(catalogue, "1C010.d").body.startswith('d. "Fibrous or filamentary materials"')


def test_superscripts_are_restored(catalogue: ControlCatalogue) -> None:
    for entry in catalogue.top_level():
        assert not re.search(r"×\s?10[-−]?\d", entry.text), entry.code
    assert "26,82 × 10^4 m" in get(catalogue, "1C010").text
    assert "3 × 10^12 Hz" in "".join(e.text for e in catalogue.top_level())
    assert "g/cm³" in "".join(e.text for e in catalogue.top_level())


def test_run_in_headings_are_trimmed(catalogue: ControlCatalogue) -> None:
    heading = re.compile(r"\d[A-E]\d? (?:Materials|Software|Technology|Systems, Equipment)")
    for entry in catalogue.top_level():
        assert not heading.search(entry.text[-80:]), entry.code
    assert get(catalogue, "0B007").text.endswith("plutonium metal production.")


def test_thresholds_parse_for_entries_that_have_them(catalogue: ControlCatalogue) -> None:
    with_thresholds = [e for e in catalogue.top_level() if e.thresholds]
    # Measured: 194 of 382 entries and 1,402 thresholds (2025-11 data). Floors guard regressions.
    assert len(with_thresholds) >= 180
    assert sum(len(e.thresholds) for e in with_thresholds) >= 1300


@pytest.mark.parametrize(
    ("item", "parameter", "comparator", "value", "unit"),
    [
        ("1C010.b", "specific tensile strength", Comparator.GT, 26.82e4, "m"),
        ("1C010.b", "specific modulus", Comparator.GT, 14.65e6, "m"),
        ("1C116.a", "tensile strength", Comparator.GE, 0.9, "GPa"),
        ("2B201.a", "positioning accuracy", Comparator.LE, 6.0, "um"),
        ("9A012.a", "endurance", Comparator.GE, 30.0, "min"),
    ],
)
def test_known_item_thresholds(
    catalogue: ControlCatalogue,
    item: str,
    parameter: str,
    comparator: Comparator,
    value: float,
    unit: str,
) -> None:
    matching = [
        t
        for t in get(catalogue, item).thresholds
        if t.parameter == parameter and t.comparator is comparator
    ]
    assert matching, [t.describe() for t in get(catalogue, item).thresholds]
    assert matching[0].quantity.to(unit).magnitude == pytest.approx(value)
    assert matching[0].item == item


def test_mtcr_payload_and_range_thresholds(catalogue: ControlCatalogue) -> None:
    described = {t.describe() for t in get(catalogue, "9A120").thresholds}
    assert {"payload ≥ 500 kg", "range ≥ 300 km"} <= described


def test_items_and_children(catalogue: ControlCatalogue) -> None:
    entry = get(catalogue, "1C010")
    assert entry.children == ["1C010.a", "1C010.b", "1C010.c", "1C010.d", "1C010.e"]
    item = get(catalogue, "1C010.b")
    assert item.parent == "1C010" and item.depth == 1 and item.label.startswith("Carbon")
    assert [i.code for i in catalogue.items_of("2B201")] == ["2B201.a", "2B201.b", "2B201.c"]
    assert catalogue.get("1C010.b.") is item


def test_diff_and_hash(catalogue: ControlCatalogue) -> None:
    assert catalogue.diff(catalogue).empty
    entries = [e for e in catalogue.entries() if e.code != "0A001"]
    changed = [replace(e, text=e.text + " x") if e.code == "1C010" else e for e in entries]
    other = catalogue.with_entries(changed, "test")
    diff = catalogue.diff(other)
    assert diff.removed == ["0A001"] and diff.changed == ["1C010"] and diff.added == []
    assert other.content_hash() != catalogue.content_hash()
    same = catalogue.with_entries(list(reversed(catalogue.entries())), "reordered")
    assert same.content_hash() == catalogue.content_hash()
