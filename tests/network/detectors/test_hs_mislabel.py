"""hs_mislabel: the goods engine finds the description at odds with the declared HS code."""

from __future__ import annotations

from conftest import Run, judge_by_table, make_record

from interdictor.network.detectors import GoodsVerdict

# Filament-winding machines (HS 8445.40 is textile winding) declared as "machine parts".
TABLE = {
    "filament winding machine, 4 axis": GoodsVerdict(
        hs_consistent=False, suggested_hs="844540", reason="description fits 8445.40"
    ),
    "parts of textile machinery": GoodsVerdict(hs_consistent=True),
}


def make_declaration(description: str) -> list:
    return [
        make_record(
            "customs_declaration",
            "d1",
            date="2024-04-01",
            direction="export",
            exporter="Jiangsu Hengshen Machinery",
            importer="Pyongyang Trading Co",
            goods=[{"description": description, "hs_code": "848790"}],
        )
    ]


def test_inconsistent_code_fires(run: Run) -> None:
    alerts = run(
        "hs_mislabel",
        make_declaration("filament winding machine, 4 axis"),
        goods=judge_by_table(TABLE),
    )
    assert [a.record_ids for a in alerts] == [["d1"]]
    assert "844540" in alerts[0].reason


def test_consistent_code_is_silent(run: Run) -> None:
    assert (
        run(
            "hs_mislabel",
            make_declaration("parts of textile machinery"),
            goods=judge_by_table(TABLE),
        )
        == []
    )
