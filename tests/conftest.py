"""Fixtures shared by the whole suite.

``store`` runs a test on SQLite (a file in tmp_path) and on PostgreSQL. The PostgreSQL
URL comes from $INTERDICTOR_TEST_PG_URL: unset, the PostgreSQL case is skipped; set but
unreachable, it fails. Each PostgreSQL test gets a fresh schema, dropped afterwards, so
parallel runs do not collide.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from interdictor.store import Store

PG_URL_ENV = "INTERDICTOR_TEST_PG_URL"
SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data files beside the repository (``../shared/data``)."""
    return SHARED_DATA


def build_schema_url(base_url: str, schema: str) -> str:
    """Return ``base_url`` with the PostgreSQL search_path set to ``schema`` on connect."""
    url = sa.make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store: SQLite in tmp_path, or a fresh PostgreSQL schema."""
    backend: str = request.param
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base_url = os.environ.get(PG_URL_ENV)
    if not base_url:
        pytest.skip(f"{PG_URL_ENV} is not set")
    schema = f"t_{uuid.uuid4().hex}"
    admin = sa.create_engine(base_url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield build_schema_url(base_url, schema)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses the store on both backends."""
    if "store_url" in metafunc.fixturenames:
        metafunc.parametrize(
            "store_url",
            [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)],
            indirect=True,
        )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, migrated, empty store on each backend."""
    opened = Store.open(store_url)
    try:
        yield opened
    finally:
        opened.close()
