"""Bring a store's schema to the newest Alembic revision, configured from code."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from interdictor.store.engine import WRITE_OPTION

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# PostgreSQL advisory lock key held while migrating, so two processes starting at once
# migrate one after the other (SQLite gets the same from BEGIN IMMEDIATE).
MIGRATION_LOCK_KEY = 0x1D1C7012


def build_alembic_config() -> Config:
    """Return an Alembic config pointing at the packaged migrations (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def read_head_revision() -> str | None:
    """Return the newest revision id shipped with the package."""
    return ScriptDirectory.from_config(build_alembic_config()).get_current_head()


def read_current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Apply every pending revision in one transaction; a no-op when already at head."""
    if read_current_revision(engine) == read_head_revision():
        return
    config = build_alembic_config()
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
