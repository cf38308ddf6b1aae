"""The real list files in ``../shared/data/sanctions``, each parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdictor.lists import ParseResult, parse_file

SANCTIONS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sanctions"
UN_2026 = SANCTIONS / "un" / "un_consolidated_2026-02-27.xml.gz"
UN_2020 = SANCTIONS / "un" / "un_consolidated_2020-11-23.xml.gz"
OFAC_2021 = SANCTIONS / "ofac" / "sdn_2021-07"
OFAC_2024 = SANCTIONS / "ofac" / "sdn_2024-05-03.csv.gz"
EU_DPRK = SANCTIONS / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"


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
