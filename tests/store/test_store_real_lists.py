"""The store on real lists: UN 2020 and 2026, the EU DPRK file and OFAC SDN 2024."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdictor.lists import ParseResult, diff_entities, parse_file
from interdictor.store import Store
from interdictor.store.versions import serialise_entity

SANCTIONS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sanctions"


@pytest.fixture(scope="module")
def un_2020() -> ParseResult:
    return parse_file(SANCTIONS / "un" / "un_consolidated_2020-11-23.xml.gz")


@pytest.fixture(scope="module")
def un_2026() -> ParseResult:
    return parse_file(SANCTIONS / "un" / "un_consolidated_2026-02-27.xml.gz")


def test_fast_hash_equals_the_model_hash(un_2026: ParseResult) -> None:
    eu = parse_file(SANCTIONS / "eu" / "eu_dprk_reg2017-1509_consolidated.csv")
    entities = [*un_2026.entities, *eu.entities]
    assert len(entities) > 1300
    for entity in entities:
        row = serialise_entity(entity)
        assert row.content_hash == entity.content_hash(), entity.id
        assert row.data == entity.to_dict()


def test_un_versions_round_trip_and_diff(
    store: Store, un_2020: ParseResult, un_2026: ParseResult
) -> None:
    old = store.save_list_version(un_2020)
    new = store.save_list_version(un_2026)
    assert (old.loaded, new.loaded) == (len(un_2020.entities), len(un_2026.entities))
    assert old.version_id is not None and new.version_id is not None
    old_sorted = sorted(un_2020.entities, key=lambda e: e.id)
    new_sorted = sorted(un_2026.entities, key=lambda e: e.id)
    assert store.entities(version_id=old.version_id) == old_sorted
    assert store.entities("un_sc") == new_sorted
    expected = diff_entities(old_sorted, new_sorted).to_dict()
    assert store.diff_versions(old.version_id, new.version_id).to_dict() == expected
    kim = store.entity("un_sc-KPe.001")
    assert kim.name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert store.current_version("un_sc").published == un_2026.published


def test_ofac_sdn_2024_loads_whole(tmp_path: Path) -> None:
    parsed = parse_file(SANCTIONS / "ofac" / "sdn_2024-05-03.csv.gz")
    with Store.open(f"sqlite:///{tmp_path / 'ofac.db'}") as store:
        outcome = store.save_list_version(parsed)
        assert outcome.created and outcome.loaded == len(parsed.entities) > 14000
        assert store.entities("us_ofac_sdn") == sorted(parsed.entities, key=lambda e: e.id)
        assert not store.save_list_version(parsed).created
