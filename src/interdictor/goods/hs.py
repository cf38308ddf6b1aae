"""The Harmonized System nomenclature, editions 2017 and 2022.

Codes are kept as digit strings of length 2 (chapter), 4 (heading) or 6 (subheading).
National tariff codes (8 or 10 digits, e.g. a CN or HTS code) are reduced to their
6-digit HS part when validated.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from interdictor.errors import InvalidInput, NotFound

HS_EDITIONS: tuple[str, ...] = ("2017", "2022")

# Separators seen on trade documents: "8456.11", "8456 11 00", "8456-11", "8456/11".
_SEPARATORS = re.compile(r"[\s.\-/]+")
_DIGITS = re.compile(r"\d+")


class HSStatus(StrEnum):
    """Outcome of validating a declared HS code."""

    VALID = "valid"
    MALFORMED = "malformed"
    UNKNOWN_IN_EDITION = "unknown_in_edition"


@dataclass(frozen=True, slots=True)
class HSCode:
    """One chapter, heading or subheading of an HS edition."""

    code: str
    level: int
    description: str
    parent: str | None
    section: str


@dataclass(frozen=True, slots=True)
class HSValidation:
    """The verdict on one declared code: the normalised 6-digit (or shorter) part and why."""

    declared: str
    code: str | None
    status: HSStatus
    message: str
    edition: str
    national_suffix: str = ""

    @property
    def valid(self) -> bool:
        return self.status is HSStatus.VALID


def normalise_hs_code(text: str) -> tuple[str | None, str]:
    """Return (hs_part, national_suffix) for a declared code, or (None, reason) if malformed.

    "8456.11" -> ("845611", ""); "8456 11 00" -> ("845611", "00");
    "84561190 10" -> ("845611", "9010"). Odd lengths (3, 5, 7, 9) are malformed.
    """
    stripped = text.strip()
    if not stripped:
        return None, "empty code"
    compact = _SEPARATORS.sub("", stripped)
    if not _DIGITS.fullmatch(compact):
        return None, f"non-digit characters in {stripped!r}"
    if len(compact) not in (2, 4, 6, 8, 10):
        return None, f"{len(compact)} digits in {stripped!r}; expected 2, 4, 6, 8 or 10"
    return compact[:6], compact[6:]


class HSNomenclature:
    """One edition of the HS: look-up, validation and the code hierarchy."""

    def __init__(self, edition: str, codes: Iterable[HSCode], sections: dict[str, str]):
        self.edition = edition
        self.sections = sections
        self._codes: dict[str, HSCode] = {c.code: c for c in codes}
        self._children: dict[str, list[str]] = {}
        for code in self._codes.values():
            if code.parent is not None:
                self._children.setdefault(code.parent, []).append(code.code)
        for kids in self._children.values():
            kids.sort()

    @classmethod
    def load(cls, edition: str) -> HSNomenclature:
        """Return the bundled nomenclature of ``edition`` ("2017" or "2022"), loaded once."""
        if edition not in HS_EDITIONS:
            raise NotFound(
                f"HS edition {edition!r} is not bundled; known: {', '.join(HS_EDITIONS)}"
            )
        return _load_edition(edition)

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes

    def get(self, code: str) -> HSCode | None:
        """Return the entry for a code written in any common form, or None."""
        part, _ = normalise_hs_code(code)
        return self._codes.get(part) if part else None

    def validate(self, code: str) -> HSValidation:
        """Check a declared code against this edition. National 8/10-digit codes keep their
        6-digit HS part; the national suffix is reported but not checked."""
        part, rest = normalise_hs_code(code)
        if part is None:
            return HSValidation(code, None, HSStatus.MALFORMED, rest, self.edition)
        if part not in self._codes:
            message = f"{format_hs_code(part)} does not exist in HS {self.edition}"
            return HSValidation(
                code, part, HSStatus.UNKNOWN_IN_EDITION, message, self.edition, rest
            )
        message = f"{format_hs_code(part)}: {self._codes[part].description}"
        return HSValidation(code, part, HSStatus.VALID, message, self.edition, rest)

    def children(self, code: str) -> list[HSCode]:
        """Return the direct children of a chapter or heading."""
        part, _ = normalise_hs_code(code)
        return [self._codes[c] for c in self._children.get(part or "", [])]

    def ancestors(self, code: str) -> list[HSCode]:
        """Return the heading and chapter above a code, nearest first."""
        found: list[HSCode] = []
        current = self.get(code)
        while current is not None and current.parent is not None:
            current = self._codes.get(current.parent)
            if current is not None:
                found.append(current)
        return found

    def chapter(self, code: str) -> HSCode | None:
        """Return the 2-digit chapter that holds a code."""
        part, _ = normalise_hs_code(code)
        return self._codes.get(part[:2]) if part else None

    def heading(self, code: str) -> HSCode | None:
        """Return the 4-digit heading that holds a code (None for a bare chapter)."""
        part, _ = normalise_hs_code(code)
        return self._codes.get(part[:4]) if part and len(part) >= 4 else None

    def codes(self, level: int | None = None) -> Iterator[HSCode]:
        """Iterate over all codes, or those of one level (2, 4 or 6), in code order."""
        for key in sorted(self._codes):
            if level is None or self._codes[key].level == level:
                yield self._codes[key]

    def search_text(self) -> Iterator[tuple[str, str]]:
        """Yield (code, text) for indexing: a code's own text prefixed by its ancestors'."""
        for code in self.codes():
            chain = [a.description for a in reversed(self.ancestors(code.code))]
            yield code.code, " | ".join([*chain, code.description])


def format_hs_code(code: str) -> str:
    """Return the dotted form of a code: "845611" -> "8456.11"."""
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


def read_nomenclature_csv(text: str, source: str) -> list[HSCode]:
    """Parse the nomenclature CSV (section, hscode, description, parent, level).

    Blank rows and the aggregate rows (TOTAL and chapter 99 "not specified") are skipped.
    """
    codes: list[HSCode] = []
    reader = csv.DictReader(io.StringIO(text))
    for line, row in enumerate(reader, start=2):
        code = (row.get("hscode") or "").strip()
        if not any((value or "").strip() for value in row.values()):
            continue  # the 2017 file ends with a blank row
        if code == "TOTAL" or row.get("section") == "TOTAL":
            continue
        if not _DIGITS.fullmatch(code) or len(code) not in (2, 4, 6):
            raise InvalidInput(f"bad hscode {code!r}", source=source, position=f"line {line}")
        parent = (row.get("parent") or "").strip()
        codes.append(
            HSCode(
                code=code,
                level=len(code),
                description=(row.get("description") or "").strip(),
                parent=None if parent in ("", "TOTAL") else parent,
                section=(row.get("section") or "").strip(),
            )
        )
    return codes


def read_bundled_text(name: str) -> str:
    """Return a text file (optionally gzipped) bundled in ``interdictor/data/goods``."""
    data = resources.files("interdictor").joinpath("data", "goods", name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8-sig")


@cache
def _load_edition(edition: str) -> HSNomenclature:
    name = f"hs{edition}_nomenclature.csv.gz"
    codes = read_nomenclature_csv(read_bundled_text(name), name)
    sections = {
        row["section"]: row["name"]
        for row in csv.DictReader(io.StringIO(read_bundled_text("hs_sections.csv")))
    }
    return HSNomenclature(edition, codes, sections)
