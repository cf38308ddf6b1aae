"""Identifiers, countries and birth dates for and against a match."""

from __future__ import annotations

from interdictor.screening import Screener, make_query


def test_imo_number_alone_finds_the_vessel(eu_latin_screener: Screener) -> None:
    matches = eu_latin_screener.screen(make_query(identifier="IMO 8606173"), threshold=0.5)
    assert matches, "a designated IMO number must match"
    assert matches[0].entity.schema == "Vessel"
    assert matches[0].score >= 0.9


def test_imo_with_wrong_check_digit_is_not_evidence(eu_latin_screener: Screener) -> None:
    assert eu_latin_screener.screen(make_query(identifier="IMO 8606174"), threshold=0.5) == []


def test_birth_date_contradiction_lowers_the_score(eu_latin_screener: Screener) -> None:
    plain = eu_latin_screener.screen(make_query("Pak Jae Gyong", "Person"), threshold=0.0)[0]
    agree = eu_latin_screener.screen(
        make_query("Pak Jae Gyong", "Person", birth_date="1933-06-10"), threshold=0.0
    )[0]
    clash = eu_latin_screener.screen(
        make_query("Pak Jae Gyong", "Person", birth_date="1980"), threshold=0.0
    )[0]
    assert agree.entity.id == plain.entity.id == clash.entity.id
    assert agree.score > plain.score > clash.score


def test_schema_mismatch_excludes_vessels_from_person_queries(
    eu_latin_screener: Screener,
) -> None:
    for match in eu_latin_screener.screen(make_query("Chong Rim", "Person"), threshold=0.0):
        assert match.entity.schema == "Person"


def test_explanation_names_each_feature(eu_latin_screener: Screener) -> None:
    match = eu_latin_screener.screen(
        make_query("Pak Jae Gyong", "Person", country="kp", birth_date="1933"), threshold=0.0
    )[0]
    features = {f["feature"]: f for f in match.explanation["features"]}
    assert {"name", "birth_date"} <= set(features)
    for feature in match.explanation["features"]:
        assert {"feature", "rule", "query", "listed", "contribution", "detail"} <= set(feature)
    assert features["birth_date"]["contribution"] > 0
