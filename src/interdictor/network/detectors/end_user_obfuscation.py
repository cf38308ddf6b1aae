"""end_user_obfuscation: the paper hides who finally receives the goods.

Fires on a "to order" bill of lading, a consignee (a forwarder, trading house, bank or
anyone else) that differs from an end user the contract names apart from the buyer, and
a consignee that changes between bills of lading of one deal. A forwarder receiving
goods for a buyer that uses them itself is routine and stays silent.
"""

from __future__ import annotations

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context
from interdictor.network.records import Record
from interdictor.network.resolve import normalize_party_name

# Words in a consignee's name that say it handles goods for someone else.
INTERMEDIARY_WORDS = frozenset(
    {
        "logistics",
        "forwarding",
        "forwarder",
        "freight",
        "shipping",
        "express",
        "transport",
        "cargo",
        "bank",
        "trading",
        "supply",
        "agency",
    }
)


def is_to_order(name: str) -> bool:
    return normalize_party_name(name).startswith("to order")


def is_intermediary(name: str) -> bool:
    return bool(INTERMEDIARY_WORDS & set(normalize_party_name(name).split()))


def check_transaction(ctx: Context, records: list[Record]) -> list[Alert]:
    """Findings of one deal, at most one alert carrying every reason."""
    bls = [r for r in records if r.type == "bill_of_lading" and r.consignee is not None]  # type: ignore[attr-defined]
    contracts = [r for r in records if r.type == "contract" and r.end_user is not None]  # type: ignore[attr-defined]
    reasons: list[str] = []
    evidence: set[str] = set()
    entities: set[str] = set()
    score = 0.0
    for bl in bls:
        name = bl.consignee.name  # type: ignore[attr-defined]
        if is_to_order(name):
            reasons.append(f"bill of lading {bl.id} is consigned '{name}'")
            evidence.add(bl.id)
            score = max(score, 0.75)
    consignees = {ctx.entity(bl, "consignee") for bl in bls if not is_to_order(bl.consignee.name)}  # type: ignore[attr-defined]
    consignees.discard(None)
    if len(consignees) > 1:
        reasons.append(
            "the consignee changes between bills of lading "
            + ", ".join(sorted(bl.id for bl in bls))
        )
        evidence.update(bl.id for bl in bls)
        entities.update(c for c in consignees if c)
        score = max(score, 0.8)
    for contract in contracts:
        end_user = ctx.entity(contract, "end_user")
        if end_user == ctx.entity(contract, "buyer"):
            continue  # the buyer uses the goods itself; a forwarder receiving them is routine
        for bl in bls:
            consignee = ctx.entity(bl, "consignee")
            name = bl.consignee.name  # type: ignore[attr-defined]
            if not end_user or not consignee or consignee == end_user or is_to_order(name):
                continue
            kind = "an intermediary" if is_intermediary(name) else "a different party"
            reasons.append(
                f"the contract {contract.id} names {contract.end_user.name} as end "  # type: ignore[attr-defined]
                f"user, but {bl.id} consigns the goods to {kind}, {name}"
            )
            evidence.update((contract.id, bl.id))
            entities.update((end_user, consignee))
            score = max(score, 0.85 if kind == "an intermediary" else 0.7)
    if not reasons:
        return []
    return [ctx.alert("end_user_obfuscation", score, "; ".join(reasons), entities, evidence)]


def detect(ctx: Context) -> list[Alert]:
    alerts: list[Alert] = []
    for records in ctx.transaction_records.values():
        alerts.extend(check_transaction(ctx, records))
    return alerts
