"""Reuse of officers' decisions: identical, near-identical, and different descriptions."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdictor.errors import InvalidInput
from interdictor.goods.classify import Classifier, GoodsLine
from interdictor.goods.decisions import DecisionStore


@pytest.fixture
def store(tmp_path: Path) -> DecisionStore:
    decisions = DecisionStore.in_home(tmp_path)
    decisions.record("5-axis machining centre DMU 50", "2B201", "8457.10", "A. Officer", "5 axes")
    return decisions


def test_identical_description_reuses_with_provenance(store: DecisionStore) -> None:
    reused = store.lookup("5-AXIS MACHINING CENTRE DMU 50")
    assert reused is not None and reused.exact and reused.similarity == 1.0
    assert reused.decision.entry == "2B201"
    assert reused.decision.decided_by == "A. Officer"
    assert reused.decision.description == "5-axis machining centre DMU 50"


@pytest.mark.parametrize(
    "variant", ["DMU 50 5-axis machining centre", "5-axis machinning centre DMU 50"]
)
def test_near_identical_description_reuses(store: DecisionStore, variant: str) -> None:
    reused = store.lookup(variant)
    assert reused is not None and not reused.exact
    assert reused.similarity >= 0.92


@pytest.mark.parametrize(
    "different",
    ["3-axis machining centre DMU 50", "5-axis machining centre DMU 80", "sewing machine"],
)
def test_different_description_does_not_reuse(store: DecisionStore, different: str) -> None:
    assert store.lookup(different) is None


def test_decisions_persist_and_later_ones_win(tmp_path: Path, store: DecisionStore) -> None:
    store.record("5-axis machining centre DMU 50", "", "8457.10", "B. Officer", "reviewed")
    again = DecisionStore.in_home(tmp_path)
    assert len(again) == 1
    reused = again.lookup("5-axis machining centre DMU 50")
    assert (
        reused is not None
        and reused.decision.entry == ""
        and reused.decision.decided_by == "B. Officer"
    )
    assert len((tmp_path / "goods_decisions.jsonl").read_text().splitlines()) == 2


def test_bad_lines_are_set_aside(tmp_path: Path, store: DecisionStore) -> None:
    with (tmp_path / "goods_decisions.jsonl").open("a") as handle:
        handle.write("{not json\n")
        handle.write('{"description": "x"}\n')
    again = DecisionStore.in_home(tmp_path)
    assert len(again) == 1
    assert [r.position for r in again.rejected] == ["line 2", "line 3"]


def test_a_decision_needs_description_and_officer(store: DecisionStore) -> None:
    with pytest.raises(InvalidInput):
        store.record("", "1C010", "", "A. Officer")
    with pytest.raises(InvalidInput):
        store.record("carbon fibre", "1C010", "", " ")


def test_classifier_applies_the_decision(store: DecisionStore) -> None:
    result = Classifier(decisions=store).classify(GoodsLine("t", "5 axis machining centre dmu 50"))
    assert [c.entry for c in result.controls] == ["2B201"]
    assert "officer decision by A. Officer" in result.controls[0].reasons[0]
    assert result.to_dict()["decision"]["similarity"] == 1.0


def test_decided_hs_code_is_what_the_declared_code_is_checked_against(
    store: DecisionStore,
) -> None:
    classifier = Classifier(decisions=store)
    fits = classifier.classify(GoodsLine("t", "5-axis machining centre DMU 50", "8457.10.90"))
    assert fits.hs.consistent is True and fits.hs.suggested == ["8457.10"]
    other = classifier.classify(GoodsLine("t", "5-axis machining centre DMU 50", "8459.61"))
    assert other.hs.mislabelled
