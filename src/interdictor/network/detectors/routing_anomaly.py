"""routing_anomaly: the route, or the vessel, does not fit the declared trade.

Fires on a port call in a sanctioned state, a transshipment through a hub that serves a
sanctioned state when the declared destination lies elsewhere, a designated vessel IMO
(whatever name the vessel now carries), and a voyage soon after the vessel was renamed
or reflagged.
"""

from __future__ import annotations

from collections import defaultdict

from interdictor.network import ports
from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context, days_between
from interdictor.network.lifecycle import vessel_of
from interdictor.network.records import Record, Vessel

VOYAGE_TYPES = ("bill_of_lading", "insurance")


def normalize_imo(imo: str | None) -> str:
    digits = "".join(c for c in (imo or "") if c.isdigit())
    return digits if len(digits) == 7 else ""


def check_route(record: Record) -> list[str]:
    """Route findings of one B/L or policy."""
    found = []
    discharge = getattr(record, "port_of_discharge", None) or ""
    destination = ports.country_of(discharge) if discharge else None
    for field, code in record.ports():
        if ports.is_sanctioned_state_port(code):
            found.append(f"{field} {code} is a port in a sanctioned state")
        elif field == "transshipment_ports":
            serves = ports.serves_sanctioned_state(code)
            if serves and destination and destination != ports.country_of(code):
                found.append(
                    f"transshipment at {code}, a hub serving {serves}, on a voyage "
                    f"declared for {discharge} ({destination})"
                )
    return found


def check_vessel(ctx: Context, vessel: Vessel | None) -> str | None:
    imo = normalize_imo(vessel.imo if vessel else None)
    if imo and imo in ctx.listed_imos:
        return (
            f"vessel {vessel.name if vessel else ''} (IMO {imo}) is designated as "
            f"{ctx.listed_imos[imo]}"
        )
    return None


def index_changes(ctx: Context) -> dict[str, list[Record]]:
    """IMO -> rename and reflag events."""
    changes: dict[str, list[Record]] = defaultdict(list)
    for event in ctx.by_type.get("vessel_event", []):
        if event.event in ("rename", "reflag"):  # type: ignore[attr-defined]
            vessel = vessel_of(event)
            imo = normalize_imo(vessel.imo if vessel else None)
            if imo:
                changes[imo].append(event)
    return changes


def check_recent_changes(
    ctx: Context, record: Record, changes: dict[str, list[Record]]
) -> list[tuple[str, str]]:
    vessel = vessel_of(record)
    imo = normalize_imo(vessel.imo if vessel else None)
    found = []
    for event in changes.get(imo, []):
        gap = days_between(event.date, record.date)
        if gap is not None and 0 <= gap <= ctx.settings.rename_window_days:
            found.append(
                (
                    event.id,
                    f"vessel IMO {imo} was {event.event}d "  # type: ignore[attr-defined]
                    f"({event.old_value} -> {event.new_value}) {gap} days before "  # type: ignore[attr-defined]
                    f"{record.id}",
                )
            )
    return found


def detect_events(ctx: Context) -> list[Alert]:
    """Vessel events on their own: port calls in sanctioned states, designated vessels."""
    alerts = []
    for event in ctx.by_type.get("vessel_event", []):
        reasons = []
        port = event.port  # type: ignore[attr-defined]
        if event.event == "port_call" and port and ports.is_sanctioned_state_port(port):  # type: ignore[attr-defined]
            reasons.append(f"port call at {port}, a port in a sanctioned state")
        designated = check_vessel(ctx, vessel_of(event))
        if designated:
            reasons.append(designated)
        if reasons:
            alerts.append(ctx.alert("routing_anomaly", 0.8, "; ".join(reasons), [], [event.id]))
    return alerts


def detect(ctx: Context) -> list[Alert]:
    changes = index_changes(ctx)
    alerts = detect_events(ctx)
    for record_type in VOYAGE_TYPES:
        for record in ctx.by_type.get(record_type, []):
            reasons = check_route(record)
            evidence = {record.id}
            score = 0.8 if reasons else 0.0
            designated = check_vessel(ctx, vessel_of(record))
            if designated:
                reasons.append(designated)
                score = 0.95
            for event_id, why in check_recent_changes(ctx, record, changes):
                reasons.append(why)
                evidence.add(event_id)
                score = max(score, 0.65)
            if reasons:
                parties = [ctx.entity(record, role) or "" for role, _ in record.parties()]
                alerts.append(
                    ctx.alert("routing_anomaly", score, "; ".join(reasons), parties, evidence)
                )
    return alerts
