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
from interdictor.network.resolve import (
    compare_party_names,
    normalize_party_name,
    strip_order_prefix,
)

SAME_PARTY = 0.9  # "Sejin Steel Corporation" printed as "Sejin Steel Corpration"
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
    """A bare "TO ORDER" (or to the shipper's order) names nobody. "TO ORDER OF <bank>" is
    how an L/C-financed bill is normally made out, and stays silent."""
    return normalize_party_name(name).startswith("to order") and not strip_order_prefix(name)


def is_same_party(ctx: Context, a: tuple[Record, str], b: tuple[Record, str]) -> bool:
    """One party: the same resolved entity, or names that differ only by a slip."""
    ea, eb = ctx.entity(*a), ctx.entity(*b)
    if ea and ea == eb:
        return True
    pa, pb = getattr(a[0], a[1]), getattr(b[0], b[1])
    if pa is None or pb is None:
        return False
    return compare_party_names(pa.name, pb.name) >= SAME_PARTY


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
    named = [bl for bl in bls if not is_to_order(bl.consignee.name)]  # type: ignore[attr-defined]
    distinct: list[Record] = []
    for bl in named:
        if not any(is_same_party(ctx, (bl, "consignee"), (o, "consignee")) for o in distinct):
            distinct.append(bl)
    consignees = {ctx.entity(bl, "consignee") for bl in distinct}
    if len(distinct) > 1:
        reasons.append(
            "the consignee changes between bills of lading "
            + ", ".join(sorted(bl.id for bl in bls))
        )
        evidence.update(bl.id for bl in bls)
        entities.update(c for c in consignees if c)
        score = max(score, 0.8)
    for contract in contracts:
        end_user = ctx.entity(contract, "end_user")
        if is_same_party(ctx, (contract, "end_user"), (contract, "buyer")):
            continue  # the buyer uses the goods itself; a forwarder receiving them is routine
        for bl in bls:
            consignee = ctx.entity(bl, "consignee")
            name = bl.consignee.name  # type: ignore[attr-defined]
            if not end_user or not consignee or is_to_order(name):
                continue
            if is_same_party(ctx, (contract, "end_user"), (bl, "consignee")):
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
