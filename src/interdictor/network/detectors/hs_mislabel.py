"""hs_mislabel: the goods description or technical data do not fit the declared HS code.

The judgement is the goods engine's (``GoodsVerdict.hs_consistent``); this detector
collects it per record and names the code the description points to. Only lines that the
goods engine ties to a control-list entry count: a wrong code on ordinary goods is a
customs matter, one on strategic goods is how they slip through. A description and code
that many unrelated suppliers declare alike is the trade's practice, not a lie, and stays
silent (the engine is more likely wrong than all of them).
"""

from __future__ import annotations

import re
from collections import defaultdict

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context
from interdictor.network.lifecycle import SUPPLIER_ROLES
from interdictor.network.records import GoodsLine, Record

DECLARING_TYPES = ("customs_declaration", "bill_of_lading", "invoice", "contract", "insurance")
PRACTICE_SUPPLIERS = 3  # this many suppliers declaring alike make a practice
_MODEL = re.compile(r"\bmodel\b.*$|\b\w*\d\w*\b|[^\w\s]")  # "model XK-3272", numbers


def describe_pattern(line: GoodsLine) -> tuple[str, str]:
    """A line's description without model numbers, with its 6-digit code."""
    words = _MODEL.sub(" ", (line.description or "").lower()).split()
    return " ".join(words), (line.hs_code or "")[:6]


def find_suspects(ctx: Context) -> list[tuple[Record, GoodsLine, str]]:
    """Lines of strategic goods whose declared code the goods engine rejects."""
    found = []
    for record_type in DECLARING_TYPES:
        for record in ctx.by_type.get(record_type, []):
            for line in record.goods():
                if not line.hs_code or not line.description:
                    continue
                verdict = ctx.judge(line)
                if verdict.hs_consistent is False and (verdict.controls or verdict.below_threshold):
                    hint = f"; it points to {verdict.suggested_hs}" if verdict.suggested_hs else ""
                    why = f": {verdict.reason}" if verdict.reason else ""
                    text = f"'{line.description}' declared under HS {line.hs_code}{hint}{why}"
                    found.append((record, line, text))
    return found


def count_suppliers(
    ctx: Context, suspects: list[tuple[Record, GoodsLine, str]]
) -> dict[tuple[str, str], int]:
    """Per description pattern: how many distinct suppliers declare it so."""
    suppliers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record, line, _ in suspects:
        supplier = ctx.entity(record, SUPPLIER_ROLES.get(record.type, ""))
        suppliers[describe_pattern(line)].add(supplier or record.id)
    return {pattern: len(found) for pattern, found in suppliers.items()}


def detect(ctx: Context) -> list[Alert]:
    """One alert per deal (or per record outside deals), with every mislabelled line."""
    suspects = find_suspects(ctx)
    practice = count_suppliers(ctx, suspects)
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for record, line, text in suspects:
        if practice[describe_pattern(line)] < PRACTICE_SUPPLIERS:
            deal = ctx.transaction_of.get(record.id, record.id)
            grouped[deal][record.id].append(text)
    alerts = []
    for _, by_record in sorted(grouped.items()):
        texts = sorted({t for found in by_record.values() for t in found})
        parties = {
            ctx.entity(ctx.by_id[rid], role) or ""
            for rid in by_record
            for role, _ in ctx.by_id[rid].parties()
        }
        reason = f"{', '.join(sorted(by_record))}: " + "; ".join(texts)
        alerts.append(ctx.alert("hs_mislabel", 0.8, reason, parties, list(by_record)))
    return alerts
