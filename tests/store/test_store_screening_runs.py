"""Screening runs: stored with their matches and unmatched queries, read back in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interdictor.store import ScreeningMatch, Store

MakeList = Callable[..., Any]  # the ``make_list`` fixture of tests/store/conftest.py


def test_screening_run_round_trips(store: Store, make_list: MakeList) -> None:
    store.save_list_version(make_list("un", 3))
    query = {"name": "Kim Person 1", "schema": "Person", "country": "kp"}
    explanation = {"features": [{"rule": "name_literal_match", "contribution": 0.8}]}
    matches = [
        ScreeningMatch("q1", query, "un-1", "un", 0.91, explanation),
        ScreeningMatch("q1", query, "un-2", "un", 0.42, explanation),
        ScreeningMatch("q2", {"name": "Nobody Listed"}),
    ]
    fingerprint = store.fingerprint()
    run_id = store.save_screening_run(fingerprint, matches, {"threshold": 0.4})
    [run] = store.screening_runs()
    assert run.id == run_id and run.list_fingerprint == fingerprint
    assert (run.query_count, run.match_count) == (2, 2)
    assert run.parameters == {"threshold": 0.4}
    assert store.screening_matches(run_id) == matches


def test_screening_runs_are_listed_newest_first(store: Store) -> None:
    first = store.save_screening_run("a" * 64, [ScreeningMatch("q", {"name": "X"})])
    second = store.save_screening_run("b" * 64, [])
    assert [r.id for r in store.screening_runs()] == [second, first]
    assert store.screening_matches(second) == []
