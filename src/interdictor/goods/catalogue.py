"""The control-list catalogue: EU Annex I entries with their items, notes, regimes and
thresholds, versioned like the sanctions lists (a version label and a content hash).
Stored versions live in the store (``goods.catalogue_versions``); entries go there as
``ControlEntry.to_dict()`` and come back with ``entry_from_dict``.

The bundled catalogue is ``data/goods/eu_annex_i_repaired.json``, written by
``scripts/repair_annex_i.py``. Thresholds are read from the text when it is loaded, so a
better threshold reader needs no new data file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import pint
from pint.util import UnitsContainer

from interdictor.errors import InvalidInput
from interdictor.goods.hs import read_bundled_text
from interdictor.goods.parameters import Comparator, Threshold, extract_thresholds
from interdictor.goods.regimes import regimes_for, split_eu_code
from interdictor.goods.units import UREG, PintQuantity, Quantity

DEFAULT_FILE = "eu_annex_i_repaired.json"
_ITEM_LABEL_END = re.compile(r"[:;]|\s(?:as follows|having)\b")


@dataclass(frozen=True, slots=True, eq=False)
class ControlEntry:
    """One Annex I entry ("2B001", depth 0) or one of its first-level items ("2B001.a", depth 1).

    ``text`` is the full text with its Notes in place; ``body`` leaves the Notes out (what
    the entry controls, without the exclusions); ``notes`` are the Notes on their own.
    """

    code: str
    parent: str | None
    category: int
    group: str
    regime_digit: int
    regimes: list[str]
    label: str
    text: str
    body: str
    notes: list[str]
    children: list[str]
    depth: int
    thresholds: list[Threshold]
    source: str

    @property
    def title(self) -> str:
        return self.label

    def fingerprint(self) -> dict[str, Any]:
        """Return the fields that define the entry's content (used for hashes and diffs).

        Thresholds count: a national overlay may amend them alone, without the text.
        """
        return {
            "code": self.code,
            "label": self.label,
            "text": self.text,
            "notes": self.notes,
            "regimes": self.regimes,
            "thresholds": [threshold_key(t) for t in self.thresholds],
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as JSON, as the store keeps it (``entry_from_dict`` reverses it)."""
        return {
            "code": self.code,
            "parent": self.parent,
            "category": self.category,
            "group": self.group,
            "regime_digit": self.regime_digit,
            "regimes": list(self.regimes),
            "label": self.label,
            "text": self.text,
            "body": self.body,
            "notes": list(self.notes),
            "children": list(self.children),
            "depth": self.depth,
            "thresholds": [threshold_to_dict(t) for t in self.thresholds],
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class CatalogueDiff:
    """What changed between two catalogue versions, by entry code."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


class ControlCatalogue:
    """A set of control entries under one version label."""

    def __init__(self, entries: Iterable[ControlEntry], version: str, source: str = ""):
        self.version = version
        self.source = source
        self._entries: dict[str, ControlEntry] = {}
        for entry in entries:
            if entry.code in self._entries:
                raise InvalidInput(f"duplicate entry {entry.code}", source=source or version)
            self._entries[entry.code] = entry
        self._hash: str | None = None

    @classmethod
    def load_default(cls) -> ControlCatalogue:
        """Return the bundled, repaired EU Annex I catalogue (loaded once)."""
        return _load_default()

    @classmethod
    def from_document(cls, document: dict[str, Any], source: str) -> ControlCatalogue:
        """Build a catalogue from a repaired-catalogue JSON document."""
        entries: list[ControlEntry] = []
        for position, raw in enumerate(document["entries"]):
            try:
                entries.extend(read_entry(raw, source))
            except (KeyError, TypeError, ValueError) as error:
                raise InvalidInput(
                    f"bad entry: {error}", source=source, position=f"entry {position}"
                ) from error
        return cls(entries, document["version"], source)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._entries

    def __iter__(self) -> Iterator[ControlEntry]:
        return iter(self._entries.values())

    def get(self, code: str) -> ControlEntry | None:
        """Return an entry or item by code ("1C010", "1C010.b"); a trailing dot is allowed."""
        return self._entries.get(code.strip().rstrip("."))

    def entries(self) -> list[ControlEntry]:
        """Return every entry and item, in Annex order."""
        return list(self._entries.values())

    def top_level(self) -> list[ControlEntry]:
        """Return the entries without their items."""
        return [e for e in self._entries.values() if e.depth == 0]

    def items_of(self, code: str) -> list[ControlEntry]:
        """Return the first-level items of an entry."""
        entry = self.get(code)
        return [self._entries[c] for c in entry.children] if entry else []

    def content_hash(self) -> str:
        """Return a SHA-256 of the entries' content, independent of load order."""
        if self._hash is None:
            rows = [self._entries[code].fingerprint() for code in sorted(self._entries)]
            data = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            self._hash = hashlib.sha256(data.encode("utf-8")).hexdigest()
        return self._hash

    def diff(self, other: ControlCatalogue) -> CatalogueDiff:
        """Return what ``other`` adds, removes and changes relative to this catalogue."""
        mine, theirs = self._entries, other._entries
        shared = set(mine) & set(theirs)
        return CatalogueDiff(
            added=sorted(set(theirs) - set(mine)),
            removed=sorted(set(mine) - set(theirs)),
            changed=sorted(c for c in shared if mine[c].fingerprint() != theirs[c].fingerprint()),
        )

    def with_entries(self, entries: Iterable[ControlEntry], version: str) -> ControlCatalogue:
        """Return a new catalogue with ``entries`` under a new version label."""
        return ControlCatalogue(entries, version, self.source)


def unit_items(quantity: PintQuantity) -> dict[str, float]:
    """Return a quantity's units as exponents by unit name: this survives JSON where the
    unit's printed name may not parse back ("delta_decibelmilliwatt / hertz")."""
    return {name: float(power) for name, power in quantity.unit_items()}  # type: ignore[arg-type]


@cache
def register_unit(name: str) -> None:
    """Make the registry know a unit by its full name before a quantity is built from
    exponents: pint defines prefixed units ("millimeter") on first lookup only."""
    try:
        UREG.get_name(name)
    except pint.UndefinedUnitError:
        pass  # e.g. "delta_decibelmilliwatt": pint makes it on the fly, as when parsed


def describe_threshold(threshold: Threshold) -> str:
    """Return "range ≥ 300 km"; a unit pint cannot print falls back to its full name."""
    try:
        return threshold.describe()
    except (KeyError, pint.PintError):
        value = f"{float(threshold.quantity.magnitude):g}"
        return (
            f"{threshold.parameter} {threshold.comparator.value} {value} {threshold.quantity.units}"
        )


def threshold_key(threshold: Threshold) -> dict[str, Any]:
    """Return what defines a threshold, for hashes and diffs (not the text it came from)."""
    return {
        "parameter": threshold.parameter,
        "comparator": threshold.comparator.value,
        "value": float(threshold.quantity.magnitude),
        "units": sorted(unit_items(threshold.quantity).items()),
        "item": threshold.item,
    }


def threshold_to_dict(threshold: Threshold) -> dict[str, Any]:
    """Return a threshold as JSON: value, units as exponents, and the text it came from."""
    return {
        "parameter": threshold.parameter,
        "comparator": threshold.comparator.value,
        "value": float(threshold.quantity.magnitude),
        "units": unit_items(threshold.quantity),
        "text": threshold.text,
        "item": threshold.item,
    }


def threshold_from_dict(data: dict[str, Any]) -> Threshold:
    """Return the threshold ``threshold_to_dict`` wrote."""
    for name in data["units"]:
        register_unit(name)
    quantity = Quantity(float(data["value"]), UnitsContainer(data["units"]))
    return Threshold(
        parameter=data["parameter"],
        comparator=Comparator(data["comparator"]),
        quantity=quantity,
        text=data.get("text", ""),
        item=data.get("item", ""),
    )


def entry_from_dict(data: dict[str, Any]) -> ControlEntry:
    """Return the entry ``ControlEntry.to_dict`` wrote."""
    return ControlEntry(
        code=data["code"],
        parent=data["parent"],
        category=int(data["category"]),
        group=data["group"],
        regime_digit=int(data["regime_digit"]),
        regimes=list(data["regimes"]),
        label=data["label"],
        text=data["text"],
        body=data["body"],
        notes=list(data["notes"]),
        children=list(data["children"]),
        depth=int(data["depth"]),
        thresholds=[threshold_from_dict(t) for t in data["thresholds"]],
        source=data["source"],
    )


def changed_fields(old: ControlEntry, new: ControlEntry) -> dict[str, tuple[Any, Any]]:
    """Return the content fields that differ between two forms of an entry, old and new
    (thresholds as their short descriptions, e.g. "range ≥ 300 km")."""
    changes: dict[str, tuple[Any, Any]] = {}
    before, after = old.fingerprint(), new.fingerprint()
    for name in before:
        if before[name] == after[name]:
            continue
        if name == "thresholds":
            changes[name] = (
                [describe_threshold(t) for t in old.thresholds],
                [describe_threshold(t) for t in new.thresholds],
            )
        else:
            changes[name] = (before[name], after[name])
    return changes


def read_entry(raw: dict[str, Any], source: str) -> list[ControlEntry]:
    """Return a repaired entry and its items as ControlEntry records."""
    code = raw["code"]
    if split_eu_code(code) is None:
        raise ValueError(f"malformed code {code!r}")
    items = raw.get("items", {})
    notes = raw.get("notes", [])
    preamble = raw["body"]
    if items:
        first = next(iter(items.values()))
        preamble = raw["body"].split(first, 1)[0]
    item_entries = [
        make_item(code, item_code, text, notes, source) for item_code, text in items.items()
    ]
    thresholds = read_thresholds(preamble, "") + [t for i in item_entries for t in i.thresholds]
    entry = ControlEntry(
        code=code,
        parent=None,
        category=int(raw["category"]),
        group=raw["group"],
        regime_digit=int(code[2]),
        regimes=regimes_for(code),
        label=raw["label"],
        text=raw["text"],
        body=raw["body"],
        notes=[n["text"] for n in notes],
        children=list(items),
        depth=0,
        thresholds=thresholds,
        source=f"{source}#{code}",
    )
    return [entry, *item_entries]


def make_item(
    parent: str, code: str, text: str, notes: list[dict[str, str]], source: str
) -> ControlEntry:
    """Return the ControlEntry for a first-level item, with the Notes that name it."""
    own_notes = [
        n["text"] for n in notes if n["refers_to"] == code or n["refers_to"].startswith(code + ".")
    ]
    return ControlEntry(
        code=code,
        parent=parent,
        category=int(parent[0]),
        group=parent[1],
        regime_digit=int(parent[2]),
        regimes=regimes_for(code),
        label=label_of_item(text),
        text=" ".join([text, *own_notes]),
        body=text,
        notes=own_notes,
        children=[],
        depth=1,
        thresholds=read_thresholds(text, code),
        source=f"{source}#{code}",
    )


def label_of_item(text: str) -> str:
    """Return an item's heading: its text up to the first colon, semicolon or 'having'."""
    stripped = re.sub(r"^[a-z]\.\s+", "", text)
    match = _ITEM_LABEL_END.search(stripped)
    return (stripped[: match.start()] if match else stripped).strip(" ,.")


def read_thresholds(text: str, item: str) -> list[Threshold]:
    """Return the thresholds in a stretch of Annex text, tagged with the item they belong to."""
    return [replace(t, item=item) for t in extract_thresholds(text)]


@cache
def _load_default() -> ControlCatalogue:
    document = json.loads(read_bundled_text(DEFAULT_FILE))
    return ControlCatalogue.from_document(document, DEFAULT_FILE)
