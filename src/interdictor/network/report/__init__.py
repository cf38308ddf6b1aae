"""Outputs of an analysis: the HTML report, the GraphML export and the FtM export."""

from __future__ import annotations

from interdictor.network.report.ftm import make_ftm_entities, write_ftm
from interdictor.network.report.graphml import write_graphml
from interdictor.network.report.html import collect_evidence, render_report, write_report

__all__ = [
    "collect_evidence",
    "make_ftm_entities",
    "render_report",
    "write_ftm",
    "write_graphml",
    "write_report",
]
