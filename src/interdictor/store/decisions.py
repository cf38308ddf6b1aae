"""Keep officers' goods decisions, append-only: a later decision on the same description
supersedes an earlier one, and never deletes it.

The decision in force for a key is the one with the latest ``decided_at`` (then the
highest ``id``), so an import of older decisions never overrides a newer one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from interdictor.store.engine import lock_for_writing
from interdictor.store.records import DecisionRecord, ImportCounts, as_utc
from interdictor.store.tables import goods_decisions

# Advisory lock key of decision writers on PostgreSQL (imports compare with what is stored).
DECISIONS_LOCK_KEY = 0x1D1C7013


def hash_key(decision_key: str) -> str:
    """Return the SHA-256 of a decision key, the indexed column lookups use."""
    return hashlib.sha256(decision_key.encode("utf-8")).hexdigest()


def build_decision_row(decision: DecisionRecord, recorded_at: datetime) -> dict[str, Any]:
    """Return the ``goods_decisions`` row of a decision (timestamps in UTC)."""
    return {
        "description": decision.description,
        "decision_key": decision.decision_key,
        "key_hash": hash_key(decision.decision_key),
        "entry": decision.entry,
        "hs_code": decision.hs_code,
        "decided_by": decision.decided_by,
        "note": decision.note,
        "decided_at": decision.decided_at.astimezone(UTC),
        "recorded_at": recorded_at,
        "source": decision.source,
    }


def read_decision_row(row: sa.Row[Any]) -> DecisionRecord:
    """Turn a ``goods_decisions`` row into a DecisionRecord."""
    return DecisionRecord(
        description=row.description,
        decision_key=row.decision_key,
        entry=row.entry,
        hs_code=row.hs_code,
        decided_by=row.decided_by,
        decided_at=as_utc(row.decided_at),
        note=row.note,
        source=row.source,
        id=row.id,
        recorded_at=as_utc(row.recorded_at),
    )


def insert_decision(connection: sa.Connection, decision: DecisionRecord) -> DecisionRecord:
    """Insert one decision and return it with its id."""
    lock_for_writing(connection, DECISIONS_LOCK_KEY)
    row = build_decision_row(decision, datetime.now(UTC))
    primary_key = connection.execute(sa.insert(goods_decisions).values(row)).inserted_primary_key
    assert primary_key is not None
    return replace(
        decision,
        id=int(primary_key[0]),
        decided_at=row["decided_at"],
        recorded_at=row["recorded_at"],
    )


def decision_signature(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    """What makes two stored decisions the same decision (an import seen twice)."""
    return (
        row["key_hash"],
        row["entry"],
        row["hs_code"],
        row["decided_by"],
        row["note"],
        as_utc(row["decided_at"]),
    )


def import_decisions(
    connection: sa.Connection, decisions: Sequence[DecisionRecord]
) -> ImportCounts:
    """Insert the decisions not stored yet (same key, entry, HS code, officer, note and
    time), in order; return how many were added and how many were already there."""
    lock_for_writing(connection, DECISIONS_LOCK_KEY)
    columns = [
        goods_decisions.c[name]
        for name in ("key_hash", "entry", "hs_code", "decided_by", "note", "decided_at")
    ]
    seen = {decision_signature(row._mapping) for row in connection.execute(sa.select(*columns))}
    recorded_at = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    for decision in decisions:
        row = build_decision_row(decision, recorded_at)
        signature = decision_signature(row)
        if signature not in seen:
            seen.add(signature)
            rows.append(row)
    if rows:
        connection.execute(sa.insert(goods_decisions), rows)
    return ImportCounts(imported=len(rows), duplicates=len(decisions) - len(rows))


def select_decisions(
    connection: sa.Connection, decision_key: str | None = None
) -> list[DecisionRecord]:
    """Return every decision (or those of one key), oldest first: the last of each key is
    the one in force."""
    query = sa.select(goods_decisions).order_by(goods_decisions.c.decided_at, goods_decisions.c.id)
    if decision_key is not None:
        query = query.where(goods_decisions.c.key_hash == hash_key(decision_key))
    return [read_decision_row(row) for row in connection.execute(query)]
