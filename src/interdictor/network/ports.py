"""Ports by UN/LOCODE: coordinates from the World Port Index, a reviewed alias table, and
a reviewed table of ports in sanctioned states and of hubs that serve them.

The World Port Index (NGA Pub. 150) prints some codes that differ from the current
UN/LOCODE (Dalian is ``CN DAL`` there and ``CNDLC`` in UN/LOCODE). ``resolve_code``
maps both spellings to the UN/LOCODE, so ``port("CN DAL")`` and ``port("CNDLC")`` give
the same port. An unknown code is not an error: ``port`` returns None.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "network"
EARTH_RADIUS_KM = 6371.0088
SANCTIONED_STATE = "sanctioned_state"
HUB_SERVING_SANCTIONED_STATE = "hub_serving_sanctioned_state"


@dataclass(frozen=True, slots=True)
class PortRisk:
    """Why a port matters: its category, the sanctioned state (ISO alpha-2), the basis."""

    category: str
    serves: str
    basis: str


@dataclass(frozen=True, slots=True)
class Port:
    """A port: current UN/LOCODE, the code the World Port Index prints, and coordinates."""

    code: str
    name: str
    country: str
    latitude: float
    longitude: float
    wpi_code: str
    alternate_names: str = ""
    harbor_size: str = ""
    risk: PortRisk | None = None


def _read_table(name: str) -> list[dict[str, str]]:
    """Rows of a bundled CSV in ``interdictor/data/network``."""
    with (DATA_DIR / name).open("r", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def load_aliases() -> dict[str, str]:
    """World Port Index code -> current UN/LOCODE, from the reviewed alias table."""
    return {row["wpi_code"]: row["locode"] for row in _read_table("locode_aliases.csv")}


@cache
def load_risks() -> dict[str, PortRisk]:
    """Reviewed port risks; keys are a UN/LOCODE or ``*CC`` for every port of a country."""
    return {
        row["locode"]: PortRisk(row["category"], row["serves"], row["basis"])
        for row in _read_table("port_risk.csv")
    }


@cache
def load_ports() -> dict[str, Port]:
    """Every bundled port keyed by its current UN/LOCODE."""
    aliases = load_aliases()
    ports: dict[str, Port] = {}
    for row in _read_table("ports.csv"):
        code = aliases.get(row["wpi_code"], row["wpi_code"])
        ports[code] = Port(
            code=code,
            name=row["name"],
            country=row["country"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            wpi_code=row["wpi_code"],
            alternate_names=row["alternate_names"],
            harbor_size=row["harbor_size"],
            risk=_risk_for(code),
        )
    return ports


def _risk_for(code: str) -> PortRisk | None:
    """The port's own risk row, else its country's, else None."""
    risks = load_risks()
    return risks.get(code) or risks.get("*" + code[:2])


def resolve_code(code: str) -> str:
    """The current UN/LOCODE for a printed code: spaces dropped, upper case, alias applied."""
    compact = code.replace(" ", "").strip().upper()
    return load_aliases().get(compact, compact)


def port(code: str) -> Port | None:
    """The port for a UN/LOCODE or World Port Index code, or None if unknown."""
    return load_ports().get(resolve_code(code))


def is_known(code: str) -> bool:
    """True if the code names a port in the bundled table (aliases included)."""
    return resolve_code(code) in load_ports()


def country_of(code: str) -> str | None:
    """ISO 3166 alpha-2 country of a port; for unknown codes, the UN/LOCODE prefix."""
    found = port(code)
    if found is not None:
        return found.country
    compact = resolve_code(code)
    return compact[:2] if len(compact) == 5 and compact[:2].isalpha() else None


def risk_of(code: str) -> PortRisk | None:
    """The reviewed risk of a port (sanctioned state, or hub serving one), if any."""
    return _risk_for(resolve_code(code))


def is_sanctioned_state_port(code: str) -> bool:
    """True for a port in a sanctioned state (DPRK, Iran, Syria)."""
    risk = risk_of(code)
    return risk is not None and risk.category == SANCTIONED_STATE


def serves_sanctioned_state(code: str) -> str | None:
    """The sanctioned state a hub borders or serves (e.g. ``KP`` for Dandong), else None."""
    risk = risk_of(code)
    if risk is not None and risk.category == HUB_SERVING_SANCTIONED_STATE:
        return risk.serves
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km(code_a: str, code_b: str) -> float | None:
    """Great-circle distance between two ports, or None if either is unknown."""
    a, b = port(code_a), port(code_b)
    if a is None or b is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def ports_near(code: str, radius_km: float) -> list[tuple[Port, float]]:
    """Ports within ``radius_km`` of a port, nearest first (the port itself excluded)."""
    centre = port(code)
    if centre is None:
        return []
    found = [
        (other, haversine_km(centre.latitude, centre.longitude, other.latitude, other.longitude))
        for other in load_ports().values()
        if other.code != centre.code
    ]
    return sorted((p for p in found if p[1] <= radius_km), key=lambda p: (p[1], p[0].code))
