"""The graph: entities, records, vessels and ports, and the evidence subgraph."""

from __future__ import annotations

from interdictor.network.graph import build_graph, select_subgraph
from interdictor.network.lifecycle import build_transactions
from interdictor.network.recordconvert import record_from_dict
from interdictor.network.report.diagram import render_svg
from interdictor.network.resolve import extract_mentions, index_mentions, resolve_mentions


def test_graph_holds_every_kind_of_node() -> None:
    records = [
        record_from_dict(
            {
                "id": "bl1",
                "type": "bill_of_lading",
                "date": "2024-02-10",
                "shipper": {"name": "Hamburg Precision GmbH"},
                "consignee": {"name": "Dalian Tonghe Trading Co"},
                "vessel": {"name": "SEA PEARL", "imo": "9321483"},
                "port_of_loading": "DEHAM",
                "port_of_discharge": "CNDLC",
            }
        ),
    ]
    entities = resolve_mentions(extract_mentions(records))
    transactions = build_transactions(records, index_mentions(entities))
    graph = build_graph(records, entities, transactions)
    kinds = sorted(data["kind"] for _, data in graph.nodes(data=True))
    assert kinds == ["entity", "entity", "port", "port", "record", "vessel"]
    assert graph.nodes["record:bl1"]["transaction"] == "tx-bl1"
    sub = select_subgraph(graph, ["bl1"], [])
    assert set(sub.nodes) == set(graph.nodes)
    svg = render_svg(sub, {"record:bl1"})
    assert (
        svg.startswith("<svg")
        and "SEA PEARL" in svg
        and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
