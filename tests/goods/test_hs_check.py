"""HS consistency and mislabelling, on the examples of issue 3 and the HS 2017/2022 texts."""

from __future__ import annotations

import pytest

from interdictor.goods.classify import Classifier, GoodsLine
from interdictor.goods.hs import HSNomenclature
from interdictor.goods.hs_check import HSCheck, text_fit


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


def check(classifier: Classifier, description: str, hs: str, params: str = "") -> HSCheck:
    return classifier.classify(GoodsLine("t", description, hs, parameters=params)).hs


def test_rocket_motor_casings_under_agricultural_machinery(classifier: Classifier) -> None:
    result = check(classifier, "ROCKET MOTOR CASINGS, FILAMENT WOUND", "8436.99")
    assert result.valid and result.mislabelled
    assert result.suggested == ["8412.90"]
    assert "Agricultural" in result.reason and "reaction engines" in result.reason


def test_filament_winding_machine_under_sewing_machines(classifier: Classifier) -> None:
    result = check(classifier, "CNC FILAMENT WINDING MACHINE 4-AXIS", "845229")
    assert result.mislabelled
    assert set(result.suggested) == {"8445", "8477", "8479"}
    assert "Sewing machines" in result.reason


@pytest.mark.parametrize(
    ("description", "hs"),
    [
        ("CNC FILAMENT WINDING MACHINE 4-AXIS", "8445.90"),
        ("CNC FILAMENT WINDING MACHINE 4-AXIS", "8479.89.90"),  # national suffix kept
        ("T800 carbon fibre 12K", "6815 11"),
        ("MARAGING 350 STEEL SHEET 2.0MM", "722699"),
        ("INDUSTRIAL SEWING MACHINE LOCKSTITCH", "8452.29"),
    ],
)
def test_fitting_codes_are_consistent(classifier: Classifier, description: str, hs: str) -> None:
    result = check(classifier, description, hs)
    assert result.consistent is True and result.score == 1.0


def test_maraging_sheet_declared_as_stainless_is_caught_at_heading_level(
    classifier: Classifier,
) -> None:
    # Same chapter (72) but 7219 is stainless flat-rolled; maraging is other alloy steel.
    result = check(classifier, "MARAGING 350 STEEL SHEET 2.0MM", "7219.34")
    assert result.mislabelled
    assert "heading level" in result.reason


def test_nuclear_zirconium_declared_with_hafnium_is_caught_at_subheading_level(
    classifier: Classifier,
) -> None:
    # 8109.21 "less than 1 part hafnium to 500"; 8109.29 "not less than".
    result = check(classifier, "NUCLEAR GRADE ZIRCONIUM SPONGE, HF<100PPM", "8109.29")
    assert result.mislabelled
    assert "subheading level" in result.reason
    assert check(classifier, "NUCLEAR GRADE ZIRCONIUM SPONGE", "8109.21").consistent is True


def test_unmanned_aircraft_heading_follows_the_edition() -> None:
    line = GoodsLine(
        "t", "FIXED WING UAV, ENDURANCE 6 HOURS", "8802.20", parameters="endurance=6 h"
    )
    hs2017 = Classifier(edition="2017").classify(line).hs
    assert hs2017.consistent is True  # HS 2017 has no 8806; unmanned aircraft sit in 8802
    hs2022 = Classifier().classify(GoodsLine("t", line.description, "8806.22")).hs
    assert hs2022.consistent is True
    assert (
        Classifier(edition="2017").classify(GoodsLine("t", line.description, "8806.22")).hs.valid
        is False
    )


def test_invalid_and_missing_codes_are_reported_not_flagged(classifier: Classifier) -> None:
    malformed = check(classifier, "T800 carbon fibre", "68A5")
    assert malformed.valid is False and malformed.consistent is None
    assert "non-digit" in malformed.reason
    unknown = check(classifier, "T800 carbon fibre", "6899.99")
    assert unknown.valid is False and "does not exist" in unknown.reason
    missing = check(classifier, "T800 carbon fibre", "")
    assert missing.consistent is None and missing.suggested == ["6815"]


def test_unknown_goods_are_not_called_mislabelled(classifier: Classifier) -> None:
    result = check(classifier, "ASSORTED HOUSEHOLD ITEMS", "9403.60")
    assert result.valid and result.consistent is None and not result.mislabelled


def test_benign_article_decides_the_heading_not_its_material(classifier: Classifier) -> None:
    assert check(classifier, "CARBON FIBER TREKKING POLES, ADJUSTABLE", "9506.91").consistent
    assert check(classifier, "碳素钓鱼竿 carbon fishing rod 5.4m", "9507.10").consistent
    assert check(classifier, "carbon fishing rod blanks", "6815.19").mislabelled


