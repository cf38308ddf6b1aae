"""One deal's paper trail: contract, letter of credit, invoice, insurance, bill of
lading, customs declarations, payments and a port call, with the noise real documents
carry (spellings, missing details, missing reference numbers).

A ``Deal`` holds the true parties and facts; planted schemes change a few of its fields
(a forwarder as consignee, a payer not on the L/C, a declared HS code that lies).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from interdictor.network import ports
from interdictor.network.synth import names
from interdictor.network.synth.actors import Actor, Ship
from interdictor.network.synth.truth import Mention, RecordIds, Sink

DOCS = ("contract", "lc", "invoice", "insurance", "bl", "export", "import", "payment", "call")


@dataclass(slots=True)
class Deal:
    """The true facts of one transaction; documents are derived from it."""

    seller: Actor
    buyer: Actor
    goods: list[dict[str, Any]]
    start: dt.date
    carrier: Actor
    ship: Ship
    pol: str
    pod: str
    seller_bank: Actor
    buyer_bank: Actor
    insurer: Actor
    currency: str = "USD"
    docs: tuple[str, ...] = DOCS
    transship: list[str] = field(default_factory=list)
    shipper: Actor | None = None  # default: the seller
    consignee: Actor | str | None = None  # default: the buyer; text for "TO ORDER OF ..."
    notify: Actor | None = None
    end_user: Actor | None = None
    end_use: str | None = None
    declarant: Actor | None = None
    destination: str | None = None  # declared country of destination (default: POD's)
    payer: Actor | None = None  # default: the buyer
    payer_bank: Actor | None = None
    pay_factor: float = 1.0  # paid amount / invoiced amount
    declared_hs: dict[int, str] = field(default_factory=dict)  # line -> HS on declarations
    amended_consignee: Actor | None = None  # a second B/L naming another consignee
    call_port: str | None = None  # the vessel's next port call (default: POD)
    delivery_terms: str = "CIF"


@dataclass(slots=True)
class Paper:
    """The record ids a deal produced, by document."""

    ids: dict[str, list[str]] = field(default_factory=dict)

    def add(self, doc: str, record_id: str) -> None:
        self.ids.setdefault(doc, []).append(record_id)

    def of(self, *docs: str) -> list[str]:
        return [rid for doc in docs for rid in self.ids.get(doc, [])]

    def all(self) -> list[str]:
        return [rid for ids in self.ids.values() for rid in ids]


class Writer:
    """Turns deals into records on a sink, with realistic noise."""

    def __init__(self, rng: random.Random, ids: RecordIds, sink: Sink, noise: float = 1.0):
        self.rng = rng
        self.ids = ids
        self.sink = sink
        self.noise = noise  # 0 = clean documents, 1 = the usual noise

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def party(self, actor: Actor, *, full: bool = False) -> dict[str, Any]:
        """A party as one document prints it: a spelling, and some of its details."""
        rng = self.rng
        keep = 1.0 if full else 1.0 - 0.6 * self.noise
        name = actor.name
        if actor.variants and self.chance(0.5):
            name = names.pick(rng, actor.variants)
        elif not full and self.chance(0.35 * self.noise):
            name = (
                names.vary_person(rng, name, actor.country)
                if actor.kind == "person"
                else names.vary_name(rng, name)
            )
        out: dict[str, Any] = {"name": name}
        if actor.address and (full or self.chance(keep + 0.3)):
            address = actor.address
            out["address"] = (
                names.vary_address(rng, address) if self.chance(0.2 * self.noise) else address
            )
        if actor.country and self.chance(0.95):
            out["country"] = actor.country
        if actor.phone and (full or self.chance(keep * 0.6)):
            out["phone"] = (
                names.vary_phone(rng, actor.phone) if self.chance(0.3 * self.noise) else actor.phone
            )
        if actor.email and (full or self.chance(keep * 0.5)):
            out["email"] = actor.email
        shown = 0.8 if actor.kind == "person" else keep * 0.3  # registries print passports
        if actor.identifier and (full or self.chance(shown)):
            out["identifier"] = actor.identifier
        return out

    def emit(
        self,
        rtype: str,
        date: dt.date,
        refs: dict[str, str],
        fields: dict[str, Any],
        parties: Sequence[tuple[str, Actor | None]],
        source: str,
    ) -> str:
        """Write one record: parties are (role, actor) and become printed parties."""
        record_id = self.ids.next(rtype)
        record: dict[str, Any] = {"id": record_id, "type": rtype, "date": date.isoformat()}
        record["source"] = source
        if refs:
            record["refs"] = refs
        mentions: list[Mention] = []
        for role, actor in parties:
            if actor is not None:
                record[role] = self.party(actor)
                mentions.append((role, actor.id))
        record.update(fields)
        self.sink.emit(record, mentions)
        return record_id


def make_reference_numbers(w: Writer, deal: Deal) -> dict[str, str]:
    """The deal's document numbers, each unique in the world."""
    year = deal.start.year % 100
    number = w.ids.document_number
    return {
        "contract": f"SC{year}-{number('contract'):08d}",
        "invoice": f"INV{year}{number('invoice'):08d}",
        "lc": f"LC{number('lc'):08d}",
        "bl": f"{make_carrier_code(deal.carrier)}{number('bl'):08d}",
        "policy": f"MP-{year}-{number('policy'):08d}",
        "declaration": f"{deal.seller.country}{year}{number('declaration'):08d}",
    }


