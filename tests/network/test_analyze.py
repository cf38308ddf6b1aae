"""The pipeline end to end: outputs, feedback on re-runs, bad rows set aside, the CLI."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import orjson
import pytest
from followthemoney import model
from typer.testing import CliRunner

from interdictor.cli.main import app
from interdictor.lists import DEFAULT_LISTS, parse_file
from interdictor.network.alerts import read_feedback, record_feedback
from interdictor.network.analyze import (
    Engines,
    analyze_records,
    is_exact_company_name,
    make_screen_fn,
    write_outputs,
)
from interdictor.network.recordio import read_records
from interdictor.network.resolve import Mention, ScreenFn, link_listed, resolve_mentions
from interdictor.screening import Screener, make_query

BUYER = {"name": "Dalian Tonghe Trading Co., Ltd", "country": "CN"}
SELLER = {"name": "Hamburg Precision GmbH", "country": "DE"}
ROWS = [
    {
        "id": "c1",
        "type": "contract",
        "date": "2024-01-05",
        "refs": {"contract": "K-1"},
        "buyer": BUYER,
        "seller": SELLER,
        "end_user": {"name": "Sino Link Logistics Ltd"},
        "total_value": 50000,
        "currency": "USD",
    },
    {
        "id": "l1",
        "type": "letter_of_credit",
        "date": "2024-01-10",
        "refs": {"contract": "K-1", "lc": "LC1"},
        "applicant": BUYER,
        "beneficiary": SELLER,
        "amount": 50000,
        "currency": "USD",
    },
    {
        "id": "b1",
        "type": "bill_of_lading",
        "date": "2024-02-01",
        "refs": {"lc": "LC1"},
        "shipper": SELLER,
        "consignee": {"name": "TO ORDER"},
        "port_of_loading": "DEHAM",
        "port_of_discharge": "KPNAM",
        "vessel": {"name": "SEA STAR", "imo": "9321483"},
    },
    {
        "id": "p1",
        "type": "payment",
        "date": "2024-03-01",
        "refs": {"lc": "LC1"},
        "payer": {"name": "Golden Star Holdings FZE", "country": "AE"},
        "payee": SELLER,
        "amount": 50000,
        "currency": "USD",
    },
    {
        "id": "r1",
        "type": "company_registration",
        "date": "2023-01-01",
        "company": {"name": "Golden Star Holdings FZE", "country": "AE"},
        "officers": [{"name": "Kim Chol", "role": "director"}],
        "shareholders": [{"name": "Dalian Tonghe Trading Co., Ltd"}],
    },
]


def write_world(folder: Path, bad_line: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [orjson.dumps(row) for row in ROWS]
    if bad_line:
        lines.insert(2, b'{"id": "x9", "type": "payment", "payee": {"name": "No Amount"}}')
    (folder / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return folder


def test_outputs_are_complete_and_readable(tmp_path: Path) -> None:
    batch = read_records([write_world(tmp_path / "in")])
    assert len(batch.records) == 5 and len(batch.rejected) == 1
    assert "line 3" in batch.rejected[0].position
    analysis = analyze_records(batch.records, Engines(), rejected=batch.rejected)
    paths = write_outputs(analysis, tmp_path / "out")
    typologies = {a.typology for a in analysis.alerts}
    assert {"payment_mismatch", "end_user_obfuscation", "routing_anomaly"} <= typologies
    alerts = [orjson.loads(line) for line in paths["alerts.jsonl"].read_bytes().splitlines()]
    assert all(
        {"typology", "score", "reason", "entity_ids", "record_ids"} <= set(a) for a in alerts
    )
    scores = [a["score"] for a in alerts]
    assert scores == sorted(scores, reverse=True)
    html = paths["report.html"].read_text()
    assert "<svg" in html and "<script src" not in html and "Cluster 1" in html
    graph = nx.read_graphml(paths["graph.graphml"])
    assert "record:b1" in graph and "port:KPNAM" in graph
    schemata = set()
    for line in paths["ftm.jsonl"].read_bytes().splitlines():
        proxy = model.get_proxy(orjson.loads(line))
        schemata.add(proxy.schema.name)
    assert {"Company", "Person", "Payment", "Directorship", "Ownership", "Document"} <= schemata
    assert len(paths["rejected.jsonl"].read_bytes().splitlines()) == 1


def test_feedback_is_respected_on_rerun(tmp_path: Path) -> None:
    records = read_records([write_world(tmp_path / "in")]).records
    first = analyze_records(records, Engines())
    top = first.alerts[0]
    record_feedback(tmp_path / "feedback.jsonl", top.id, "dismissed", "analyst1", "known")
    assert read_feedback(tmp_path / "feedback.jsonl") == {top.id: "dismissed"}
    second = analyze_records(
        records, Engines(), feedback=read_feedback(tmp_path / "feedback.jsonl")
    )
    again = next(a for a in second.alerts if a.id == top.id)
    assert again.verdict == "dismissed" and second.alerts[-1].id == top.id


def test_cli_writes_the_outputs(tmp_path: Path) -> None:
    folder = write_world(tmp_path / "in")
    home = ["--home", str(tmp_path / "home")]
    result = CliRunner().invoke(
        app, ["analyze", str(folder), "--output", str(tmp_path / "out"), *home]
    )
    assert result.exit_code == 0, result.output
    for name in ("alerts.jsonl", "entities.jsonl", "report.html", "graph.graphml", "ftm.jsonl"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    alert_id = orjson.loads((tmp_path / "out" / "alerts.jsonl").read_bytes().splitlines()[0])["id"]
    result = CliRunner().invoke(
        app, ["alert-feedback", alert_id, "confirmed", "--output", str(tmp_path / "out"), *home]
    )
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(
        app, ["alert-feedback", alert_id, "maybe", "--output", str(tmp_path), *home]
    )
    assert bad.exit_code != 0


@pytest.fixture(scope="module")
def un_screen() -> ScreenFn:
    """Screening over the bundled UN list, which carries both listings used below:
    KOREA RYONBONG GENERAL CORPORATION (KPe.002, DPRK) and FAJR INDUSTRIAL GROUP (IRe.017)."""
    path, fmt = next((path, fmt) for path, fmt in DEFAULT_LISTS if "un_" in Path(path).name)
    return make_screen_fn(Screener(parse_file(Path(path), fmt).entities), make_query)


def test_an_exact_company_name_links_across_countries_and_a_look_alike_does_not(
    un_screen: ScreenFn,
) -> None:
    screen = un_screen
    branch = screen("KOREA RYONBONG GENERAL CORP.", "LegalEntity", "CN")
    assert [(h.listed_name, h.exact_name) for h in branch[:1]] == [
        ("KOREA RYONBONG GENERAL CORPORATION", True)
    ]
    assert branch[0].score < 0.9  # the countries differ: the score alone would not link
    entities = resolve_mentions(
        [
            Mention(
                record_id="r1", role="buyer", name="KOREA RYONBONG GENERAL CORP.", country="CN"
            ),
            Mention(record_id="r2", role="buyer", name="Al Fajr Industrial FZCO", country="AE"),
        ]
    )
    assert link_listed(entities, screen) == 1
    linked = {e.name: [h["listed_id"] for h in e.listed] for e in entities}
    assert linked == {
        "KOREA RYONBONG GENERAL CORP.": [branch[0].listed_id],
        "Al Fajr Industrial FZCO": [],
    }


def test_a_short_or_generic_name_is_never_exact_enough() -> None:
    assert is_exact_company_name(
        "Korea Ryonbong General Corp", ["KOREA RYONBONG GENERAL CORPORATION"]
    )
    assert not is_exact_company_name("Trading Co Ltd", ["TRADING COMPANY LIMITED"])
    assert not is_exact_company_name("Ryonbong", ["RYONBONG"])
    assert not is_exact_company_name("Ryonbong Trading", ["Korea Ryonbong General Corporation"])
