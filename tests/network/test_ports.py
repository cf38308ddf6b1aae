"""Ports: the World Port Index extract, the reviewed alias table and the risk table."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from interdictor.network import ports

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
WPI = SHARED / "geo" / "ports" / "world_port_index.csv.gz"


@pytest.mark.parametrize(
    ("printed", "code", "name"),
    [
        ("CN DAL", "CNDLC", "Dalian"),  # DESIGN.md: WPI has Dalian as CN DAL
        ("CNDLC", "CNDLC", "Dalian"),
        ("CN DDZ", "CNDDG", "Dandong"),  # DESIGN.md: WPI has Dandong as CN DDZ
        ("cnsha", "CNSHA", "Shanghai"),
        ("SGSIN", "SGSIN", "Keppel - (East Singapore)"),
        ("KP NAM", "KPNAM", "Nampo"),
    ],
)
def test_lookup_by_either_spelling(printed: str, code: str, name: str) -> None:
    found = ports.port(printed)
    assert found is not None and (found.code, found.name) == (code, name)
    assert ports.is_known(printed)


def test_unknown_code_is_none_but_keeps_its_country() -> None:
    assert ports.port("XXZZZ") is None and not ports.is_known("XXZZZ")
    assert ports.country_of("XXZZZ") == "XX"
    assert ports.country_of("12") is None
    assert ports.distance_km("CNDLC", "XXZZZ") is None


def test_every_alias_points_from_a_wpi_code_to_a_code_wpi_does_not_use() -> None:
    with gzip.open(WPI, "rt", encoding="utf-8-sig") as handle:
        wpi_codes = {row["UN/LOCODE"].replace(" ", "") for row in csv.DictReader(handle)}
    for wpi_code, locode in ports.load_aliases().items():
        assert wpi_code in wpi_codes, wpi_code
        assert locode not in wpi_codes, locode  # else the alias would hide a real WPI port
        assert wpi_code[:2] == locode[:2]


def test_bundled_table_matches_the_world_port_index_coordinates() -> None:
    with gzip.open(WPI, "rt", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["UN/LOCODE"].replace(" ", "") == "KPNAM"]
    nampo = ports.port("KPNAM")
    assert nampo is not None
    assert nampo.latitude == pytest.approx(float(rows[0]["Latitude"]), abs=1e-3)
    assert nampo.longitude == pytest.approx(float(rows[0]["Longitude"]), abs=1e-3)


def test_sanctioned_state_ports_and_hubs_that_serve_them() -> None:
    assert ports.is_sanctioned_state_port("KPNAM") and ports.is_sanctioned_state_port("IRBND")
    assert not ports.is_sanctioned_state_port("CNDLC")
    assert ports.serves_sanctioned_state("CN DDZ") == "KP"
    assert ports.serves_sanctioned_state("RUNJK") == "KP"
    assert ports.serves_sanctioned_state("AEJEA") == "IR"
    assert ports.serves_sanctioned_state("SGSIN") is None
    assert ports.serves_sanctioned_state("KRPUS") is None
    for code, risk in ports.load_risks().items():
        assert risk.basis and risk.serves in ("KP", "IR", "SY"), code
        if not code.startswith("*"):
            assert ports.is_known(code), code


def test_distances_are_great_circle_kilometres() -> None:
    # Dalian to Nampo is about 320 km across the Korea Bay
    assert ports.distance_km("CNDLC", "KPNAM") == pytest.approx(324, abs=5)
    assert ports.distance_km("SGSIN", "SGSIN") == 0.0
    near = [p.code for p, _ in ports.ports_near("CNDDG", 400)]
    assert "KPNAM" in near and "CNDDG" not in near
