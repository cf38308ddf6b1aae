"""Paths of the real list files in ``../shared/data/sanctions`` used by these tests."""

from __future__ import annotations

from pathlib import Path

SANCTIONS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sanctions"
UN_2026 = SANCTIONS / "un" / "un_consolidated_2026-02-27.xml.gz"
UN_2020 = SANCTIONS / "un" / "un_consolidated_2020-11-23.xml.gz"
OFAC_2021 = SANCTIONS / "ofac" / "sdn_2021-07"
OFAC_2024 = SANCTIONS / "ofac" / "sdn_2024-05-03.csv.gz"
EU_DPRK = SANCTIONS / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"
