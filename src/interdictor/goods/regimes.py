"""Export-control regimes of EU Annex I entries and their own item numbering.

The EU numbering encodes the regime in the digit after the category and group letter:
x0nn Wassenaar, x1nn MTCR, x2nn NSG dual-use (Part 2), x3nn Australia Group, x4nn CWC,
x5nn EU-only; Category 0 is the NSG trigger list (Part 1).

The regimes number their own items differently (MTCR Annex item 1.A.1 is written
``M1A1`` in UK LITE; ``N1A1`` is NSG Part 2 item 1.A.1 and ``T1.1`` NSG Part 1 item 1.1).
The reviewed table ``data/goods/regime_map.csv`` maps those codes to EU entries.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from interdictor.errors import InvalidInput
from interdictor.goods.hs import read_bundled_text

WASSENAAR = "Wassenaar"
MTCR = "MTCR"
MTCR_CAT_I = "MTCR Cat I"
MTCR_CAT_II = "MTCR Cat II"
NSG_PART_1 = "NSG Part 1"
NSG_PART_2 = "NSG Part 2"
AUSTRALIA_GROUP = "Australia Group"
CWC = "CWC"
EU_ONLY = "EU"

# The digit after the group letter: 2B001 -> 0, 1C116 -> 1, 2B201 -> 2, ...
REGIME_BY_DIGIT: dict[int, str] = {
    0: WASSENAAR,
    1: MTCR,
    2: NSG_PART_2,
    3: AUSTRALIA_GROUP,
    4: CWC,
    5: EU_ONLY,
}
REGIME_MAP_FILE = "regime_map.csv"
# Certainty of a mapping row: reviewed (titles and scope agree), probable, uncertain,
# none (no EU counterpart), group (a heading row: the union of the rows below it).
CERTAINTIES = ("reviewed", "probable", "uncertain", "none", "group")
GROUP = "group"
REGIME_MAP_COLUMNS = ("regime_code", "regime", "eu_codes", "basis", "certainty")

EU_CODE = re.compile(
    r"^(?P<category>\d)(?P<group>[A-E])(?P<digit>\d)(?P<number>\d{2})(?P<sub>(?:\.(?:[a-z]|\d{1,2}))*)$"
)
_MTCR_CODE = re.compile(r"^M(?P<item>\d{1,2})(?:(?P<group>[A-E])(?P<rest>\d+(?:[a-z]\d*)*)?)?$")
_NSG2_CODE = re.compile(r"^N(?P<item>\d)?(?:(?P<group>[A-E])(?P<rest>\d+(?:[a-z]\d*)*)?)?$")
_NSG1_CODE = re.compile(r"^T(?P<item>A?\d+)?(?P<rest>(?:\.\d+)*(?:[a-z]\d*)*)$")


@dataclass(frozen=True, slots=True)
class RegimeCode:
    """A regime's own item code, e.g. M1A1 = MTCR Annex item 1.A.1 (Category I)."""

    code: str
    regime: str
    item: str
    category: str = ""

    @property
    def regimes(self) -> list[str]:
        """The regime tags this item code carries, e.g. ["MTCR", "MTCR Cat I"]."""
        return [self.regime, self.category] if self.category else [self.regime]


@dataclass(frozen=True, slots=True)
class RegimeMapping:
    """One reviewed row of the regime map."""

    regime_code: str
    regime: str
    eu_codes: tuple[str, ...]
    basis: str
    certainty: str


def split_eu_code(code: str) -> re.Match[str] | None:
    """Match an EU Annex I code ("2B001", "1C010.b", "3A002.d") into its parts, or None."""
    return EU_CODE.match(code.strip())


def regimes_from_digit(code: str) -> list[str]:
    """Return the regime tag read from the EU numbering alone ([] for a malformed code)."""
    match = split_eu_code(code)
    if match is None:
        return []
    if match["category"] == "0":
        return [NSG_PART_1]
    return [REGIME_BY_DIGIT[int(match["digit"])]]


def regimes_for(code: str) -> list[str]:
    """Return the regime tags of an EU entry or item: its own digit, plus what the reviewed
    map adds (an MTCR Category I/II item, or an NSG item controlled under a Wassenaar entry)."""
    tags = regimes_from_digit(code)
    for regime_code in regime_codes_for(code):
        for tag in parse_regime_code(regime_code).regimes:
            if tag not in tags:
                tags.append(tag)
    return tags


def regime_codes_for(eu_code: str) -> list[str]:
    """Return the regime item codes (M…, N…, T…) mapped to an EU entry or any item under it."""
    index = load_reverse_index()
    top = eu_code.split(".")[0]
    found = set(index.get(eu_code, ())) | set(index.get(top, ()))
    if eu_code == top:  # an entry collects the codes mapped to its items too
        found |= {c for key, codes in index.items() if key.startswith(top + ".") for c in codes}
    return sorted(found, key=sort_key_regime_code)


def eu_codes_for(regime_code: str) -> list[str]:
    """Return the EU entries a regime item code maps to ([] when it has no EU counterpart)."""
    for row in load_regime_map():
        if row.regime_code == regime_code:
            return list(row.eu_codes)
    return []


