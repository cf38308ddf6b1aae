"""Write a control-list catalogue as a new version, in one transaction.

Versioning: the goods engine hands over the catalogue's content hash
(``ControlCatalogue.content_hash``). Content equal to the current version (the newest one)
creates nothing. Atomicity: the version row, its entries and the overlay rows set aside are
written in one transaction; until it commits no reader sees the new version, and a failure
or a crash before that leaves the previous version current and nothing of the new one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from interdictor.model.listed import Rejected
from interdictor.store.engine import lock_for_writing
from interdictor.store.records import (
    CatalogueLoadOutcome,
    CatalogueUpload,
    CatalogueVersionInfo,
    as_utc,
)
from interdictor.store.tables import catalogue_entries, catalogue_rejections, catalogue_versions
from interdictor.store.versions import (
    BATCH_SIZE,
    ProgressCallback,
    build_rejection_rows,
    iterate_batches,
)

# Advisory lock key of catalogue loads on PostgreSQL, so two loads queue.
CATALOGUE_LOCK_KEY = 0x1D1C7015


def read_catalogue_row(row: sa.Row[Any], current_id: int | None) -> CatalogueVersionInfo:
    """Turn a ``catalogue_versions`` row into a CatalogueVersionInfo."""
    return CatalogueVersionInfo(
        id=row.id,
        label=row.label,
        content_hash=row.content_hash,
        source=row.source,
        overlay=row.overlay,
        loaded_at=as_utc(row.loaded_at),
        entry_count=row.entry_count,
        rejected_count=row.rejected_count,
        is_current=row.id == current_id,
    )


def select_current_id(connection: sa.Connection) -> int | None:
    """Return the id of the newest catalogue version, or None when none is stored."""
    value = connection.execute(sa.select(sa.func.max(catalogue_versions.c.id))).scalar()
    return int(value) if value is not None else None


def select_catalogue_versions(connection: sa.Connection) -> list[CatalogueVersionInfo]:
    """Return every stored version, oldest first."""
    current_id = select_current_id(connection)
    query = sa.select(catalogue_versions).order_by(catalogue_versions.c.id)
    return [read_catalogue_row(row, current_id) for row in connection.execute(query)]


def select_catalogue_version(
    connection: sa.Connection, version_id: int
) -> CatalogueVersionInfo | None:
    """Return one version, or None."""
    query = sa.select(catalogue_versions).where(catalogue_versions.c.id == version_id)
    row = connection.execute(query).first()
    return read_catalogue_row(row, select_current_id(connection)) if row is not None else None


def select_catalogue_entries(connection: sa.Connection, version_id: int) -> list[dict[str, Any]]:
    """Return the entries of a version as stored, in catalogue order."""
    query = (
        sa.select(catalogue_entries.c.data)
        .where(catalogue_entries.c.version_id == version_id)
        .order_by(catalogue_entries.c.position)
    )
    return [dict(row.data) for row in connection.execute(query)]


def select_catalogue_rejections(connection: sa.Connection, version_id: int) -> list[Rejected]:
    """Return the overlay rows set aside when a version was loaded, in file order."""
    query = (
        sa.select(catalogue_rejections)
        .where(catalogue_rejections.c.version_id == version_id)
        .order_by(catalogue_rejections.c.id)
    )
    return [
        Rejected(source=r.source, position=r.position, reason=r.reason, excerpt=r.excerpt)
        for r in connection.execute(query)
    ]


def insert_catalogue_entries(
    connection: sa.Connection,
    version_id: int,
    entries: list[dict[str, Any]],
    on_progress: ProgressCallback | None,
) -> None:
    """Insert the entries in batches, reporting progress after each batch."""
    done = 0
    for start, batch in enumerate(iterate_batches(entries, BATCH_SIZE)):
        rows = [
            {
                "version_id": version_id,
                "code": entry.get("code"),
                "position": start * BATCH_SIZE + offset,
                "data": entry,
            }
            for offset, entry in enumerate(batch)
        ]
        connection.execute(sa.insert(catalogue_entries), rows)
        done += len(batch)
        if on_progress is not None:
            on_progress(done, len(entries))


def save_catalogue(
    connection: sa.Connection,
    upload: CatalogueUpload,
    on_progress: ProgressCallback | None = None,
) -> CatalogueLoadOutcome:
    """Store ``upload`` as the newest catalogue version, inside the caller's transaction.
    Returns without writing when it holds no entry or equals the current version."""
    lock_for_writing(connection, CATALOGUE_LOCK_KEY)
    entries = list(upload.entries)
    rejections = tuple(upload.rejected)
    current_id = select_current_id(connection)
    current = select_catalogue_version(connection, current_id) if current_id else None
    unchanged = current is not None and current.content_hash == upload.content_hash
    if not entries or unchanged:
        # An empty catalogue is never stored: it would make every line "not controlled".
        return CatalogueLoadOutcome(
            version_id=current_id,
            created=False,
            label=upload.label,
            content_hash=upload.content_hash,
            entry_count=len(entries),
            rejected=len(rejections),
            previous_version_id=current_id,
            rejections=rejections,
        )
    values = {
        "label": upload.label,
        "content_hash": upload.content_hash,
        "source": upload.source,
        "overlay": upload.overlay,
        "loaded_at": datetime.now(UTC),
        "entry_count": len(entries),
        "rejected_count": len(rejections),
    }
    inserted = connection.execute(sa.insert(catalogue_versions).values(values))
    primary_key = inserted.inserted_primary_key
    assert primary_key is not None
    version_id = int(primary_key[0])
    insert_catalogue_entries(connection, version_id, entries, on_progress)
    if rejections:
        rows = build_rejection_rows(rejections, version_id)
        connection.execute(sa.insert(catalogue_rejections), rows)
    return CatalogueLoadOutcome(
        version_id=version_id,
        created=True,
        label=upload.label,
        content_hash=upload.content_hash,
        entry_count=len(entries),
        rejected=len(rejections),
        previous_version_id=current_id,
        rejections=rejections,
    )
