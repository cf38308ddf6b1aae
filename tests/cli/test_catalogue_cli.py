"""``interdictor catalogue load|show|diff`` through Typer's runner, on SQLite and PostgreSQL,
and the classifier using the newest stored catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdictor.cli.main import app

runner = CliRunner()
OVERLAY = (
    "action,code,title,text,regimes,thresholds\n"
    "drop,5A002,,,,\n"
    "amend,1C116,,,MTCR;National,\n"
    "replace,2B001,,,,\n"
)
ENCRYPTOR = "NETWORK ENCRYPTOR AES-256, 10 GBPS, GOVERNMENT GRADE"


@pytest.fixture
def where(store_url: str, tmp_path: Path) -> list[str]:
    """The --home and --database-url options of one test's store."""
    return ["--home", str(tmp_path / "home"), "--database-url", store_url]


def flat(text: str) -> str:
    """The output with the terminal's line breaks and padding taken out."""
    return " ".join(text.split())


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_load_show_diff(where: list[str], tmp_path: Path) -> None:
    first = flat(run("catalogue", "load", *where))
    assert "version 1 created" in first and "1179 with their items" in first
    again = flat(run("catalogue", "load", *where))
    assert "unchanged, same content as the current version 1" in again
    assert "nothing stored" in again
    overlay = tmp_path / "national.csv"
    overlay.write_text(OVERLAY)
    second = flat(run("catalogue", "load", "--national", str(overlay), *where))
    assert "version 2 created" in second and "replacing version 1" in second
    assert "2 rows applied, 1 set aside" in second and "line 4" in second
    listing = run("catalogue", "show", *where)
    assert "1 " in listing and "2 *" in listing and "national.csv" in listing
    shown = json.loads(run("catalogue", "show", "--version", "current", "--json", *where))
    assert shown["version"]["id"] == 2 and shown["version"]["rejected_count"] == 1
    codes = [e["code"] for e in shown["entries"]]
    assert "5A002" not in codes and "1C116" in codes
    assert shown["rejections"][0]["position"] == "line 4"
    diff_file = tmp_path / "diff.json"
    diff = flat(run("catalogue", "diff", "previous", "current", "--json", str(diff_file), *where))
    assert "0 added, 11 removed, 1 changed" in diff and "5A002.a" in diff
    full = json.loads(diff_file.read_text())
    assert full["removed"][0] == "5A002" and full["changed"]["1C116"]["regimes"]["new"][-1] == (
        "National"
    )
    assert "0 added, 0 removed, 0 changed" in flat(run("catalogue", "diff", "bundled", "1", *where))


def test_classify_uses_the_newest_stored_catalogue(where: list[str], tmp_path: Path) -> None:
    before = json.loads(run("classify", ENCRYPTOR, "--json", *where).splitlines()[0])
    assert before["controls"][0]["entry"] == "5A002"
    overlay = tmp_path / "national.csv"
    overlay.write_text(OVERLAY)
    run("catalogue", "load", "--national", str(overlay), *where)
    result = runner.invoke(app, ["classify", ENCRYPTOR, "--json", *where])
    assert result.exit_code == 0, result.output
    after = json.loads(result.stdout)
    assert "5A002" not in [c["entry"] for c in after["controls"]]
    assert "stored catalogue version 1" in result.stderr


def test_bad_input_is_reported(where: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": "x", "entries": [')
    result = runner.invoke(app, ["catalogue", "load", str(broken), *where])
    assert result.exit_code == 1 and "not a JSON document" in flat(result.output)
    result = runner.invoke(app, ["catalogue", "diff", "previous", "current", *where])
    assert result.exit_code == 1 and "no catalogue is stored" in flat(result.output)
    run("catalogue", "load", *where)
    result = runner.invoke(app, ["catalogue", "show", "--version", "9", *where])
    assert result.exit_code == 1 and "no catalogue version '9'" in flat(result.output)
    result = runner.invoke(app, ["catalogue", "diff", "previous", "current", *where])
    assert result.exit_code == 1 and "there is no previous" in flat(result.output)
    assert "No catalogue is stored" not in run("catalogue", "show", *where)
