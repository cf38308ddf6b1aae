"""payment_mismatch: the money does not follow the documents.

Fires when a payer is neither the L/C applicant nor the buyer, when the payer sits in a
third country (neither the buyer's nor the applicant's), and when the payments of a deal
do not add up to its invoice or L/C amount.
"""

from __future__ import annotations

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context
from interdictor.network.lifecycle import amount_of
from interdictor.network.records import Record
from interdictor.network.resolve import compare_party_names

AMOUNT_TOLERANCE = 0.03  # bank charges and rounding
BUYER_ROLE = {"letter_of_credit": "applicant", "contract": "buyer", "invoice": "buyer"}
SAME_PARTY = 0.85  # "Gemilang Food Sdn Bhd" printed as "Gemilang Food Sdn Bhhd"


def check_payers(ctx: Context, records: list[Record]) -> tuple[list[str], set[str], set[str]]:
    """Payers who are not the applicant or buyer, or who pay from a third country."""
    expected: set[str] = set()
    names: set[str] = set()
    countries: set[str] = set()
    for r in records:
        role = BUYER_ROLE.get(r.type)
        if role and getattr(r, role) is not None:
            expected.add(ctx.entity(r, role) or "")
            names.add(getattr(r, role).name)
            countries.add((getattr(r, role).country or "").upper())
    expected.discard("")
    countries.discard("")
    reasons: list[str] = []
    evidence: set[str] = set()
    entities: set[str] = set()
    for payment in (r for r in records if r.type == "payment"):
        payer = ctx.entity(payment, "payer")
        party = payment.payer  # type: ignore[attr-defined]
        if not expected or payer is None or payer in expected:
            continue
        if is_spelling_of(party.name, names):
            continue  # the buyer under a spelling resolution kept apart
        country = (party.country or "").upper()
        where = f" in a third country ({country})" if country and country not in countries else ""
        reasons.append(
            f"{payment.id} is paid by {party.name}{where}, who is not the L/C "
            "applicant or the buyer"
        )
        evidence.add(payment.id)
        evidence.update(r.id for r in records if r.type in ("letter_of_credit", "contract"))
        entities.add(payer)
    return reasons, evidence, entities


def is_spelling_of(name: str, names: set[str]) -> bool:
    return any(compare_party_names(name, other) >= SAME_PARTY for other in names)


def check_amounts(records: list[Record]) -> tuple[list[str], set[str]]:
    """The sum of payments against the invoice (else the L/C) amount, in one currency."""
    payments = [r for r in records if r.type == "payment" and amount_of(r)]
    billed = [r for r in records if r.type == "invoice" and amount_of(r)] or [
        r for r in records if r.type == "letter_of_credit" and amount_of(r)
    ]
    if not payments or not billed:
        return [], set()
    currencies = {getattr(r, "currency", None) for r in payments + billed}
    if len(currencies) > 1:
        return [], set()
    paid = sum(amount_of(r) or 0.0 for r in payments)
    due = max(amount_of(r) or 0.0 for r in billed)
    if abs(paid - due) <= AMOUNT_TOLERANCE * due:
        return [], set()
    reason = f"payments total {paid:,.2f} against {due:,.2f} billed on {billed[0].id}"
    return [reason], {r.id for r in payments + billed}


def detect(ctx: Context) -> list[Alert]:
    alerts = []
    for records in ctx.transaction_records.values():
        if not any(r.type == "payment" for r in records):
            continue
        reasons, evidence, entities = check_payers(ctx, records)
        amount_reasons, amount_evidence = check_amounts(records)
        if not reasons and not amount_reasons:
            continue
        score = (0.85 if reasons else 0.0) + (0.1 if amount_reasons else 0.0)
        score = max(score, 0.6)
        alerts.append(
            ctx.alert(
                "payment_mismatch",
                score,
                "; ".join(reasons + amount_reasons),
                entities,
                evidence | amount_evidence,
            )
        )
    return alerts
