"""payment_mismatch: a payer not on the L/C, a third-country payer, unreconciled amounts."""

from __future__ import annotations

from conftest import Run, make_record

BUYER = {"name": "Dalian Tonghe Trading Co., Ltd", "country": "CN"}
SELLER = {"name": "Hamburg Precision GmbH", "country": "DE"}


def make_deal(payer: dict[str, str], paid: float) -> list:
    return [
        make_record(
            "letter_of_credit",
            "lc1",
            date="2024-01-10",
            refs={"lc": "LC-77"},
            applicant=BUYER,
            beneficiary=SELLER,
            amount=48000,
            currency="USD",
        ),
        make_record(
            "invoice",
            "inv1",
            date="2024-02-01",
            refs={"lc": "LC-77", "invoice": "I-9"},
            seller=SELLER,
            buyer=BUYER,
            total_value=48000,
            currency="USD",
        ),
        make_record(
            "payment",
            "pay1",
            date="2024-03-01",
            refs={"invoice": "I-9"},
            payer=payer,
            payee=SELLER,
            amount=paid,
            currency="USD",
        ),
    ]


def test_third_country_payer_fires(run: Run) -> None:
    payer = {"name": "Golden Star Holdings FZE", "country": "AE"}
    alerts = run("payment_mismatch", make_deal(payer, 48000))
    assert len(alerts) == 1
    assert "pay1" in alerts[0].record_ids and "lc1" in alerts[0].record_ids
    assert "third country (AE)" in alerts[0].reason


def test_buyer_paying_in_another_spelling_is_silent(run: Run) -> None:
    payer = {"name": "DALIAN TONGHE TRADING CO LTD", "country": "CN"}
    assert run("payment_mismatch", make_deal(payer, 48000)) == []


def test_short_payment_fires_even_from_the_buyer(run: Run) -> None:
    alerts = run("payment_mismatch", make_deal(BUYER, 31000))
    assert len(alerts) == 1
    assert "payments total 31,000.00 against 48,000.00" in alerts[0].reason
