"""What the store takes in and hands back: small, typed, immutable records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
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
