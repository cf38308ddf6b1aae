"""cargo_splitting: components of one controlled item reaching one end user over shipments.

Components per item come from the reviewed ``data/network/component_sets.csv``.
"""

from __future__ import annotations

from conftest import Run, make_record

from interdictor.network.detectors import Settings
from interdictor.network.detectors.cargo_splitting import load_component_sets

END_USER = {"name": "Second Academy of Natural Sciences", "country": "KP"}


def make_shipment(
    n: int,
    date: str,
    description: str,
    hs: str,
    forwarder: str,
    end_user: dict[str, str] = END_USER,
) -> list:
    return [
        make_record(
            "contract",
            f"c{n}",
            date=date,
            refs={"contract": f"K-{n}"},
            buyer="Dandong Hongxiang Industrial Co",
            seller=f"Supplier {n} Ltd",
            end_user=end_user,
            goods=[{"description": description, "hs_code": hs, "quantity": 10}],
        ),
        make_record(
            "bill_of_lading",
            f"b{n}",
            date=date,
            refs={"contract": f"K-{n}"},
            shipper=f"Supplier {n} Ltd",
            consignee=forwarder,
            goods=[{"description": description, "hs_code": hs, "quantity": 10}],
        ),
    ]


def make_three_routes(last_date: str = "2024-05-01") -> list:
    return (
        make_shipment(
            1, "2024-01-10", "ammonium perchlorate, 200 micron", "282990", "Alpha Logistics"
        )
        + make_shipment(2, "2024-03-02", "spherical aluminium powder", "760310", "Beta Freight")
        + make_shipment(3, last_date, "HTPB binder resin", "400220", "Gamma Shipping")
    )


def test_the_reviewed_table_loads_three_items() -> None:
    items = {spec.item: spec for spec in load_component_sets()}
    assert set(items) == {"solid rocket motor", "guidance set", "gas centrifuge"}
    assert items["solid rocket motor"].min_components == 3


def test_three_propellant_components_to_one_end_user_fire(run: Run) -> None:
    alerts = run("cargo_splitting", make_three_routes())
    assert len(alerts) == 1
    assert "3 of the 5 components of solid rocket motor" in alerts[0].reason
    assert {"b1", "b2", "b3", "c1", "c2", "c3"} == set(alerts[0].record_ids)


def test_the_same_goods_spread_beyond_the_window_are_silent(run: Run) -> None:
    settings = Settings(split_window_days=60)
    assert run("cargo_splitting", make_three_routes(), settings=settings) == []


def test_components_to_different_end_users_are_silent(run: Run) -> None:
    records = make_three_routes()
    records[4:6] = make_shipment(
        3,
        "2024-05-01",
        "HTPB binder resin",
        "400220",
        "Gamma Shipping",
        end_user={"name": "Tianjin Tyre Works", "country": "CN"},
    )
    assert run("cargo_splitting", records) == []
