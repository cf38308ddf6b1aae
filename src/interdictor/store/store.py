"""The store: where list versions, listed entities, screening runs, officers' goods
decisions, control-list catalogue versions and analysts' alert feedback live."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from interdictor.config import resolve_database_url
from interdictor.errors import NotFound, StoreError
from interdictor.lists.diff import ListDiff, diff_entities
from interdictor.model.listed import ListedEntity, Rejected
from interdictor.store.catalogues import (
    save_catalogue,
    select_catalogue_entries,
    select_catalogue_rejections,
    select_catalogue_version,
    select_catalogue_versions,
    select_current_id,
)
from interdictor.store.decisions import import_decisions, insert_decision, select_decisions
from interdictor.store.engine import WRITE_OPTION, create_store_engine
from interdictor.store.feedback import (
    import_feedback,
    insert_feedback,
    select_feedback,
    select_verdicts,
)
from interdictor.store.migrate import upgrade_to_head
from interdictor.store.records import (
    CatalogueLoadOutcome,
    CatalogueUpload,
    CatalogueVersionInfo,
    DatasetInfo,
    DecisionRecord,
    FeedbackRecord,
    ImportCounts,
    LoadOutcome,
    ParsedList,
    ScreeningMatch,
    ScreeningRunInfo,
    VersionInfo,
)
from interdictor.store.screening_runs import (
    insert_screening_run,
    select_screening_matches,
    select_screening_runs,
)
from interdictor.store.tables import list_versions, listed_entities, load_rejections
from interdictor.store.versions import ProgressCallback, read_version_row, save_version


class Store:
    """A SQLAlchemy store on SQLite or PostgreSQL, migrated to the newest schema on open."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (and create or migrate) the store at a SQLAlchemy URL."""
        try:
            engine = create_store_engine(url)
            upgrade_to_head(engine)
        except SQLAlchemyError as error:
            shown = sa.make_url(url).render_as_string(hide_password=True)
            raise StoreError(f"cannot open the store at {shown}: {error}") from error
        return cls(engine)

    @classmethod
    def for_home(cls, home: Path, url: str | None = None) -> Store:
        """Open the store of a data directory: ``url``, else the configured default."""
        return cls.open(resolve_database_url(home, url))

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # Writing

    def save_list_version(
        self, result: ParsedList, *, on_progress: ProgressCallback | None = None
    ) -> LoadOutcome:
        """Store a parsed list as a new current version, atomically; see ``versions``.

        ``on_progress(done, total)`` is called after each batch of entities.
        """
        try:
            with self.engine.connect() as connection:
                connection.execution_options(**{WRITE_OPTION: True})
                with connection.begin():
                    return save_version(connection, result, on_progress)
        except SQLAlchemyError as error:
            message = f"loading {result.source} into {result.dataset!r} failed, nothing changed"
            raise StoreError(f"{message}: {error}") from error

    def save_screening_run(
        self,
        list_fingerprint: str,
        matches: Sequence[ScreeningMatch],
        parameters: dict[str, Any] | None = None,
    ) -> int:
        """Store a screening run with its matches (and unmatched queries); return its id."""
        with self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                return insert_screening_run(connection, list_fingerprint, matches, parameters or {})

    def save_catalogue_version(
        self, upload: CatalogueUpload, *, on_progress: ProgressCallback | None = None
    ) -> CatalogueLoadOutcome:
        """Store a control-list catalogue as the newest version, atomically; see
        ``catalogues``. ``on_progress(done, total)`` is called after each batch of entries."""
        try:
            with self.write() as connection:
                return save_catalogue(connection, upload, on_progress)
        except SQLAlchemyError as error:
            message = f"loading the catalogue {upload.label!r} failed, nothing changed"
            raise StoreError(f"{message}: {error}") from error

    def save_decision(self, decision: DecisionRecord) -> DecisionRecord:
        """Append an officer's goods decision; return it with its id."""
        try:
            with self.write() as connection:
                return insert_decision(connection, decision)
        except SQLAlchemyError as error:
            raise StoreError(f"recording the decision failed, nothing changed: {error}") from error

    def import_decisions(self, decisions: Sequence[DecisionRecord]) -> ImportCounts:
        """Append the decisions not stored yet, in one transaction (all or none)."""
        try:
            with self.write() as connection:
                return import_decisions(connection, decisions)
        except SQLAlchemyError as error:
            raise StoreError(f"importing decisions failed, nothing changed: {error}") from error

    def save_feedback(self, feedback: FeedbackRecord) -> FeedbackRecord:
        """Append an analyst's verdict on an alert; return it with its id."""
        try:
            with self.write() as connection:
                return insert_feedback(connection, feedback)
        except SQLAlchemyError as error:
            raise StoreError(f"recording the verdict failed, nothing changed: {error}") from error

    def import_feedback(self, items: Sequence[FeedbackRecord]) -> ImportCounts:
        """Append the verdicts not stored yet, in one transaction (all or none)."""
        try:
            with self.write() as connection:
                return import_feedback(connection, items)
        except SQLAlchemyError as error:
            raise StoreError(f"importing feedback failed, nothing changed: {error}") from error

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """Yield a connection inside a write transaction (SQLite: ``BEGIN IMMEDIATE``)."""
        with self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                yield connection

    # Reading

    def datasets(self) -> list[DatasetInfo]:
        """Return every dataset with its current version, by name."""
        counts = (
            sa.select(list_versions.c.dataset, sa.func.count().label("n"))
            .group_by(list_versions.c.dataset)
            .order_by(list_versions.c.dataset)
        )
        current = sa.select(list_versions).where(list_versions.c.is_current.is_(True))
        with self.engine.connect() as connection:
            versions = {r.dataset: read_version_row(r) for r in connection.execute(current)}
            return [
                DatasetInfo(
                    name=row.dataset, version_count=row.n, current=versions.get(row.dataset)
                )
                for row in connection.execute(counts)
            ]

    def versions(self, dataset: str) -> list[VersionInfo]:
        """Return the versions of ``dataset``, oldest first. Raises NotFound."""
        query = (
            sa.select(list_versions)
            .where(list_versions.c.dataset == dataset)
            .order_by(list_versions.c.id)
        )
        with self.engine.connect() as connection:
            found = [read_version_row(row) for row in connection.execute(query)]
        if not found:
            raise NotFound(f"no dataset named {dataset!r} in the store")
        return found

    def version(self, version_id: int) -> VersionInfo:
        """Return one version by id. Raises NotFound."""
        query = sa.select(list_versions).where(list_versions.c.id == version_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NotFound(f"no list version with id {version_id}")
        return read_version_row(row)

    def current_version(self, dataset: str) -> VersionInfo:
        """Return the current version of ``dataset``. Raises NotFound."""
        for version in self.versions(dataset):
            if version.is_current:
                return version
        raise NotFound(f"dataset {dataset!r} has no current version")

    def entities(
        self, dataset: str | None = None, version_id: int | None = None
    ) -> list[ListedEntity]:
        """Return listed entities, ordered by version then id.

        With ``version_id``: that version. With ``dataset``: its current version.
        With neither: the current version of every dataset.
        """
        query = sa.select(listed_entities.c.data).join(
            list_versions, list_versions.c.id == listed_entities.c.version_id
        )
        if version_id is not None:
            self.version(version_id)  # NotFound for an unknown id, not an empty list
            query = query.where(listed_entities.c.version_id == version_id)
        else:
            query = query.where(list_versions.c.is_current.is_(True))
            if dataset is not None:
                self.current_version(dataset)
                query = query.where(list_versions.c.dataset == dataset)
        query = query.order_by(listed_entities.c.version_id, listed_entities.c.entity_id)
        with self.engine.connect() as connection:
            return [ListedEntity.from_dict(row.data) for row in connection.execute(query)]

    def current_entity_ids(self, dataset: str) -> set[str]:
        """Return the entity ids of the current version of ``dataset`` (empty if none)."""
        query = (
            sa.select(listed_entities.c.entity_id)
            .join(list_versions, list_versions.c.id == listed_entities.c.version_id)
            .where(list_versions.c.dataset == dataset, list_versions.c.is_current.is_(True))
        )
        with self.engine.connect() as connection:
            return set(connection.execute(query).scalars())

    def entity(self, entity_id: str) -> ListedEntity:
        """Return an entity of a current version by id. Raises NotFound."""
        query = (
            sa.select(listed_entities.c.data)
            .join(list_versions, list_versions.c.id == listed_entities.c.version_id)
            .where(listed_entities.c.entity_id == entity_id, list_versions.c.is_current.is_(True))
            .order_by(listed_entities.c.version_id)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NotFound(f"no listed entity {entity_id!r} in a current list version")
        return ListedEntity.from_dict(row.data)

    def rejections(self, version_id: int) -> list[Rejected]:
        """Return the records set aside when ``version_id`` was loaded, in source order."""
        self.version(version_id)
        query = (
            sa.select(load_rejections)
            .where(load_rejections.c.version_id == version_id)
            .order_by(load_rejections.c.id)
        )
        with self.engine.connect() as connection:
            return [
                Rejected(source=r.source, position=r.position, reason=r.reason, excerpt=r.excerpt)
                for r in connection.execute(query)
            ]

    def diff_versions(self, old_id: int, new_id: int) -> ListDiff:
        """Return what was added, removed and changed from one stored version to another."""
        return diff_entities(self.entities(version_id=old_id), self.entities(version_id=new_id))

    def fingerprint(self) -> str:
        """Return a hash of the current versions: it changes whenever any list changes."""
        query = (
            sa.select(list_versions.c.dataset, list_versions.c.id, list_versions.c.content_hash)
            .where(list_versions.c.is_current.is_(True))
            .order_by(list_versions.c.dataset)
        )
        with self.engine.connect() as connection:
            lines = [f"{r.dataset}\t{r.id}\t{r.content_hash}" for r in connection.execute(query)]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    def screening_runs(self) -> list[ScreeningRunInfo]:
        """Return the stored screening runs, newest first."""
        with self.engine.connect() as connection:
            return select_screening_runs(connection)

    def screening_matches(self, run_id: int) -> list[ScreeningMatch]:
        """Return the rows of one screening run, in the order they were saved."""
        with self.engine.connect() as connection:
            return select_screening_matches(connection, run_id)

    def decisions(self, decision_key: str | None = None) -> list[DecisionRecord]:
        """Return the goods decisions (or those of one key), oldest first; the last of a key
        is the one in force, the earlier ones are its history."""
        with self.engine.connect() as connection:
            return select_decisions(connection, decision_key)

    def feedback(self, alert_id: str | None = None) -> list[FeedbackRecord]:
        """Return the verdicts on alerts (or on one alert), oldest first."""
        with self.engine.connect() as connection:
            return select_feedback(connection, alert_id)

    def verdicts(self) -> dict[str, str]:
        """Return the verdict in force for each alert id that has one."""
        with self.engine.connect() as connection:
            return select_verdicts(connection)

    def catalogue_versions(self) -> list[CatalogueVersionInfo]:
        """Return the stored catalogue versions, oldest first (the last is current)."""
        with self.engine.connect() as connection:
            return select_catalogue_versions(connection)

    def catalogue_version(self, version_id: int | None = None) -> CatalogueVersionInfo:
        """Return one catalogue version, by default the current one. Raises NotFound."""
        with self.engine.connect() as connection:
            wanted = version_id if version_id is not None else select_current_id(connection)
            found = select_catalogue_version(connection, wanted) if wanted is not None else None
        if found is None:
            raise NotFound(
                "no catalogue is stored"
                if version_id is None
                else f"no catalogue version with id {version_id}"
            )
        return found

    def catalogue_entries(self, version_id: int) -> list[dict[str, Any]]:
        """Return the entries of a stored catalogue version as JSON, in catalogue order."""
        self.catalogue_version(version_id)
        with self.engine.connect() as connection:
            return select_catalogue_entries(connection, version_id)

    def catalogue_rejections(self, version_id: int) -> list[Rejected]:
        """Return the overlay rows set aside when a catalogue version was loaded."""
        self.catalogue_version(version_id)
        with self.engine.connect() as connection:
            return select_catalogue_rejections(connection, version_id)
