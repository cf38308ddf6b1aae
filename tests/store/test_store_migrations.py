"""The schema: Alembic migrations from empty, agreement with the table metadata, settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from interdictor.errors import StoreError
from interdictor.store import Store
from interdictor.store.engine import create_store_engine
from interdictor.store.migrate import (
    build_alembic_config,
    read_current_revision,
    read_head_revision,
)
from interdictor.store.tables import metadata

MakeList = Callable[..., Any]  # the ``make_list`` fixture of tests/store/conftest.py

TABLES = {
    "datasets",
    "list_versions",
    "listed_entities",
    "load_rejections",
    "screening_runs",
    "screening_results",
    "goods_decisions",
    "catalogue_versions",
    "catalogue_entries",
    "catalogue_rejections",
    "alert_feedback",
}
REVISION_0002_TABLES = {
    "goods_decisions",
    "catalogue_versions",
    "catalogue_entries",
    "catalogue_rejections",
    "alert_feedback",
}


def migrate_to(url: str, revision: str, *, down: bool = False) -> None:
    """Bring the database at ``url`` to ``revision`` the way ``Store.open`` migrates."""
    engine = create_store_engine(url)
    config = build_alembic_config()
    try:
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


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


def test_a_store_at_0001_upgrades_and_keeps_its_data(store_url: str, make_list: MakeList) -> None:
    migrate_to(store_url, "0001")
    engine = create_store_engine(store_url)
    try:
        assert read_current_revision(engine) == "0001"
        assert not REVISION_0002_TABLES & set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()
    with Store(create_store_engine(store_url)) as old:  # the 0001 tables work as they are
        loaded = old.save_list_version(make_list("un", 3))
    with Store.open(store_url) as upgraded:
        assert read_current_revision(upgraded.engine) == "0002" == read_head_revision()
        assert REVISION_0002_TABLES <= set(sa.inspect(upgraded.engine).get_table_names())
        [version] = upgraded.versions("un")
        assert version.id == loaded.version_id and len(upgraded.entities("un")) == 3
        with upgraded.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
        assert differences == []
        assert upgraded.catalogue_versions() == [] and upgraded.decisions() == []
        assert upgraded.verdicts() == {}


def test_revision_0002_downgrades_to_0001(store: Store, store_url: str) -> None:
    migrate_to(store_url, "0001", down=True)
    engine = create_store_engine(store_url)
    try:
        names = set(sa.inspect(engine).get_table_names())
        assert read_current_revision(engine) == "0001"
        assert not REVISION_0002_TABLES & names and "list_versions" in names
    finally:
        engine.dispose()