def test_whole_goods_declared_under_a_parts_subheading(classifier: Classifier) -> None:
    # 8504.90 reads "...; parts thereof": a complete converter is not a part.
    line = "MULTIPHASE FREQUENCY CONVERTER 1500HZ FOR CENTRIFUGE CASCADE"
    whole = check(classifier, line, "8504.90", "frequency=1500 Hz; frequency control=0.1 %")
    assert whole.mislabelled and "parts subheading" in whole.reason
    part = check(classifier, "FREQUENCY CONVERTER SPARE PARTS, CONTROL BOARD", "8504.90")
    assert not part.mislabelled


def test_maraging_steel_tube_under_alloy_steel_seamless_tubes_fits(classifier: Classifier) -> None:
    # HS 7304.51: "seamless, cold-drawn or cold-rolled (cold-reduced), tubes, pipes and
    # hollow profiles of circular cross-section" of alloy steel: tubes are not 7224 stock.
    result = check(classifier, "Maraging steel tube, rotor tube", "7304.51")
    assert result.consistent is True and "7304" in result.suggested
    # A finished centrifuge rotor tube is still expected under 8401, not as tube stock.
    finished = "ROTOR TUBE CYLINDERS MARAGING STEEL FOR GAS CENTRIFUGE, OD 145MM"
    assert check(classifier, finished, "7304.59").mislabelled


def test_spent_fuel_elements_under_2844_50_fit(classifier: Classifier) -> None:
    # HS 2844.50 reads "Spent (irradiated) fuel elements (cartridges) of nuclear reactors";
    # 8401.30 is for non-irradiated fuel elements only.
    text = "Spent (irradiated) fuel elements (cartridges) of nuclear reactors"
    result = check(classifier, text, "2844.50")
    assert result.consistent is True and "2844.50" in result.suggested
    assert check(classifier, "spent fuel elements", "2844.50").consistent is True


def test_grinding_machine_is_not_a_machining_centre(classifier: Classifier) -> None:
    # HS 8460.22 "grinding machines (excluding flat-surface), centreless, numerically
    # controlled"; 8457 is machining centres.
    text = "Machine-tools, grinding machines, centreless, numerically controlled"
    assert check(classifier, text, "8460.22").consistent is True
    assert check(classifier, "centreless NC grinding machines", "8460.22").consistent is True
    misdeclared = check(classifier, "CNC grinding machine", "8457.10")
    assert misdeclared.mislabelled and "8460" in misdeclared.suggested


def test_aluminium_tubes_declared_as_articles_of_iron_or_steel(classifier: Classifier) -> None:
    # HS 7326.90 "articles of iron or steel" against HS 7608.20 "aluminium alloy tubes".
    text = "Aluminium alloy tubes, 7075-T6, outer diameter 150 mm"
    result = check(classifier, text, "7326.90")
    assert result.mislabelled and "7608" in result.suggested
    assert "Iron or steel" in result.reason and "7608" in result.reason
    assert check(classifier, text, "7608.20").consistent is True


def test_a_metal_contradicting_the_declared_metal_chapter_is_flagged(
    classifier: Classifier,
) -> None:
    # No concept names the goods, but the description's metal is not the heading's.
    result = check(classifier, "Aluminium plates, 2 mm", "7326.90")
    assert result.mislabelled and "aluminium belongs in chapter 76" in result.reason
    # The declared text naming the metal ("plated or coated with zinc") is no contradiction.
    assert check(classifier, "steel wire, zinc coated", "7217.20").consistent is None
    assert check(classifier, "Iron or steel, articles", "7326.90").consistent is None


def test_model_and_lot_numbers_do_not_hide_that_a_line_reads_as_its_code() -> None:
    hs = HSNomenclature.load("2022")
    assert text_fit("Waste and scrap, model PC-1932", "854999", hs) == 1.0
    assert text_fit("Lifts and skip hoists, LOT 2231", "842810", hs) == 1.0
    assert text_fit("filament winding machine, model FW-4", "845290", hs) < 0.9


def test_named_metal_chooses_between_material_chapters() -> None:
    classifier = Classifier()
    ceramic = classifier.classify(GoodsLine("1", "TANTALUM CRUCIBLE 500 ML", hs_code="6903.90"))
    assert ceramic.hs.mislabelled and "8103" in ceramic.hs.reason
    metal = classifier.classify(GoodsLine("2", "TANTALUM CRUCIBLE 500 ML", hs_code="8103.91"))
    assert not metal.hs.mislabelled
    # Look-alike: a crucible naming no metal may be ceramic.
    plain = classifier.classify(GoodsLine("3", "ACTINIDE METAL CRUCIBLE", hs_code="6903.90"))
    assert not plain.hs.mislabelled


def test_bronze_is_copper_for_the_metal_check() -> None:
    classifier = Classifier()
    steel = classifier.classify(GoodsLine("1", "PHOSPHOR BRONZE WIRE CLOTH", hs_code="7314.14"))
    assert steel.hs.mislabelled
    copper = classifier.classify(GoodsLine("2", "PHOSPHOR BRONZE WIRE CLOTH", hs_code="7419.80"))
    assert not copper.hs.mislabelled
