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


def test_every_goods_entry_is_covered_or_in_the_skip_table(script: ModuleType) -> None:
    rows = script.coverage()
    assert len(rows) == 277  # groups A-C of categories 0-9 in the 2025-11 catalogue
    missing = [r.code for r in rows if not r.covered and not r.skipped]
    assert missing == [], f"entries neither covered nor in data/goods/README.md: {missing}"


def test_skip_table_holds_only_real_uncovered_entries_with_a_reason(script: ModuleType) -> None:
    skipped = script.read_skip_table()
    assert skipped, "the README skip table was not found"
    catalogue = ControlCatalogue.load_default()
    rows = {r.code: r for r in script.coverage()}
    for code, reason in skipped.items():
        entry = catalogue.get(code)
        assert entry is not None and entry.group in "ABC", code
        assert not rows[code].covered, f"{code} is covered: drop it from the skip table"
        assert len(reason) > 20, code


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


# --- newly covered entries: a trade description lists the entry, a look-alike does not ---

CASES = [
    # (entry, description, parameters, look-alike, look-alike parameters)
    # 0B003.b/.g conversion systems UO3/UF6/UO2; yellowcake itself is 0C001
    ("0B003", "UF6 TO UO2 CONVERSION SYSTEM", "", "URANIUM ORE CONCENTRATE (YELLOWCAKE)", ""),
    # 0B004.b.1 water-hydrogen sulphide exchange towers; 0B004.b.5 crackers from 3 MPa
    ("0B004", "HYDROGEN SULPHIDE EXCHANGE TOWER FOR HEAVY WATER PLANT", "",
     "AMMONIA CRACKER FOR HEAT TREATING FURNACE", "pressure=0.5 MPa"),
    # 0B006.b remotely operated shears for irradiated fuel; mixer settlers are everyday
    ("0B006", "SPENT FUEL SHEAR, REMOTELY OPERATED", "",
     "MIXER SETTLER FOR COPPER SOLVENT EXTRACTION", ""),
    # 1A003.a polyimide film thicker than 0.254 mm
    ("1A003", "POLYIMIDE FILM 0.5 MM", "thickness=0.5 mm", "KAPTON HN FILM 25 UM",
     "thickness=0.025 mm"),
    # 1A006.a remotely operated vehicles for IED disposal
    ("1A006", "EOD ROBOT, TRACKED, WITH DISRUPTOR MOUNT", "", "INDUSTRIAL ROBOT 6 AXIS", ""),
    # 1A008.c detonating cord over 64 g/m
    ("1A008", "DETONATING CORD 80 G/M PETN", "core load=80 g/m", "DETONATING CORD 10 G/M",
     "core load=10 g/m"),
    # 1A202 composite tubes of 75-650 mm inside diameter, wall 12 mm or less
    ("1A202", "CARBON FIBRE COMPOSITE TUBE ID 150 MM WALL 5 MM",
     "inside diameter=150 mm; wall thickness=5 mm", "COMPOSITE TUBE ID 800 MM",
     "inside diameter=800 mm"),
    # 1A225 wet-proofed platinised catalysts
    ("1A225", "WET-PROOFED PLATINISED CATALYST", "", "PLATINUM ON CARBON CATALYST 5%", ""),
    # 1B119 fluid energy mills for 1C111 substances (ammonium perchlorate)
    ("1B119", "JET MILL FOR AMMONIUM PERCHLORATE", "", "SPIRAL JET MILL FOR PHARMACEUTICAL API",
     ""),
    # 1B225 fluorine cells over 250 g/h
    ("1B225", "FLUORINE GENERATOR 500 G/H", "output=500 g/h", "FLUORINE GENERATOR 100 G/H",
     "output=100 g/h"),
    # 1B232 turboexpanders: 35 K or less, 1 000 kg/h of hydrogen or more
    ("1B232", "TURBOEXPANDER FOR HYDROGEN LIQUEFIER",
     "outlet temperature=20 K; flow rate=1500 kg/h", "TURBOEXPANDER FOR NATURAL GAS PROCESSING",
     ""),
    # 1B234 containment of 2 kg TNT or more
    ("1B234", "EXPLOSIVE CONTAINMENT VESSEL 5 KG TNT", "tnt equivalent=5 kg",
     "DETONATION CHAMBER 0.5 KG TNT", "tnt equivalent=0.5 kg"),
    # 1C001.a absorbing materials; Note 1.b excludes non-planar absorbers without magnetic loss
    ("1C001", "RADAR ABSORBING PAINT", "", "PYRAMIDAL FOAM ABSORBER FOR ANECHOIC CHAMBER", ""),
    # 1C008.d polyarylene ketones; 1C008.a.4 polyetherimides only above Tg 290 degC
    ("1C008", "PEEK GRANULES VICTREX 450G", "", "ULTEM 1000 PELLETS", "tg=217 degC"),
    # 1C011.c guanidine nitrate
    ("1C011", "GUANIDINE NITRATE 99%", "", "AMMONIUM NITRATE FERTILISER", ""),
    # 1C117.a tungsten powder of 97 % or more, 50 um or less
    ("1C117", "TUNGSTEN POWDER 2 MICRON", "purity=99.9 %; particle size=2 um",
     "TUNGSTEN POWDER 90%", "purity=90 %; particle size=100 um"),
    # 1C227 calcium under 1 000 ppm metallic impurities and 10 ppm boron
    ("1C227", "CALCIUM METAL GRANULES", "boron=5 ppm; metallic impurities=500 ppm",
     "CALCIUM CARBONATE POWDER", ""),
    # 1C236 alpha-n radionuclides (polonium-210; americium-241 is not among them)
    ("1C236", "POLONIUM-210 SOURCE", "", "AMERICIUM-241 SOURCE FOR SMOKE DETECTORS", ""),
    # 1C351.c.1 Bacillus anthracis cultures; vaccines are excluded
    ("1C351", "BACILLUS ANTHRACIS STRAIN, LIVE CULTURE", "", "ANTHRAX VACCINE FOR CATTLE", ""),
    # 1C450.a.4 phosgene; Note 2: mixtures of b-precursors at 30 % or less are not controlled
    ("1C450", "PHOSGENE 99.5% IN CYLINDERS", "", "DIMETHYLAMINOETHYL CHLORIDE 20% SOLUTION",
     "concentration=20 %"),
    # 2A225.a yttria crucibles of 150-8 000 cm3
    ("2A225", "YTTRIA CRUCIBLE 500 CM3", "volume=500 cm3", "PORCELAIN CRUCIBLE 50 ML", ""),
    # 2B002 MRF finishing with four or more contouring axes
    ("2B002", "MAGNETORHEOLOGICAL FINISHING MACHINE 5-AXIS", "", "LENS POLISHING MACHINE 2 AXIS",
     ""),
    # 2B120 rate tables with two or more axes and slip rings; amusement rides are not
    ("2B120", "3-AXIS RATE TABLE WITH SLIP RINGS", "", "AMUSEMENT PARK MOTION SIMULATOR", ""),
    # 2B232 guns accelerating projectiles to 1.5 km/s or more
    ("2B232", "TWO-STAGE LIGHT GAS GUN", "velocity=7 km/s", "TWO-STAGE LIGHT GAS GUN",
     "velocity=0.9 km/s"),
    # 3A001.b amplifiers above 2.7 GHz
    ("3A001", "GAN MMIC POWER AMPLIFIER X BAND 50 W", "frequency=10 GHz",
     "RF POWER AMPLIFIER 900 MHZ", "frequency=900 MHz"),
    # 3A101.b accelerators of 2 MeV or more, not medical
    ("3A101", "LINEAR ACCELERATOR 9 MEV FOR CARGO INSPECTION", "energy=9 MeV",
     "MEDICAL LINEAR ACCELERATOR FOR RADIOTHERAPY", ""),
    # 3A201.b superconducting magnets over 2 T, bore over 300 mm; MRI magnets excluded
    ("3A201", "SUPERCONDUCTING MAGNET 7 T 400 MM BORE", "field=7 T; bore=400 mm",
     "MRI SUPERCONDUCTING MAGNET 1.5 T", ""),
    # 3A501.a.16 ICs of TPP 6 000 or more
    ("3A501", "NVIDIA H100 SXM5 80GB", "", "GRAPHICS CARD RTX 4060 FOR GAMING", ""),
    # 3B001.f.1.a lithography below 193 nm
    ("3B001", "EUV LITHOGRAPHY SYSTEM TWINSCAN NXE", "", "KRF SCANNER 248 NM",
     "wavelength=248 nm"),
    # 3C004 arsine better than 99.999 %; fumigant phosphide is not
    ("3C004", "ARSINE 99.9999% ELECTRONIC GRADE", "purity=99.9999 %",
     "ALUMINIUM PHOSPHIDE FUMIGATION TABLETS", ""),
    # 4A506.a quantum computers
    ("4A506", "SUPERCONDUCTING QUANTUM COMPUTER 100 QUBITS", "", "QUANTUM DOT TELEVISION 65 INCH",
     ""),
    # 5A001 interception of mobile telecommunications (IMSI catchers)
    ("5A001", "IMSI CATCHER, PORTABLE", "", "MOBILE PHONE SIGNAL BOOSTER", ""),
    # 6A001.a.1.e diver detection sonars; depth sounders and fish finders are excluded
    ("6A001", "DIVER DETECTION SONAR", "", "FISH FINDER ECHO SOUNDER", ""),
    # 6C002.b.1 cadmium zinc telluride single crystals
    ("6C002", "CADMIUM ZINC TELLURIDE SINGLE CRYSTAL WAFER", "", "CDTE TARGET FOR THIN FILM SOLAR",
     ""),
    # 8A002.q closed circuit rebreathers
    ("8A002", "CLOSED CIRCUIT REBREATHER", "", "SCUBA REGULATOR", ""),
    # 9A011 scramjets
    ("9A011", "SCRAMJET ENGINE COMBUSTOR", "", "JET ENGINE FOR MODEL AIRCRAFT", ""),
    # 9A115.b vehicles for launching missiles
    ("9A115", "TRANSPORTER ERECTOR LAUNCHER", "", "MOBILE CRANE 50 T", ""),
    # 9B106.a chambers simulating 15 km or more (or -50 to 125 degC)
    ("9B106", "THERMAL VACUUM CHAMBER", "altitude=30 km", "CLIMATIC CHAMBER -40 TO 150 C",
     "temperature=-40 degC"),
    # 9C108 insulation for rocket motor cases
    ("9C108", "EPDM INSULATION FOR ROCKET MOTOR CASE", "", "EPDM RUBBER SHEET 3MM", ""),
]  # fmt: skip


@pytest.mark.parametrize(("entry", "description", "params", "lookalike", "lookalike_params"), CASES)
def test_new_entry_is_listed_and_its_look_alike_is_not(
    classifier: Classifier,
    entry: str,
    description: str,
    params: str,
    lookalike: str,
    lookalike_params: str,
) -> None:
    assert entry in listed(run(classifier, description, params))[:3]
    assert entry not in listed(run(classifier, lookalike, lookalike_params))


def test_cases_cover_at_least_thirty_newly_named_entries() -> None:
    assert len({case[0] for case in CASES}) >= 30


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
