"""value_anomaly: a unit value far from the data set's norm for its HS code."""

from __future__ import annotations

from conftest import Run, make_record


def make_invoices(prices: list[float]) -> list:
    return [
        make_record(
            "invoice",
            f"i{n}",
            date="2024-01-01",
            seller=f"Seller {n}",
            buyer=f"Buyer {n}",
            goods=[
                {
                    "description": "ball bearings",
                    "hs_code": "848210",
                    "quantity": 100,
                    "unit": "pcs",
                    "value": price * 100,
                    "currency": "USD",
                }
            ],
        )
        for n, price in enumerate(prices)
    ]


NORMAL = [4.0, 4.4, 3.9, 4.1, 4.6, 3.8, 4.2, 4.0, 4.3]


def test_a_price_thirty_times_the_norm_fires(run: Run) -> None:
    alerts = run("value_anomaly", make_invoices([*NORMAL, 125.0]))
    assert [a.record_ids for a in alerts] == [["i9"]]
    assert "above the median" in alerts[0].reason


def test_ordinary_spread_is_silent(run: Run) -> None:
    assert run("value_anomaly", make_invoices([*NORMAL, 6.5])) == []


def test_too_few_prices_say_nothing(run: Run) -> None:
    assert run("value_anomaly", make_invoices([4.0, 4.1, 125.0])) == []
