"""The self-contained HTML report: summary, ranked alerts, and a diagram per flagged cluster.

Everything is inline (CSS and SVG); the file opens offline and fetches nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, select_autoescape

from interdictor.network.alerts import Alert, rank_alerts, summarise_risk
from interdictor.network.graph import select_subgraph
from interdictor.network.report.diagram import render_svg
from interdictor.network.resolve import Entity

MAX_CLUSTERS = 40  # diagrams beyond this help nobody; the JSON outputs hold everything
MAX_ALERT_ROWS = 500

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Interdictor network analysis</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid #ddd;
padding:4px;text-align:left;vertical-align:top}th{background:#f4f4f4}
.score{font-weight:bold}.cluster{border:1px solid #ccc;padding:1em;margin:1em 0}
.legend span{display:inline-block;margin-right:1em}.dismissed{color:#999}
</style></head><body>
<h1>Network analysis</h1>
<p>{{ summary.records }} records ({{ summary.rejected }} set aside), {{ summary.entities }}
entities, {{ summary.transactions }} transactions, {{ summary.alerts }} alerts.</p>
<h2>Alerts by typology</h2>
<table><tr><th>typology</th><th>alerts</th></tr>
{% for name, count in typologies %}<tr><td>{{ name }}</td><td>{{ count }}</td></tr>{% endfor %}
</table>
<h2>Entities most at risk</h2>
<table><tr><th>entity</th><th>risk</th><th>alerts</th></tr>
{% for name, risk, count in top_entities %}<tr><td>{{ name }}</td><td>{{ risk }}</td>
<td>{{ count }}</td></tr>{% endfor %}</table>
<h2>Flagged clusters</h2>
<p class="legend"><span style="color:#1f77b4">&#9679; entity</span>
<span style="color:#d62728">&#9679; listed</span><span style="color:#7f7f7f">&#9632; record</span>
<span style="color:#2ca02c">&#9679; vessel</span><span style="color:#9467bd">&#9679; port</span></p>
{% for c in clusters %}<div class="cluster"><h3>Cluster {{ loop.index }}: score {{ c.score }}</h3>
<ul>{% for a in c.alerts %}<li><b>{{ a.typology }}</b> ({{ a.score }}): {{ a.reason }}</li>
{% endfor %}</ul>{{ c.svg | safe }}</div>{% endfor %}
<h2>All alerts, ranked</h2>
<table><tr><th>#</th><th>typology</th><th>score</th><th>reason</th><th>records</th><th>id</th></tr>
{% for a in alerts %}<tr class="{{ a.verdict or '' }}"><td>{{ loop.index }}</td>
<td>{{ a.typology }}</td><td class="score">{{ a.score }}</td><td>{{ a.reason }}
{% if a.verdict %}<i>({{ a.verdict }})</i>{% endif %}</td>
<td>{{ a.record_ids[:8] | join(", ") }}</td><td>{{ a.id }}</td></tr>{% endfor %}</table>
</body></html>
"""


def group_clusters(alerts: Sequence[Alert]) -> list[list[Alert]]:
    """Alerts that share an entity or a record form one cluster."""
    parent = list(range(len(alerts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, alert in enumerate(alerts):
        for key in [f"e:{e}" for e in alert.entity_ids] + [f"r:{r}" for r in alert.record_ids]:
            if key in owner:
                parent[find(index)] = find(owner[key])
            else:
                owner[key] = index
    groups: dict[int, list[Alert]] = {}
    for index, alert in enumerate(alerts):
        groups.setdefault(find(index), []).append(alert)
    return sorted(groups.values(), key=lambda g: -max(a.score for a in g))


def pick_clusters(alerts: Sequence[Alert]) -> list[list[Alert]]:
    """The clusters the report draws: the strongest, dismissed alerts left out."""
    live = [a for a in alerts if a.verdict != "dismissed"]
    return group_clusters(live)[:MAX_CLUSTERS]


def collect_evidence(alerts: Sequence[Alert]) -> tuple[set[str], set[str]]:
    """Record and entity ids of the clusters the report draws (to build their graph)."""
    clusters = pick_clusters(alerts)
    records = {r for group in clusters for a in group for r in a.record_ids}
    entities = {e for group in clusters for a in group for e in a.entity_ids}
    return records, entities


def make_cluster_views(graph: nx.MultiGraph, alerts: Sequence[Alert]) -> list[dict[str, Any]]:
    views = []
    for group in pick_clusters(alerts):
        records = {r for a in group for r in a.record_ids}
        entities = {e for a in group for e in a.entity_ids}
        sub = select_subgraph(graph, sorted(records), sorted(entities))
        highlight = {f"record:{r}" for r in records} | {f"entity:{e}" for e in entities}
        views.append(
            {
                "score": max(a.score for a in group),
                "alerts": rank_alerts(group)[:10],
                "svg": render_svg(sub, highlight),
            }
        )
    return views


def render_report(
    graph: nx.MultiGraph,
    alerts: Sequence[Alert],
    entities: Sequence[Entity],
    summary: dict[str, int],
) -> str:
    """The report as one HTML string."""
    names = {e.id: e.name for e in entities}
    ranked = rank_alerts(alerts)
    typologies = sorted(Counter(a.typology for a in alerts).items())
    top = [(names.get(k, k), risk, n) for k, risk, n in summarise_risk(alerts, "entity_ids")[:25]]
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(TEMPLATE).render(
        summary=summary,
        typologies=typologies,
        top_entities=top,
        clusters=make_cluster_views(graph, ranked),
        alerts=ranked[:MAX_ALERT_ROWS],
    )


def write_report(
    path: Path,
    graph: nx.MultiGraph,
    alerts: Sequence[Alert],
    entities: Sequence[Entity],
    summary: dict[str, int],
) -> None:
    temporary = path.with_suffix(path.suffix + ".part")
    temporary.write_text(render_report(graph, alerts, entities, summary), encoding="utf-8")
    temporary.replace(path)
