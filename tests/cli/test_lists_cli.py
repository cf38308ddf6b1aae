"""``interdictor lists``: load, show and diff on the real UN 2020 and 2026 files.

Facts checked against the raw files (zgrep): CDi.037 is only in the 2026 file, CFe.001
only in the 2020 file, and "Kuryonggang Trading Corporation" (an alias of KPe.008,
KOREAN TANGUN TRADING CORPORATION) appears only in the 2026 file.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
from click.testing import Result
from typer.testing import CliRunner

from interdictor.cli.lists import lists_app
from interdictor.cli.main import app

UN_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sanctions" / "un"
UN_2020 = UN_DIR / "un_consolidated_2020-11-23.xml.gz"
UN_2026 = UN_DIR / "un_consolidated_2026-02-27.xml.gz"
# Wide output so that table cells are not folded; no database URL from the environment.
ENV = {"COLUMNS": "250", "INTERDICTOR_DATABASE_URL": None, "INTERDICTOR_HOME": None}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(lists_app, [str(a) for a in args], env=ENV)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Result]]:
    """A home with UN 2020 loaded, then 2020 again, then 2026: the three load results."""
    home = tmp_path_factory.mktemp("home")
    results = [run("load", path, "--home", home) for path in (UN_2020, UN_2020, UN_2026)]
    return home, results


def test_load_creates_versions_and_skips_same_content(loaded: tuple[Path, list[Result]]) -> None:
    _, (first, again, newer) = loaded
    assert [r.exit_code for r in (first, again, newer)] == [0, 0, 0]
    assert "un_sc: version 1 created" in first.output
    assert "1018 loaded, 0 rejected." in first.output
    assert "un_sc: unchanged, same content as version 1" in again.output
    assert "un_sc: version 2 created" in newer.output and "replacing version 1" in newer.output
    assert "1003 loaded, 0 rejected." in newer.output


def test_show_lists_datasets_and_versions(loaded: tuple[Path, list[Result]]) -> None:
    home, _ = loaded
    overview = run("show", "--home", home)
    assert overview.exit_code == 0
    [row] = [line for line in overview.output.splitlines() if line.strip().startswith("un_sc")]
    assert row.split()[1:4] == ["2", "1003", "0"]
    versions = run("show", "--dataset", "un_sc", "--home", home)
    assert "un_consolidated_2020-11-23.xml.gz" in versions.output
    assert "2 *" in versions.output and "2026-02-27" in versions.output
    as_json = orjson.loads(run("show", "--dataset", "un_sc", "--json", "--home", home).output)
    assert [(v["id"], v["entity_count"], v["is_current"]) for v in as_json] == [
        (1, 1018, False),
        (2, 1003, True),
    ]


def assert_un_2020_to_2026(result: Result, json_path: Path) -> None:
    """The diff shows added, removed and changed entries, and what changed in each."""
    assert result.exit_code == 0, result.output
    diff = orjson.loads(json_path.read_bytes())
    counts = diff["summary"]
    assert min(counts.values()) > 0
    assert f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed" in (
        result.output
    )
    assert "un_sc-CDi.037" in {e["entity_id"] for e in diff["added"]}
    assert "un_sc-CFe.001" in {e["entity_id"] for e in diff["removed"]}
    changed = {c["entity_id"]: c["fields"] for c in diff["changed"]}
    assert "Kuryonggang Trading Corporation" in changed["un_sc-KPe.008"]["aliases"]["added"]
    assert "+ Kuryonggang Trading Corporation" in result.output
    assert "KOREAN TANGUN TRADING CORPORATION" in result.output


def test_diff_of_two_files(tmp_path: Path) -> None:
    json_path = tmp_path / "diff.json"
    result = run("diff", UN_2020, UN_2026, "--json", json_path, "--home", tmp_path / "unused")
    assert_un_2020_to_2026(result, json_path)
    assert not (tmp_path / "unused" / "interdictor.db").exists()  # files need no store


def test_diff_of_stored_versions(loaded: tuple[Path, list[Result]], tmp_path: Path) -> None:
    home, _ = loaded
    json_path = tmp_path / "diff.json"
    result = run("diff", "un_sc@1", "un_sc@current", "--json", json_path, "--home", home)
    assert_un_2020_to_2026(result, json_path)
    same = run("diff", "un_sc@previous", UN_2020, "--home", home)
    assert "0 added, 0 removed, 0 changed" in same.output


def test_diff_of_unknown_version_names_it(loaded: tuple[Path, list[Result]]) -> None:
    home, _ = loaded
    result = run("diff", "un_sc@7", "un_sc@current", "--home", home)
    assert result.exit_code == 1
    assert "dataset 'un_sc' has no version '7' (versions: 1, 2" in result.output


def test_bad_record_is_reported_and_set_aside(tmp_path: Path) -> None:
    text = gzip.decompress(UN_2026.read_bytes()).decode()
    start = text.index("<REFERENCE_NUMBER>")
    end = text.index("</REFERENCE_NUMBER>", start) + len("</REFERENCE_NUMBER>")
    broken = tmp_path / "un_broken.xml"
    broken.write_text(text[:start] + text[end:])
    result = run("load", broken, "--home", tmp_path)
    assert result.exit_code == 0, result.output
    assert "1002 loaded, 1 rejected." in result.output
    assert "INDIVIDUAL 1" in result.output and "record has no REFERENCE_NUMBER" in result.output


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "un_empty.xml"
    empty.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    result = run("load", empty, "--home", tmp_path)
    assert result.exit_code == 1
    assert "nothing could be read" in result.output and "0 loaded, 1 rejected." in result.output
    assert "The store holds no lists yet" in run("show", "--home", tmp_path).output


def test_missing_and_unknown_files_give_clear_errors(tmp_path: Path) -> None:
    missing = run("load", tmp_path / "nope.xml", "--home", tmp_path)
    assert missing.exit_code == 1 and "nope.xml" in missing.output
    odd = tmp_path / "notes.txt"
    odd.write_text("just some text\n")
    unknown = run("load", odd, "--home", tmp_path)
    assert unknown.exit_code == 1 and "notes.txt" in unknown.output
    assert "format not recognised" in unknown.output


def test_lists_is_registered_on_the_main_app(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["lists", "show", "--home", str(tmp_path)], env=ENV)
    assert result.exit_code == 0 and "The store holds no lists yet" in result.output
