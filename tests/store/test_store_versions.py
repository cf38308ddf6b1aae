"""List versions: content hashes, idempotent reloads, reading old versions, rejections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interdictor.errors import NotFound
from interdictor.model.listed import Rejected
from interdictor.store import Store

MakeList = Callable[..., Any]  # the ``make_list`` fixture of tests/store/conftest.py


def test_first_load_creates_a_current_version(store: Store, make_list: MakeList) -> None:
    outcome = store.save_list_version(make_list("un", 5))
    assert outcome.created and outcome.loaded == 5 and outcome.rejected == 0
    assert outcome.previous_version_id is None
    [info] = store.datasets()
    assert info.name == "un" and info.version_count == 1
    assert info.current is not None and info.current.id == outcome.version_id
    assert info.current.entity_count == 5 and info.current.content_hash == outcome.content_hash


def test_same_content_creates_no_new_version(store: Store, make_list: MakeList) -> None:
    first = store.save_list_version(make_list("un", 5))
    again = store.save_list_version(make_list("un", 5))
    assert not again.created
    assert again.version_id == first.version_id and again.content_hash == first.content_hash
    assert len(store.versions("un")) == 1


def test_entity_order_does_not_change_the_hash(store: Store, make_list: MakeList) -> None:
    first = store.save_list_version(make_list("un", 5))
    shuffled = make_list("un", 5)
    shuffled.entities.reverse()
    assert not store.save_list_version(shuffled).created
    assert store.versions("un")[0].content_hash == first.content_hash


def test_changed_content_creates_a_version_and_keeps_the_old(
    store: Store, make_list: MakeList
) -> None:
    first = store.save_list_version(make_list("un", 5))
    second = store.save_list_version(make_list("un", 6, renamed={2: "PAK RENAMED"}))
    assert second.created and second.previous_version_id == first.version_id
    assert second.content_hash != first.content_hash
    old, new = store.versions("un")
    assert (old.id, old.is_current, new.id, new.is_current) == (
        first.version_id,
        False,
        second.version_id,
        True,
    )
    assert first.version_id is not None
    old_names = {e.id: e.name for e in store.entities(version_id=first.version_id)}
    assert len(old_names) == 5 and old_names["un-2"] == "KIM PERSON 2"
    assert store.entity("un-2").name == "PAK RENAMED"
    assert len(store.entities("un")) == 6


def test_reloading_an_older_content_makes_a_new_version(store: Store, make_list: MakeList) -> None:
    store.save_list_version(make_list("un", 5))
    store.save_list_version(make_list("un", 6))
    back = store.save_list_version(make_list("un", 5))
    assert back.created and len(store.versions("un")) == 3
    assert store.current_version("un").id == back.version_id


def test_entities_round_trip_with_identifiers(store: Store, make_list: MakeList) -> None:
    parsed = make_list("un", 3)
    store.save_list_version(parsed)
    assert store.entities("un") == sorted(parsed.entities, key=lambda e: e.id)
    assert store.entity("un-1").identifiers[0].value == "P0000001"


def test_entities_default_to_every_current_version(store: Store, make_list: MakeList) -> None:
    store.save_list_version(make_list("un", 3))
    store.save_list_version(make_list("eu", 4))
    store.save_list_version(make_list("eu", 2))
    ids = sorted(e.id for e in store.entities())
    assert ids == ["eu-0", "eu-1", "un-0", "un-1", "un-2"]
    assert [d.name for d in store.datasets()] == ["eu", "un"]


def test_rejections_are_stored_and_reported(store: Store, make_list: MakeList) -> None:
    bad = Rejected("un.xml", "record 7", "INDIVIDUAL without a name", "<INDIVIDUAL>...")
    outcome = store.save_list_version(make_list("un", 4, rejected=[bad]))
    assert outcome.rejected == 1 and outcome.rejections == (bad,)
    assert outcome.version_id is not None
    assert store.rejections(outcome.version_id) == [bad]
    assert store.version(outcome.version_id).rejected_count == 1


def test_duplicate_ids_are_set_aside_not_fatal(store: Store, make_list: MakeList) -> None:
    parsed = make_list("un", 4)
    duplicate = make_list("un", 2, renamed={1: "SECOND COPY"}).entities[1]
    duplicate.source_position = "line 99"
    parsed.entities.append(duplicate)
    outcome = store.save_list_version(parsed)
    assert outcome.loaded == 4 and outcome.rejected == 1
    [rejection] = outcome.rejections
    assert rejection.position == "line 99" and "duplicate entity id 'un-1'" in rejection.reason
    assert store.entity("un-1").name == "KIM PERSON 1"


def test_nothing_read_keeps_the_current_version(store: Store, make_list: MakeList) -> None:
    first = store.save_list_version(make_list("un", 3))
    bad = Rejected("un.xml", "line 1", "not XML")
    empty = store.save_list_version(make_list("un", 0, rejected=[bad]))
    assert not empty.created and empty.loaded == 0 and empty.rejected == 1
    assert empty.version_id == first.version_id
    assert len(store.versions("un")) == 1 and len(store.entities("un")) == 3


def test_nothing_read_in_an_empty_store_creates_nothing(store: Store, make_list: MakeList) -> None:
    outcome = store.save_list_version(make_list("un", 0))
    assert outcome.version_id is None and not outcome.created
    assert store.datasets() == []


def test_fingerprint_follows_current_versions(store: Store, make_list: MakeList) -> None:
    empty = store.fingerprint()
    store.save_list_version(make_list("un", 3))
    loaded = store.fingerprint()
    store.save_list_version(make_list("un", 3))
    assert store.fingerprint() == loaded != empty
    store.save_list_version(make_list("eu", 3))
    with_eu = store.fingerprint()
    store.save_list_version(make_list("un", 4))
    assert len({empty, loaded, with_eu, store.fingerprint()}) == 4


def test_unknown_names_raise_not_found(store: Store, make_list: MakeList) -> None:
    store.save_list_version(make_list("un", 1))
    with pytest.raises(NotFound):
        store.versions("nope")
    with pytest.raises(NotFound):
        store.entity("un-404")
    with pytest.raises(NotFound):
        store.entities(version_id=999)
    with pytest.raises(NotFound):
        store.rejections(999)


def test_entity_with_a_nul_character_is_set_aside(store: Store, make_list: MakeList) -> None:
    parsed = make_list("un", 3)
    parsed.entities[1].aliases.append("BROKEN\x00ALIAS")
    outcome = store.save_list_version(parsed)
    assert outcome.loaded == 2 and outcome.rejected == 1
    assert "NUL character" in outcome.rejections[0].reason
    assert [e.id for e in store.entities("un")] == ["un-0", "un-2"]


def test_diff_versions_reports_added_removed_and_changed(store: Store, make_list: MakeList) -> None:
    old = store.save_list_version(make_list("un", 4))
    changed = make_list("un", 5, renamed={1: "RI RENAMED"})
    del changed.entities[3]
    new = store.save_list_version(changed)
    assert old.version_id is not None and new.version_id is not None
    diff = store.diff_versions(old.version_id, new.version_id)
    assert [e.id for e in diff.added] == ["un-4"]
    assert [e.id for e in diff.removed] == ["un-3"]
    [change] = diff.changed
    assert change.entity_id == "un-1"
    assert change.fields["name"].to_dict() == {"old": "KIM PERSON 1", "new": "RI RENAMED"}
    assert store.diff_versions(new.version_id, new.version_id).is_empty()
