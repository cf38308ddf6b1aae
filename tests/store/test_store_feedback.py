"""Analysts' verdicts on alerts in the store: round trips, supersession kept as history,
the database's own check on verdicts, and the one-time import of ``feedback.jsonl``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
import sqlalchemy as sa

from interdictor.errors import InvalidInput
from interdictor.network.alerts import Alert
from interdictor.network.feedback import FEEDBACK_FILE, AlertRef, FeedbackLog, read_alert_refs
from interdictor.store import FeedbackRecord, Store
from interdictor.store.tables import alert_feedback

ALERT = Alert("payment_mismatch", 0.8, "third-country payer", ["e-2", "e-1"], ["p1", "lc1"])
OTHER = Alert("hs_mislabel", 0.6, "8452 for a winding machine", ["e-3"], ["d7"])


def write_alerts(folder: Path, *alerts: Alert) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = b"".join(orjson.dumps(a.to_dict()) + b"\n" for a in alerts)
    (folder / "alerts.jsonl").write_bytes(rows)


def verdict_line(alert_id: str, verdict: str, at: str, analyst: str = "an") -> str:
    item = {"alert_id": alert_id, "verdict": verdict, "analyst": analyst, "note": "", "at": at}
    return orjson.dumps(item).decode() + "\n"


def test_a_verdict_round_trips_with_what_identifies_the_alert(store: Store) -> None:
    log = FeedbackLog(store)
    stored = log.record(AlertRef.of(ALERT), "confirmed", " K. Analyst ", "payer is a front")
    [read] = log.history(ALERT.id)
    assert read == stored and read.id is not None
    assert (read.alert_id, read.typology, read.verdict) == (
        ALERT.id,
        "payment_mismatch",
        "confirmed",
    )
    assert read.record_ids == ("lc1", "p1") and read.entity_ids == ("e-1", "e-2")
    assert (read.analyst, read.note) == ("K. Analyst", "payer is a front")
    assert read.decided_at.tzinfo == UTC and read.source == "interdictor alert-feedback"
    assert log.verdicts() == {ALERT.id: "confirmed"}


def test_a_later_verdict_supersedes_and_the_earlier_stays(store: Store) -> None:
    log = FeedbackLog(store)
    first = log.record(AlertRef.of(ALERT), "confirmed", "K. Analyst")
    log.record(AlertRef.of(OTHER), "dismissed", "K. Analyst")
    log.record(AlertRef.of(ALERT), "dismissed", "L. Reviewer", "known trader")
    assert log.verdicts() == {ALERT.id: "dismissed", OTHER.id: "dismissed"}
    history = log.history(ALERT.id)
    assert [h.verdict for h in history] == ["confirmed", "dismissed"] and history[0] == first
    assert len(store.feedback()) == 3


def test_only_the_two_verdicts_are_stored(store: Store) -> None:
    with pytest.raises(InvalidInput, match="verdict must be one of"):
        FeedbackLog(store).record(AlertRef.of(ALERT), "maybe")
    row = {
        "alert_id": "al-x",
        "record_ids": [],
        "entity_ids": [],
        "verdict": "maybe",
        "analyst": "",
        "note": "",
        "decided_at": datetime.now(UTC),
        "recorded_at": datetime.now(UTC),
        "source": "sql",
    }
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
        connection.execute(sa.insert(alert_feedback).values(row))
    assert store.feedback() == []


def test_legacy_feedback_is_imported_once_with_the_alerts_details(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_alerts(out, ALERT, OTHER)
    (out / FEEDBACK_FILE).write_text(
        verdict_line(ALERT.id, "confirmed", "2026-01-05T10:00:00+00:00")
        + "{broken\n"
        + verdict_line(OTHER.id, "maybe", "2026-01-05T10:01:00+00:00")
        + verdict_line(OTHER.id, "dismissed", "2026-01-05T10:02:00+00:00")
        + '{"verdict": "confirmed", "at": "2026-01-05T10:03:00+00:00"}\n'
        + verdict_line("al-unknown", "dismissed", "2026-01-05T10:04:00")
    )
    log = FeedbackLog(store)
    [report] = log.import_legacy([tmp_path / "home", out])
    assert report.imported == 3 and report.moved_to == out / "feedback.jsonl.imported"
    assert [(r.position, r.reason.split(" (")[0]) for r in report.rejected] == [
        ("line 2", "not valid JSON"),
        ("line 3", "verdict must be one of"),
        ("line 5", "missing 'alert_id'"),
    ]
    assert report.rejected[1].reason.endswith("got 'maybe'")
    assert report.rejected_to is not None and report.rejected_to.read_text().count("\n") == 3
    assert log.verdicts() == {
        ALERT.id: "confirmed",
        OTHER.id: "dismissed",
        "al-unknown": "dismissed",
    }
    [confirmed] = log.history(ALERT.id)
    assert confirmed.typology == "payment_mismatch" and confirmed.record_ids == ("lc1", "p1")
    assert confirmed.source == "feedback.jsonl:line 1"
    [unknown] = log.history("al-unknown")
    assert unknown.typology is None and unknown.record_ids == ()
    assert log.import_legacy([out]) == []  # renamed: read once


def test_an_older_verdict_imported_later_does_not_override(store: Store, tmp_path: Path) -> None:
    log = FeedbackLog(store)
    log.record(AlertRef.of(ALERT), "dismissed", "now")
    old = tmp_path / "old.jsonl"
    old.write_text(verdict_line(ALERT.id, "confirmed", "2020-01-01T00:00:00Z", "then"))
    assert log.import_file(old).imported == 1
    assert log.import_file(old).duplicates == 1
    assert log.verdicts() == {ALERT.id: "dismissed"}
    assert [h.analyst for h in log.history(ALERT.id)] == ["then", "now"]


def test_a_feedback_record_keeps_its_lists_as_json(store: Store) -> None:
    item = FeedbackRecord(
        "al-1",
        "confirmed",
        datetime(2026, 1, 1, tzinfo=UTC),
        record_ids=("a", "b"),
        entity_ids=("x",),
    )
    stored = store.save_feedback(item)
    assert store.feedback("al-1") == [stored] and store.feedback("al-2") == []


def test_alert_refs_are_read_from_alerts_jsonl(tmp_path: Path) -> None:
    write_alerts(tmp_path, ALERT, OTHER)
    assert set(read_alert_refs(tmp_path / "alerts.jsonl")) == {ALERT.id, OTHER.id}
    assert read_alert_refs(tmp_path / "alerts.jsonl", {OTHER.id}) == {OTHER.id: AlertRef.of(OTHER)}
    assert read_alert_refs(tmp_path / "missing.jsonl") == {}
