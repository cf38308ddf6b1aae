"""Write a parsed list as a new version of its dataset, in one transaction.

Versioning: a version's content hash is the SHA-256 over the sorted per-entity
``content_hash()``es. Loading content equal to the current version creates nothing.
Atomicity: the new version is written with ``is_current`` false and only switched on,
together with switching the old one off, at the end of the same transaction. A crash or
exception before the commit leaves the previous version current and nothing of the new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from interdictor.model.listed import ListedEntity, Rejected
from interdictor.store.records import LoadOutcome, ParsedList, VersionInfo
from interdictor.store.tables import datasets, list_versions, listed_entities, load_rejections

# Rows per INSERT call: large enough for executemany to be fast, small enough for progress.
BATCH_SIZE = 1000
# A NUL character as orjson writes it inside a JSON string.
NUL_JSON = b"\\u0000"
# Longest excerpt of a rejected record kept in the store.
EXCERPT_LIMIT = 500

ProgressCallback = Callable[[int, int], None]
T = TypeVar("T")


def hash_version(entity_hashes: Iterable[str]) -> str:
    """Return the content hash of a version: SHA-256 over its sorted entity hashes."""
    digest = hashlib.sha256()
    for value in sorted(entity_hashes):
        digest.update(value.encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity ready to insert: its JSON data and its content hash."""

    entity_id: str
    data: dict[str, Any]
    content_hash: str
    has_nul: bool


def serialise_entity(entity: ListedEntity) -> EntityRow:
    """Return an entity's data and hash from one orjson pass.

    ``dataclasses.asdict`` is ten times slower and would run three times per entity.
    The hash is ``ListedEntity.content_hash()``, computed from the same bytes it hashes
    (``tests/store/test_store_real_lists.py`` checks that the two agree).
    """
    raw = orjson.dumps(entity)
    data = orjson.loads(raw)
    position = data.pop("source_position", None)
    digest = hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()
    data["source_position"] = position
    return EntityRow(entity.id, data, digest, NUL_JSON in raw)


def split_unstorable(
    rows: Sequence[EntityRow], source: str
) -> tuple[list[EntityRow], list[Rejected]]:
    """Set aside entities holding a NUL character, which PostgreSQL text cannot keep."""
    kept: list[EntityRow] = []
    unstorable: list[Rejected] = []
    for row in rows:
        if row.has_nul:
            position = row.data.get("source_position") or row.entity_id
            reason = f"entity {row.entity_id!r} holds a NUL character"
            unstorable.append(Rejected(source=source, position=position, reason=reason))
        else:
            kept.append(row)
    return kept, unstorable


def split_duplicates(
    rows: Sequence[EntityRow], source: str
) -> tuple[list[EntityRow], list[Rejected]]:
    """Keep the first entity of each id; set later ones aside as rejections."""
    kept: dict[str, EntityRow] = {}
    duplicates: list[Rejected] = []
    for row in rows:
        first = kept.get(row.entity_id)
        if first is None:
            kept[row.entity_id] = row
            continue
        seen_at = first.data.get("source_position")
        reason = f"duplicate entity id {row.entity_id!r}, first seen at {seen_at}"
        position = row.data.get("source_position") or "unknown position"
        duplicates.append(Rejected(source=source, position=position, reason=reason))
    return list(kept.values()), duplicates


def build_entity_row(row: EntityRow, version_id: int) -> dict[str, Any]:
    """Return the ``listed_entities`` row of one entity."""
    return {
        "version_id": version_id,
        "entity_id": row.entity_id,
        "schema": row.data["schema"],
        "name": row.data["name"],
        "content_hash": row.content_hash,
        "data": row.data,
    }


def build_rejection_rows(rejections: Sequence[Rejected], version_id: int) -> list[dict[str, Any]]:
    """Return one ``load_rejections`` row per rejected record."""
    return [
        {
            "version_id": version_id,
            "source": r.source,
            "position": r.position[:200].replace("\x00", ""),
            "reason": r.reason.replace("\x00", ""),
            "excerpt": r.excerpt[:EXCERPT_LIMIT].replace("\x00", ""),
        }
        for r in rejections
    ]


