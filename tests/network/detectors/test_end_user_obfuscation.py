"""end_user_obfuscation: "to order" B/Ls, intermediaries as consignee, changing consignees."""

from __future__ import annotations

from conftest import Run, make_record

SELLER = "Hamburg Precision GmbH"


def make_deal(
    consignee: str,
    end_user: str = "Shenyang Aerospace Machinery Co",
    buyer: str = "Shenyang Aerospace Machinery Co",
) -> list:
    return [
        make_record(
            "contract",
            "c1",
            date="2024-01-05",
            refs={"contract": "K-1"},
            buyer=buyer,
            seller=SELLER,
            end_user=end_user,
        ),
        make_record(
            "bill_of_lading",
            "bl1",
            date="2024-02-01",
            refs={"contract": "K-1", "bl": "B-1"},
            shipper=SELLER,
            consignee=consignee,
        ),
    ]


def test_to_order_bill_fires(run: Run) -> None:
    alerts = run("end_user_obfuscation", make_deal("TO ORDER"))
    assert [a.record_ids for a in alerts] == [["bl1"]]


def test_forwarder_for_a_third_party_end_user_fires(run: Run) -> None:
    deal = make_deal(
        "Sino Link Logistics Ltd",
        end_user="Korea Ryonbong General Corporation",
        buyer="Dandong Jinyuan Trade Co",
    )
    alerts = run("end_user_obfuscation", deal)
    assert len(alerts) == 1
    assert "an intermediary, Sino Link Logistics Ltd" in alerts[0].reason
    assert alerts[0].record_ids == ["bl1", "c1"]


def test_forwarder_for_a_buyer_using_the_goods_itself_is_silent(run: Run) -> None:
    assert run("end_user_obfuscation", make_deal("Sino Link Logistics Ltd")) == []


def test_consignee_that_is_the_end_user_is_silent(run: Run) -> None:
    # The same company, spelt differently on the two documents.
    assert run("end_user_obfuscation", make_deal("SHENYANG AEROSPACE MACHINERY CO.")) == []


def test_late_change_of_consignee_fires(run: Run) -> None:
    records = make_deal("Shenyang Aerospace Machinery Co")
    records.append(
        make_record(
            "bill_of_lading",
            "bl2",
            date="2024-02-20",
            refs={"bl": "B-1"},
            shipper=SELLER,
            consignee="Harbin Trade Partners Co",
        )
    )
    alerts = run("end_user_obfuscation", records)
    assert len(alerts) == 1
    assert "consignee changes" in alerts[0].reason
