"""Screeners over the real bundled lists, built once per test session."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interdictor.lists import parse_file
from interdictor.model import ListedEntity
from interdictor.screening import Screener

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sanctions"
UN_2026 = SHARED / "un" / "un_consolidated_2026-02-27.xml.gz"
EU_DPRK = SHARED / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"
OFAC_2024 = SHARED / "ofac" / "sdn_2024-05-03.csv.gz"


@pytest.fixture(scope="session")
def un_entities() -> list[ListedEntity]:
    return parse_file(UN_2026).entities


@pytest.fixture(scope="session")
def eu_entities() -> list[ListedEntity]:
    return parse_file(EU_DPRK).entities


@pytest.fixture(scope="session")
def ofac_entities() -> list[ListedEntity]:
    return parse_file(OFAC_2024).entities


@pytest.fixture(scope="session")
def eu_latin_only(eu_entities: list[ListedEntity]) -> list[ListedEntity]:
    """The EU list without its Hangul and Han spellings: queries in those scripts
    must then be matched through romanisation, not by copying the listed string."""

    def latin(names: list[str]) -> list[str]:
        return [n for n in names if n.isascii()]

    return [
        replace(e, aliases=latin(e.aliases), original_names=[], weak_aliases=latin(e.weak_aliases))
        for e in eu_entities
    ]


@pytest.fixture(scope="session")
def un_screener(un_entities: list[ListedEntity]) -> Screener:
    return Screener(un_entities)


@pytest.fixture(scope="session")
def eu_latin_screener(eu_latin_only: list[ListedEntity]) -> Screener:
    return Screener(eu_latin_only)


@pytest.fixture(scope="session")
def all_screener(
    un_entities: list[ListedEntity],
    eu_entities: list[ListedEntity],
    ofac_entities: list[ListedEntity],
) -> Screener:
    return Screener([*un_entities, *eu_entities, *ofac_entities])
