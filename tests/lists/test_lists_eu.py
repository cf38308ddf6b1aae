"""The EU journal CSV parser, on the real DPRK regime file (Regulation 2017/1509)."""

from __future__ import annotations

import re
from collections import Counter

from interdictor.lists import ParseResult
from interdictor.model.listed import Identifier, ListedEntity

HANGUL = re.compile("[\uac00-\ud7a3]")


def by_id(result: ParseResult, entity_id: str) -> ListedEntity:
    return next(e for e in result.entities if e.id == entity_id)


def test_eu_counts(eu_dprk: ParseResult) -> None:
    # SOURCES.md: 326 rows = 157 Person, 94 LegalEntity, 75 Vessel.
    assert eu_dprk.format == "eu_journal_csv"
    assert eu_dprk.dataset == "eu_dprk"
    assert eu_dprk.rejected == []
    assert Counter(e.schema for e in eu_dprk.entities) == {
        "Person": 157,
        "LegalEntity": 94,
        "Vessel": 75,
    }
    assert len({e.id for e in eu_dprk.entities}) == 326


def test_eu_every_vessel_has_imo(eu_dprk: ParseResult) -> None:
    vessels = [e for e in eu_dprk.entities if e.schema == "Vessel"]
    assert all(any(i.kind == "imo" for i in v.identifiers) for v in vessels)


def test_eu_vessel_imo_and_former_names(eu_dprk: ParseResult) -> None:
    # Row 102: "Chol Ryong (Ryong Gun Bong)", IMO 8606173, no recordId.
    vessel = by_id(eu_dprk, "eu_dprk-XIII.B-imo8606173")
    assert vessel.name == "Chol Ryong"
    assert vessel.aliases == ["Ryong Gun Bong"]
    assert vessel.identifiers == [Identifier("imo", "8606173")]
    assert vessel.properties["annex"] == ["XIII.B"]
    assert vessel.source_position == "line 102"


def test_eu_person(eu_dprk: ParseResult) -> None:
    yun = by_id(eu_dprk, "eu_dprk-XIII.A-1")
    assert yun.name == "Yun Ho-jin"
    assert yun.aliases == ["Yun Ho-chin"]
    assert yun.birth_dates == ["1944-10-13"]  # "13.10.1944"
    assert yun.listed_on == "2009-07-16"  # "16.7.2009"
    assert yun.countries == ["kp"]  # nationality "DPRK"
    assert yun.properties["annex"] == ["XIII.A"]
    assert yun.reference == "XIII.A/1"
    # "reason" is prose: its ";" is kept, not split.
    assert len(yun.properties["reason"]) == 1


def test_eu_hangul_goes_to_original_names(eu_dprk: ParseResult) -> None:
    chon = by_id(eu_dprk, "eu_dprk-XV.A-1")  # alias "전지부; CHON Chi-bu"
    assert chon.original_names == ["전지부"]
    assert chon.aliases == ["CHON Chi-bu"]
    # "PAK Kwang Hun 박광훈" in one cell: Latin and Hangul parts are separated.
    pak = by_id(eu_dprk, "eu_dprk-XV.A-34")
    assert pak.name == "PAK Kwang Hun"
    assert pak.original_names == ["박광훈"]
    # SOURCES/issue 2: about 77 EU rows carry Hangul.
    with_hangul = [e for e in eu_dprk.entities if any(HANGUL.search(n) for n in e.original_names)]
    assert len(with_hangul) == 77
    assert not any(HANGUL.search(n) for e in eu_dprk.entities for n in [e.name, *e.aliases])


def test_eu_han_alias(eu_dprk: ParseResult) -> None:
    kim = by_id(eu_dprk, "eu_dprk-XIII.A-35")  # "Jin Tiesan; (金铁三)"
    assert kim.aliases == ["Jin Tiesan"]
    assert kim.original_names == ["金铁三"]


def test_eu_swift(eu_dprk: ParseResult) -> None:
    assert Identifier("swift", "FTBDKPPY") in by_id(eu_dprk, "eu_dprk-XIII.B-47").identifiers
