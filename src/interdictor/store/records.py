"""What the store takes in and hands back: small, typed, immutable records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from interdictor.model.listed import ListedEntity, Rejected


class ParsedList(Protocol):
    """The shape of ``interdictor.lists.ParseResult`` that the store reads."""

    format: str
    dataset: str
    source: str
    entities: list[ListedEntity]
    rejected: list[Rejected]
    published: str | None


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    """What a load did. ``created`` is False when the content equals the current version.

    ``version_id`` is the version holding this content (new or existing), or None when
    nothing could be read and the dataset has no version yet.
    """

    dataset: str
    version_id: int | None
    created: bool
    content_hash: str
    loaded: int
    rejected: int
    previous_version_id: int | None
    rejections: tuple[Rejected, ...] = ()


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One stored version of a dataset."""

    id: int
    dataset: str
    content_hash: str
    format: str
    source: str
    published: str | None
    loaded_at: datetime
    entity_count: int
    rejected_count: int
    is_current: bool


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """A dataset with its current version and how many versions it has."""

    name: str
    version_count: int
    current: VersionInfo | None


@dataclass(frozen=True, slots=True)
class ScreeningMatch:
    """One row of a screening run: a query and one listed entity it matched.

    A query with no match is kept with ``entity_id`` None, so a later re-screen
    against a changed list sees every query of the run.
    """

    query_id: str
    query: dict[str, Any]
    entity_id: str | None = None
    dataset: str | None = None
    score: float | None = None
    explanation: dict[str, Any] | list[Any] | None = None


@dataclass(frozen=True, slots=True)
class ScreeningRunInfo:
    """A stored screening run: when, against which lists, with which parameters."""

    id: int
    created_at: datetime
    list_fingerprint: str
    parameters: dict[str, Any] = field(default_factory=dict)
    query_count: int = 0
    match_count: int = 0


def count_queries(matches: Sequence[ScreeningMatch]) -> int:
    """Return the number of distinct queries among ``matches``."""
    return len({m.query_id for m in matches})


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """An officer's goods decision as the store keeps it; ``id`` is set by the store.

    ``entry`` "" means not controlled. ``source`` says where the row came from (the
    command that recorded it, or the file and line it was imported from).
    """

    description: str
    decision_key: str
    entry: str
    hs_code: str
    decided_by: str
    decided_at: datetime
    note: str = ""
    source: str = ""
    id: int | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    """An analyst's verdict on an alert, with what identifies the alert; ``id`` set by the store."""

    alert_id: str
    verdict: str
    decided_at: datetime
    analyst: str = ""
    note: str = ""
    typology: str | None = None
    record_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    source: str = ""
    id: int | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import of append-only rows did: rows added, and rows already stored."""

    imported: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class CatalogueUpload:
    """A control-list catalogue ready to store: each entry as JSON (with its ``code``), in
    catalogue order, and the content hash the goods engine computed for it."""

    label: str
    source: str
    content_hash: str
    entries: Sequence[dict[str, Any]]
    rejected: Sequence[Rejected] = ()
    overlay: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogueVersionInfo:
    """A stored catalogue version. The newest one is current: the classifier uses it."""

    id: int
    label: str
    content_hash: str
    source: str
    overlay: str | None
    loaded_at: datetime
    entry_count: int
    rejected_count: int
    is_current: bool


@dataclass(frozen=True, slots=True)
class CatalogueLoadOutcome:
    """What a catalogue load did. ``created`` is False when the content equals the current
    version (``version_id`` is then that version) or when there was nothing to store."""

    version_id: int | None
    created: bool
    label: str
    content_hash: str
    entry_count: int
    rejected: int
    previous_version_id: int | None
    rejections: tuple[Rejected, ...] = ()


def as_utc(value: datetime) -> datetime:
    """Return a stored timestamp in UTC: SQLite keeps none (we only ever write UTC),
    PostgreSQL returns the session's time zone."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
