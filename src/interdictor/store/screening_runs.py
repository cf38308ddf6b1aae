"""Keep screening runs and their matches, so a changed list can be screened again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from interdictor.store.records import ScreeningMatch, ScreeningRunInfo, count_queries
from interdictor.store.tables import screening_results, screening_runs
from interdictor.store.versions import BATCH_SIZE, iterate_batches


def insert_screening_run(
    connection: sa.Connection,
    list_fingerprint: str,
    matches: Sequence[ScreeningMatch],
    parameters: dict[str, Any],
) -> int:
    """Insert one run with all its rows and return the run id."""
    values = {
        "created_at": datetime.now(UTC),
        "list_fingerprint": list_fingerprint,
        "parameters": parameters,
        "query_count": count_queries(matches),
        "match_count": sum(1 for m in matches if m.entity_id is not None),
    }
    primary_key = connection.execute(sa.insert(screening_runs).values(values)).inserted_primary_key
    assert primary_key is not None
    run_id = int(primary_key[0])
    rows = [build_result_row(run_id, match) for match in matches]
    for batch in iterate_batches(rows, BATCH_SIZE):
        connection.execute(sa.insert(screening_results), list(batch))
    return run_id


def build_result_row(run_id: int, match: ScreeningMatch) -> dict[str, Any]:
    """Return the ``screening_results`` row of one match."""
    return {
        "run_id": run_id,
        "query_id": match.query_id,
        "query": match.query,
        "entity_id": match.entity_id,
        "dataset": match.dataset,
        "score": match.score,
        "explanation": match.explanation,
    }


def select_screening_runs(connection: sa.Connection) -> list[ScreeningRunInfo]:
    """Return every run, newest first."""
    query = sa.select(screening_runs).order_by(screening_runs.c.id.desc())
    return [read_run_row(row) for row in connection.execute(query)]


def read_run_row(row: sa.Row[Any]) -> ScreeningRunInfo:
    """Turn a ``screening_runs`` row into a ScreeningRunInfo (UTC timestamps)."""
    created_at: datetime = row.created_at
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    return ScreeningRunInfo(
        id=row.id,
        created_at=created_at,
        list_fingerprint=row.list_fingerprint,
        parameters=dict(row.parameters),
        query_count=row.query_count,
        match_count=row.match_count,
    )


def select_screening_matches(connection: sa.Connection, run_id: int) -> list[ScreeningMatch]:
    """Return the rows of one run in the order they were saved."""
    query = (
        sa.select(screening_results)
        .where(screening_results.c.run_id == run_id)
        .order_by(screening_results.c.id)
    )
    return [
        ScreeningMatch(
            query_id=row.query_id,
            query=row.query,
            entity_id=row.entity_id,
            dataset=row.dataset,
            score=row.score,
            explanation=row.explanation,
        )
        for row in connection.execute(query)
    ]
