"""hs_mislabel: the goods description or technical data do not fit the declared HS code.

The judgement is the goods engine's (``GoodsVerdict.hs_consistent``); this detector
collects it per record and names the code the description points to.
"""

from __future__ import annotations

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context

DECLARING_TYPES = ("customs_declaration", "bill_of_lading", "invoice", "contract", "insurance")


def detect(ctx: Context) -> list[Alert]:
    alerts = []
    for record_type in DECLARING_TYPES:
        for record in ctx.by_type.get(record_type, []):
            reasons = []
            for line in record.goods():
                if not line.hs_code or not line.description:
                    continue
                verdict = ctx.judge(line)
                if verdict.hs_consistent is False:
                    hint = f"; it points to {verdict.suggested_hs}" if verdict.suggested_hs else ""
                    reasons.append(
                        f"'{line.description}' declared under HS {line.hs_code}"
                        f"{hint}{': ' + verdict.reason if verdict.reason else ''}"
                    )
            if reasons:
                parties = [ctx.entity(record, role) or "" for role, _ in record.parties()]
                alerts.append(
                    ctx.alert(
                        "hs_mislabel",
                        0.8,
                        f"{record.id}: " + "; ".join(reasons),
                        parties,
                        [record.id],
                    )
                )
    return alerts