def parse_regime_code(code: str, category: str = "") -> RegimeCode:
    """Parse a LITE regime item code: "M1A1", "M2A1b1", "N1A3a1", "T1.10", "N", "T".

    MTCR items 1 and 2 are Category I and all others Category II (MTCR Annex).
    """
    text = code.strip()
    if match := _MTCR_CODE.match(text):
        item = join_item(match["item"], match["group"], match["rest"])
        cat = category or (MTCR_CAT_I if match["item"] in ("1", "2") else MTCR_CAT_II)
        return RegimeCode(text, MTCR, item, normalise_mtcr_category(cat))
    if match := _NSG2_CODE.match(text):
        item = join_item(match["item"], match["group"], match["rest"])
        return RegimeCode(text, NSG_PART_2, item)
    if match := _NSG1_CODE.match(text):
        item = (match["item"] or "") + match["rest"]
        return RegimeCode(text, NSG_PART_1, item)
    raise InvalidInput(f"not a regime item code: {code!r}")


def join_item(*parts: str | None) -> str:
    """Write an item number with dots: ("2", "A", "1b1") -> "2.A.1.b.1"."""
    tokens = [t for part in parts if part for t in re.findall(r"\d+|[A-Za-z]", part)]
    return ".".join(tokens)


def normalise_mtcr_category(text: str) -> str:
    """Return "MTCR Cat I" or "MTCR Cat II" for "Cat 1", "Cat 2", "MTCR Cat I", ..."""
    digits = text.replace("MTCR", "").replace("Cat", "").strip()
    return MTCR_CAT_I if digits in ("1", "I") else MTCR_CAT_II


def sort_key_regime_code(code: str) -> tuple[str, list[tuple[int, str]]]:
    """Sort M2A1 before M10A1: numbers by value, letters as text."""
    parts = re.findall(r"\d+|[A-Za-z]+", code[1:])
    return code[:1], [(int(p), "") if p.isdigit() else (0, p) for p in parts]


def read_regime_map(text: str, source: str) -> list[RegimeMapping]:
    """Parse the regime map CSV. A row with an unknown code or EU code is an error: the
    table is reviewed data shipped with the package, so it must be entirely valid."""
    reader = csv.DictReader(io.StringIO(text))
    missing = set(REGIME_MAP_COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise InvalidInput(f"missing columns {sorted(missing)}", source=source)
    rows: list[RegimeMapping] = []
    for line, row in enumerate(reader, start=2):
        rows.append(read_regime_map_row(row, source, line))
    return rows


def read_regime_map_row(row: dict[str, str], source: str, line: int) -> RegimeMapping:
    """Check and return one row of the regime map."""
    position = f"line {line}"
    regime_code = parse_regime_code(row["regime_code"])
    eu_codes = tuple(c.strip() for c in (row["eu_codes"] or "").split(";") if c.strip())
    bad = [c for c in eu_codes if split_eu_code(c) is None]
    if bad:
        raise InvalidInput(f"malformed EU codes {bad}", source=source, position=position)
    if row["certainty"] not in CERTAINTIES:
        raise InvalidInput(
            f"certainty {row['certainty']!r} is not one of {CERTAINTIES}",
            source=source,
            position=position,
        )
    if row["regime"].strip() not in regime_code.regimes:
        raise InvalidInput(
            f"regime {row['regime']!r} does not match code {regime_code.code}",
            source=source,
            position=position,
        )
    return RegimeMapping(
        regime_code.code, row["regime"].strip(), eu_codes, row["basis"].strip(), row["certainty"]
    )


@cache
def load_regime_map() -> tuple[RegimeMapping, ...]:
    """Return the bundled, reviewed regime map."""
    return tuple(read_regime_map(read_bundled_text(REGIME_MAP_FILE), REGIME_MAP_FILE))


@cache
def load_reverse_index() -> dict[str, tuple[str, ...]]:
    """Return EU code -> regime item codes, from the regime map."""
    index: dict[str, list[str]] = {}
    for row in load_regime_map():
        if row.certainty == GROUP:  # a heading row repeats its sub-items' entries
            continue
        for eu_code in row.eu_codes:
            index.setdefault(eu_code, []).append(row.regime_code)
    return {key: tuple(value) for key, value in index.items()}


def read_lite_codes(text: str, source: str) -> list[RegimeCode]:
    """Parse a UK LITE regime seed CSV (headerless: code, status, depth, "UK", [category])."""
    codes: list[RegimeCode] = []
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row:
            continue
        try:
            category = row[4] if len(row) > 4 else ""
            codes.append(parse_regime_code(row[0], category))
        except InvalidInput as error:
            raise InvalidInput(error.reason, source=source, position=f"line {line}") from error
    return codes


def collect_regime_tags(codes: Iterable[str]) -> list[str]:
    """Return the union of regime tags of many EU codes, in first-seen order."""
    tags: list[str] = []
    for code in codes:
        for tag in regimes_for(code):
            if tag not in tags:
                tags.append(tag)
    return tags
