"""Create the SQLAlchemy engine of the store, with the settings each backend needs."""

from __future__ import annotations

from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import StaticPool

# Seconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT = 30
# Execution option that makes a SQLite transaction take the write lock at BEGIN, so two
# loads queue up instead of failing when both try to upgrade a read lock.
WRITE_OPTION = "interdictor_write"


def dump_json(value: Any) -> str:
    """Serialise JSON columns with orjson: faster than json, same output for our data."""
    return orjson.dumps(value).decode()


def create_store_engine(url: str | URL) -> Engine:
    """Return an engine for ``url``; SQLite gets WAL, foreign keys and real transactions."""
    parsed = sa.make_url(url)
    options: dict[str, Any] = {"json_serializer": dump_json, "json_deserializer": orjson.loads}
    if parsed.get_backend_name() != "sqlite":
        engine = sa.create_engine(parsed, pool_pre_ping=True, **options)
        return engine
    in_memory = parsed.database in (None, "", ":memory:")
    if in_memory:
        options["poolclass"] = StaticPool  # one connection, or each would see its own database
    engine = sa.create_engine(
        parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False}, **options
    )
    install_sqlite_hooks(engine, wal=not in_memory)
    return engine


def install_sqlite_hooks(engine: Engine, *, wal: bool) -> None:
    """Set pragmas on each connection and let SQLAlchemy, not pysqlite, emit BEGIN.

    pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so reads and DDL
    would run outside it; the recipe from the SQLAlchemy SQLite dialect docs fixes that.
    """

    @sa.event.listens_for(engine, "connect")
    def configure_connection(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            # NORMAL is safe in WAL mode: a crash of the process never loses a commit.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def begin_transaction(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def lock_for_writing(connection: sa.Connection, key: int) -> None:
    """Serialise writers of one kind until the transaction ends: a PostgreSQL advisory lock.

    SQLite needs nothing more: writers there begin with ``BEGIN IMMEDIATE`` and so hold
    the database's write lock already.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