def make_carrier_code(carrier: Actor) -> str:
    """Four letters for a carrier's B/L and container numbers: "ALHU" for Al Habib Lines."""
    return "".join(ch for ch in carrier.name if ch.isalpha())[:3].upper() + "U"


def pick_printed_refs(
    w: Writer, all_refs: dict[str, str], own: str, others: tuple[str, ...]
) -> dict[str, str]:
    """A document's own number, and some of the numbers of its siblings."""
    refs = {own: all_refs[own]}
    for key in others:
        if key in all_refs and w.chance(1.0 - 0.35 * w.noise):
            refs[key] = all_refs[key]
    return refs


def sum_values(goods: list[dict[str, Any]]) -> float:
    return round(sum(float(line["value"]) for line in goods), 2)


def count_transit_days(deal: Deal) -> int:
    km = ports.distance_km(deal.pol, deal.pod) or 5000.0
    return 3 + int(km / 550) + 2 * len(deal.transship)


def write_deal(w: Writer, deal: Deal) -> Paper:
    """Write every document of the deal that it has; return their ids."""
    rng, paper = w.rng, Paper()
    refs = make_reference_numbers(w, deal)
    total = sum_values(deal.goods)
    shipped = deal.start + dt.timedelta(days=rng.randint(15, 45))
    arrival = shipped + dt.timedelta(days=count_transit_days(deal))
    lc = "lc" in deal.docs
    if not lc:
        del refs["lc"]
    if "contract" in deal.docs:
        _contract(w, deal, refs, total, paper)
    if lc:
        _letter_of_credit(w, deal, refs, total, paper)
    if "invoice" in deal.docs:
        day = shipped - dt.timedelta(days=rng.randint(0, 5))
        fields = {"goods": deal.goods, "total_value": total, "currency": deal.currency}
        parties = [("seller", deal.seller), ("buyer", deal.buyer)]
        paper.add(
            "invoice",
            w.emit(
                "invoice",
                day,
                pick_printed_refs(w, refs, "invoice", ("contract", "lc")),
                fields,
                parties,
                "seller ERP export",
            ),
        )
    if "insurance" in deal.docs:
        _insurance(w, deal, refs, total, shipped, paper)
    if "bl" in deal.docs:
        _bills_of_lading(w, deal, refs, shipped, paper)
    if "export" in deal.docs:
        _declaration(w, deal, refs, "export", shipped - dt.timedelta(days=rng.randint(0, 2)), paper)
    if "import" in deal.docs:
        _declaration(w, deal, refs, "import", arrival, paper)
    if "payment" in deal.docs:
        _payments(w, deal, refs, total, shipped, lc, paper)
    if "call" in deal.docs:
        port = deal.call_port or deal.pod
        fields = {"vessel": _vessel(deal.ship), "event": "port_call", "port": port}
        day = arrival + dt.timedelta(days=rng.randint(2, 9) if deal.call_port else 0)
        paper.add("call", w.emit("vessel_event", day, {}, fields, [], "AIS provider"))
    return paper


