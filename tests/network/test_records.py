"""Typed records: parsing a format dictionary, accessors, rejections and flags."""

from __future__ import annotations

import datetime as dt

import pytest

from interdictor.network.recordconvert import RecordError, record_from_dict, record_to_dict
from interdictor.network.records import (
    FIELD_KINDS,
    RECORD_CLASSES,
    RECORD_TYPES,
    REQUIRED,
    BillOfLading,
    CompanyRegistration,
    attribute_of,
)

BL = {
    "id": "bl-1",
    "type": "bill_of_lading",
    "date": "2024-03-01",
    "source": "carrier EDI",
    "refs": {"bl": "COSU6123456", "invoice": 4471},
    "shipper": {"name": "Dalian Haitong Machinery Co., Ltd.", "country": "cn"},
    "consignee": "TO ORDER",
    "notify_party": {"name": "Sinar Food Sdn Bhd", "country": "MY", "fax": "+60 3 1234"},
    "vessel": {"name": "OCEAN GLORY 8", "imo": 8606173, "flag": "SL"},
    "port_of_loading": "CN DAL",
    "transshipment_ports": ["SGSIN", "XXZZZ"],
    "goods": [{"description": "CNC machining centre", "hs_code": "845710", "quantity": "2",
               "unit": "pcs", "parameters": {"positioning accuracy": "6.4 µm"}}],
    "seal_numbers": ["A1", "A2"],
}  # fmt: skip


def test_every_type_has_a_class_and_its_fields() -> None:
    assert set(RECORD_CLASSES) == set(RECORD_TYPES) == set(FIELD_KINDS)
    for rtype, cls in RECORD_CLASSES.items():
        slots = {name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ())}
        assert {attribute_of(f) for f in FIELD_KINDS[rtype]} <= slots, rtype
        assert set(REQUIRED[rtype]) <= set(FIELD_KINDS[rtype])


def test_bill_of_lading_parses_with_accessors() -> None:
    record = record_from_dict(BL, file="bl.jsonl", position="line 3")
    assert isinstance(record, BillOfLading)
    assert record.date == dt.date(2024, 3, 1)
    assert record.refs == {"bl": "COSU6123456", "invoice": "4471"}
    roles = [role for role, _ in record.parties()]
    assert roles == ["shipper", "consignee", "notify_party"]
    assert record.shipper is not None and record.shipper.country == "CN"
    assert record.consignee is not None and record.consignee.name == "TO ORDER"
    vessel = record.vessel()
    assert vessel is not None and vessel.imo == "8606173"
    # the WPI spelling of Dalian is stored as the current UN/LOCODE
    assert record.ports() == [
        ("port_of_loading", "CNDLC"),
        ("transshipment_ports", "SGSIN"),
        ("transshipment_ports", "XXZZZ"),
    ]
    line = record.goods()[0]
    assert line.quantity == 2.0 and line.parameters == {"positioning accuracy": "6.4 µm"}
    assert (record.file, record.position) == ("bl.jsonl", "line 3")


def test_unknown_fields_are_kept_and_unknown_ports_flagged() -> None:
    record = record_from_dict(BL)
    assert record.extra == {"seal_numbers": ["A1", "A2"]}
    assert record.notify_party is not None  # type: ignore[attr-defined]
    assert record.notify_party.extra == {"fax": "+60 3 1234"}  # type: ignore[attr-defined]
    assert record.flags == ["unknown_port:transshipment_ports=XXZZZ"]
    assert record_to_dict(record)["seal_numbers"] == ["A1", "A2"]


def test_round_trip_through_dict_is_stable() -> None:
    first = record_to_dict(record_from_dict(BL))
    assert record_to_dict(record_from_dict(first)) == first
    assert first["port_of_loading"] == "CNDLC"
    assert first["consignee"] == {"name": "TO ORDER"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"shipper": None}, "missing required field 'shipper'"),
        ({"id": ""}, "missing required field 'id'"),
        ({"type": "waybill"}, "unknown record type 'waybill'"),
        ({"date": "2024-13-45"}, "'2024-13-45' is not an ISO 8601 date"),
        ({"gross_weight_kg": "heavy"}, "'heavy' is not a number"),
        ({"shipper": {"address": "no name"}}, "party without a name"),
    ],
)
def test_bad_records_are_rejected_with_a_reason(change: dict[str, object], reason: str) -> None:
    with pytest.raises(RecordError, match=reason.replace("(", r"\(")):
        record_from_dict({**BL, **change})


def test_amounts_by_type() -> None:
    payment = record_from_dict({"id": "p", "type": "payment", "payer": "A", "payee": "B",
                                "amount": "1250.5", "currency": "USD"})  # fmt: skip
    assert payment.amount() == (1250.5, "USD")
    lc = record_from_dict({"id": "l", "type": "letter_of_credit", "applicant": "A",
                           "beneficiary": "B", "amount": 10, "currency": "EUR"})  # fmt: skip
    assert lc.amount() == (10.0, "EUR")
    assert record_from_dict(BL).amount() == (None, None)


def test_registration_officers_are_listed_parties() -> None:
    record = record_from_dict({
        "id": "cr", "type": "company_registration", "incorporation_date": "2023-05-02",
        "company": {"name": "Sinar Food Sdn Bhd", "country": "MY"},
        "officers": [{"name": "Kim Chol", "role": "director"}, {"name": "Tan Wei Ming"}],
        "formation_agent": {"name": "Straits Corporate Services Pte Ltd"},
    })  # fmt: skip
    assert isinstance(record, CompanyRegistration)
    assert [(role, p.name) for role, p in record.parties()] == [
        ("company", "Sinar Food Sdn Bhd"),
        ("officers", "Kim Chol"),
        ("officers", "Tan Wei Ming"),
        ("formation_agent", "Straits Corporate Services Pte Ltd"),
    ]
    assert record.officers[0].role == "director"
    assert record.incorporation_date == dt.date(2023, 5, 2)


def test_unknown_vessel_event_is_kept_and_flagged() -> None:
    record = record_from_dict({"id": "v", "type": "vessel_event", "event": "dry_dock",
                               "vessel": {"imo": "8606173"}})  # fmt: skip
    assert record.flags == ["unknown_event:dry_dock"]
