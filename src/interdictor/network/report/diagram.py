"""Network diagrams as inline SVG: nothing is fetched when the report is opened.

The layout is a small force-directed one (Fruchterman-Reingold), pure Python and seeded
from a circle, so the same graph always draws the same way.
"""

from __future__ import annotations

import math
from html import escape

import networkx as nx

SIZE = 560
COLOURS = {"entity": "#1f77b4", "record": "#7f7f7f", "vessel": "#2ca02c", "port": "#9467bd"}
LISTED = "#d62728"
ITERATIONS = 80


def layout_nodes(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in the unit square, deterministic for a given graph."""
    nodes = sorted(graph.nodes)
    count = max(len(nodes), 1)
    pos = {
        n: [
            0.5 + 0.4 * math.cos(2 * math.pi * i / count),
            0.5 + 0.4 * math.sin(2 * math.pi * i / count),
        ]
        for i, n in enumerate(nodes)
    }
    k = math.sqrt(1.0 / count)
    edges = [(a, b) for a, b in graph.edges() if a != b]
    temperature = 0.1
    for _ in range(ITERATIONS):
        shift = {n: [0.0, 0.0] for n in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 1e-3)
                force = k * k / dist
                shift[a][0] += dx / dist * force
                shift[a][1] += dy / dist * force
                shift[b][0] -= dx / dist * force
                shift[b][1] -= dy / dist * force
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            force = dist * dist / k
            shift[a][0] -= dx / dist * force
            shift[a][1] -= dy / dist * force
            shift[b][0] += dx / dist * force
            shift[b][1] += dy / dist * force
        for n in nodes:
            length = max(math.hypot(*shift[n]), 1e-9)
            step = min(length, temperature)
            pos[n][0] = min(0.97, max(0.03, pos[n][0] + shift[n][0] / length * step))
            pos[n][1] = min(0.97, max(0.03, pos[n][1] + shift[n][1] / length * step))
        temperature *= 0.95
    return {n: (p[0], p[1]) for n, p in pos.items()}


def render_svg(graph: nx.Graph, highlight: set[str] | None = None) -> str:
    """An SVG drawing of a small graph; ``highlight`` nodes get a heavy outline."""
    highlight = highlight or set()
    pos = layout_nodes(graph)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}" role="img">'
    ]
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        parts.append(
            f'<line x1="{x1 * SIZE:.1f}" y1="{y1 * SIZE:.1f}" x2="{x2 * SIZE:.1f}" '
            f'y2="{y2 * SIZE:.1f}" stroke="#bbb"><title>{escape(str(data.get("role", "")))}'
            "</title></line>"
        )
    for node, data in graph.nodes(data=True):
        x, y = pos[node]
        kind = data.get("kind", "record")
        colour = LISTED if data.get("listed") else COLOURS.get(kind, "#333")
        stroke = ' stroke="#000" stroke-width="3"' if node in highlight else ""
        label = escape(str(data.get("label", node)))[:40]
        shape = (
            f'<rect x="{x * SIZE - 5:.1f}" y="{y * SIZE - 5:.1f}" width="10" height="10" '
            f'fill="{colour}"{stroke}/>'
            if kind == "record"
            else f'<circle cx="{x * SIZE:.1f}" cy="{y * SIZE:.1f}" r="7" fill="{colour}"{stroke}/>'
        )
        parts.append(
            f"<g><title>{escape(kind)}: {label}</title>{shape}"
            f'<text x="{x * SIZE + 9:.1f}" y="{y * SIZE + 4:.1f}" font-size="10">'
            f"{label}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
