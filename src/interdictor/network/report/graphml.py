"""GraphML export of the analysis graph (networkx), readable by Gephi, yEd and Cytoscape."""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def write_graphml(graph: nx.MultiGraph, path: Path) -> None:
    """Write the graph atomically: a temporary file renamed into place."""
    temporary = path.with_suffix(path.suffix + ".part")
    nx.write_graphml(graph, temporary)
    temporary.replace(path)
