"""The UN consolidated list parser, on the real 2020 and 2026 files."""

from __future__ import annotations

from collections import Counter

from interdictor.lists import ParseResult
from interdictor.model.listed import Identifier, ListedEntity


def by_id(result: ParseResult, entity_id: str) -> ListedEntity:
    return next(e for e in result.entities if e.id == entity_id)


def test_un_2026_counts(un_2026: ParseResult) -> None:
    # SOURCES.md: 730 INDIVIDUAL, 273 ENTITY.
    assert Counter(e.schema for e in un_2026.entities) == {"Person": 730, "Organization": 273}
    assert un_2026.rejected == []
    assert un_2026.format == "un_xml"
    assert un_2026.dataset == "un_sc"
    assert un_2026.published == "2026-02-27"


def test_un_2020_counts(un_2020: ParseResult) -> None:
    # SOURCES.md: 713 INDIVIDUAL, 305 ENTITY.
    assert Counter(e.schema for e in un_2020.entities) == {"Person": 713, "Organization": 305}
    assert un_2020.published == "2020-11-23"


def test_un_dprk_counts(un_2026: ParseResult) -> None:
    # SOURCES.md: DPRK (1718) 80 individuals (KPi.*) and 75 entities (KPe.*).
    refs = [e.reference or "" for e in un_2026.entities]
    assert sum(r.startswith("KPi.") for r in refs) == 80
    assert sum(r.startswith("KPe.") for r in refs) == 75


def test_komid(un_2026: ParseResult) -> None:
    komid = by_id(un_2026, "un_sc-KPe.001")
    assert komid.name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert komid.schema == "Organization"
    assert komid.reference == "KPe.001"
    assert komid.listed_on == "2009-04-24"
    assert komid.programs == ["DPRK"]
    assert komid.countries == ["kp"]
    # The a.k.a. aliases, with the quotes around "KOMID" removed.
    assert komid.aliases == [
        "CHANGGWANG SINYONG CORPORATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
        "DPRKN MINING DEVELOPMENT TRADING COOPERATION",
        "KOMID",
    ]
    assert "Central District, Pyongyang, Democratic People's Republic of Korea" in komid.addresses


def test_person_fields(un_2026: ParseResult) -> None:
    # KPi.035 KIM CHOL SAM: Han alias "Jin Tiesan (金铁三)" splits into two names.
    kim = by_id(un_2026, "un_sc-KPi.035")
    assert kim.schema == "Person"
    assert "Jin Tiesan" in kim.aliases
    assert kim.original_names == ["金铁三"]
    assert Identifier("passport", "645120378", "kp") in kim.identifiers
    assert kim.birth_dates == ["1971-03-11"]


def test_original_script_and_weak_alias(un_2026: ParseResult) -> None:
    saddam = by_id(un_2026, "un_sc-IQi.001")
    assert saddam.name == "SADDAM HUSSEIN AL-TIKRITI"
    assert saddam.original_names == ["صدام حسين التكريتي"]
    assert saddam.weak_aliases == ["Abu Ali"]  # QUALITY "Low"
    assert saddam.birth_dates == ["1937-04-28"]


def test_year_range_birth_dates(un_2026: ParseResult) -> None:
    # BETWEEN dates carry FROM_YEAR/TO_YEAR; every year in the span is kept.
    ranged = [e for e in un_2026.entities if len(e.birth_dates) >= 3]
    assert ranged
    for entity in ranged[:20]:
        years = sorted({int(d[:4]) for d in entity.birth_dates})
        assert years[-1] - years[0] <= 15


def test_ids_stable_and_unique(un_2026: ParseResult, un_2020: ParseResult) -> None:
    ids = [e.id for e in un_2026.entities]
    assert len(ids) == len(set(ids))
    assert all(e.id == f"un_sc-{e.reference}" for e in un_2026.entities)
    assert (
        by_id(un_2020, "un_sc-KPe.001").content_hash()
        == by_id(un_2026, "un_sc-KPe.001").content_hash()
    )


def test_every_entity_has_position(un_2026: ParseResult) -> None:
    assert all(e.source_position for e in un_2026.entities)
    assert by_id(un_2026, "un_sc-KPe.001").source_position == "ENTITY 101 (DATAID 690735)"


def test_not_available_is_empty(un_2026: ParseResult) -> None:
    # TAi.153 has FOURTH_NAME "na" ("not available"), which is no part of the name.
    assert by_id(un_2026, "un_sc-TAi.153").name == "FAIZULLAH KHAN NOORZAI"
