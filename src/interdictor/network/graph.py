"""One graph of entities, records, vessels and ports.

Node ids carry their kind: ``entity:<id>``, ``record:<id>``, ``vessel:<imo or name>``,
``port:<UN/LOCODE>``. Edges name the role (``seller``, ``officers.0``), the port field or
``vessel``; record nodes carry their transaction id, so one deal's life cycle is the set
of record nodes sharing it.

The graph is defined once, as streams of nodes and edges (``iter_nodes``, ``iter_edges``).
``build_graph`` loads them into networkx for analysis of small data sets; the GraphML
export streams them to disk, so a million records never sit in a graph in memory; and
``build_evidence_graph`` loads only the neighbourhood of the findings, for the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from interdictor.network.lifecycle import Transaction, amount_of, vessel_of
from interdictor.network.records import Record, Vessel
from interdictor.network.resolve import Entity

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, dict[str, Any]]
# Every attribute a node or edge may carry, with its GraphML type.
NODE_ATTRIBUTES = {
    "kind": "string",
    "label": "string",
    "entity_kind": "string",
    "countries": "string",
    "listed": "boolean",
    "confidence": "double",
    "record_type": "string",
    "date": "string",
    "transaction": "string",
    "amount": "double",
    "source": "string",
    "imo": "string",
}
EDGE_ATTRIBUTES = {"role": "string"}
MAX_ENTITY_RECORDS = 25  # an entity's records drawn around a finding, beyond its evidence


def vessel_node(vessel: Vessel) -> str | None:
    """The node id of a vessel: its IMO, else its name."""
    key = (vessel.imo or "").strip() or (vessel.name or "").strip().upper()
    return f"vessel:{key}" if key else None


def make_entity_node(e: Entity) -> Node:
    return (
        f"entity:{e.id}",
        {
            "kind": "entity",
            "label": e.name,
            "entity_kind": e.kind,
            "countries": ",".join(e.countries),
            "listed": bool(e.listed),
            "confidence": e.confidence,
        },
    )


def make_record_node(r: Record, transaction: str) -> Node:
    amount = amount_of(r)
    return (
        f"record:{r.id}",
        {
            "kind": "record",
            "label": r.id,
            "record_type": r.type,
            "date": r.date.isoformat() if r.date else "",
            "transaction": transaction,
            "amount": amount if amount is not None else 0.0,
            "source": f"{r.file}:{r.position}",
        },
    )


def iter_record_links(r: Record) -> Iterator[tuple[Node, Edge]]:
    """The vessel and port nodes a record names, each with the edge to it."""
    node = f"record:{r.id}"
    vessel = vessel_of(r)
    vnode = vessel_node(vessel) if vessel else None
    if vessel and vnode:
        attrs = {"kind": "vessel", "label": vessel.name or vnode[7:], "imo": vessel.imo or ""}
        yield (vnode, attrs), (node, vnode, {"role": "vessel"})
    for field, code in r.ports():
        yield (
            (f"port:{code}", {"kind": "port", "label": code}),
            (node, f"port:{code}", {"role": field}),
        )


def iter_nodes(
    records: Iterable[Record], entities: Iterable[Entity], tx_of: Mapping[str, str]
) -> Iterator[Node]:
    """Every node once: records, their vessels and ports, then entities."""
    seen: set[str] = set()
    for r in records:
        yield make_record_node(r, tx_of.get(r.id, ""))
        for node, _ in iter_record_links(r):
            if node[0] not in seen:
                seen.add(node[0])
                yield node
    for e in entities:
        yield make_entity_node(e)


def iter_edges(records: Iterable[Record], entities: Iterable[Entity]) -> Iterator[Edge]:
    """Every edge: record to vessel and ports, entity to the records that mention it."""
    for r in records:
        for _, edge in iter_record_links(r):
            yield edge
    for e in entities:
        for m in e.mentions:
            yield (f"entity:{e.id}", f"record:{m.record_id}", {"role": m.role})


def index_transactions(transactions: Iterable[Transaction]) -> dict[str, str]:
    return {rid: tx.id for tx in transactions for rid in tx.record_ids}


def build_graph(
    records: Sequence[Record], entities: Sequence[Entity], transactions: Sequence[Transaction]
) -> nx.MultiGraph:
    """The whole data set as one networkx graph."""
    graph: nx.MultiGraph = nx.MultiGraph()
    graph.add_nodes_from(iter_nodes(records, entities, index_transactions(transactions)))
    graph.add_edges_from(iter_edges(records, entities))
    return graph


def build_evidence_graph(
    records: Mapping[str, Record],
    entities: Sequence[Entity],
    transactions: Sequence[Transaction],
    record_ids: Iterable[str],
    entity_ids: Iterable[str],
) -> nx.MultiGraph:
    """The findings' neighbourhood: their records and entities, the entities on those
    records, and a few records of each entity."""
    wanted_entities = set(entity_ids)
    wanted_records = set(record_ids)
    chosen = []
    for e in entities:
        mentioned = {m.record_id for m in e.mentions}
        if e.id in wanted_entities or mentioned & wanted_records:
            chosen.append(e)
    for e in chosen:
        if e.id in wanted_entities:
            wanted_records.update(sorted({m.record_id for m in e.mentions})[:MAX_ENTITY_RECORDS])
    kept = [records[r] for r in sorted(wanted_records) if r in records]
    keep = {r.id for r in kept}
    graph: nx.MultiGraph = nx.MultiGraph()
    graph.add_nodes_from(iter_nodes(kept, chosen, index_transactions(transactions)))
    graph.add_edges_from(iter_edges(kept, []))
    graph.add_edges_from(
        (f"entity:{e.id}", f"record:{m.record_id}", {"role": m.role})
        for e in chosen
        for m in e.mentions
        if m.record_id in keep
    )
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
