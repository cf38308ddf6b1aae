"""Name handling rules of the screener, each on real listed names.

Listed names come from the UN consolidated list (2026-02-27), the EU DPRK
regulation 2017/1509 and OFAC's SDN list (2024-05-03), in ../shared/data.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from interdictor.model import ListedEntity
from interdictor.screening import Screener, make_query


def top(screener: Screener, name: str, schema: str | None = None, **kw: str) -> tuple[str, float]:
    matches = screener.screen(make_query(name, schema, **kw), threshold=0.0, limit=3)
    assert matches, f"no candidate at all for {name!r}"
    return matches[0].entity.name, matches[0].score


@pytest.mark.parametrize(
    ("hangul", "listed"),
    [
        ("김영철", "KIM Yong Chol"),
        ("렴영", "RYOM Yong"),
        ("박재경", "PAK Jae-gyong"),
        ("리학철", "RI Hak Chol"),
        ("최경성", "CHOE Kyong-song"),
    ],
)
def test_unspaced_hangul_finds_the_romanised_listing(
    eu_latin_screener: Screener, hangul: str, listed: str
) -> None:
    name, score = top(eu_latin_screener, hangul, "Person")
    assert name.lower() == listed.lower()
    assert score >= 0.5


@pytest.mark.parametrize(
    "spelling",
    ["Pak Jae Gyong", "Pak Jae-gyong", "Pak Jaegyong", "Park Jae Kyong", "Bak Jae-gyeong"],
)
def test_korean_spacing_hyphens_and_romanisations_are_equivalent(
    eu_latin_screener: Screener, spelling: str
) -> None:
    name, score = top(eu_latin_screener, spelling, "Person")
    assert name == "PAK Jae-gyong"
    assert score >= 0.5


@pytest.mark.parametrize(
    ("spelling", "listed"),
    [
        ("Lee Hak Chol", "RI Hak Chol"),
        ("Yi Hak Chol", "RI Hak Chol"),
        ("Rhee Hak-chol", "RI Hak Chol"),
        ("Choi Kyong Song", "CHOE Kyong-song"),
        ("Gim Yong Chol", "KIM Yong Chol"),
    ],
)
def test_korean_surname_variants(eu_latin_screener: Screener, spelling: str, listed: str) -> None:
    name, _ = top(eu_latin_screener, spelling, "Person")
    assert name.lower() == listed.lower()


def test_word_order_does_not_matter(un_screener: Screener) -> None:
    forward = top(un_screener, "Korea Mining Development Trading Corporation")
    backward = top(un_screener, "Trading Corporation Korea Mining Development")
    assert forward[0] == backward[0] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"


def test_korean_family_name_last(un_screener: Screener) -> None:
    name, score = top(un_screener, "Yong Chol Kim", "Person")
    assert name == "KIM YONG CHOL"
    assert score >= 0.5


def test_korean_names_differing_by_a_syllable_score_low(eu_latin_screener: Screener) -> None:
    for match in eu_latin_screener.screen(make_query("Kim Pyong Chol", "Person"), threshold=0.5):
        assert match.entity.name.lower().replace("-", " ") != "kim yong chol"


def test_typos_are_tolerated(un_screener: Screener) -> None:
    name, score = top(un_screener, "Namchongang Tradng Corporaton")
    assert "NAMCHONGANG" in name.upper()
    assert score >= 0.5


def test_acronym_of_an_organisation(un_entities: list[ListedEntity]) -> None:
    # Drop the listed "KOMID" alias: the acronym must be understood, not looked up.
    stripped = [replace(e, aliases=[a for a in e.aliases if "KOMID" not in a]) for e in un_entities]
    name, score = top(Screener(stripped), "KOMID", "Organization")
    assert name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert 0.5 <= score < 0.99


def test_legal_forms_are_canonical(un_screener: Screener) -> None:
    name, score = top(un_screener, "Korea Mining Development Trading Co., Ltd.", "Organization")
    assert name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert score >= 0.5


def test_han_name_without_spaces(eu_entities: list[ListedEntity]) -> None:
    # EU record: Kim Chol Sam, a.k.a. Jin Tiesan (金铁三). Index it without the Han form.
    stripped = [replace(e, aliases=[a for a in e.aliases if a.isascii()]) for e in eu_entities]
    name, _ = top(Screener(stripped), "金铁三", "Person")
    assert name == "Kim Chol Sam"


def test_unrelated_korean_name_scores_low(eu_latin_screener: Screener) -> None:
    matches = eu_latin_screener.screen(make_query("Song Min Ho", "Person"), threshold=0.5)
    assert matches == []


def test_namesakes_of_a_literal_hangul_match_are_all_shown(
    un_entities: list[ListedEntity], eu_entities: list[ListedEntity]
) -> None:
    # The EU lists 김영철 verbatim (annex XV); the UN's KIM YONG CHOL (KPi.024) and the
    # EU's own copy of it (annex XIII) are namesakes a reviewer must see too.
    screener = Screener([*un_entities, *eu_entities])
    matches = screener.screen(make_query("김영철", "Person"), threshold=0.5, limit=10)
    references = {m.entity.reference for m in matches}
    assert {"KPi.024", "XV.A/7", "XIII.A/24"} <= references


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Chan Wai Ming", "CHEN Wai Ming"), ("Wong Kwok Keung", "HUANG Kwok Keung")],
)
def test_chinese_surname_romanisations(query: str, listed: str) -> None:
    # Surname variants from the zh.wikipedia corpus bundled in data/text: 陈 is Chen in
    # pinyin and Chan in Cantonese; 黄 is Huang and Wong.
    decoy = ListedEntity(id="t-2", schema="Person", name="CHAN Siu Ming", dataset="t")
    listing = ListedEntity(id="t-1", schema="Person", name=listed, dataset="t")
    matches = Screener([listing, decoy]).screen(make_query(query, "Person"), threshold=0.5)
    assert [m.entity.id for m in matches] == ["t-1"]


def test_a_syllable_apart_is_another_korean_name_even_in_a_tiny_list() -> None:
    listing = ListedEntity(id="t-1", schema="Person", name="KIM Yong Chol", dataset="t")
    assert Screener([listing]).screen(make_query("Kim Pyong Chol", "Person")) == []


@pytest.mark.parametrize(
    "written",
    [
        "KOREA RYONBONG GENERAL CORP.",
        "Korea Ryonbong General Company",
        "Korea Ryonbong General Corporation",
    ],
)
def test_a_legal_form_spelt_another_way_costs_nothing(un_screener: Screener, written: str) -> None:
    # UN KPe.002 is listed as KOREA RYONBONG GENERAL CORPORATION.
    name, score = top(un_screener, written, "Organization")
    assert name == "KOREA RYONBONG GENERAL CORPORATION"
    assert score == pytest.approx(0.942405)  # the score of an exact name with no country


def test_a_different_legal_form_class_still_costs_something(un_screener: Screener) -> None:
    _, score = top(un_screener, "Korea Ryonbong General GmbH", "Organization")
    assert score < 0.942405
