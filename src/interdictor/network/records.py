"""Typed trade records: the nine record types of the interchange format.

Each record type is a slotted dataclass. Its fields are declared once, as data, in
``FIELD_KINDS`` (field name -> kind); parsing, flattening and the accessors all read
that table, so a new field is one line. Fields that a record carries but this table
does not know are kept in ``extra``. Port codes are stored as the current UN/LOCODE
(World Port Index spellings mapped by the reviewed alias table); unknown codes are kept
and listed in ``flags``, never a reason to reject (see ``interdictor.network.ports``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from interdictor.network.ports import is_known, resolve_code

RECORD_TYPES = (
    "contract",
    "invoice",
    "letter_of_credit",
    "payment",
    "insurance",
    "bill_of_lading",
    "customs_declaration",
    "company_registration",
    "vessel_event",
)
# "registry" is the vessel as a register or list records it (read from FtM Vessel entities).
VESSEL_EVENTS = (
    "rename", "reflag", "owner_change", "ais_gap", "port_call", "sts_transfer", "registry",
)  # fmt: skip
DIRECTIONS = ("export", "import", "transit")
PARTY_KEYS = ("name", "address", "country", "phone", "email", "identifier", "role")
GOODS_KEYS = ("description", "hs_code", "quantity", "unit", "value", "currency")
VESSEL_KEYS = ("name", "imo", "flag")

# Field kinds: party, party[], goods (a list of lines), vessel, port, port[], str, str[],
# num, date. A kind ending in "[]" is a list.
FIELD_KINDS: dict[str, dict[str, str]] = {
    "contract": {
        "buyer": "party", "seller": "party", "end_user": "party", "goods": "goods",
        "total_value": "num", "currency": "str", "delivery_terms": "str", "end_use": "str",
    },
    "invoice": {
        "seller": "party", "buyer": "party", "goods": "goods", "total_value": "num",
        "currency": "str",
    },
    "letter_of_credit": {
        "applicant": "party", "beneficiary": "party", "issuing_bank": "party",
        "advising_bank": "party", "amount": "num", "currency": "str", "expiry": "date",
        "documents_required": "str[]",
    },
    "payment": {
        "payer": "party", "payee": "party", "payer_bank": "party", "payee_bank": "party",
        "amount": "num", "currency": "str", "purpose": "str",
    },
    "insurance": {
        "insurer": "party", "insured": "party", "beneficiary": "party", "vessel": "vessel",
        "port_of_loading": "port", "port_of_discharge": "port", "goods": "goods",
        "insured_value": "num", "currency": "str",
    },
    "bill_of_lading": {
        "carrier": "party", "shipper": "party", "consignee": "party", "notify_party": "party",
        "vessel": "vessel", "voyage": "str", "port_of_loading": "port",
        "port_of_discharge": "port", "transshipment_ports": "port[]", "place_of_delivery": "str",
        "containers": "str[]", "goods": "goods", "gross_weight_kg": "num",
    },
    "customs_declaration": {
        "declarant": "party", "exporter": "party", "importer": "party", "direction": "str",
        "country_of_origin": "str", "country_of_destination": "str", "goods": "goods",
        "licence_ref": "str", "port": "port",
    },
    "company_registration": {
        "company": "party", "incorporation_date": "date", "officers": "party[]",
        "shareholders": "party[]", "formation_agent": "party", "website": "str",
    },
    "vessel_event": {
        "vessel": "vessel", "event": "str", "old_value": "str", "new_value": "str",
        "port": "port", "counterpart_vessel": "vessel",
    },
}  # fmt: skip

# What a record must carry to be usable at all; everything else may be missing.
REQUIRED: dict[str, tuple[str, ...]] = {
    "contract": ("buyer", "seller"),
    "invoice": ("seller", "buyer"),
    "letter_of_credit": ("applicant", "beneficiary"),
    "payment": ("payer", "payee", "amount"),
    "insurance": ("insured",),
    "bill_of_lading": ("shipper", "consignee"),
    "customs_declaration": ("direction",),
    "company_registration": ("company",),
    "vessel_event": ("vessel", "event"),
}
COMMON_KEYS = ("id", "type", "date", "source", "refs")
# Format fields whose attribute is renamed, because an accessor shared by every record
# type has the same name: ``goods()``, ``vessel()``, ``amount()``.
ATTRIBUTE_OF = {"goods": "goods_lines", "vessel": "vessel_info", "amount": "amount_value"}


def attribute_of(field_name: str) -> str:
    """The Python attribute that holds a format field (``goods`` -> ``goods_lines``)."""
    return ATTRIBUTE_OF.get(field_name, field_name)


def _fields_of_kind(kind: str) -> dict[str, tuple[tuple[str, bool], ...]]:
    """Per record type: (attribute, is_list) for the fields of ``kind`` or ``kind[]``."""
    return {
        rtype: tuple(
            (attribute_of(name), k == kind + "[]")
            for name, k in kinds.items()
            if k in (kind, kind + "[]")
        )
        for rtype, kinds in FIELD_KINDS.items()
    }


PARTY_FIELDS = _fields_of_kind("party")  # "party[]" is the plural of "party"
PORT_FIELDS = _fields_of_kind("port")
AMOUNT_FIELDS = ("total_value", "amount", "insured_value")


@dataclass(slots=True)
class Party:
    """A party as printed: country is ISO 3166 alpha-2; ``role`` is an officer's title."""

    name: str
    address: str | None = None
    country: str | None = None
    phone: str | None = None
    email: str | None = None
    identifier: str | None = None
    role: str | None = None
    extra: dict[str, Any] | None = None


