"""One graph of entities, records, vessels and ports (networkx).

Node ids carry their kind: ``entity:<id>``, ``record:<id>``, ``vessel:<imo or name>``,
``port:<UN/LOCODE>``. Edges name the role (``seller``, ``officers.0``), the port field or
``vessel``; record nodes carry their transaction id, so one deal's life cycle is the set
of record nodes sharing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from interdictor.network.lifecycle import Transaction, amount_of, vessel_of
from interdictor.network.records import Record, Vessel
from interdictor.network.resolve import Entity


def vessel_node(vessel: Vessel) -> str | None:
    """The node id of a vessel: its IMO, else its name."""
    key = (vessel.imo or "").strip() or (vessel.name or "").strip().upper()
    return f"vessel:{key}" if key else None


def add_entities(graph: nx.MultiGraph, entities: Iterable[Entity]) -> None:
    for e in entities:
        graph.add_node(
            f"entity:{e.id}",
            kind="entity",
            label=e.name,
            entity_kind=e.kind,
            countries=",".join(e.countries),
            listed=bool(e.listed),
            confidence=e.confidence,
        )
        for m in e.mentions:
            graph.add_edge(f"entity:{e.id}", f"record:{m.record_id}", role=m.role)


def add_records(graph: nx.MultiGraph, records: Iterable[Record], tx_of: dict[str, str]) -> None:
    for r in records:
        node = f"record:{r.id}"
        amount = amount_of(r)
        graph.add_node(
            node,
            kind="record",
            label=r.id,
            record_type=r.type,
            date=r.date.isoformat() if r.date else "",
            transaction=tx_of.get(r.id, ""),
            amount=amount if amount is not None else 0.0,
            source=f"{r.file}:{r.position}",
        )
        vessel = vessel_of(r)
        vnode = vessel_node(vessel) if vessel else None
        if vessel and vnode:
            graph.add_node(
                vnode, kind="vessel", label=vessel.name or vnode[7:], imo=vessel.imo or ""
            )
            graph.add_edge(node, vnode, role="vessel")
        for field, code in r.ports():
            graph.add_node(f"port:{code}", kind="port", label=code)
            graph.add_edge(node, f"port:{code}", role=field)


def build_graph(
    records: Sequence[Record], entities: Sequence[Entity], transactions: Sequence[Transaction]
) -> nx.MultiGraph:
    """The whole data set as one graph."""
    tx_of = {rid: tx.id for tx in transactions for rid in tx.record_ids}
    graph: nx.MultiGraph = nx.MultiGraph()
    add_records(graph, records, tx_of)
    add_entities(graph, entities)
    return graph


def select_subgraph(
    graph: nx.MultiGraph, record_ids: Iterable[str], entity_ids: Iterable[str], limit: int = 60
) -> nx.MultiGraph:
    """The evidence of a finding: its records and entities, and their direct neighbours."""
    core = [f"record:{r}" for r in record_ids] + [f"entity:{e}" for e in entity_ids]
    nodes = [n for n in core if n in graph]
    chosen = dict.fromkeys(nodes)
    for node in nodes:
        for neighbour in graph.neighbors(node):
            if len(chosen) >= limit:
                break
            chosen.setdefault(neighbour)
    return graph.subgraph(chosen).copy()