def _vessel(ship: Ship) -> dict[str, str]:
    return {"name": ship.name, "imo": ship.imo, "flag": ship.flag}


def _contract(w: Writer, deal: Deal, refs: dict[str, str], total: float, paper: Paper) -> None:
    fields: dict[str, Any] = {
        "goods": deal.goods,
        "total_value": total,
        "currency": deal.currency,
        "delivery_terms": deal.delivery_terms,
    }
    if deal.end_use:
        fields["end_use"] = deal.end_use
    parties = [("buyer", deal.buyer), ("seller", deal.seller), ("end_user", deal.end_user)]
    paper.add(
        "contract",
        w.emit(
            "contract",
            deal.start,
            {"contract": refs["contract"]},
            fields,
            parties,
            "contract register",
        ),
    )


def _letter_of_credit(
    w: Writer, deal: Deal, refs: dict[str, str], total: float, paper: Paper
) -> None:
    day = deal.start + dt.timedelta(days=w.rng.randint(3, 12))
    fields = {
        "amount": total,
        "currency": deal.currency,
        "expiry": (day + dt.timedelta(days=120)).isoformat(),
        "documents_required": [
            "commercial invoice",
            "bill of lading",
            "insurance policy",
            "certificate of origin",
        ],
    }
    parties = [
        ("applicant", deal.buyer),
        ("beneficiary", deal.seller),
        ("issuing_bank", deal.buyer_bank),
        ("advising_bank", deal.seller_bank),
    ]
    paper.add(
        "lc",
        w.emit(
            "letter_of_credit",
            day,
            pick_printed_refs(w, refs, "lc", ("contract",)),
            fields,
            parties,
            "SWIFT MT700",
        ),
    )


def _insurance(
    w: Writer, deal: Deal, refs: dict[str, str], total: float, shipped: dt.date, paper: Paper
) -> None:
    fields = {
        "vessel": {"name": deal.ship.name, "imo": deal.ship.imo},
        "port_of_loading": deal.pol,
        "port_of_discharge": deal.pod,
        "goods": [_bare_line(line) for line in deal.goods],
        "insured_value": round(total * 1.1, 2),
        "currency": deal.currency,
    }
    parties = [("insurer", deal.insurer), ("insured", deal.seller), ("beneficiary", deal.buyer)]
    day = shipped - dt.timedelta(days=w.rng.randint(0, 3))
    paper.add(
        "insurance",
        w.emit(
            "insurance",
            day,
            pick_printed_refs(w, refs, "policy", ("invoice", "lc")),
            fields,
            parties,
            "insurer policy system",
        ),
    )


def _bare_line(line: dict[str, Any]) -> dict[str, Any]:
    """A goods line without prices (as a B/L or an insurance schedule prints it)."""
    return {k: v for k, v in line.items() if k in ("description", "hs_code", "quantity", "unit")}


