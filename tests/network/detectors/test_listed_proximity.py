"""listed_proximity: a listed party in the data, and the parties one hop from it.

Screening runs through the real engine over KPe.001 as the UN Consolidated List
(shared/data/sanctions/un/un_consolidated_2026-02-27.xml.gz) prints it.
"""

from __future__ import annotations

from conftest import Run, make_record

from interdictor.model.listed import ListedEntity
from interdictor.network.analyze import make_screen_fn
from interdictor.screening import Screener, make_query

KOMID = ListedEntity(
    id="un-KPe.001",
    schema="Organization",
    dataset="un",
    name="KOREA MINING DEVELOPMENT TRADING CORPORATION",
    aliases=[
        "CHANGGWANG SINYONG CORPORATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
        "DPRKN MINING DEVELOPMENT TRADING COOPERATION",
        "KOMID",
    ],
    countries=["kp"],
    reference="KPe.001",
)
SCREEN = make_screen_fn(Screener([KOMID]), make_query)


def make_world(buyer: str) -> list:
    return [
        make_record(
            "contract",
            "c1",
            date="2024-01-05",
            buyer={"name": buyer, "country": "KP"},
            seller="Shenyang Machine Tools Export Co",
        ),
        make_record(
            "contract",
            "c2",
            date="2024-02-05",
            buyer="Shenyang Machine Tools Export Co",
            seller="Harbin Bearing Works",
        ),
    ]


def test_listed_buyer_and_its_supplier_fire(run: Run) -> None:
    alerts = run("listed_proximity", make_world("CHANGGWANG SINYONG CORPORATION"), screen=SCREEN)
    by_hops = {a.details["hops"]: a for a in alerts}
    assert set(by_hops) == {0, 1}
    assert by_hops[0].record_ids == ["c1"] and "un-KPe.001" in by_hops[0].reason
    assert by_hops[1].record_ids == ["c1"]
    assert "Shenyang Machine Tools Export Co" in by_hops[1].reason
    assert by_hops[1].score < by_hops[0].score
    # Harbin Bearing Works is two hops away: beyond the default reach.
    assert not any("Harbin" in a.reason for a in alerts)


def test_look_alike_name_is_silent(run: Run) -> None:
    assert run("listed_proximity", make_world("Korea Mining Equipment Co"), screen=SCREEN) == []
