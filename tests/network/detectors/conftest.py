"""Tiny factories for detector tests: records in the DESIGN.md format, and a runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interdictor.network.alerts import Alert
from interdictor.network.analyze import Engines, analyze_records
from interdictor.network.detectors import GoodsVerdict, Settings
from interdictor.network.recordconvert import record_from_dict
from interdictor.network.records import GoodsLine, Record


def make_record(record_type: str, record_id: str, **fields: Any) -> Record:
    """A typed record from format fields; parties may be given as bare names."""
    data: dict[str, Any] = {"id": record_id, "type": record_type, **fields}
    for key, value in list(data.items()):
        if isinstance(value, str) and key in PARTY_FIELDS:
            data[key] = {"name": value}
    return record_from_dict(data)


PARTY_FIELDS = frozenset(
    {
        "buyer",
        "seller",
        "end_user",
        "applicant",
        "beneficiary",
        "issuing_bank",
        "payer",
        "payee",
        "insured",
        "insurer",
        "shipper",
        "consignee",
        "notify_party",
        "carrier",
        "declarant",
        "exporter",
        "importer",
        "company",
        "formation_agent",
    }
)

Run = Callable[..., list[Alert]]


@pytest.fixture
def run() -> Run:
    """Run one detector through the whole pipeline (resolution and life cycles included)."""

    def run_detector(typology: str, records: list[Record], **engines: Any) -> list[Alert]:
        settings = engines.pop("settings", Settings())
        analysis = analyze_records(records, Engines(**engines), settings, typologies=[typology])
        assert all(a.typology == typology for a in analysis.alerts)
        return analysis.alerts

    return run_detector


def judge_by_table(table: dict[str, GoodsVerdict]) -> Callable[[GoodsLine], GoodsVerdict]:
    """A goods seam answering from a table keyed by description."""

    def judge(line: GoodsLine) -> GoodsVerdict:
        return table.get(line.description or "", GoodsVerdict())

    return judge
