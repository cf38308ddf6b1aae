"""value_anomaly: a unit value far from the norm for its HS code within the data set.

The norm is the median unit value of the code (6 digits, same unit; common currencies in
US dollars), read once per deal so that one deal's contract, invoice and B/L do not
outvote the others. A price far from the median fires only if few deals come near it.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context

# A price far from the median is still a norm if enough other deals share it: one code
# often covers a cheap and a dear product (a hand lathe and a CNC lathe under 8458.11).
NEAR = 1.0  # within a factor of e (about 2.7x)
COMPANY_SHARE = 0.1
MIN_COMPANY = 2
PRICED_TYPES = ("invoice", "contract", "customs_declaration", "bill_of_lading", "insurance")

Key = tuple[str, str, str]  # HS6, unit, currency ("USD" once converted)
# Rough US dollar values of common invoicing currencies (2024 levels, rounded). They only
# pool prices for a test of five-fold deviations; a currency not listed keeps its own pool.
USD_PER = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CHF": 1.13,
    "JPY": 0.0066,
    "CNY": 0.14,
    "HKD": 0.128,
    "SGD": 0.74,
    "AED": 0.272,
    "KRW": 0.00073,
}


def collect_unit_values(ctx: Context) -> dict[Key, list[tuple[float, str]]]:
    """Per HS code: (log unit value, record id), one per deal and goods line."""
    values: dict[Key, list[tuple[float, str]]] = defaultdict(list)
    seen: set[tuple[str, Key, float]] = set()
    for record_type in PRICED_TYPES:
        for record in ctx.by_type.get(record_type, []):
            deal = ctx.transaction_of.get(record.id, record.id)
            for line in record.goods():
                if not (line.hs_code and line.quantity and line.value) or line.quantity <= 0:
                    continue
                if line.value <= 0:
                    continue
                currency = (line.currency or "").upper()
                rate = USD_PER.get(currency)
                key = (line.hs_code[:6], (line.unit or "").lower(), "USD" if rate else currency)
                log_value = math.log(line.value * (rate or 1.0) / line.quantity)
                marker = (deal, key, round(log_value, 3))
                if marker in seen:
                    continue
                seen.add(marker)
                values[key].append((log_value, record.id))
    return values


def count_near(ordered: list[float], value: float) -> int:
    """How many prices (itself included) lie within a factor of e of ``value``."""
    return bisect_right(ordered, value + NEAR) - bisect_left(ordered, value - NEAR)


def detect(ctx: Context) -> list[Alert]:
    limit = ctx.settings.value_log_deviation
    alerts = []
    for (hs, unit, currency), values in sorted(collect_unit_values(ctx).items()):
        if len(values) < ctx.settings.value_min_samples:
            continue
        median = statistics.median(v for v, _ in values)
        ordered = sorted(v for v, _ in values)
        company = max(MIN_COMPANY, round(COMPANY_SHARE * len(values)))
        for log_value, record_id in values:
            deviation = log_value - median
            if abs(deviation) < limit or count_near(ordered, log_value) > company:
                continue
            factor = math.exp(abs(deviation))
            side = "above" if deviation > 0 else "below"
            reason = (
                f"unit value {math.exp(log_value):,.2f} {currency}/{unit or 'unit'} for HS "
                f"{hs} on {record_id} is {factor:.1f}x {side} the median "
                f"{math.exp(median):,.2f} of {len(values)} deals"
            )
            score = min(0.95, 0.5 + 0.1 * (abs(deviation) - limit) + 0.3)
            record = ctx.by_id[record_id]
            parties = [ctx.entity(record, role) or "" for role, _ in record.parties()]
            deal = ctx.transaction_of.get(record_id)
            evidence = {record_id}
            if deal:
                evidence.update(
                    r.id
                    for r in ctx.transaction_records[deal]
                    if any(g.hs_code and g.hs_code[:6] == hs for g in r.goods())
                )
            alerts.append(
                ctx.alert(
                    "value_anomaly",
                    score,
                    reason,
                    parties,
                    evidence,
                    hs_code=hs,
                    factor=round(factor, 2),
                )
            )
    return merge_by_transaction(alerts)


def merge_by_transaction(alerts: list[Alert]) -> list[Alert]:
    """One alert per deal (or per record outside deals): the strongest, evidence pooled."""
    best: dict[str, Alert] = {}
    for alert in alerts:
        key = alert.transaction_ids[0] if alert.transaction_ids else alert.record_ids[0]
        kept = best.get(key)
        if kept is None or alert.score > kept.score:
            if kept is not None:
                alert.record_ids = sorted(set(alert.record_ids) | set(kept.record_ids))
            best[key] = alert
        else:
            kept.record_ids = sorted(set(alert.record_ids) | set(kept.record_ids))
    return list(best.values())
