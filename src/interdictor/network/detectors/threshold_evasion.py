"""threshold_evasion: specifications just under a control threshold, again and again,
for the same buyer.

The goods engine says which control entries a line sits just under
(``GoodsVerdict.below_threshold``); one such line is ordinary, repeats for one buyer are
the red flag.
"""

from __future__ import annotations

from collections import defaultdict

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context
from interdictor.network.records import Record

# Who buys, by record type, in order of preference.
BUYER_ROLES = ("end_user", "buyer", "consignee", "importer", "applicant")


def buyer_of(ctx: Context, records: list[Record]) -> str | None:
    """The deal's buyer: the end user where named, else the buyer, consignee or importer."""
    for role in BUYER_ROLES:
        for record in records:
            entity = ctx.entity(record, role)
            if entity:
                return entity
    return None


def find_near_misses(ctx: Context, records: list[Record]) -> dict[str, set[str]]:
    """Control entry -> ids of the deal's records with a line just under it."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for line in record.goods():
            for entry in ctx.judge(line).below_threshold:
                found[entry].add(record.id)
    return found


def detect(ctx: Context) -> list[Alert]:
    per_buyer: dict[tuple[str, str], list[tuple[str, set[str]]]] = defaultdict(list)
    for tx_id, records in sorted(ctx.transaction_records.items()):
        near = find_near_misses(ctx, records)
        if not near:
            continue
        buyer = buyer_of(ctx, records)
        if buyer is None:
            continue
        for entry, record_ids in near.items():
            per_buyer[(buyer, entry)].append((tx_id, record_ids))
    alerts = []
    for (buyer, entry), deals in sorted(per_buyer.items()):
        if len(deals) < ctx.settings.threshold_repeats:
            continue
        evidence = {rid for _, ids in deals for rid in ids}
        name = ctx.entity_by_id[buyer].name
        reason = (
            f"{name} bought goods just under the {entry} control threshold in "
            f"{len(deals)} deals ({', '.join(sorted(evidence))})"
        )
        score = min(0.95, 0.6 + 0.1 * len(deals))
        alerts.append(
            ctx.alert(
                "threshold_evasion",
                score,
                reason,
                [buyer],
                evidence,
                control_entry=entry,
                deals=len(deals),
            )
        )
    return alerts
