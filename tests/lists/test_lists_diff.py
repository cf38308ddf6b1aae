"""List diffs, on the real UN lists of 2020-11-23 and 2026-02-27."""

from __future__ import annotations

import copy
from dataclasses import fields

import orjson
import pytest

from interdictor.lists import (
    FieldChange,
    ListDiff,
    ParseResult,
    ScalarChange,
    diff_entities,
)
from interdictor.lists.diff import LIST_FIELDS, SCALAR_FIELDS
from interdictor.model.listed import Identifier, ListedEntity


@pytest.fixture(scope="module")
def un_diff(un_2020: ParseResult, un_2026: ParseResult) -> ListDiff:
    return diff_entities(un_2020.entities, un_2026.entities)


def test_counts(un_diff: ListDiff, un_2020: ParseResult, un_2026: ParseResult) -> None:
    assert un_diff.summary() == "91 added, 106 removed, 664 changed"
    # Every entry of the new list is added, changed or unchanged.
    assert len(un_2020.entities) - len(un_diff.removed) + len(un_diff.added) == 1003
    assert not un_diff.is_empty()


def test_added_and_removed(un_diff: ListDiff) -> None:
    added = {e.id for e in un_diff.added}
    removed = {e.id for e in un_diff.removed}
    # SOURCES.md: Iran entries are back after the 2025 snapback (84 IR entries in 2020,
    # 121 in 2026); Iraq entries were delisted.
    assert "un_sc-IRi.002" in added  # DAWOOD AGHA-JANI
    assert sum(i.startswith("un_sc-IR") for i in added) == 37
    assert "un_sc-IQi.043" in removed
    assert sum(i.startswith("un_sc-IQ") for i in removed) == 72
    assert not added & removed


def test_changed_name_and_aliases(un_diff: ListDiff) -> None:
    # KPe.029 was renamed; the old name became an alias, with the acronym NATA.
    change = next(c for c in un_diff.changed if c.entity_id == "un_sc-KPe.029")
    assert change.fields["name"] == ScalarChange(
        "NATIONAL AEROSPACE DEVELOPMENT ADMINISTRATION",
        "NATIONAL AEROSPACE TECHNOLOGY ADMINISTRATION",
    )
    assert change.fields["aliases"] == FieldChange(
        added=["NATA", "NATIONAL AEROSPACE DEVELOPMENT ADMINISTRATION"], removed=[]
    )
    assert change.fields["properties.modifiedAt"] == FieldChange(added=["2024-04-15"], removed=[])
    assert change.old.name == "NATIONAL AEROSPACE DEVELOPMENT ADMINISTRATION"


def test_changed_identifiers_and_dates(un_diff: ListDiff) -> None:
    by_id = {c.entity_id: c for c in un_diff.changed}
    # KPi.035 KIM CHOL SAM gained his Han-script alias and a passport.
    kim = by_id["un_sc-KPi.035"].fields
    assert kim["aliases"] == FieldChange(added=["Jin Tiesan"], removed=[])
    assert kim["original_names"] == FieldChange(added=["金铁三"], removed=[])
    assert kim["identifiers"] == FieldChange(
        added=[Identifier("passport", "645120378", "kp")], removed=[]
    )
    # KPi.004: a birth year became a full date.
    assert by_id["un_sc-KPi.004"].fields["birth_dates"] == FieldChange(
        added=["1940-02-26"], removed=["1940"]
    )
    # KPe.001 KOMID did not change.
    assert "un_sc-KPe.001" not in by_id


def test_changes_that_affect_matching(un_diff: ListDiff) -> None:
    by_id = {c.entity_id: c for c in un_diff.changed}
    assert by_id["un_sc-KPe.029"].affects_matching()  # renamed
    # CDi.001: only the COMMENTS1 text and its update date changed.
    assert set(by_id["un_sc-CDi.001"].fields) <= {"properties.notes", "properties.modifiedAt"}
    assert not by_id["un_sc-CDi.001"].affects_matching()
    affecting = [c for c in un_diff.changed if c.affects_matching()]
    assert len(affecting) == 95
    rescreen = {e.id for e in un_diff.to_rescreen()}
    assert len(rescreen) == 91 + 95
    assert "un_sc-KPe.029" in rescreen and "un_sc-CDi.001" not in rescreen


def test_to_dict_is_json(un_diff: ListDiff) -> None:
    data = orjson.loads(orjson.dumps(un_diff.to_dict()))
    assert data["summary"] == {"added": 91, "removed": 106, "changed": 664}
    kim = next(c for c in data["changed"] if c["entity_id"] == "un_sc-KPi.035")
    assert kim["fields"]["identifiers"]["added"] == [
        {"kind": "passport", "value": "645120378", "country": "kp"}
    ]
    assert {"entity_id", "caption", "schema", "reference"} <= data["added"][0].keys()


def test_identical_sets_are_empty(un_2026: ParseResult) -> None:
    same = diff_entities(un_2026.entities, copy.deepcopy(un_2026.entities))
    assert same.is_empty()
    assert same.summary() == "0 added, 0 removed, 0 changed"


def test_order_and_position_are_no_change() -> None:
    old = ListedEntity("d-1", "Person", "Kim Il", "d", aliases=["A", "B"], source_position="line 2")
    new = ListedEntity("d-1", "Person", "Kim Il", "d", aliases=["B", "A"], source_position="line 9")
    assert diff_entities([old], [new]).is_empty()
    new.listed_on = "2020-01-01"
    change = diff_entities([old], [new]).changed[0]
    assert change.fields == {"listed_on": ScalarChange(None, "2020-01-01")}


def test_diff_covers_every_field() -> None:
    compared = {"id", "source_position", "properties", *LIST_FIELDS, *SCALAR_FIELDS}
    assert compared == {f.name for f in fields(ListedEntity)}