@dataclass(slots=True)
class GoodsLine:
    """One goods line; ``parameters`` holds technical values as printed, e.g. "3450 MPa"."""

    description: str | None = None
    hs_code: str | None = None
    quantity: float | None = None
    unit: str | None = None
    value: float | None = None
    currency: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] | None = None


@dataclass(slots=True)
class Vessel:
    """A vessel: the IMO number is its identity, name and flag change."""

    name: str | None = None
    imo: str | None = None
    flag: str | None = None
    extra: dict[str, Any] | None = None


@dataclass(slots=True)
class Record:
    """Common part of every record, plus where it was read (``file``, ``position``)."""

    type: ClassVar[str] = ""
    id: str
    date: dt.date | None = None
    source: str | None = None
    refs: dict[str, str] = field(default_factory=dict)
    file: str = ""
    position: str = ""
    flags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def parties(self) -> list[tuple[str, Party]]:
        """Every party on the record as (role, party); list fields repeat the role."""
        found: list[tuple[str, Party]] = []
        for name, many in PARTY_FIELDS[self.type]:
            value = getattr(self, name)
            if many:
                found.extend((name, p) for p in value)
            elif value is not None:
                found.append((name, value))
        return found

    def goods(self) -> list[GoodsLine]:
        """The goods lines, or an empty list for record types without goods."""
        lines: list[GoodsLine] = getattr(self, "goods_lines", [])
        return lines

    def ports(self) -> list[tuple[str, str]]:
        """Every port code on the record as (field, code), transshipments in order."""
        found: list[tuple[str, str]] = []
        for name, many in PORT_FIELDS[self.type]:
            value = getattr(self, name)
            if many:
                found.extend((name, code) for code in value)
            elif value:
                found.append((name, value))
        return found

    def vessel(self) -> Vessel | None:
        """The vessel named on the record (``vessel``), if any."""
        value: Vessel | None = getattr(self, "vessel_info", None)
        return value

    def amount(self) -> tuple[float | None, str | None]:
        """The headline amount and currency (total value, L/C or paid amount, insured value)."""
        for name in AMOUNT_FIELDS:
            if name in FIELD_KINDS[self.type]:
                return getattr(self, attribute_of(name)), getattr(self, "currency", None)
        return None, None


