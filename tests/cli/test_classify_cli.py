"""The classify and decide commands, through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdictor.cli.main import app

runner = CliRunner()


def test_single_line_prints_a_table(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["classify", "CNC FILAMENT WINDING MACHINE", "--hs", "8452.29", "--param", "axes=4",
         "--home", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "MISLABELLED" in result.output and "1B001" in result.output


def test_json_output_has_the_documented_shape(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["classify", "T800 carbon fibre", "--json", "--home", str(tmp_path)]
    )
    data = json.loads(result.stdout)
    assert set(data) == {"id", "hs", "controls"}
    assert data["controls"][0]["entry"] in {"1C010", "1C210"}


def test_batch_reports_bad_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "lines.jsonl"
    source.write_text(
        '{"id": "a", "description": "ROCKET MOTOR CASINGS", "hs_code": "8436.99"}\n'
        "{broken\n"
        '{"id": "c", "description": "valve", "quantity": "ten"}\n'
        '{"id": "d", "description": "INDUSTRIAL SEWING MACHINE", "hs_code": "8452.29"}\n'
    )
    target = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["classify", "--input", str(source), "--output", str(target), "--home", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "d"]
    assert rows[0]["hs"]["consistent"] is False and rows[1]["controls"] == []
    assert "lines.jsonl:line 2: not valid JSON" in result.output
    assert "lines.jsonl:line 3: quantity 'ten' is not a number" in result.output


def test_decide_then_classify_reuses_the_decision(tmp_path: Path) -> None:
    decided = runner.invoke(
        app,
        ["decide", "Twaron 2200 yarn 1610 dtex", "--entry", "1C210", "--by", "A. Officer",
         "--home", str(tmp_path)],
    )  # fmt: skip
    assert decided.exit_code == 0, decided.output
    result = runner.invoke(
        app, ["classify", "TWARON 2200 YARN 1610 DTEX", "--json", "--home", str(tmp_path)]
    )
    data = json.loads(result.stdout)
    assert data["decision"]["decided_by"] == "A. Officer"
    assert data["controls"][0]["entry"] == "1C210"


def test_unknown_input_format_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "lines.xml"
    source.write_text("<x/>")
    result = runner.invoke(
        app, ["classify", "--input", str(source), "--output", str(tmp_path / "o.jsonl"),
              "--home", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 2


def test_unknown_hs_edition_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["classify", "T800 carbon fibre", "--edition", "2012", "--home", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "2012" in result.output


def test_a_second_decision_supersedes_and_the_history_keeps_both(tmp_path: Path) -> None:
    home = ["--home", str(tmp_path)]
    first = runner.invoke(
        app, ["decide", "Twaron 2200 yarn", "--entry", "1c210", "--by", "A. Officer", *home]
    )
    assert first.exit_code == 0 and "recorded decision 1" in first.output
    second = runner.invoke(
        app, ["decide", "TWARON 2200 YARN", "--by", "B. Officer", "--note", "civil grade", *home]
    )
    assert second.exit_code == 0, second.output
    assert "-> not controlled" in second.output
    assert "supersedes decision 1 -> 1C210 by A. Officer" in " ".join(second.output.split())
    history = runner.invoke(app, ["decisions", "history", "twaron 2200 yarn", "--json", *home])
    rows = [json.loads(line) for line in history.stdout.splitlines()]
    assert [(r["id"], r["entry"], r["in_force"]) for r in rows] == [
        (1, "1C210", False),
        (2, "", True),
    ]
    table = runner.invoke(app, ["decisions", "history", *home])
    assert "superseded" in table.output and "in force" in table.output


def test_a_legacy_decisions_file_is_imported_by_classify(tmp_path: Path) -> None:
    (tmp_path / "goods_decisions.jsonl").write_text(
        '{"description": "Twaron 2200 yarn 1610 dtex", "entry": "1C210", "hs_code": "",'
        ' "decided_by": "A. Officer", "decided_at": "2026-01-02T03:04:05+00:00"}\n'
        "{not json\n"
    )
    result = runner.invoke(
        app, ["classify", "TWARON 2200 YARN 1610 DTEX", "--json", "--home", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["decision"]["decided_by"] == "A. Officer"
    shown = " ".join(result.stderr.split())
    assert "1 stored, 0 already stored, 1 set aside" in shown
    assert f"set aside {tmp_path / 'goods_decisions.jsonl'}:line 2: not valid JSON" in shown
    assert not (tmp_path / "goods_decisions.jsonl").exists()
    assert (tmp_path / "goods_decisions.jsonl.imported").exists()
    assert (tmp_path / "goods_decisions.jsonl.rejected").read_text() == "{not json\n"
    again = runner.invoke(app, ["classify", "sewing machine", "--home", str(tmp_path)])
    assert again.exit_code == 0 and "imported" not in again.output


def test_decisions_import_reads_another_file_once(tmp_path: Path) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(
        '{"description": "T800SC-24K carbon fibre", "entry": "1C010", "decided_by": "X",'
        ' "decided_at": "2026-01-02T03:04:05Z"}\n'
    )
    home = ["--home", str(tmp_path / "home")]
    first = runner.invoke(app, ["decisions", "import", str(other), *home])
    assert first.exit_code == 0 and "1 stored, 0 already stored" in first.output
    second = runner.invoke(app, ["decisions", "import", str(other), *home])
    assert "0 stored, 1 already stored" in second.output and other.exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[]\n")
    assert runner.invoke(app, ["decisions", "import", str(bad), *home]).exit_code == 1
