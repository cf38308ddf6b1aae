"""threshold_evasion: repeated specifications just under a control threshold for one buyer.

The goods verdicts come through the goods seam; here they restate what EU Annex I 1C010.b
says of carbon fibre (specific tensile strength exceeding 23.5e4 m).
"""

from __future__ import annotations

from conftest import Run, judge_by_table, make_record

from interdictor.network.analyze import make_goods_check
from interdictor.network.detectors import GoodsVerdict

NEAR = "carbon fibre tow, specific strength 23.0e4 m"
CLEAR = "carbon fibre tow, specific strength 15e4 m"
TABLE = {NEAR: GoodsVerdict(below_threshold=("1C010.b",)), CLEAR: GoodsVerdict()}


def make_orders(descriptions: list[str], buyers: list[str]) -> list:
    return [
        make_record(
            "contract",
            f"c{i}",
            date=f"2024-0{i + 1}-01",
            buyer=buyer,
            seller="Toray Composites Trading",
            refs={"contract": f"K-{i}"},
            goods=[{"description": d, "hs_code": "681511", "quantity": 500}],
        )
        for i, (d, buyer) in enumerate(zip(descriptions, buyers, strict=True))
    ]


def test_repeated_near_misses_for_one_buyer_fire(run: Run) -> None:
    records = make_orders([NEAR, NEAR, NEAR], ["Taian Composite Co"] * 3)
    alerts = run("threshold_evasion", records, goods=judge_by_table(TABLE))
    assert len(alerts) == 1
    assert alerts[0].record_ids == ["c0", "c1", "c2"]
    assert "1C010.b" in alerts[0].reason and "3 deals" in alerts[0].reason


def test_near_misses_spread_over_buyers_are_silent(run: Run) -> None:
    records = make_orders(
        [NEAR, NEAR, CLEAR], ["Taian Composite Co", "Weihai Rods Ltd", "Taian Composite Co"]
    )
    assert run("threshold_evasion", records, goods=judge_by_table(TABLE)) == []


def test_the_real_goods_engine_sees_the_near_misses(run: Run) -> None:
    # EU Annex I 1C210.a: specific tensile strength of 23.5 x 10^4 m or more.
    text = "Carbon fibre tow, 24K, specific tensile strength {v} × 10^4 m"
    records = [
        make_record(
            "contract",
            f"c{i}",
            date=f"2024-0{i + 1}-01",
            buyer="Taian Composite Co",
            seller=f"Fibre Seller {i}",
            refs={"contract": f"K-{i}"},
            goods=[
                {
                    "description": text.format(v=v),
                    "hs_code": "681511",
                    "quantity": 500,
                    "parameters": {"specific tensile strength": f"{v} × 10^4 m"},
                }
            ],
        )
        for i, v in enumerate([22.8, 23.1, 23.3])
    ]
    alerts = run("threshold_evasion", records, goods=make_goods_check())
    assert len(alerts) >= 1
    assert alerts[0].record_ids == ["c0", "c1", "c2"]
