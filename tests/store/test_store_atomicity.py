"""Atomic loads: a failure or a kill half-way through leaves the previous version intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from interdictor.errors import StoreError
from interdictor.store import Store
from interdictor.store.tables import list_versions, listed_entities
from interdictor.store.versions import BATCH_SIZE

MakeList = Callable[..., Any]  # the ``make_list`` fixture of tests/store/conftest.py
HELPER = Path(__file__).resolve().parent / "interrupted_load.py"


class InjectedFailure(Exception):
    """Raised by the test's progress callback to fail a load half-way."""


def count_rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def assert_previous_version_intact(store: Store, version_id: int, count: int) -> None:
    """Only the first version exists, it is current, and no row of a later load remains."""
    [version] = store.versions("un")
    assert version.id == version_id and version.is_current
    assert len(store.entities("un")) == count
    assert count_rows(store, listed_entities) == count
    assert count_rows(store, list_versions) == 1


def test_exception_mid_insert_keeps_previous_version(store: Store, make_list: MakeList) -> None:
    first = store.save_list_version(make_list("un", 3))
    seen: list[int] = []

    def fail_after_first_batch(done: int, total: int) -> None:
        seen.append(done)
        raise InjectedFailure(f"failpoint after {done} of {total}")

    with pytest.raises(InjectedFailure):
        store.save_list_version(
            make_list("un", 2 * BATCH_SIZE + 5), on_progress=fail_after_first_batch
        )
    assert seen == [BATCH_SIZE]  # rows were really written before the failure
    assert_previous_version_intact(store, first.version_id, 3)


def test_database_error_mid_insert_keeps_previous_version(
    store: Store, make_list: MakeList
) -> None:
    first = store.save_list_version(make_list("un", 3))
    parsed = make_list("un", 2 * BATCH_SIZE)
    parsed.entities[BATCH_SIZE + 10].name = None  # NOT NULL fails in the second batch
    with pytest.raises(StoreError, match="nothing changed"):
        store.save_list_version(parsed)
    assert_previous_version_intact(store, first.version_id, 3)
    assert store.save_list_version(make_list("un", 4)).created  # and the store still works


def wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Wait until the child has written ``path`` (it then sleeps mid-transaction)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the load exited early with code {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("the load never reached its failpoint")
        time.sleep(0.05)


def test_killed_load_keeps_previous_version(
    store: Store, store_url: str, make_list: MakeList, tmp_path: Path
) -> None:
    first = store.save_list_version(make_list("un", 3))
    marker = tmp_path / "reached-failpoint"
    command = [sys.executable, str(HELPER), store_url, str(marker), str(3 * BATCH_SIZE)]
    with subprocess.Popen(command) as process:
        try:
            wait_for(marker, process)
        finally:
            os.kill(process.pid, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert int(marker.read_text()) == BATCH_SIZE
    reopened = Store.open(store_url)
    try:
        assert_previous_version_intact(reopened, first.version_id, 3)
        if reopened.engine.dialect.name == "sqlite":
            with reopened.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert reopened.save_list_version(make_list("un", 4)).created
    finally:
        reopened.close()
