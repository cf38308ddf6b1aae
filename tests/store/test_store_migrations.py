"""The schema: Alembic migrations from empty, agreement with the table metadata, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from interdictor.errors import StoreError
from interdictor.store import Store
from interdictor.store.migrate import read_current_revision, read_head_revision
from interdictor.store.tables import metadata

TABLES = {
    "datasets",
    "list_versions",
    "listed_entities",
    "load_rejections",
    "screening_runs",
    "screening_results",
}


def test_migrations_build_every_table_from_empty(store: Store) -> None:
    names = set(sa.inspect(store.engine).get_table_names())
    assert TABLES <= names and "alembic_version" in names
    assert read_current_revision(store.engine) == read_head_revision() is not None


def test_migrations_agree_with_table_metadata(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_lookup_indexes_exist(store: Store) -> None:
    inspector = sa.inspect(store.engine)
    entity_indexes = {i["name"] for i in inspector.get_indexes("listed_entities")}
    version_indexes = {i["name"]: i for i in inspector.get_indexes("list_versions")}
    assert "ix_listed_entities_entity_id" in entity_indexes
    assert version_indexes["uq_list_versions_current"]["unique"]


def test_one_current_version_per_dataset_is_enforced(store: Store) -> None:
    row = {
        "dataset": "un",
        "content_hash": "0" * 64,
        "format": "un_xml",
        "source": "un.xml",
        "loaded_at": sa.func.now(),
        "entity_count": 0,
        "rejected_count": 0,
        "is_current": True,
    }
    with store.engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO datasets VALUES ('un', CURRENT_TIMESTAMP)"))
        connection.execute(sa.insert(metadata.tables["list_versions"]).values(row))
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
        connection.execute(sa.insert(metadata.tables["list_versions"]).values(row))


def test_reopening_keeps_data_and_revision(store: Store, store_url: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO datasets VALUES ('kept', CURRENT_TIMESTAMP)"))
    with Store.open(store_url) as again:
        with again.engine.connect() as connection:
            names = connection.execute(sa.text("SELECT name FROM datasets")).scalars().all()
        assert names == ["kept"]
        assert read_current_revision(again.engine) == read_head_revision()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'x.db'}") as store:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_in_memory_sqlite_keeps_one_database() -> None:
    with Store.open("sqlite://") as store:
        assert store.datasets() == [] and store.fingerprint()


def test_for_home_puts_sqlite_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INTERDICTOR_DATABASE_URL", raising=False)
    with Store.for_home(tmp_path) as store:
        assert store.datasets() == []
    assert (tmp_path / "interdictor.db").is_file()


def test_unopenable_store_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    with pytest.raises(StoreError, match=r"\*\*\*"):
        Store.open("postgresql+psycopg://someone:secret@127.0.0.1:1/none?connect_timeout=2")
