"""Alerts: what a detector raises, how alerts are ranked, and analyst feedback.

Analysts' verdicts live in the store (``interdictor.network.feedback``); ``apply_feedback``
sets them on the alerts of a run. A dismissed alert stays in ``alerts.jsonl`` with its
verdict but drops to the bottom of every ranking; a confirmed one rises to the top.
``read_feedback`` and ``record_feedback`` read and write the JSON-lines verdict format
(one ``{"alert_id", "verdict", "analyst", "note", "at"}`` a line, the last verdict for an
alert wins) that ``interdictor analyze --feedback FILE`` imports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from interdictor.errors import InvalidInput

TYPOLOGIES = (
    "listed_proximity",
    "front_company_cluster",
    "end_user_obfuscation",
    "routing_anomaly",
    "cargo_splitting",
    "threshold_evasion",
    "payment_mismatch",
    "hs_mislabel",
    "value_anomaly",
)
VERDICTS = ("confirmed", "dismissed")


@dataclass(slots=True)
class Alert:
    """One finding: a typology, a score in [0, 1], a reason and the evidence behind it."""

    typology: str
    score: float
    reason: str
    entity_ids: list[str] = field(default_factory=list)
    record_ids: list[str] = field(default_factory=list)
    transaction_ids: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    verdict: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if self.typology not in TYPOLOGIES:
            raise ValueError(f"unknown typology {self.typology!r}")
        self.score = round(min(1.0, max(0.0, self.score)), 4)
        self.entity_ids = sorted(set(self.entity_ids))
        self.record_ids = sorted(set(self.record_ids))
        self.transaction_ids = sorted(set(self.transaction_ids))
        if not self.id:
            self.id = make_alert_id(self.typology, self.record_ids, self.entity_ids)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_alert_id(typology: str, record_ids: list[str], entity_ids: list[str]) -> str:
    """A stable id from the typology and evidence, so feedback survives re-runs."""
    key = "|".join([typology, ",".join(sorted(record_ids)), ",".join(sorted(entity_ids))])
    return "al-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def rank_key(alert: Alert) -> tuple[int, float, str]:
    """Sort key: confirmed first, dismissed last, then by score, then by id for stability."""
    tier = {"confirmed": 0, None: 1, "dismissed": 2}[alert.verdict]
    return (tier, -alert.score, alert.id)


def rank_alerts(alerts: Iterable[Alert]) -> list[Alert]:
    """Rank a whole data set's alerts."""
    return sorted(alerts, key=rank_key)


def rank_by(alerts: Iterable[Alert], attribute: str) -> dict[str, list[Alert]]:
    """Rank alerts per transaction (``transaction_ids``) or per entity (``entity_ids``)."""
    groups: dict[str, list[Alert]] = defaultdict(list)
    for alert in alerts:
        for key in getattr(alert, attribute):
            groups[key].append(alert)
    return {key: rank_alerts(group) for key, group in groups.items()}


def summarise_risk(alerts: Iterable[Alert], attribute: str) -> list[tuple[str, float, int]]:
    """Per key: a noisy-or of the undismissed alert scores and the alert count, highest first."""
    risk: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for alert in alerts:
        if alert.verdict == "dismissed":
            continue
        for key in getattr(alert, attribute):
            risk[key] = 1 - (1 - risk[key]) * (1 - alert.score)
            count[key] += 1
    return sorted(((k, round(v, 4), count[k]) for k, v in risk.items()), key=lambda t: -t[1])


def read_feedback(path: Path) -> dict[str, str]:
    """The latest verdict per alert id. A bad line raises, naming the file and line."""
    verdicts: dict[str, str] = {}
    if not path.exists():
        return verdicts
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = orjson.loads(line)
                alert_id, verdict = item["alert_id"], item["verdict"]
            except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                raise InvalidInput(
                    f"bad feedback line: {exc}", source=str(path), position=f"line {number}"
                ) from exc
            if verdict not in VERDICTS:
                raise InvalidInput(
                    f"verdict must be one of {VERDICTS}, got {verdict!r}",
                    source=str(path),
                    position=f"line {number}",
                )
            verdicts[alert_id] = verdict
    return verdicts


def record_feedback(
    path: Path, alert_id: str, verdict: str, analyst: str = "", note: str = ""
) -> None:
    """Append one verdict (confirm or dismiss) for an alert."""
    if verdict not in VERDICTS:
        raise InvalidInput(f"verdict must be one of {VERDICTS}, got {verdict!r}")
    item = {
        "alert_id": alert_id,
        "verdict": verdict,
        "analyst": analyst,
        "note": note,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as handle:
        handle.write(orjson.dumps(item) + b"\n")


def apply_feedback(alerts: Iterable[Alert], verdicts: dict[str, str]) -> list[Alert]:
    """Set each alert's verdict from the stored feedback."""
    out = []
    for alert in alerts:
        alert.verdict = verdicts.get(alert.id)
        out.append(alert)
    return out
