"""A national control list as an overlay on the EU Annex I catalogue.

The overlay is a CSV with the header ``action,code,title,text,regimes,thresholds``:

- ``add``: a new entry (national code such as ``NL-5A901`` or an EU-style code); ``title``
  and ``text`` are required; ``regimes`` defaults to ``National``.
- ``drop``: remove an entry (and its items) from the national list.
- ``amend``: replace the fields that are not empty (title, text, regimes, thresholds).

``regimes`` and ``thresholds`` are ``;``-separated; a threshold is written
``parameter comparator quantity``, e.g. ``range >= 300 km; payload ≥ 500 kg``.
Rows apply in order. A bad row is reported with its line number and set aside; the
others still apply. The result is a new catalogue with its own version and hash.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.goods.catalogue import ControlCatalogue, ControlEntry
from interdictor.goods.parameters import Comparator, Threshold, extract_thresholds
from interdictor.goods.regimes import split_eu_code
from interdictor.goods.units import parse_quantity
from interdictor.model.listed import Rejected

OVERLAY_COLUMNS = ("action", "code", "title", "text", "regimes", "thresholds")
ACTIONS = ("add", "drop", "amend")
NATIONAL = "National"
_CODE = re.compile(r"^[A-Z0-9][A-Za-z0-9.\-]{1,31}$")
_THRESHOLD = re.compile(
    r"^(?P<name>[A-Za-z][\w '\-]*?)\s*(?P<op>>=|<=|≥|≤|>|<)\s*(?P<quantity>[\d.,]+.*)$"
)
_OPERATORS = {
    ">": Comparator.GT,
    ">=": Comparator.GE,
    "≥": Comparator.GE,
    "<": Comparator.LT,
    "<=": Comparator.LE,
    "≤": Comparator.LE,
}


@dataclass(frozen=True, slots=True)
class OverlayRow:
    """One checked row of an overlay file."""

    line: int
    action: str
    code: str
    title: str
    text: str
    regimes: list[str]
    thresholds: list[Threshold] | None  # None: keep (amend) or read from the text (add)


@dataclass
class OverlayResult:
    """The catalogue with the overlay applied, and what happened to each row."""

    catalogue: ControlCatalogue
    applied: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def load_overlay(path: Path, base: ControlCatalogue) -> OverlayResult:
    """Apply the overlay CSV at ``path`` to ``base``; the file name names the version."""
    return apply_overlay(base, path.read_text(encoding="utf-8-sig"), path.name)


def apply_overlay(base: ControlCatalogue, text: str, source: str) -> OverlayResult:
    """Apply an overlay (CSV text) to ``base`` and return the new catalogue.

    Raises InvalidInput only when the file as a whole is unusable (wrong header).
    """
    rows, rejected = read_overlay(text, source)
    entries = {e.code: e for e in base.entries()}
    applied: list[str] = []
    for row in rows:
        problem = apply_row(entries, row)
        if problem:
            rejected.append(
                Rejected(source, f"line {row.line}", problem, f"{row.action},{row.code}")
            )
        else:
            applied.append(f"line {row.line}: {row.action} {row.code}")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    version = f"{base.version}+{Path(source).stem}@{digest}"
    return OverlayResult(base.with_entries(entries.values(), version), applied, rejected)


def read_overlay(text: str, source: str) -> tuple[list[OverlayRow], list[Rejected]]:
    """Parse and check the overlay rows; bad rows come back as Rejected with their line."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(name.strip() for name in reader.fieldnames or ())
    missing = [c for c in OVERLAY_COLUMNS if c not in header]
    if missing:
        raise InvalidInput(f"missing columns {missing}; expected {OVERLAY_COLUMNS}", source=source)
    rows: list[OverlayRow] = []
    rejected: list[Rejected] = []
    for line, raw in enumerate(reader, start=2):
        values = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(values.values()):
            continue
        try:
            rows.append(read_row(values, line))
        except InvalidInput as error:
            excerpt = ",".join(values.get(c, "") for c in ("action", "code"))
            rejected.append(Rejected(source, f"line {line}", error.reason, excerpt))
    return rows, rejected


def read_row(values: dict[str, str], line: int) -> OverlayRow:
    """Check one row and return it; raise InvalidInput with the reason if it is bad."""
    action = values["action"].lower()
    code = values["code"]
    if action not in ACTIONS:
        raise InvalidInput(f"action {values['action']!r} is not one of {', '.join(ACTIONS)}")
    if not _CODE.match(code):
        raise InvalidInput(f"malformed code {code!r}")
    if action == "add" and not (values["title"] and values["text"]):
        raise InvalidInput(f"add {code}: title and text are required")
    regimes = [r.strip() for r in values["regimes"].split(";") if r.strip()]
    thresholds = read_thresholds(values["thresholds"]) if values["thresholds"] else None
    return OverlayRow(line, action, code, values["title"], values["text"], regimes, thresholds)


def read_thresholds(text: str) -> list[Threshold]:
    """Parse "range >= 300 km; payload ≥ 500 kg" into thresholds."""
    thresholds: list[Threshold] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _THRESHOLD.match(part)
        quantity = parse_quantity(match["quantity"]) if match else None
        if match is None or quantity is None:
            raise InvalidInput(f"threshold {part!r} is not 'parameter comparator quantity'")
        thresholds.append(Threshold(match["name"].lower(), _OPERATORS[match["op"]], quantity, part))
    return thresholds


def apply_row(entries: dict[str, ControlEntry], row: OverlayRow) -> str:
    """Apply one row to ``entries`` in place; return the problem, or "" when applied."""
    exists = row.code in entries
    if row.action == "add":
        if exists:
            return f"add {row.code}: the entry already exists (use amend)"
        entries[row.code] = make_national_entry(row)
    elif not exists:
        return f"{row.action} {row.code}: no such entry"
    elif row.action == "drop":
        for child in [row.code, *entries[row.code].children]:
            entries.pop(child, None)
    else:
        entries[row.code] = amend_entry(entries[row.code], row)
    return ""


def make_national_entry(row: OverlayRow) -> ControlEntry:
    """Return a new top-level entry from an ``add`` row."""
    eu = split_eu_code(row.code)
    thresholds = row.thresholds if row.thresholds is not None else extract_thresholds(row.text)
    return ControlEntry(
        code=row.code,
        parent=None,
        category=int(eu["category"]) if eu else -1,
        group=eu["group"] if eu else "",
        regime_digit=int(eu["digit"]) if eu else -1,
        regimes=row.regimes or [NATIONAL],
        label=row.title,
        text=f"{row.title} {row.text}",
        body=f"{row.title} {row.text}",
        notes=[],
        children=[],
        depth=0,
        thresholds=thresholds,
        source=f"national overlay line {row.line}",
    )


def amend_entry(entry: ControlEntry, row: OverlayRow) -> ControlEntry:
    """Return ``entry`` with the row's non-empty fields replacing its own."""
    label = row.title or entry.label
    text = f"{label} {row.text}" if row.text else entry.text
    return replace(
        entry,
        label=label,
        text=text,
        body=f"{label} {row.text}" if row.text else entry.body,
        regimes=row.regimes or entry.regimes,
        thresholds=row.thresholds if row.thresholds is not None else entry.thresholds,
        source=f"{entry.source}; amended by national overlay line {row.line}",
    )
