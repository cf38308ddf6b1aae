"""The real list files in ``../shared/data/sanctions``, each parsed once per session."""

from __future__ import annotations

import pytest
from list_files import EU_DPRK, OFAC_2021, OFAC_2024, UN_2020, UN_2026

from interdictor.lists import ParseResult, parse_file


@pytest.fixture(scope="session")
def un_2026() -> ParseResult:
    return parse_file(UN_2026)


@pytest.fixture(scope="session")
def un_2020() -> ParseResult:
    return parse_file(UN_2020)


@pytest.fixture(scope="session")
def ofac_2021() -> ParseResult:
    return parse_file(OFAC_2021)


@pytest.fixture(scope="session")
def ofac_2024() -> ParseResult:
    return parse_file(OFAC_2024)


@pytest.fixture(scope="session")
def eu_dprk() -> ParseResult:
    return parse_file(EU_DPRK)
