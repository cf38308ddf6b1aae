"""Control-list catalogue versions in the store: round trips of the real Annex I catalogue,
no-op reloads, national overlays, and atomic loads (a failure or a kill half-way through
leaves the previous version current and nothing of the new one)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from interdictor.errors import NotFound, StoreError
from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.catalogue_versions import (
    catalogue_in_force,
    load_catalogue,
    read_catalogue,
    stored_catalogue,
    to_upload,
)
from interdictor.store import CatalogueUpload, Store
from interdictor.store.tables import catalogue_entries, catalogue_rejections, catalogue_versions
from interdictor.store.versions import BATCH_SIZE

HELPER = Path(__file__).resolve().parent / "interrupted_catalogue_load.py"
HEADER = "action,code,title,text,regimes,thresholds\n"


class InjectedFailure(Exception):
    """Raised by the test's progress callback to fail a load half-way."""


def write_overlay(folder: Path, rows: str, name: str = "national.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def count_rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def assert_only_version(store: Store, version_id: int, entries: int) -> None:
    """One version is stored, it is current, and no row of a later load remains."""
    [version] = store.catalogue_versions()
    assert version.id == version_id and version.is_current
    assert count_rows(store, catalogue_versions) == 1
    assert count_rows(store, catalogue_entries) == entries
    assert count_rows(store, catalogue_rejections) == 0


@pytest.fixture(scope="module")
def bundled() -> ControlCatalogue:
    return ControlCatalogue.load_default()


def test_the_bundled_catalogue_round_trips(store: Store, bundled: ControlCatalogue) -> None:
    outcome = load_catalogue(store).outcome
    assert outcome.created and outcome.version_id is not None
    assert outcome.content_hash == bundled.content_hash() and outcome.label == bundled.version
    assert outcome.entry_count == len(bundled) > BATCH_SIZE
    info = store.catalogue_version()
    assert info.is_current and info.source == "bundled:eu_annex_i_repaired.json"
    assert info.overlay is None and info.entry_count == len(bundled)
    again = stored_catalogue(store, info.id)
    assert again.content_hash() == info.content_hash == bundled.content_hash()
    assert [e.to_dict() for e in again] == [e.to_dict() for e in bundled]  # order kept
    assert bundled.diff(again).empty and again.version == bundled.version
    item = again.get("1C010.b")
    assert item is not None and [t.describe() for t in item.thresholds] == [
        t.describe()
        for t in bundled.get("1C010.b").thresholds  # type: ignore[union-attr]
    ]


def test_loading_the_same_content_again_stores_nothing(store: Store) -> None:
    first = load_catalogue(store).outcome
    second = load_catalogue(store).outcome
    assert not second.created and second.version_id == first.version_id
    assert second.previous_version_id == first.version_id
    assert len(store.catalogue_versions()) == 1


def test_an_overlay_is_a_new_version_with_its_rows_set_aside(
    store: Store, tmp_path: Path, bundled: ControlCatalogue
) -> None:
    base = load_catalogue(store).outcome
    overlay = write_overlay(
        tmp_path,
        "drop,5A002,,,,\n"
        "amend,1C116,,,MTCR;National,\n"
        "replace,2B001,,,,\n"
        "add,XN-9A901,Small drones,Unmanned aerial vehicles,,range >= 50 km\n",
    )
    load = load_catalogue(store, national=overlay)
    outcome = load.outcome
    assert outcome.created and outcome.previous_version_id == base.version_id
    assert len(load.read.applied) == 3 and outcome.rejected == 1
    assert outcome.label.startswith(bundled.version + "+national@")
    info = store.catalogue_version()
    assert info.id == outcome.version_id and info.overlay == str(overlay)
    assert info.rejected_count == 1
    [rejection] = store.catalogue_rejections(info.id)
    assert rejection.position == "line 4" and "replace" in rejection.reason
    national = stored_catalogue(store)
    diff = bundled.diff(national)
    assert diff.added == ["XN-9A901"] and diff.changed == ["1C116"]
    assert "5A002" in diff.removed and "5A002.a" in diff.removed
    added = national.get("XN-9A901")
    assert added is not None and [t.describe() for t in added.thresholds] == ["range ≥ 50 km"]
    assert store.catalogue_version(base.version_id).is_current is False  # type: ignore[arg-type]
    assert stored_catalogue(store, base.version_id).content_hash() == bundled.content_hash()


def test_an_older_content_again_becomes_the_newest_version(store: Store, tmp_path: Path) -> None:
    first = load_catalogue(store).outcome
    load_catalogue(store, national=write_overlay(tmp_path, "drop,5A002,,,,\n"))
    third = load_catalogue(store).outcome
    assert third.created and third.content_hash == first.content_hash
    assert [v.is_current for v in store.catalogue_versions()] == [False, False, True]
    catalogue, version = catalogue_in_force(store)
    assert version is not None and version.id == third.version_id and "5A002" in catalogue


def test_a_threshold_alone_changes_the_content(store: Store, tmp_path: Path) -> None:
    load_catalogue(store)
    amended = load_catalogue(
        store, national=write_overlay(tmp_path, "amend,1C116,,,,tensile strength >= 1500 MPa\n")
    ).outcome
    assert amended.created


def test_without_a_stored_catalogue_the_bundled_one_is_in_force(
    store: Store, bundled: ControlCatalogue
) -> None:
    catalogue, version = catalogue_in_force(store)
    assert version is None and catalogue is bundled
    with pytest.raises(NotFound, match="no catalogue is stored"):
        stored_catalogue(store)
    with pytest.raises(NotFound, match="no catalogue version with id 7"):
        store.catalogue_entries(7)


def test_an_empty_catalogue_is_never_stored(store: Store) -> None:
    load_catalogue(store)
    empty = CatalogueUpload("empty", "empty.json", "0" * 64, entries=[])
    outcome = store.save_catalogue_version(empty)
    assert not outcome.created and len(store.catalogue_versions()) == 1


def test_exception_mid_load_keeps_the_previous_version(store: Store, tmp_path: Path) -> None:
    first = load_catalogue(store).outcome
    assert first.version_id is not None
    seen: list[int] = []

    def fail_after_first_batch(done: int, total: int) -> None:
        seen.append(done)
        raise InjectedFailure(f"failpoint after {done} of {total}")

    overlay = write_overlay(tmp_path, "drop,5A002,,,,\nreplace,2B001,,,,\n")
    with pytest.raises(InjectedFailure):
        load_catalogue(store, national=overlay, on_progress=fail_after_first_batch)
    assert seen == [BATCH_SIZE]  # entries were really written before the failure
    assert_only_version(store, first.version_id, first.entry_count)
    assert "5A002" in stored_catalogue(store)


def test_database_error_mid_load_keeps_the_previous_version(store: Store, tmp_path: Path) -> None:
    first = load_catalogue(store).outcome
    assert first.version_id is not None
    upload = to_upload(read_catalogue(national=write_overlay(tmp_path, "drop,5A002,,,,\n")))
    entries = [dict(e) for e in upload.entries]
    entries[BATCH_SIZE + 10]["code"] = None  # NOT NULL fails in the second batch
    broken = CatalogueUpload(
        upload.label, upload.source, upload.content_hash, entries, upload.rejected, upload.overlay
    )
    with pytest.raises(StoreError, match="nothing changed"):
        store.save_catalogue_version(broken)
    assert_only_version(store, first.version_id, first.entry_count)
    assert store.save_catalogue_version(upload).created  # and the store still works


def test_killed_load_keeps_the_previous_version(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    first = load_catalogue(store).outcome
    assert first.version_id is not None
    marker = tmp_path / "reached-failpoint"
    command = [sys.executable, str(HELPER), store_url, str(marker)]
    with subprocess.Popen(command) as process:
        try:
            wait_for(marker, process)
        finally:
            os.kill(process.pid, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert int(marker.read_text()) == BATCH_SIZE
    with Store.open(store_url) as reopened:
        assert_only_version(reopened, first.version_id, first.entry_count)
        if reopened.engine.dialect.name == "sqlite":
            with reopened.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert load_catalogue(reopened, national=write_overlay(tmp_path, "drop,5A002,,,,\n"))


def wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Wait until the child has written ``path`` (it then sleeps mid-transaction)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the load exited early with code {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("the load never reached its failpoint")
        time.sleep(0.05)


FRESH_READ = """
import sys, orjson
from interdictor.goods.catalogue import describe_threshold
from interdictor.goods.catalogue_versions import stored_catalogue
from interdictor.store import Store
with Store.open(sys.argv[1]) as store:
    catalogue = stored_catalogue(store)
rows = [[e.code, describe_threshold(t), float(t.quantity.to_base_units().magnitude)]
        for e in catalogue for t in e.thresholds if "delta_" not in str(t.quantity.units)]
sys.stdout.write(orjson.dumps([catalogue.content_hash(), rows]).decode())
"""


def test_a_fresh_process_reads_the_same_thresholds(
    store: Store, store_url: str, bundled: ControlCatalogue
) -> None:
    """Units are rebuilt from their exponents in a process that never parsed them (pint
    defines prefixed units such as "millimeter" on first lookup only)."""
    load_catalogue(store)
    result = subprocess.run(
        [sys.executable, "-c", FRESH_READ, store_url], capture_output=True, check=True, text=True
    )
    content_hash, rows = json.loads(result.stdout)
    expected = [
        [e.code, t.describe(), float(t.quantity.to_base_units().magnitude)]
        for e in bundled
        for t in e.thresholds
        if "delta_" not in str(t.quantity.units)
    ]
    assert content_hash == bundled.content_hash() and rows == expected and len(rows) > 2000
