"""Reuse of officers' decisions kept in the store (SQLite and PostgreSQL): identical,
near-identical and different descriptions, supersession, and the classifier."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from interdictor.errors import InvalidInput
from interdictor.goods.classify import Classifier, GoodsLine
from interdictor.goods.decisions import DecisionStore, make_record
from interdictor.store import Store


@pytest.fixture
def decisions(store: Store) -> DecisionStore:
    kept = DecisionStore(store)
    kept.record("5-axis machining centre DMU 50", "2B201", "8457.10", "A. Officer", "5 axes")
    return kept


def test_identical_description_reuses_with_provenance(decisions: DecisionStore) -> None:
    reused = decisions.lookup("5-AXIS MACHINING CENTRE DMU 50")
    assert reused is not None and reused.exact and reused.similarity == 1.0
    decision = reused.decision
    assert decision.entry == "2B201" and decision.hs_code == "8457.10"
    assert decision.decided_by == "A. Officer" and decision.note == "5 axes"
    assert decision.description == "5-axis machining centre DMU 50"
    assert decision.id is not None and decision.source == "interdictor decide"
    assert datetime.fromisoformat(decision.decided_at).tzinfo is not None


@pytest.mark.parametrize(
    "variant", ["DMU 50 5-axis machining centre", "5-axis machinning centre DMU 50"]
)
def test_near_identical_description_reuses(decisions: DecisionStore, variant: str) -> None:
    reused = decisions.lookup(variant)
    assert reused is not None and not reused.exact
    assert reused.similarity >= 0.92 and reused.decision.entry == "2B201"


@pytest.mark.parametrize(
    "different",
    ["3-axis machining centre DMU 50", "5-axis machining centre DMU 80", "sewing machine"],
)
def test_different_description_does_not_reuse(decisions: DecisionStore, different: str) -> None:
    assert decisions.lookup(different) is None


def test_a_later_decision_supersedes_and_the_earlier_stays(
    store: Store, decisions: DecisionStore
) -> None:
    first = decisions.lookup("5-axis machining centre DMU 50")
    assert first is not None
    decisions.record("5-axis machining centre DMU 50", "", "8457.10", "B. Officer", "reviewed")
    again = DecisionStore(store)  # a fresh read of the store
    assert len(again) == 1
    reused = again.lookup("5-axis machining centre dmu 50")
    assert reused is not None and reused.decision.entry == ""
    assert reused.decision.decided_by == "B. Officer"
    history = again.history("5-AXIS MACHINING CENTRE DMU 50")
    assert [d.decided_by for d in history] == ["A. Officer", "B. Officer"]
    assert history[0] == first.decision  # unchanged, still stored
    assert len(store.decisions()) == 2


def test_an_older_decision_imported_later_does_not_override(
    store: Store, decisions: DecisionStore
) -> None:
    older = make_record(
        "5-axis machining centre DMU 50",
        "",
        "",
        "Z. Archive",
        "",
        datetime(2020, 1, 1, tzinfo=UTC),
        "old.jsonl:line 1",
    )
    assert store.import_decisions([older]).imported == 1
    reused = DecisionStore(store).lookup("5-axis machining centre DMU 50")
    assert reused is not None and reused.decision.decided_by == "A. Officer"
    assert [d.decided_by for d in decisions.history("5-axis machining centre DMU 50")] == [
        "Z. Archive",
        "A. Officer",
    ]


def test_a_decision_needs_description_and_officer(decisions: DecisionStore) -> None:
    with pytest.raises(InvalidInput):
        decisions.record("", "1C010", "", "A. Officer")
    with pytest.raises(InvalidInput):
        decisions.record("carbon fibre", "1C010", "", " ")
    with pytest.raises(InvalidInput, match="longer than 64"):
        decisions.record("carbon fibre", "1C010" * 20, "", "A. Officer")
    assert len(decisions.store.decisions()) == 1


def test_classifier_applies_the_decision(decisions: DecisionStore) -> None:
    result = Classifier(decisions=decisions).classify(
        GoodsLine("t", "5 axis machining centre dmu 50")
    )
    assert [c.entry for c in result.controls] == ["2B201"]
    assert "officer decision by A. Officer" in result.controls[0].reasons[0]
    shown = result.to_dict()["decision"]
    assert shown["similarity"] == 1.0 and shown["id"] == result.decision.decision.id  # type: ignore[union-attr]


def test_decided_hs_code_is_what_the_declared_code_is_checked_against(
    decisions: DecisionStore,
) -> None:
    classifier = Classifier(decisions=decisions)
    fits = classifier.classify(GoodsLine("t", "5-axis machining centre DMU 50", "8457.10.90"))
    assert fits.hs.consistent is True and fits.hs.suggested == ["8457.10"]
    other = classifier.classify(GoodsLine("t", "5-axis machining centre DMU 50", "8459.61"))
    assert other.hs.mislabelled
