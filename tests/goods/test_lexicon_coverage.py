"""Coverage of the Annex I goods entries by the lexicon, and the lexicon files' integrity.

The trade-style descriptions below are written for these tests from the Annex I text (the
clause each case turns on is named); the look-alike of each case shares words or goods
class with it but misses the entry (other goods, a parameter under the threshold, or a
kind the entry's Notes exclude).
"""

from __future__ import annotations

import csv
import importlib.util
import inspect
import io
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.classify import Classification, Classifier, GoodsLine
from interdictor.goods.correlation import HSCorrelation
from interdictor.goods.hs import HSNomenclature
from interdictor.goods.lexicon import (
    _CJK,
    Concept,
    Lexicon,
    normalise_description,
    read_data_file,
)

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "lexicon_coverage.py"
# Written terms that deliberately map to more than one concept (none today).
INTENDED_DUPLICATES: dict[str, set[str]] = {}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lexicon_coverage", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    """The lexicon alone: without the catalogue-text fallback where the classifier has one."""
    if "fallback" in inspect.signature(Classifier).parameters:
        return Classifier(fallback=False)  # type: ignore[call-arg]
    return Classifier()


def listed(result: Classification) -> list[str]:
    return [c.entry for c in result.controls if not c.below_threshold]


def run(classifier: Classifier, description: str, params: str = "", hs: str = "") -> Classification:
    return classifier.classify(GoodsLine("t", description, hs, parameters=params))


# --- coverage -------------------------------------------------------------------------


def test_coverage_reads_reachability_not_mere_mentions(script: ModuleType) -> None:
    # A concept weight below the listing threshold, with no modifier, second item or
    # threshold rule for the entry, does not count as coverage.
    widget = Concept("widget", {"1C107": 0.2}, (), "item")
    lexicon = Lexicon({"widget": "widget"}, {"widget": widget})
    rows = {r.code: r for r in script.coverage(lexicon=lexicon, skipped={})}
    assert not rows["1C107"].covered
    assert rows["1C107"].concepts == ["widget"]


# --- lexicon files ----------------------------------------------------------------------


def test_no_written_term_maps_to_two_concepts() -> None:
    concepts_of: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(io.StringIO(read_data_file("lexicon.csv"))):
        concepts_of[normalise_description(row["term"])].add(row["canonical"].strip())
    conflicts = {t: c for t, c in concepts_of.items() if len(c) > 1}
    assert conflicts == INTENDED_DUPLICATES


def test_lexicon_rows_are_consistent_with_the_catalogue_and_the_hs() -> None:
    lexicon = Lexicon.load_default()
    catalogue = ControlCatalogue.load_default()
    hs = {edition: HSNomenclature.load(edition) for edition in ("2017", "2022")}
    assert set(lexicon.terms.values()) <= set(lexicon.concepts)
    used = set(lexicon.terms.values())
    for concept in lexicon.concepts.values():
        assert concept.canonical in used, f"concept {concept.canonical!r} has no term"
        for code in concept.entries:
            assert code in catalogue, f"{concept.canonical}: unknown entry {code}"
        for prefix in concept.hs_prefixes:
            assert any(n.get(prefix) for n in hs.values()), f"{concept.canonical}: HS {prefix}"
    for rule in lexicon.rules:
        assert rule.entry in catalogue, rule.clause
        assert not rule.when or rule.when in lexicon.concepts, rule.clause
        assert all(r in lexicon.concepts for r in rule.requires), rule.clause
        assert rule.clause.split()[0].startswith(rule.entry[:5]) or rule.entry in rule.clause


def test_script_terms_begin_with_a_cjk_character() -> None:
    # All CJK terms form one regular expression; a branch starting with Latin letters
    # ("AI芯片") is tried at every Latin character of every line.
    lexicon = Lexicon.load_default()
    latin_led = [t for t in lexicon.terms if _CJK.search(t) and not _CJK.match(t)]
    assert latin_led == []


def test_correlation_table_parses_without_duplicates() -> None:
    table = HSCorrelation.load_default()
    assert table.rejected == []
    keys = [(r.edition, r.eu_code, r.hs_prefix) for r in table.rows]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)  # by edition, then entry, then prefix


def test_every_covered_entry_has_headings_in_both_editions(script: ModuleType) -> None:
    table = HSCorrelation.load_default()
    missing = [
        (row.code, edition)
        for row in script.coverage()
        if row.covered
        for edition in ("2017", "2022")
        if not table.prefixes_for(row.code, edition)
    ]
    assert missing == []


# --- collateral damage --------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["valve", "pump", "camera", "laser", "computer", "steel", "amplifier", "capacitor",
     "integrated circuit", "optical fibre", "oscilloscope", "industrial robot", "jet mill",
     "turboexpander", "hydrophone", "sonar", "gpu", "wind tunnel", "photoresist", "tellurium"],
)  # fmt: skip
def test_generic_words_list_nothing_on_their_own(classifier: Classifier, word: str) -> None:
    assert listed(run(classifier, word)) == []


def test_benign_chapters_are_neither_controlled_nor_mislabelled(classifier: Classifier) -> None:
    """HS 2022 subheading texts of chapters 01-24, 61-67 and 94-96 under their own codes."""
    benign = [
        c
        for c in HSNomenclature.load("2022").codes(6)
        if int(c.code[:2]) <= 24 or 61 <= int(c.code[:2]) <= 67 or 94 <= int(c.code[:2]) <= 96
    ]
    assert len(benign) > 1000
    flagged = []
    for code in benign:
        result = run(classifier, code.description, hs=code.code)
        if result.controlled or result.hs.mislabelled:
            flagged.append(code.code)
    assert flagged == []


def test_machines_for_components_are_not_mislabelled_by_the_component(
    classifier: Classifier,
) -> None:
    # "integrated circuits" and "optical fibres" name what the machine makes, not the goods.
    nomenclature = HSNomenclature.load("2022")
    for code in ("848620", "847521", "903082", "853670"):
        found = nomenclature.get(code)
        assert found is not None
        assert not run(classifier, found.description, hs=code).hs.mislabelled, code


# --- spent fuel is not a reactor -------------------------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "SPENT FUEL ELEMENTS (IRRADIATED) OF NUCLEAR REACTORS",
        "Spent (irradiated) fuel elements (cartridges) of nuclear reactors",
        "spent nuclear fuel assemblies from PWR reactor",
    ],
)
def test_spent_fuel_is_special_fissile_material_not_a_reactor(
    classifier: Classifier, description: str
) -> None:
    # "of nuclear reactors" named 0A001; irradiated fuel holds plutonium-239, which makes it
    # material containing "special fissile materials" (0C002).
    result = run(classifier, description, hs="2844.50")
    entries = [c.entry for c in result.controls]
    assert "0A001" not in entries and "2B350" not in entries
    assert listed(result)[:1] == ["0C002"]
    assert result.hs.consistent is True


def test_reactor_components_still_list_0a001(classifier: Classifier) -> None:
    result = run(classifier, "CONTROL ROD DRIVE MECHANISMS FOR PWR", hs="8401.40")
    assert listed(result)[:1] == ["0A001"]
    assert result.hs.consistent is True  # 8401.40 parts of nuclear reactors
