"""Catch-all reasons, with real listed entities from the EU DPRK regulation (2017/1509)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from interdictor.goods.catchall import catch_all_reasons
from interdictor.goods.classify import GoodsLine
from interdictor.lists.eu import parse_eu_journal_csv
from interdictor.model.listed import ListedEntity

EU_DPRK = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "sanctions"
    / "eu"
    / "eu_dprk_reg2017-1509_consolidated.csv"
)


@dataclass
class Match:
    """What the screening engine hands over: a score and the listed entity."""

    score: float
    entity: ListedEntity


@pytest.fixture(scope="module")
def komid() -> ListedEntity:
    entities = parse_eu_journal_csv(EU_DPRK, None).entities
    return next(e for e in entities if e.name == "Korea Mining Development Trading Corporation")


UNLISTED = GoodsLine(
    "t", "STAINLESS STEEL 316 BALL VALVE DN50 FLANGED", parameters="nominal size=50 mm"
)
LISTED = GoodsLine(
    "t",
    "T800 carbon fibre 12K",
    parameters="tensile strength=5880 MPa; modulus=294 GPa; density=1.8 g/cm3",
)


def test_unlisted_item_to_destination_of_concern(komid: ListedEntity) -> None:
    reasons = catch_all_reasons(UNLISTED, "KP", [])
    assert len(reasons) == 1 and "KP" in reasons[0] and "1718" in reasons[0]


def test_unlisted_item_to_listed_end_user(komid: ListedEntity) -> None:
    reasons = catch_all_reasons(UNLISTED, "CN", [Match(0.93, komid)])
    assert len(reasons) == 1
    assert "Korea Mining Development Trading Corporation" in reasons[0]
    assert "EU-PRK" in reasons[0]


def test_weak_screening_match_or_safe_destination_raises_nothing(komid: ListedEntity) -> None:
    assert catch_all_reasons(UNLISTED, "DE", [Match(0.41, komid)]) == []
    assert catch_all_reasons(UNLISTED, None, []) == []


def test_listed_item_needs_a_licence_anyway(komid: ListedEntity) -> None:
    assert catch_all_reasons(LISTED, "KP", [Match(0.99, komid)]) == []


def test_national_concern_list_replaces_the_default() -> None:
    reasons = catch_all_reasons(UNLISTED, "xx", [], concern={"xx": "national list"})
    assert reasons and "national list" in reasons[0]
    assert catch_all_reasons(UNLISTED, "kp", [], concern={}) == []
