"""Analysts' verdicts through the store: ``alert-feedback`` records them, ``analyze`` applies
them on every later run with the same store (SQLite and PostgreSQL), old feedback files are
imported once, and ``--feedback FILE`` brings a file's verdicts in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from interdictor.cli.main import app
from interdictor.network.analyze import Engines, analyze_records
from interdictor.network.feedback import AlertRef, FeedbackLog
from interdictor.network.recordio import read_records
from interdictor.store import Store

runner = CliRunner()
PARTIES = {
    "buyer": {"name": "Dalian Tonghe Trading Co., Ltd", "country": "CN"},
    "seller": {"name": "Hamburg Precision GmbH", "country": "DE"},
}
ROWS: list[dict[str, Any]] = [
    {
        "id": "c1",
        "type": "contract",
        "date": "2024-01-05",
        "refs": {"contract": "K-1"},
        **PARTIES,
        "total_value": 100000,
        "currency": "USD",
    },
    {
        "id": "lc1",
        "type": "letter_of_credit",
        "date": "2024-01-10",
        "refs": {"contract": "K-1", "lc": "LC-9"},
        "applicant": PARTIES["buyer"],
        "beneficiary": PARTIES["seller"],
        "amount": 100000,
        "currency": "USD",
    },
    {
        "id": "p1",
        "type": "payment",
        "date": "2024-02-01",
        "refs": {"lc": "LC-9"},
        "payer": {"name": "Sunrise Shell Holdings Ltd", "country": "HK"},
        "payee": PARTIES["seller"],
        "amount": 100000,
        "currency": "USD",
    },
    {
        "id": "b1",
        "type": "bill_of_lading",
        "date": "2024-02-10",
        "refs": {"contract": "K-1"},
        "shipper": PARTIES["seller"],
        "consignee": {"name": "TO ORDER"},
        "port_of_loading": "DEHAM",
        "port_of_discharge": "KPNAM",
    },
]


@pytest.fixture
def world(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "records.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in ROWS))
    return folder


@pytest.fixture
def where(store_url: str, tmp_path: Path) -> list[str]:
    """The --home and --database-url options of one test's store."""
    return ["--home", str(tmp_path / "home"), "--database-url", store_url]


def read_alerts(folder: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (folder / "alerts.jsonl").read_bytes().splitlines()]


def analyze(world: Path, out: Path, *options: str) -> list[dict[str, Any]]:
    result = runner.invoke(
        app, ["analyze", str(world), "--output", str(out), "--no-screening", *options]
    )
    assert result.exit_code == 0, result.output
    return read_alerts(out)


def test_a_verdict_is_applied_on_every_later_run(
    world: Path, tmp_path: Path, where: list[str]
) -> None:
    first = analyze(world, tmp_path / "out", *where)
    assert len(first) >= 2 and all(a["verdict"] is None for a in first)
    top = first[0]
    result = runner.invoke(
        app,
        [
            "alert-feedback",
            top["id"],
            "dismissed",
            "--output",
            str(tmp_path / "out"),
            "--analyst",
            "K. Analyst",
            *where,
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"dismissed: {top['id']} ({top['typology']}), stored as verdict 1" in result.output
    assert not (tmp_path / "out" / "feedback.jsonl").exists()  # the store keeps it, not a file
    elsewhere = analyze(world, tmp_path / "other-out", *where)  # same store, another folder
    assert elsewhere[-1]["id"] == top["id"] and elsewhere[-1]["verdict"] == "dismissed"
    again = runner.invoke(
        app, ["alert-feedback", top["id"], "confirmed", "--output", str(tmp_path / "out"), *where]
    )
    assert "supersedes verdict 1 (dismissed by K. Analyst" in " ".join(again.output.split())
    third = analyze(world, tmp_path / "out", *where)
    assert third[0]["id"] == top["id"] and third[0]["verdict"] == "confirmed"


def test_a_verdict_needs_an_alert_of_the_analysis(
    world: Path, tmp_path: Path, where: list[str]
) -> None:
    missing = runner.invoke(
        app, ["alert-feedback", "al-0", "confirmed", "--output", str(tmp_path / "none"), *where]
    )
    assert missing.exit_code == 2 and "run `interdictor analyze` first" in missing.output
    analyze(world, tmp_path / "out", *where)
    unknown = runner.invoke(
        app, ["alert-feedback", "al-0000", "confirmed", "--output", str(tmp_path / "out"), *where]
    )
    assert unknown.exit_code == 2 and "no alert al-0000" in " ".join(unknown.output.split())


def test_old_feedback_files_are_imported_once(
    world: Path, tmp_path: Path, where: list[str]
) -> None:
    out = tmp_path / "out"
    first = analyze(world, out, *where)
    dismissed = first[0]["id"]
    (out / "feedback.jsonl").write_text(
        orjson.dumps(
            {
                "alert_id": dismissed,
                "verdict": "dismissed",
                "analyst": "old",
                "note": "",
                "at": "2025-06-01T00:00:00+00:00",
            }
        ).decode()
        + "\n{half a line\n"
    )
    result = runner.invoke(
        app, ["analyze", str(world), "--output", str(out), "--no-screening", *where]
    )
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "1 stored, 0 already stored, 1 set aside" in shown
    assert f"{out / 'feedback.jsonl'}:line 2: not valid JSON" in shown
    assert read_alerts(out)[-1] == {**first[0], "verdict": "dismissed"}
    assert (out / "feedback.jsonl.imported").exists() and not (out / "feedback.jsonl").exists()
    assert (out / "feedback.jsonl.rejected").read_text() == "{half a line\n"


def test_a_feedback_file_option_imports_its_verdicts(
    world: Path, tmp_path: Path, where: list[str]
) -> None:
    out = tmp_path / "out"
    first = analyze(world, out, *where)
    shared = tmp_path / "colleague.jsonl"
    shared.write_text(
        orjson.dumps(
            {
                "alert_id": first[-1]["id"],
                "verdict": "confirmed",
                "analyst": "L.",
                "at": "2025-06-01T00:00:00Z",
            }
        ).decode()
        + "\n"
    )
    second = analyze(world, out, "--feedback", str(shared), *where)
    assert second[0]["id"] == first[-1]["id"] and second[0]["verdict"] == "confirmed"
    assert shared.exists()  # an explicit file is left where it is
    analyze(world, out, "--feedback", str(shared), *where)  # a second import adds nothing


def test_verdicts_from_the_store_rank_alerts(store: Store, world: Path) -> None:
    records = read_records([world]).records
    first = analyze_records(records, Engines())
    top = first.alerts[0]
    log = FeedbackLog(store)
    log.record(AlertRef.of(top), "dismissed", "K. Analyst", "known trader")
    second = analyze_records(records, Engines(), feedback=log.verdicts())
    assert second.alerts[-1].id == top.id and second.alerts[-1].verdict == "dismissed"
    [stored] = log.history(top.id)
    assert stored.record_ids == tuple(top.record_ids) and stored.typology == top.typology
