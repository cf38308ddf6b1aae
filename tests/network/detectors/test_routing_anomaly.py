"""routing_anomaly: sanctioned-state ports, hubs serving them, designated or renamed vessels.

Port risks come from the bundled reviewed table (``data/network/port_risk.csv``).
"""

from __future__ import annotations

from conftest import Run, make_record

# IMO 9041552 is the vessel HOE RYONG in EU Regulation 2017/1509
# (shared/data/sanctions/eu/eu_dprk_reg2017-1509_consolidated.csv).
LISTED_IMOS = {"9041552": "Hoe Ryong (EU 2017/1509)"}


def make_bl(
    record_id: str, discharge: str, via: list[str], imo: str = "9321483", date: str = "2024-03-01"
) -> object:
    return make_record(
        "bill_of_lading",
        record_id,
        date=date,
        shipper="Ningbo Huaxin Imp Exp",
        consignee="Vostok Trade LLC",
        vessel={"name": "SEA PEARL", "imo": imo},
        port_of_loading="CNSHA",
        port_of_discharge=discharge,
        transshipment_ports=via,
    )


def test_transshipment_through_dandong_for_russia_fires(run: Run) -> None:
    alerts = run("routing_anomaly", [make_bl("bl1", "RUVVO", ["CNDDG"])])
    assert len(alerts) == 1 and "CNDDG" in alerts[0].reason


def test_transshipment_through_singapore_is_silent(run: Run) -> None:
    assert run("routing_anomaly", [make_bl("bl1", "RUVVO", ["SGSIN"])]) == []


def test_discharge_in_nampo_fires(run: Run) -> None:
    alerts = run("routing_anomaly", [make_bl("bl1", "KPNAM", [])])
    assert len(alerts) == 1 and "sanctioned state" in alerts[0].reason


def test_designated_imo_under_a_new_name_fires(run: Run) -> None:
    alerts = run(
        "routing_anomaly", [make_bl("bl1", "RUVVO", [], imo="9041552")], listed_imos=LISTED_IMOS
    )
    assert len(alerts) == 1 and "designated" in alerts[0].reason


def test_recent_rename_fires_and_an_old_one_does_not(run: Run) -> None:
    rename = make_record(
        "vessel_event",
        "ev1",
        date="2023-12-01",
        event="rename",
        vessel={"name": "SEA PEARL", "imo": "9321483"},
        old_value="OCEAN GLORY",
        new_value="SEA PEARL",
    )
    recent = run("routing_anomaly", [rename, make_bl("bl1", "RUVVO", [])])
    assert len(recent) == 1 and recent[0].record_ids == ["bl1", "ev1"]
    late = run("routing_anomaly", [rename, make_bl("bl1", "RUVVO", [], date="2025-06-01")])
    assert late == []