@dataclass(slots=True)
class Contract(Record):
    type: ClassVar[str] = "contract"
    buyer: Party | None = None
    seller: Party | None = None
    end_user: Party | None = None
    goods_lines: list[GoodsLine] = field(default_factory=list)
    total_value: float | None = None
    currency: str | None = None
    delivery_terms: str | None = None
    end_use: str | None = None


@dataclass(slots=True)
class Invoice(Record):
    type: ClassVar[str] = "invoice"
    seller: Party | None = None
    buyer: Party | None = None
    goods_lines: list[GoodsLine] = field(default_factory=list)
    total_value: float | None = None
    currency: str | None = None


@dataclass(slots=True)
class LetterOfCredit(Record):
    type: ClassVar[str] = "letter_of_credit"
    applicant: Party | None = None
    beneficiary: Party | None = None
    issuing_bank: Party | None = None
    advising_bank: Party | None = None
    amount_value: float | None = None
    currency: str | None = None
    expiry: dt.date | None = None
    documents_required: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Payment(Record):
    type: ClassVar[str] = "payment"
    payer: Party | None = None
    payee: Party | None = None
    payer_bank: Party | None = None
    payee_bank: Party | None = None
    amount_value: float | None = None
    currency: str | None = None
    purpose: str | None = None


@dataclass(slots=True)
class Insurance(Record):
    type: ClassVar[str] = "insurance"
    insurer: Party | None = None
    insured: Party | None = None
    beneficiary: Party | None = None
    vessel_info: Vessel | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    goods_lines: list[GoodsLine] = field(default_factory=list)
    insured_value: float | None = None
    currency: str | None = None


@dataclass(slots=True)
class BillOfLading(Record):
    type: ClassVar[str] = "bill_of_lading"
    carrier: Party | None = None
    shipper: Party | None = None
    consignee: Party | None = None
    notify_party: Party | None = None
    vessel_info: Vessel | None = None
    voyage: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    transshipment_ports: list[str] = field(default_factory=list)
    place_of_delivery: str | None = None
    containers: list[str] = field(default_factory=list)
    goods_lines: list[GoodsLine] = field(default_factory=list)
    gross_weight_kg: float | None = None


@dataclass(slots=True)
class CustomsDeclaration(Record):
    type: ClassVar[str] = "customs_declaration"
    declarant: Party | None = None
    exporter: Party | None = None
    importer: Party | None = None
    direction: str | None = None
    country_of_origin: str | None = None
    country_of_destination: str | None = None
    goods_lines: list[GoodsLine] = field(default_factory=list)
    licence_ref: str | None = None
    port: str | None = None


@dataclass(slots=True)
class CompanyRegistration(Record):
    type: ClassVar[str] = "company_registration"
    company: Party | None = None
    incorporation_date: dt.date | None = None
    officers: list[Party] = field(default_factory=list)
    shareholders: list[Party] = field(default_factory=list)
    formation_agent: Party | None = None
    website: str | None = None


@dataclass(slots=True)
class VesselEvent(Record):
    type: ClassVar[str] = "vessel_event"
    vessel_info: Vessel | None = None
    event: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    port: str | None = None
    counterpart_vessel: Vessel | None = None


RECORD_CLASSES: dict[str, type[Record]] = {
    cls.type: cls
    for cls in (
        Contract, Invoice, LetterOfCredit, Payment, Insurance, BillOfLading,
        CustomsDeclaration, CompanyRegistration, VesselEvent,
    )
}  # fmt: skip


def normalise_port(code: str) -> str:
    """A printed port code as the current UN/LOCODE (``CN DAL`` -> ``CNDLC``); unknown kept."""
    return resolve_code(code)


def flag_unknown_ports(record: Record) -> None:
    """Add an ``unknown_port`` flag for each port code the port table does not know."""
    for name, code in record.ports():
        if not is_known(code):
            record.flags.append(f"unknown_port:{name}={code}")
