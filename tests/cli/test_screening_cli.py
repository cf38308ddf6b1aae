"""The screen and compare commands, end to end on the bundled lists."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdictor.cli.main import app
from interdictor.store import Store

runner = CliRunner()


def flat(text: str) -> str:
    """Output without the line wrapping of a narrow terminal."""
    return " ".join(text.split())


def test_screen_one_name_prints_the_listing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "KOMID", "--home", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "KPe.001" in result.output


def test_screen_rejects_a_bad_country(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "Kim", "--country", "Korea", "--home", str(tmp_path)])
    assert result.exit_code != 0
    assert "ISO 3166" in flat(result.output)


def test_batch_sets_aside_bad_rows_and_stores_the_run(tmp_path: Path) -> None:
    source = tmp_path / "parties.csv"
    source.write_text(
        "id,name,schema,country,birth_date,identifier\n"
        "a,Namchongang Trading Corporation,Organization,,,\n"
        "b,Someone,Spaceship,,,\n"
        "c,Hans Becker,Person,DE,1971-03-02,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["screen", "--input", str(source), "--output", str(out), "--home", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "line 3" in flat(result.output) and "Spaceship" in flat(result.output)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "c"]
    assert {m["reference"] for m in lines[0]["matches"]} >= {"KPe.004", "XIII.B/4"}
    assert lines[1]["matches"] == []
    with Store.for_home(tmp_path) as store:
        runs = store.screening_runs()
        assert len(runs) == 1 and runs[0].query_count == 2


def test_compare_scores_ftm_pairs_and_reports_bad_lines(tmp_path: Path) -> None:
    left = {"id": "l1", "schema": "Person", "properties": {"name": ["Kim Jong Un"]}}
    right = {"id": "r1", "schema": "Person", "properties": {"name": ["김정은"]}}
    other = {"id": "r2", "schema": "Person", "properties": {"name": ["Hans Becker"]}}
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"left": left, "right": right})
        + "\nnot json\n"
        + json.dumps({"left": left, "right": other})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "scores.jsonl"
    result = runner.invoke(app, ["compare", "--pairs", str(pairs), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "line 2" in flat(result.output)
    same, different = [json.loads(line) for line in out.read_text().splitlines()]
    assert same["right_id"] == "r1" and same["score"] > 0.9
    assert different["score"] < 0.1
