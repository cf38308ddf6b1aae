"""Which HS headings can hold goods of which control-list entries, per HS edition.

The table is reviewer-editable data (``data/goods/hs_correlation.csv``) with one row per
(edition, HS prefix, EU entry): a prefix of 2, 4 or 6 digits, the EU Annex I code of a
top-level entry, the basis (the heading text that justifies the pair) and who reviewed it.
Example: ``2022,8806,9A012,unmanned aircraft,...``; HS 2017 has no 8806, so its rows put
unmanned aircraft under 8802.

A bad row is set aside with its line number in :attr:`HSCorrelation.rejected`; the rest load.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.goods.hs import HS_EDITIONS, normalise_hs_code, read_bundled_text
from interdictor.model.listed import Rejected

CORRELATION_FILE = "hs_correlation.csv"
COLUMNS = ("edition", "hs_prefix", "eu_code", "basis", "reviewed_by")
# Top-level EU Annex I code: category digit, group letter, three digits (e.g. 1C010).
_EU_CODE = re.compile(r"^[0-9][A-E]\d{3}$")


@dataclass(frozen=True, slots=True)
class CorrelationRow:
    """One reviewed pair: goods of ``eu_code`` can be declared under ``hs_prefix``."""

    edition: str
    hs_prefix: str
    eu_code: str
    basis: str
    reviewed_by: str


def top_level_code(eu_code: str) -> str:
    """Return the top-level entry of an EU code: "0B001.b.13" -> "0B001"."""
    return eu_code.strip().upper()[:5]


class HSCorrelation:
    """Index of the correlation table in both directions, per edition."""

    def __init__(self, rows: Iterable[CorrelationRow], rejected: Iterable[Rejected] = ()):
        self.rows = list(rows)
        self.rejected = list(rejected)
        self._by_prefix: dict[tuple[str, str], list[CorrelationRow]] = {}
        self._by_entry: dict[tuple[str, str], list[CorrelationRow]] = {}
        for row in self.rows:
            self._by_prefix.setdefault((row.edition, row.hs_prefix), []).append(row)
            self._by_entry.setdefault((row.edition, row.eu_code), []).append(row)

    @classmethod
    def load_default(cls) -> HSCorrelation:
        """Return the bundled table, loaded once."""
        return _load_bundled()

    @classmethod
    def load(cls, path: Path) -> HSCorrelation:
        """Read a correlation CSV (e.g. a national reviewer's copy)."""
        return cls.from_text(path.read_text(encoding="utf-8-sig"), str(path))

    @classmethod
    def from_text(cls, text: str, source: str) -> HSCorrelation:
        """Parse CSV text; rows that fail are set aside with their line number."""
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InvalidInput(f"missing columns: {', '.join(missing)}", source=source)
        rows: list[CorrelationRow] = []
        rejected: list[Rejected] = []
        for line, raw in enumerate(reader, start=2):
            try:
                rows.append(parse_row(raw))
            except ValueError as exc:
                excerpt = ",".join(str(v) for v in raw.values())[:80]
                rejected.append(Rejected(source, f"line {line}", str(exc), excerpt))
        return cls(rows, rejected)

    def entries_for(self, hs_code: str, edition: str = "2022") -> list[CorrelationRow]:
        """Return the rows whose prefix covers ``hs_code`` (chapter, heading or subheading)."""
        part, _ = normalise_hs_code(hs_code)
        if part is None:
            return []
        found: list[CorrelationRow] = []
        for length in (2, 4, 6):
            if len(part) >= length:
                found.extend(self._by_prefix.get((edition, part[:length]), []))
        return found

    def entry_codes_for(self, hs_code: str, edition: str = "2022") -> set[str]:
        """Return the EU entries that goods declared under ``hs_code`` may fall under."""
        return {row.eu_code for row in self.entries_for(hs_code, edition)}

    def headings_for(self, eu_code: str, edition: str = "2022") -> list[CorrelationRow]:
        """Return the rows of an entry (sub-item codes are reduced to their top-level entry)."""
        return list(self._by_entry.get((edition, top_level_code(eu_code)), []))

    def prefixes_for(self, eu_code: str, edition: str = "2022") -> list[str]:
        """Return the HS prefixes where goods of ``eu_code`` are expected, in table order."""
        return list(dict.fromkeys(r.hs_prefix for r in self.headings_for(eu_code, edition)))

    def fits(self, hs_code: str, eu_code: str, edition: str = "2022") -> bool:
        """Return True when the table lets goods of ``eu_code`` be declared under ``hs_code``."""
        part, _ = normalise_hs_code(hs_code)
        if part is None:
            return False
        return any(part.startswith(p) for p in self.prefixes_for(eu_code, edition))


def parse_row(raw: dict[str, str | None]) -> CorrelationRow:
    """Check one CSV row; raise ValueError naming the bad field."""
    edition = (raw.get("edition") or "").strip()
    if edition not in HS_EDITIONS:
        raise ValueError(f"edition {edition!r} is not one of {', '.join(HS_EDITIONS)}")
    prefix = (raw.get("hs_prefix") or "").strip()
    if not prefix.isdigit() or len(prefix) not in (2, 4, 6):
        raise ValueError(f"hs_prefix {prefix!r} must be 2, 4 or 6 digits")
    eu_code = (raw.get("eu_code") or "").strip().upper()
    if not _EU_CODE.match(eu_code):
        raise ValueError(f"eu_code {eu_code!r} is not a top-level Annex I code such as 1C010")
    basis = (raw.get("basis") or "").strip()
    if not basis:
        raise ValueError("basis is empty: say which heading text justifies the pair")
    return CorrelationRow(edition, prefix, eu_code, basis, (raw.get("reviewed_by") or "").strip())


@cache
def _load_bundled() -> HSCorrelation:
    return HSCorrelation.from_text(read_bundled_text(CORRELATION_FILE), CORRELATION_FILE)
