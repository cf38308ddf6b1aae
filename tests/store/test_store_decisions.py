"""Officers' decisions in the store: round trips, and the one-time import of the
``goods_decisions.jsonl`` kept before the store (bad lines set aside with their number)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
import sqlalchemy as sa

import interdictor.goods.decisions as decisions_module
from interdictor.goods.decisions import DECISIONS_FILE, DecisionStore
from interdictor.store import DecisionRecord, Store
from interdictor.store.tables import goods_decisions


def line(description: str, entry: str, by: str, at: str, **extra: str) -> str:
    row = {
        "description": description,
        "entry": entry,
        "hs_code": "",
        "decided_by": by,
        "decided_at": at,
        "note": "",
        **extra,
    }
    return orjson.dumps(row).decode() + "\n"


GOOD_1 = line("T800SC-24K carbon fibre", "1C010", "A. Officer", "2026-03-01T09:00:00+00:00")
GOOD_2 = line("Twaron 2200 yarn", "1C210", "B. Officer", "2026-03-02T10:30:00+01:00", note="aramid")
SUPERSEDING = line("T800SC-24K CARBON FIBRE", "", "C. Officer", "2026-04-01T08:00:00Z")


def write_legacy(home: Path, *lines: str) -> Path:
    path = home / DECISIONS_FILE
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_decision_round_trips(store: Store) -> None:
    decided_at = datetime(2026, 5, 1, 12, 30, 15, 123456, tzinfo=timezone(timedelta(hours=9)))
    record = DecisionRecord(
        "Maraging steel 350 tube",
        "maraging steel 350 tube",
        "1C216",
        "7304.59",
        "A. Officer",
        decided_at,
        "overseas buyer",
        "test",
    )
    stored = store.save_decision(record)
    assert stored.id is not None and stored.recorded_at is not None
    [read] = store.decisions()
    assert read.id == stored.id
    assert (read.description, read.entry, read.hs_code, read.decided_by, read.note) == (
        "Maraging steel 350 tube",
        "1C216",
        "7304.59",
        "A. Officer",
        "overseas buyer",
    )
    assert read.decided_at == decided_at and read.decided_at.tzinfo == UTC
    assert read.source == "test" and store.decisions("maraging steel 350 tube") == [read]
    assert store.decisions("something else") == []


def test_legacy_file_is_imported_once_then_renamed(store: Store, tmp_path: Path) -> None:
    legacy = write_legacy(tmp_path, GOOD_1, GOOD_2, SUPERSEDING)
    decisions = DecisionStore.for_home(store, tmp_path)
    [report] = decisions.imports
    assert (report.imported, report.duplicates, report.rejected) == (3, 0, ())
    assert not legacy.exists() and report.moved_to == tmp_path / "goods_decisions.jsonl.imported"
    assert report.moved_to.read_text() == GOOD_1 + GOOD_2 + SUPERSEDING
    assert len(decisions) == 2
    fibre = decisions.lookup("t800sc-24k carbon fibre")
    assert fibre is not None and fibre.decision.decided_by == "C. Officer"
    assert fibre.decision.source == "goods_decisions.jsonl:line 3"
    assert [d.entry for d in decisions.history("T800SC-24K carbon fibre")] == ["1C010", ""]
    yarn = decisions.lookup("Twaron 2200 yarn")
    assert yarn is not None and yarn.decision.decided_at == "2026-03-02T09:30:00+00:00"
    assert yarn.decision.note == "aramid"
    again = DecisionStore.for_home(store, tmp_path)  # nothing left to import
    assert again.imports == [] and len(store.decisions()) == 3


def test_bad_lines_are_set_aside_with_their_number(store: Store, tmp_path: Path) -> None:
    bad_time = line("Maraging steel", "1C116", "A. Officer", "yesterday")
    write_legacy(
        tmp_path,
        GOOD_1,
        "{not json\n",
        '{"description": "x"}\n',
        "\n",
        "[1, 2]\n",
        bad_time,
        GOOD_2,
    )
    decisions = DecisionStore.for_home(store, tmp_path)
    [report] = decisions.imports
    assert report.imported == 2 and len(decisions) == 2
    assert [(r.position, r.source) for r in decisions.rejected] == [
        ("line 2", str(tmp_path / DECISIONS_FILE)),
        ("line 3", str(tmp_path / DECISIONS_FILE)),
        ("line 5", str(tmp_path / DECISIONS_FILE)),
        ("line 6", str(tmp_path / DECISIONS_FILE)),
    ]
    reasons = [r.reason for r in decisions.rejected]
    assert "missing or empty: entry, decided_by, decided_at" in reasons[1]
    assert reasons[2] == "not a JSON object" and "not ISO 8601" in reasons[3]
    assert report.rejected_to is not None
    assert report.rejected_to.read_text() == '{not json\n{"description": "x"}\n[1, 2]\n' + bad_time


def test_an_import_seen_twice_stores_nothing_new(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "elsewhere.jsonl"
    source.write_text(GOOD_1 + GOOD_2)
    decisions = DecisionStore(store)
    assert decisions.import_file(source).imported == 2
    second = decisions.import_file(source)
    assert (second.imported, second.duplicates) == (0, 2)
    assert source.exists() and second.moved_to is None  # an explicit import leaves the file
    assert len(store.decisions()) == 2


def test_a_failed_rename_never_doubles_the_import(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_legacy(tmp_path, GOOD_1, GOOD_2)

    def refuse(path: Path) -> Path:
        raise PermissionError(f"cannot rename {path}")

    monkeypatch.setattr("interdictor.store.jsonl_import.retire", refuse)
    with pytest.raises(PermissionError):
        DecisionStore.for_home(store, tmp_path)
    monkeypatch.undo()
    decisions = DecisionStore.for_home(store, tmp_path)  # the file is still there: read again
    assert (decisions.imports[0].imported, decisions.imports[0].duplicates) == (0, 2)
    assert len(store.decisions()) == 2 and not (tmp_path / DECISIONS_FILE).exists()


def test_an_import_is_all_or_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_legacy(tmp_path, GOOD_1, GOOD_2)
    real = decisions_module.make_record

    def break_second(*args: object) -> DecisionRecord:
        record = real(*args)  # type: ignore[arg-type]
        return (
            record
            if record.entry != "1C210"
            else DecisionRecord(
                record.description,
                record.decision_key,
                record.entry,
                record.hs_code,
                None,
                record.decided_at,
            )
        )  # type: ignore[arg-type]

    monkeypatch.setattr(decisions_module, "make_record", break_second)
    with pytest.raises(Exception, match="nothing changed"):
        DecisionStore.for_home(store, tmp_path)
    with store.engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(goods_decisions))
        assert count.scalar_one() == 0
    assert (tmp_path / DECISIONS_FILE).exists()  # kept for the next try


def test_in_home_opens_and_closes_its_own_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INTERDICTOR_DATABASE_URL", raising=False)
    write_legacy(tmp_path, GOOD_1)
    with DecisionStore.in_home(tmp_path) as decisions:
        assert len(decisions) == 1 and decisions.imports[0].imported == 1
        decisions.record("Hastelloy C-276 valve DN 50", "2B350.g", "", "A. Officer")
    with DecisionStore.in_home(tmp_path) as decisions:
        assert len(decisions) == 2
    assert (tmp_path / "interdictor.db").is_file()
