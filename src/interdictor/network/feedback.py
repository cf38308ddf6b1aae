"""Analysts' verdicts on alerts, kept in the store (table ``alert_feedback``), append-only.

A verdict names the alert by its stable id (``alerts.make_alert_id``: typology plus
evidence) and keeps the typology, record ids and entity ids it was given on, so the audit
trail reads without the run's files. A later verdict on an alert supersedes the earlier
one, which stays. ``interdictor analyze`` applies the verdicts in force.

Verdicts kept before the store in ``feedback.jsonl`` files (in the data directory or an
analysis folder: one ``{"alert_id", "verdict", "analyst", "note", "at"}`` a line) are
imported once by ``import_feedback_file(..., retire_file=True)``; the file is renamed
``feedback.jsonl.imported`` and its bad lines are set aside in ``feedback.jsonl.rejected``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from interdictor.errors import InvalidInput
from interdictor.network.alerts import TYPOLOGIES, VERDICTS, Alert
from interdictor.store import FeedbackRecord, Store
from interdictor.store.jsonl_import import FileImport, import_file, parse_timestamp

FEEDBACK_FILE = "feedback.jsonl"
ALERTS_FILE = "alerts.jsonl"
RECORDED_SOURCE = "interdictor alert-feedback"
# Column widths of the store: longer values are refused, not cut.
ALERT_ID_LIMIT = 64
ANALYST_LIMIT = 200


@dataclass(frozen=True, slots=True)
class AlertRef:
    """What identifies an alert: its id, and the typology and evidence the id is made of."""

    id: str
    typology: str | None = None
    record_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, alert: Alert) -> AlertRef:
        return cls(alert.id, alert.typology, tuple(alert.record_ids), tuple(alert.entity_ids))


@dataclass
class FeedbackLog:
    """The verdicts of a store: record one, read those in force, read an alert's history."""

    store: Store
    imports: list[FileImport] = field(default_factory=list)

    def record(
        self, alert: AlertRef, verdict: str, analyst: str = "", note: str = ""
    ) -> FeedbackRecord:
        """Store a verdict (confirmed or dismissed) on an alert and return it."""
        item = make_feedback(alert, verdict, analyst, note, datetime.now(UTC), RECORDED_SOURCE)
        return self.store.save_feedback(item)

    def verdicts(self) -> dict[str, str]:
        """Return the verdict in force per alert id."""
        return self.store.verdicts()

    def history(self, alert_id: str) -> list[FeedbackRecord]:
        """Return every verdict on one alert, oldest first; the last is in force."""
        return self.store.feedback(alert_id)

    def import_file(
        self,
        path: Path,
        alerts: Mapping[str, AlertRef] | None = None,
        *,
        retire_file: bool = False,
    ) -> FileImport:
        """Import a feedback JSON-lines file; see ``import_feedback_file``."""
        report = import_feedback_file(self.store, path, alerts, retire_file=retire_file)
        self.imports.append(report)
        return report

    def import_legacy(self, folders: Iterable[Path]) -> list[FileImport]:
        """Import, once, the ``feedback.jsonl`` of each folder that still has one; the
        alerts of the folder's ``alerts.jsonl`` give each verdict its typology and ids."""
        reports: list[FileImport] = []
        for folder in dict.fromkeys(folders):
            path = folder / FEEDBACK_FILE
            if path.is_file():
                alerts = read_alert_refs(folder / ALERTS_FILE)
                reports.append(self.import_file(path, alerts, retire_file=True))
        return reports


def make_feedback(
    alert: AlertRef,
    verdict: str,
    analyst: str,
    note: str,
    decided_at: datetime,
    source: str,
) -> FeedbackRecord:
    """Check a verdict and return the row to store; raise InvalidInput naming the problem."""
    if verdict not in VERDICTS:
        raise InvalidInput(f"verdict must be one of {VERDICTS}, got {verdict!r}", source=source)
    if not alert.id.strip() or len(alert.id) > ALERT_ID_LIMIT:
        raise InvalidInput(f"alert id {alert.id!r} is empty or too long", source=source)
    if len(analyst.strip()) > ANALYST_LIMIT:
        raise InvalidInput(f"analyst is longer than {ANALYST_LIMIT} characters", source=source)
    typology = alert.typology if alert.typology in TYPOLOGIES else None
    return FeedbackRecord(
        alert_id=alert.id.strip(),
        verdict=verdict,
        decided_at=decided_at,
        analyst=analyst.strip(),
        note=note.strip(),
        typology=typology,
        record_ids=alert.record_ids,
        entity_ids=alert.entity_ids,
        source=source,
    )


def parse_feedback(
    data: dict[str, Any], position: str, source: str, alerts: Mapping[str, AlertRef]
) -> FeedbackRecord:
    """Read one verdict of a JSON-lines file; raise ValueError naming what is wrong."""
    alert_id = data["alert_id"]
    if not isinstance(alert_id, str):
        raise ValueError("alert_id is not text")
    analyst, note = str(data.get("analyst") or ""), str(data.get("note") or "")
    alert = alerts.get(alert_id, AlertRef(alert_id))
    try:
        return make_feedback(
            alert,
            data["verdict"],
            analyst,
            note,
            parse_timestamp(data.get("at")),
            f"{source}:{position}",
        )
    except InvalidInput as error:
        raise ValueError(error.reason) from error


def import_feedback_file(
    store: Store,
    path: Path,
    alerts: Mapping[str, AlertRef] | None = None,
    *,
    retire_file: bool = False,
) -> FileImport:
    """Store the verdicts of a JSON-lines file in one transaction; bad lines are set aside
    with their number, verdicts already stored are skipped.

    ``alerts`` (by id) fill in each verdict's typology and ids. With ``retire_file`` the
    file is renamed ``<file>.imported`` once stored and its bad lines are copied to
    ``<file>.rejected``; otherwise the file is left as it is.
    """
    known = alerts or {}
    return import_file(
        path,
        "feedback",
        lambda data, at: parse_feedback(data, at, path.name, known),
        store.import_feedback,
        retire_file=retire_file,
    )


def read_alert_refs(path: Path, wanted: set[str] | None = None) -> dict[str, AlertRef]:
    """Return the alerts of an ``alerts.jsonl`` by id (only ``wanted`` ones when given);
    an empty mapping when the file does not exist. Unreadable lines are skipped: the file
    is our own output, and a verdict stays valid without the alert's details."""
    found: dict[str, AlertRef] = {}
    if not path.is_file():
        return found
    with path.open("rb") as handle:
        for raw in handle:
            if wanted is not None and not any(w.encode() in raw for w in wanted):
                continue
            try:
                data = orjson.loads(raw)
                alert = AlertRef(
                    str(data["id"]),
                    str(data["typology"]),
                    tuple(str(r) for r in data.get("record_ids") or ()),
                    tuple(str(e) for e in data.get("entity_ids") or ()),
                )
            except (ValueError, TypeError, KeyError):
                continue
            if wanted is None or alert.id in wanted:
                found[alert.id] = alert
    return found
