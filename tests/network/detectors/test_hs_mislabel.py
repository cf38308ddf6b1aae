"""hs_mislabel: the goods engine (real classifier) finds strategic goods under a wrong code.

Cases follow the generator's mislabel scheme: a CNC machining centre (HS 8457, EU Annex I
2B201 when accurate enough) declared as a sewing machine (HS 8452.29).
"""

from __future__ import annotations

import pytest
from conftest import Run, make_record

from interdictor.network.analyze import make_goods_check
from interdictor.network.detectors import GoodsCheck


@pytest.fixture(scope="module")
def goods() -> GoodsCheck:
    return make_goods_check()


def make_declaration(n: int, description: str, hs: str, exporter: str) -> object:
    return make_record(
        "customs_declaration",
        f"d{n}",
        date="2024-04-01",
        direction="export",
        exporter=exporter,
        importer=f"Importer {n} Ltd",
        goods=[{"description": description, "hs_code": hs, "quantity": 1}],
    )


def test_machining_centre_declared_as_sewing_machine_fires(run: Run, goods: GoodsCheck) -> None:
    records = [
        make_declaration(
            1,
            "5-axis CNC vertical machining centre, model VMC-850",
            "845229",
            "Jiangsu Hengshen Machinery",
        )
    ]
    alerts = run("hs_mislabel", records, goods=goods)
    assert [a.record_ids for a in alerts] == [["d1"]]
    assert "845229" in alerts[0].reason


def test_ordinary_goods_under_a_doubtful_code_are_silent(run: Run, goods: GoodsCheck) -> None:
    records = [
        make_declaration(
            1, "Cotton, sewing thread, put up for retail sale", "520420", "Lahore Cotton Mills"
        )
    ]
    assert run("hs_mislabel", records, goods=goods) == []


def test_a_code_many_suppliers_declare_alike_is_silent(run: Run, goods: GoodsCheck) -> None:
    records = [
        make_declaration(
            n, f"5-axis CNC vertical machining centre, model VMC-{n}", "845229", supplier
        )
        for n, supplier in enumerate(["Hengshen Machinery", "Baoji Tools", "Qinchuan Works"])
    ]
    assert run("hs_mislabel", records, goods=goods) == []
