"""GraphML export of the analysis graph, readable by Gephi, yEd, Cytoscape and networkx.

Written as a stream from the graph's node and edge generators (``interdictor.network.
graph``), so a million records never sit in memory as one XML tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from interdictor.network.graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Edge, Node

HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_data(handle: IO[str], attributes: dict[str, Any], prefix: str) -> None:
    for name, value in attributes.items():
        if value not in ("", None):
            text = format_value(value).replace("&", "&amp;").replace("<", "&lt;")
            handle.write(f'<data key="{prefix}{name}">{text.replace(">", "&gt;")}</data>')


def write_graphml(path: Path, nodes: Iterable[Node], edges: Iterable[Edge]) -> int:
    """Write nodes and edges as GraphML, atomically; returns the number of edges."""
    temporary = path.with_suffix(path.suffix + ".part")
    count = 0
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for name, kind in NODE_ATTRIBUTES.items():
            handle.write(f'<key id="n{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
        for name, kind in EDGE_ATTRIBUTES.items():
            handle.write(f'<key id="e{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
        handle.write('<graph edgedefault="undirected">\n')
        for node, attributes in nodes:
            handle.write(f"<node id={quoteattr(node)}>")
            write_data(handle, attributes, "n")
            handle.write("</node>\n")
        for source, target, attributes in edges:
            handle.write(f"<edge source={quoteattr(source)} target={quoteattr(target)}>")
            write_data(handle, attributes, "e")
            handle.write("</edge>\n")
            count += 1
        handle.write("</graph>\n</graphml>\n")
    temporary.replace(path)
    return count
