"""Reference tables the generator draws on: name parts, DPRK listings, HS subheadings,
ports by country, and the component sets of controlled items.

All are bundled with the package (``interdictor/data``), so a world can be generated
without the shared data folder.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
NETWORK_DATA = DATA / "network"
HS_FILE = DATA / "goods" / "hs2022_nomenclature.csv.gz"

# Chapters of containerised general trade; arms (93) and live animals are left out.
TRADE_CHAPTERS = (
    "03", "08", "09", "15", "20", "22", "25", "28", "29", "32", "33", "34", "38", "39",
    "40", "44", "48", "52", "54", "55", "61", "62", "63", "64", "68", "69", "70", "72",
    "73", "74", "76", "82", "83", "84", "85", "87", "90", "94", "95", "96",
)  # fmt: skip
# Headings no ordinary trader ships in a container: radioactive materials, nuclear
# reactors and fuel elements, alkaloids such as ephedrine (drug precursors), armoured vehicles.
SENSITIVE_HEADINGS = ("2844", "2845", "8401", "2939", "8710")
PIECE_CHAPTERS = ("61", "62", "63", "64", "82", "84", "85", "87", "90", "94", "95", "96")

# Main container ports per country (current UN/LOCODE; all in the bundled port table).
COUNTRY_PORTS: dict[str, tuple[str, ...]] = {
    "CN": ("CNSHA", "CNNGB", "CNTAO", "CNTXG", "CNYTN", "CNXMN", "CNDLC", "CNCAN"),
    "HK": ("HKHKG",), "KR": ("KRPUS", "KRINC"), "JP": ("JPYOK", "JPUKB", "JPNGO", "JPTYO"),
    "SG": ("SGSIN",), "MY": ("MYPKG", "MYTPP"), "TH": ("THLCH",), "VN": ("VNSGN", "VNHPH"),
    "IN": ("INNSA", "INMUN", "INMAA"), "AE": ("AEJEA",), "TR": ("TRMER", "TRAMR"),
    "DE": ("DEHAM", "DEBRV"), "NL": ("NLRTM",), "GB": ("GBFXT",), "IT": ("ITGOA",),
    "US": ("USLAX", "USLGB", "USNYC", "USSAV", "USHOU"), "RU": ("RUVVO", "RUNVS"),
    "PK": ("PKKHI", "PKBQM"), "ID": ("IDJKT",), "BR": ("BRSSZ",),
    "KP": ("KPNAM", "KPCHO", "KPHGM"),
}  # fmt: skip
# Transshipment hubs of ordinary trade; none borders or serves a sanctioned state.
LEGIT_HUBS = ("SGSIN", "KRPUS", "HKHKG", "MYTPP", "LKCMB", "NLRTM", "BEANR", "ESALG", "TWKHH")
LEGIT_COUNTRIES = tuple(c for c in COUNTRY_PORTS if c != "KP")
CURRENCY = {"JP": "JPY", "DE": "EUR", "NL": "EUR", "IT": "EUR", "GB": "GBP"}
# Machine tools, priced by their own table in ``legit.py``, not by the catalog norm.
MACHINE_TOOL_CODES = ("845710", "845961", "845811")
# Mislabelled cargo: (true HS, description, declared HS, unit, unit price in USD). The
# declared codes are made common in ordinary trade, so that they have a price norm.
MISLABELS = (
    ("845710", "5-axis CNC vertical machining centre, model VMC-850", "845229", "pcs", 95_000.0),
    ("760820", "Aluminium alloy tubes, 7075-T6, outer diameter 150 mm", "732690", "kg", 9.5),
    ("722830", "Maraging steel round bar, grade 350", "721420", "kg", 24.0),
    # 8445 (textile winding) is an accepted heading for 1B001 machines (HS correlation
    # table), so declaring one there is no mislabel; 8452 (sewing machines) is.
    ("847989", "Filament winding machine, 3-axis, CNC", "845229", "pcs", 120_000.0),
    ("681511", "Carbon fibre, 12K tow, T800 grade", "540233", "kg", 45.0),
)


@dataclass(frozen=True, slots=True)
class HsItem:
    """A traded HS subheading: code, a trade description, the unit and a norm unit price."""

    code: str
    description: str
    unit: str
    unit_price: float  # USD per unit, the norm of the world


@dataclass(frozen=True, slots=True)
class Listed:
    """A DPRK listing of EU Regulation 2017/1509 (bundled extract)."""

    schema: str
    name: str
    aliases: tuple[str, ...]
    imo: str
    address: str


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def load_name_parts() -> dict[str, dict[str, tuple[str, ...]]]:
    """country -> kind -> values; kind ``*`` rows are shared by every country."""
    parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _read_csv(NETWORK_DATA / "name_parts.csv"):
        parts[row["country"]][row["kind"]].append(row["value"])
    return {c: {k: tuple(v) for k, v in kinds.items()} for c, kinds in parts.items()}


@cache
def load_listed() -> tuple[Listed, ...]:
    """The bundled DPRK listings, in file order."""
    return tuple(
        Listed(
            row["schema"],
            row["name"],
            tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
            row["imo"],
            row["address"],
        )
        for row in _read_csv(NETWORK_DATA / "dprk_listed.csv")
    )


@cache
def load_component_sets() -> dict[str, list[tuple[str, str, str]]]:
    """Controlled item -> [(component, first HS prefix, first keyword)] from the reviewed table."""
    sets: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in _read_csv(NETWORK_DATA / "component_sets.csv"):
        hs = row["hs_prefixes"].split(";")[0].strip()
        keyword = row["keywords"].split(";")[0].strip()
        sets[row["item"]].append((row["component"], hs, keyword))
    return dict(sets)


def list_component_prefixes() -> tuple[str, ...]:
    """Every HS prefix named in the component sets (kept out of ordinary trade)."""
    found: list[str] = []
    for row in _read_csv(NETWORK_DATA / "component_sets.csv"):
        found.extend(p.strip() for p in row["hs_prefixes"].split(";") if p.strip())
    return tuple(sorted(set(found)))


_NOISE = re.compile(r"\s*\((?:excluding|other than|not)[^)]*\)|\bn\.e\.c\.(?: in [^;,]*)?", re.I)


def clean_description(text: str) -> str:
    """An HS text as a trader writes it: "Furniture; metal, for office use" ->
    "Furniture, metal, for office use"; exclusions and "n.e.c." dropped."""
    text = _NOISE.sub("", text).replace(" ,", ",")
    parts = [p.strip(" ,") for p in text.split(";") if p.strip(" ,")]
    if len(parts) > 1 and parts[1].lower().startswith("other"):
        parts = parts[:1]
    words = ", ".join(parts[:2])
    return words[:1].upper() + words[1:]


def _is_tradeable(text: str) -> bool:
    """Short, plain descriptions only: no cross-references to other codes."""
    return len(text) <= 80 and not re.search(r"\d|excluding|thereof|heading", text, re.I)


# Unit price ranges by chapter, in USD per kg or per piece: the catalog norm of a code is
# a stable point in its chapter's range (an order of magnitude, not a market price).
CHAPTER_PRICES: dict[str, tuple[float, float]] = {
    "03": (2, 15), "08": (1, 6), "09": (2, 12), "15": (0.8, 3), "20": (1, 4), "22": (0.5, 5),
    "25": (0.05, 0.5), "28": (0.3, 5), "29": (1, 20), "32": (2, 15), "33": (5, 40),
    "34": (1, 5), "38": (1, 10), "39": (1, 5), "40": (1.5, 6), "44": (0.3, 3), "48": (0.7, 4),
    "52": (2, 8), "54": (2, 10), "55": (2, 8), "61": (2, 30), "62": (3, 40), "63": (1, 15),
    "64": (4, 40), "68": (0.3, 3), "69": (0.5, 4), "70": (0.8, 6), "72": (0.4, 2),
    "73": (1, 6), "74": (6, 12), "76": (2.5, 8), "82": (2, 60), "83": (2, 10),
    "84": (50, 30_000), "85": (5, 3_000), "87": (10, 2_000), "90": (20, 8_000),
    "94": (20, 400), "95": (1, 50), "96": (0.2, 10),
}  # fmt: skip


def _norm_price(code: str) -> float:
    """A stable norm unit price per code (independent of the seed), in USD."""
    low, high = CHAPTER_PRICES[code[:2]]
    spread = (zlib.crc32(code.encode()) % 1000) / 1000.0
    return round(low * math.exp(spread * math.log(high / low)), 2)


@cache
def load_hs_catalog() -> tuple[HsItem, ...]:
    """Subheadings of ordinary trade, excluding the component-set prefixes."""
    excluded = list_component_prefixes()
    items = []
    with gzip.open(HS_FILE, "rt", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code = row["hscode"]
            if row["level"] != "6" or code[:2] not in TRADE_CHAPTERS:
                continue
            if code.startswith(excluded + SENSITIVE_HEADINGS) or code in MACHINE_TOOL_CODES:
                continue
            unit = "pcs" if code[:2] in PIECE_CHAPTERS else "kg"
            desc = clean_description(row["description"])
            if not _is_tradeable(desc):
                continue
            items.append(HsItem(code, desc, unit, _norm_price(code)))
    return tuple(items)
