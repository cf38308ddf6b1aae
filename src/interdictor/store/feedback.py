"""Keep analysts' verdicts on alerts, append-only: a later verdict on an alert supersedes
an earlier one, and never deletes it.

The verdict in force for an alert is the one with the latest ``decided_at`` (then the
highest ``id``), so an import of older verdicts never overrides a newer one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from interdictor.store.engine import lock_for_writing
from interdictor.store.records import FeedbackRecord, ImportCounts, as_utc
from interdictor.store.tables import alert_feedback

# Advisory lock key of feedback writers on PostgreSQL (imports compare with what is stored).
FEEDBACK_LOCK_KEY = 0x1D1C7014


def build_feedback_row(feedback: FeedbackRecord, recorded_at: datetime) -> dict[str, Any]:
    """Return the ``alert_feedback`` row of a verdict (timestamps in UTC)."""
    return {
        "alert_id": feedback.alert_id,
        "typology": feedback.typology,
        "record_ids": list(feedback.record_ids),
        "entity_ids": list(feedback.entity_ids),
        "verdict": feedback.verdict,
        "analyst": feedback.analyst,
        "note": feedback.note,
        "decided_at": feedback.decided_at.astimezone(UTC),
        "recorded_at": recorded_at,
        "source": feedback.source,
    }


def read_feedback_row(row: sa.Row[Any]) -> FeedbackRecord:
    """Turn an ``alert_feedback`` row into a FeedbackRecord."""
    return FeedbackRecord(
        alert_id=row.alert_id,
        verdict=row.verdict,
        decided_at=as_utc(row.decided_at),
        analyst=row.analyst,
        note=row.note,
        typology=row.typology,
        record_ids=tuple(row.record_ids),
        entity_ids=tuple(row.entity_ids),
        source=row.source,
        id=row.id,
        recorded_at=as_utc(row.recorded_at),
    )


def insert_feedback(connection: sa.Connection, feedback: FeedbackRecord) -> FeedbackRecord:
    """Insert one verdict and return it with its id."""
    lock_for_writing(connection, FEEDBACK_LOCK_KEY)
    row = build_feedback_row(feedback, datetime.now(UTC))
    primary_key = connection.execute(sa.insert(alert_feedback).values(row)).inserted_primary_key
    assert primary_key is not None
    return replace(
        feedback,
        id=int(primary_key[0]),
        decided_at=row["decided_at"],
        recorded_at=row["recorded_at"],
    )


def feedback_signature(
    alert_id: str, verdict: str, analyst: str, note: str, decided_at: datetime
) -> tuple[str, str, str, str, datetime]:
    """What makes two stored verdicts the same verdict (an import seen twice)."""
    return (alert_id, verdict, analyst, note, as_utc(decided_at))


def import_feedback(connection: sa.Connection, items: Sequence[FeedbackRecord]) -> ImportCounts:
    """Insert the verdicts not stored yet (same alert, verdict, analyst, note and time), in
    order; return how many were added and how many were already there."""
    lock_for_writing(connection, FEEDBACK_LOCK_KEY)
    columns = [
        alert_feedback.c[name] for name in ("alert_id", "verdict", "analyst", "note", "decided_at")
    ]
    seen = {feedback_signature(*row) for row in connection.execute(sa.select(*columns))}
    recorded_at = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    for item in items:
        signature = feedback_signature(
            item.alert_id, item.verdict, item.analyst, item.note, item.decided_at
        )
        if signature not in seen:
            seen.add(signature)
            rows.append(build_feedback_row(item, recorded_at))
    if rows:
        connection.execute(sa.insert(alert_feedback), rows)
    return ImportCounts(imported=len(rows), duplicates=len(items) - len(rows))


def select_feedback(connection: sa.Connection, alert_id: str | None = None) -> list[FeedbackRecord]:
    """Return every verdict (or those on one alert), oldest first: the last of each alert
    is the one in force."""
    query = sa.select(alert_feedback).order_by(alert_feedback.c.decided_at, alert_feedback.c.id)
    if alert_id is not None:
        query = query.where(alert_feedback.c.alert_id == alert_id)
    return [read_feedback_row(row) for row in connection.execute(query)]


def select_verdicts(connection: sa.Connection) -> dict[str, str]:
    """Return the verdict in force per alert id."""
    query = sa.select(alert_feedback.c.alert_id, alert_feedback.c.verdict).order_by(
        alert_feedback.c.decided_at, alert_feedback.c.id
    )
    return {row.alert_id: row.verdict for row in connection.execute(query)}