def _bills_of_lading(
    w: Writer, deal: Deal, refs: dict[str, str], shipped: dt.date, paper: Paper
) -> None:
    consignees: list[Actor | str | None] = [deal.consignee or deal.buyer]
    if deal.amended_consignee is not None:
        consignees.append(deal.amended_consignee)
    weight = sum(line["quantity"] * (1.0 if line["unit"] == "kg" else 35.0) for line in deal.goods)
    for n, consignee in enumerate(consignees):
        day = shipped + dt.timedelta(days=4 * n + (w.rng.randint(1, 3) if n else 0))
        fields: dict[str, Any] = {
            "vessel": _vessel(deal.ship),
            "voyage": f"{w.rng.randint(100, 999)}{'EWNS'[n % 4]}",
            "port_of_loading": deal.pol,
            "port_of_discharge": deal.pod,
            "containers": [f"{make_carrier_code(deal.carrier)}{w.rng.randint(10**6, 10**7 - 1)}"],
            "goods": [_bare_line(line) for line in deal.goods],
            "gross_weight_kg": round(weight * 1.05, 1),
        }
        if deal.transship:
            fields["transshipment_ports"] = list(deal.transship)
        parties: list[tuple[str, Actor | None]] = [
            ("carrier", deal.carrier),
            ("shipper", deal.shipper or deal.seller),
        ]
        if isinstance(consignee, str):  # "TO ORDER": a printed name, not a party
            fields = {"consignee": {"name": consignee}, **fields}
        else:
            parties.append(("consignee", consignee))
        parties.append(("notify_party", deal.notify))
        rid = w.emit(
            "bill_of_lading",
            day,
            pick_printed_refs(w, refs, "bl", ("invoice",)),
            fields,
            parties,
            "carrier EDI",
        )
        paper.add("bl", rid)


def _declaration(
    w: Writer, deal: Deal, refs: dict[str, str], direction: str, day: dt.date, paper: Paper
) -> None:
    goods = [dict(line) for line in deal.goods]
    for index, code in deal.declared_hs.items():
        goods[index]["hs_code"] = code
    origin = deal.seller.country
    destination = deal.destination or ports.country_of(deal.pod) or deal.buyer.country
    fields = {
        "direction": direction,
        "country_of_origin": origin,
        "country_of_destination": destination,
        "goods": goods,
        "port": deal.pol if direction == "export" else deal.pod,
    }
    declarant = deal.declarant if direction == "export" else None
    parties = [("declarant", declarant), ("exporter", deal.seller), ("importer", deal.buyer)]
    own = refs["declaration"] if direction == "export" else refs["declaration"] + "I"
    printed = pick_printed_refs(w, refs, "invoice", ("bl",))
    printed["declaration"] = own
    authority = ports.country_of(fields["port"]) or ""  # type: ignore[arg-type]
    paper.add(
        direction,
        w.emit("customs_declaration", day, printed, fields, parties, f"customs {authority}"),
    )


def _payments(
    w: Writer,
    deal: Deal,
    refs: dict[str, str],
    total: float,
    shipped: dt.date,
    lc: bool,
    paper: Paper,
) -> None:
    payer = deal.payer or deal.buyer
    payer_bank = deal.payer_bank or deal.buyer_bank
    paid = round(total * deal.pay_factor, 2)
    if lc or w.chance(0.5):
        tranches = [(paid, shipped + dt.timedelta(days=w.rng.randint(7, 25)))]
    else:  # open account: 30 % deposit, balance after shipment
        deposit = round(paid * 0.3, 2)
        tranches = [
            (deposit, deal.start + dt.timedelta(days=w.rng.randint(3, 10))),
            (round(paid - deposit, 2), shipped + dt.timedelta(days=w.rng.randint(20, 40))),
        ]
    for amount, day in tranches:
        purpose = f"payment for invoice {refs['invoice']}" if w.chance(0.7) else "goods payment"
        fields = {"amount": amount, "currency": deal.currency, "purpose": purpose}
        parties = [
            ("payer", payer),
            ("payee", deal.seller),
            ("payer_bank", payer_bank),
            ("payee_bank", deal.seller_bank),
        ]
        printed = pick_printed_refs(w, refs, "invoice", ("lc",) if lc else ())
        paper.add("payment", w.emit("payment", day, printed, fields, parties, "SWIFT MT103"))