def iterate_batches(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield consecutive slices of ``rows`` of at most ``size`` rows."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def ensure_dataset(connection: sa.Connection, name: str) -> None:
    """Create the ``datasets`` row for ``name`` unless it exists (safe under concurrency)."""
    values = {"name": name, "created_at": datetime.now(UTC)}
    dialect = connection.dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(datasets).values(values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(datasets).values(values).on_conflict_do_nothing()
    else:
        exists = connection.execute(sa.select(datasets.c.name).where(datasets.c.name == name))
        if exists.first() is not None:
            return
        statement = sa.insert(datasets).values(values)
    connection.execute(statement)


def lock_dataset(connection: sa.Connection, name: str) -> None:
    """Serialise loads of one dataset (PostgreSQL row lock; SQLite holds the write lock)."""
    query = sa.select(datasets.c.name).where(datasets.c.name == name).with_for_update()
    connection.execute(query)


def read_version_row(row: sa.Row[Any]) -> VersionInfo:
    """Turn a ``list_versions`` row into a VersionInfo (timestamps always in UTC)."""
    loaded_at: datetime = row.loaded_at
    if loaded_at.tzinfo is None:  # SQLite keeps no time zone; we only ever write UTC
        loaded_at = loaded_at.replace(tzinfo=UTC)
    return VersionInfo(
        id=row.id,
        dataset=row.dataset,
        content_hash=row.content_hash,
        format=row.format,
        source=row.source,
        published=row.published,
        loaded_at=loaded_at,
        entity_count=row.entity_count,
        rejected_count=row.rejected_count,
        is_current=bool(row.is_current),
    )


def select_current_version(connection: sa.Connection, dataset: str) -> VersionInfo | None:
    """Return the current version of ``dataset``, or None."""
    query = sa.select(list_versions).where(
        list_versions.c.dataset == dataset, list_versions.c.is_current.is_(True)
    )
    row = connection.execute(query).first()
    return read_version_row(row) if row is not None else None


def insert_version_row(
    connection: sa.Connection, result: ParsedList, content_hash: str, counts: tuple[int, int]
) -> int:
    """Insert the version row, not yet current, and return its id."""
    values = {
        "dataset": result.dataset,
        "content_hash": content_hash,
        "format": result.format,
        "source": result.source,
        "published": result.published,
        "loaded_at": datetime.now(UTC),
        "entity_count": counts[0],
        "rejected_count": counts[1],
        "is_current": False,
    }
    inserted = connection.execute(sa.insert(list_versions).values(values))
    primary_key = inserted.inserted_primary_key
    assert primary_key is not None
    return int(primary_key[0])


def insert_entities(
    connection: sa.Connection,
    version_id: int,
    rows: Sequence[EntityRow],
    on_progress: ProgressCallback | None,
) -> None:
    """Insert the entity rows in batches, reporting progress after each batch."""
    done = 0
    for batch in iterate_batches(rows, BATCH_SIZE):
        connection.execute(
            sa.insert(listed_entities), [build_entity_row(row, version_id) for row in batch]
        )
        done += len(batch)
        if on_progress is not None:
            on_progress(done, len(rows))


def switch_current_version(
    connection: sa.Connection, dataset: str, old_id: int | None, new_id: int
) -> None:
    """Make ``new_id`` the current version: the old one off first (unique index)."""
    if old_id is not None:
        connection.execute(
            sa.update(list_versions).where(list_versions.c.id == old_id).values(is_current=False)
        )
    connection.execute(
        sa.update(list_versions)
        .where(list_versions.c.id == new_id, list_versions.c.dataset == dataset)
        .values(is_current=True)
    )


def save_version(
    connection: sa.Connection, result: ParsedList, on_progress: ProgressCallback | None = None
) -> LoadOutcome:
    """Store ``result`` as the new current version of its dataset, inside the caller's
    transaction. Returns without writing when nothing was read or nothing changed."""
    serialised = [serialise_entity(entity) for entity in result.entities]
    storable, unstorable = split_unstorable(serialised, result.source)
    rows, duplicates = split_duplicates(storable, result.source)
    rejections = (*result.rejected, *unstorable, *duplicates)
    content_hash = hash_version(row.content_hash for row in rows)
    ensure_dataset(connection, result.dataset)
    lock_dataset(connection, result.dataset)
    current = select_current_version(connection, result.dataset)
    current_id = current.id if current is not None else None
    unchanged = current is not None and current.content_hash == content_hash
    if not rows or unchanged:
        # Never replace a list by an empty one: an unreadable file is not a delisting.
        return LoadOutcome(
            dataset=result.dataset,
            version_id=current_id,
            created=False,
            content_hash=content_hash,
            loaded=len(rows),
            rejected=len(rejections),
            previous_version_id=current_id,
            rejections=rejections,
        )
    version_id = insert_version_row(connection, result, content_hash, (len(rows), len(rejections)))
    insert_entities(connection, version_id, rows, on_progress)
    if rejections:
        connection.execute(sa.insert(load_rejections), build_rejection_rows(rejections, version_id))
    switch_current_version(connection, result.dataset, current_id, version_id)
    return LoadOutcome(
        dataset=result.dataset,
        version_id=version_id,
        created=True,
        content_hash=content_hash,
        loaded=len(rows),
        rejected=len(rejections),
        previous_version_id=current_id,
        rejections=rejections,
    )
