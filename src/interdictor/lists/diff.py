"""What changed between two versions of a list: entries added, removed and changed.

Entries are matched by id (stable across loads). A list field changes when its set of
values changes (order alone is no change); ``properties`` are compared key by key as
``properties.<key>``. The source position is ignored: moving in the file is no change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from interdictor.model.listed import Identifier, ListedEntity

LIST_FIELDS = (
    "aliases",
    "weak_aliases",
    "original_names",
    "identifiers",
    "countries",
    "birth_dates",
    "addresses",
    "programs",
)
SCALAR_FIELDS = ("schema", "name", "dataset", "reference", "listed_on")
# Fields that screening reads: a change here means earlier screenings should be rerun.
MATCHING_FIELDS = frozenset(
    {
        "schema",
        "name",
        "aliases",
        "weak_aliases",
        "original_names",
        "identifiers",
        "countries",
        "birth_dates",
    }
)


@dataclass
class FieldChange:
    """The values a list field gained and lost."""

    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [_plain(v) for v in self.added],
            "removed": [_plain(v) for v in self.removed],
        }


@dataclass
class ScalarChange:
    """The old and new value of a single-valued field."""

    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new}


@dataclass
class EntityChange:
    """One entry present in both versions whose content differs."""

    entity_id: str
    old: ListedEntity
    new: ListedEntity
    fields: dict[str, FieldChange | ScalarChange]

    def affects_matching(self) -> bool:
        """Say whether a field that screening reads changed (names, identifiers, ...)."""
        return not MATCHING_FIELDS.isdisjoint(self.fields)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "caption": self.new.name,
            "reference": self.new.reference,
            "affects_matching": self.affects_matching(),
            "fields": {name: change.to_dict() for name, change in self.fields.items()},
        }


@dataclass
class ListDiff:
    """The difference between an old and a new version of a list."""

    added: list[ListedEntity] = field(default_factory=list)
    removed: list[ListedEntity] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Say whether the two versions hold the same entries with the same content."""
        return not (self.added or self.removed or self.changed)

    def to_rescreen(self) -> list[ListedEntity]:
        """Return the new or changed entries that earlier screenings have not yet met."""
        return self.added + [c.new for c in self.changed if c.affects_matching()]

    def summary(self) -> str:
        """Return a one-line count, e.g. ``"52 added, 67 removed, 310 changed"``."""
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"

    def to_dict(self) -> dict[str, Any]:
        """Return the diff as plain JSON-ready data."""
        return {
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
            "added": [_brief(e) for e in self.added],
            "removed": [_brief(e) for e in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _plain(value: Any) -> Any:
    return asdict(value) if isinstance(value, Identifier) else value


def _brief(entity: ListedEntity) -> dict[str, Any]:
    return {
        "entity_id": entity.id,
        "caption": entity.name,
        "schema": entity.schema,
        "reference": entity.reference,
    }


def compare_values(old: Sequence[Any], new: Sequence[Any]) -> FieldChange | None:
    """Return what a list field gained and lost, or None if its set of values is the same."""
    old_set, new_set = set(old), set(new)
    if old_set == new_set:
        return None
    return FieldChange(
        added=[v for v in dict.fromkeys(new) if v not in old_set],
        removed=[v for v in dict.fromkeys(old) if v not in new_set],
    )


def compare_entities(old: ListedEntity, new: ListedEntity) -> dict[str, FieldChange | ScalarChange]:
    """Return the changed fields between two versions of one entry."""
    changes: dict[str, FieldChange | ScalarChange] = {}
    for name in SCALAR_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes[name] = ScalarChange(before, after)
    for name in LIST_FIELDS:
        change = compare_values(getattr(old, name), getattr(new, name))
        if change:
            changes[name] = change
    for key in dict.fromkeys([*old.properties, *new.properties]):
        change = compare_values(old.properties.get(key, []), new.properties.get(key, []))
        if change:
            changes[f"properties.{key}"] = change
    return changes


def diff_entities(old: Sequence[ListedEntity], new: Sequence[ListedEntity]) -> ListDiff:
    """Return the entries added, removed and changed from ``old`` to ``new``, in order."""
    old_by_id = {e.id: e for e in old}
    new_by_id = {e.id: e for e in new}
    result = ListDiff(
        added=[e for e in new_by_id.values() if e.id not in old_by_id],
        removed=[e for e in old_by_id.values() if e.id not in new_by_id],
    )
    for entity_id, after in new_by_id.items():
        before = old_by_id.get(entity_id)
        if before is None:
            continue
        changes = compare_entities(before, after)
        if changes:
            result.changed.append(EntityChange(entity_id, before, after, changes))
    return result
