"""Life cycles: one deal's records linked by refs or by parties, goods and amounts."""

from __future__ import annotations

from interdictor.network.lifecycle import build_transactions
from interdictor.network.recordconvert import record_from_dict
from interdictor.network.resolve import extract_mentions, index_mentions, resolve_mentions

BUYER = {"name": "Dalian Tonghe Trading Co., Ltd", "country": "CN"}
SELLER = {"name": "Hamburg Precision GmbH", "country": "DE"}
GOODS = [{"description": "CNC lathe", "hs_code": "845811", "quantity": 2, "value": 90000}]


def make(data: dict) -> object:
    return record_from_dict(data)


def run(records: list) -> list:
    entities = resolve_mentions(extract_mentions(records))
    return build_transactions(records, index_mentions(entities))


def make_deal(payment_amount: float = 90000, bl_port: str = "CNDLC") -> list:
    return [
        make(
            {
                "id": "c1",
                "type": "contract",
                "date": "2024-01-05",
                "refs": {"contract": "K-1"},
                "buyer": BUYER,
                "seller": SELLER,
                "goods": GOODS,
                "total_value": 90000,
            }
        ),
        make(
            {
                "id": "lc1",
                "type": "letter_of_credit",
                "date": "2024-01-12",
                "refs": {"contract": "K-1", "lc": "LC-5"},
                "applicant": BUYER,
                "beneficiary": SELLER,
                "amount": 90000,
            }
        ),
        make(
            {
                "id": "bl1",
                "type": "bill_of_lading",
                "date": "2024-02-10",
                "refs": {"bl": "B-7"},
                "shipper": SELLER,
                "consignee": BUYER,
                "goods": GOODS,
                "port_of_discharge": bl_port,
            }
        ),
        make(
            {
                "id": "ins1",
                "type": "insurance",
                "date": "2024-02-09",
                "refs": {"bl": "B-7"},
                "insured": SELLER,
                "port_of_discharge": "CNDLC",
                "insured_value": 99000,
            }
        ),
        # No refs at all: joins by seller, buyer and amount.
        make(
            {
                "id": "p1",
                "type": "payment",
                "date": "2024-03-01",
                "payer": BUYER,
                "payee": SELLER,
                "amount": payment_amount,
            }
        ),
        make(
            {
                "id": "c2",
                "type": "contract",
                "date": "2024-01-05",
                "refs": {"contract": "K-2"},
                "buyer": {"name": "Other Buyer Ltd"},
                "seller": SELLER,
                "total_value": 5000,
            }
        ),
    ]


def test_records_chain_into_one_deal_by_refs_and_by_parties() -> None:
    transactions = run(make_deal())
    groups = sorted(sorted(t.record_ids) for t in transactions)
    # The contract and B/L share no ref: they stay two deals unless parties and goods link.
    assert ["c2"] in groups
    assert any({"c1", "lc1"} <= set(g) for g in groups)
    assert any({"bl1", "ins1"} <= set(g) for g in groups)
    assert any("p1" in g and len(g) > 1 for g in groups)


def test_disagreements_are_flagged() -> None:
    records = make_deal(payment_amount=60000, bl_port="KPNAM")
    records[2].refs["contract"] = "K-1"  # the B/L cites the contract: one deal
    transactions = run(records)
    deal = next(t for t in transactions if "c1" in t.record_ids)
    kinds = {d["kind"] for d in deal.disagreements}
    assert "route" in kinds  # the B/L says Nampo, the policy Dalian
    assert "bl1" in deal.record_ids and "ins1" in deal.record_ids


def test_agreeing_documents_raise_nothing() -> None:
    records = make_deal()
    records[2].refs["contract"] = "K-1"
    deal = next(t for t in run(records) if "c1" in t.record_ids)
    assert deal.disagreements == []


def make_invoice_chain(contract_number: str) -> list:
    """A contract whose number no other document repeats, and an invoice and payment
    that cite the invoice number only."""
    return [
        make(
            {
                "id": "c9",
                "type": "contract",
                "date": "2024-01-05",
                "refs": {"contract": contract_number},
                "buyer": BUYER,
                "seller": SELLER,
                "goods": GOODS,
                "total_value": 90000,
            }
        ),
        make(
            {
                "id": "iv9",
                "type": "invoice",
                "date": "2024-02-01",
                "refs": {"invoice": "INV-9"},
                "buyer": BUYER,
                "seller": SELLER,
                "goods": GOODS,
                "total_value": 90000,
            }
        ),
        make(
            {
                "id": "p9",
                "type": "payment",
                "date": "2024-03-01",
                "refs": {"invoice": "INV-9"},
                "payer": BUYER,
                "payee": SELLER,
                "amount": 90000,
            }
        ),
    ]


def test_a_contract_whose_number_nothing_repeats_joins_its_deal_by_parties() -> None:
    transactions = run(make_invoice_chain("SC-9"))
    deal = next(t for t in transactions if "c9" in t.record_ids)
    assert sorted(deal.record_ids) == ["c9", "iv9", "p9"]


def test_repeat_orders_with_their_own_contract_numbers_stay_apart() -> None:
    records = make_invoice_chain("SC-9")
    records[1].refs["contract"] = "SC-8"  # the invoice belongs to an earlier contract
    transactions = run(records)
    deal = next(t for t in transactions if "c9" in t.record_ids)
    assert deal.record_ids == ["c9"]
