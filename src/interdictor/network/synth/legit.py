"""Ordinary trade: deals between established companies over real ports and real HS
subheadings, with the documents and noise of everyday business, and the look-alikes
that resemble red flags but are not (shared office buildings, forwarders as consignee
with a declared end user, transshipment in Singapore or Busan, one machine near a
control threshold, "to order" bills under letters of credit).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from interdictor.network import ports
from interdictor.network.synth import names
from interdictor.network.synth.actors import Actor, Ids, Pools, make_company
from interdictor.network.synth.documents import Deal, Paper, Writer, write_deal
from interdictor.network.synth.reference import (
    COUNTRY_PORTS,
    CURRENCY,
    LEGIT_HUBS,
    HsItem,
    load_hs_catalog,
    load_name_parts,
)

# Machine tools that ordinary buyers buy, with specifications far from 2B201 thresholds.
MACHINE_TOOLS = (
    ("845710", "Vertical machining centre, 3-axis, CNC", 42_000.0),
    ("845961", "CNC knee-type milling machine", 28_000.0),
    ("845811", "CNC horizontal lathe", 35_000.0),
)
GENERIC_DESCRIPTIONS = ("Spare parts as per invoice", "General merchandise", "Machinery parts")
END_USES = ("own production", "resale to domestic customers", "distribution", "maintenance")
OFFICE_BUILDINGS = {
    "SG": "1 Raffles Place, One Raffles Place Tower, Singapore",
    "AE": "Cluster J, Jumeirah Lake Towers, Dubai",
    "HK": "Harbour City, 5 Canton Road, Tsim Sha Tsui, Hong Kong",
}


class LegitTrade:
    """Makes and writes ordinary deals."""

    def __init__(self, rng: random.Random, ids: Ids, pools: Pools, writer: Writer) -> None:
        self.rng = rng
        self.ids = ids
        self.pools = pools
        self.w = writer
        self.catalog: tuple[HsItem, ...] = load_hs_catalog()

    def add_shared_buildings(self, day: dt.date, per_building: int = 4) -> None:
        """Look-alike: unrelated established companies in one big office building."""
        lines = load_name_parts()["*"]["line"]
        for country, building in OFFICE_BUILDINGS.items():
            members = []
            for n in range(per_building):
                company = make_company(
                    self.rng, self.ids, country, names.pick(self.rng, lines), building=building
                )
                company.goods = list(self.pools.companies[n].goods)
                self.pools.companies.append(company)
                members.append(company)
            record_ids = [rid for c in members if (rid := self.register(c, day))]
            self.w.sink.lookalike("shared_office_building", record_ids, [c.id for c in members])

    def register(self, company: Actor, day: dt.date) -> str | None:
        """Write a company's registration once, when it first trades."""
        if company.registered or company.kind not in ("company", "forwarder"):
            return None
        company.registered = True
        return write_registration(self.w, company, day)

    def pick_pair(self) -> tuple[Actor, Actor]:
        companies = self.pools.companies
        seller = names.pick(self.rng, companies)
        while True:
            buyer = names.pick(self.rng, companies)
            if buyer is not seller and buyer.country != seller.country:
                return seller, buyer

    def goods_lines(self, seller: Actor, currency: str) -> list[dict[str, Any]]:
        """One to three goods lines from what the seller trades, priced near the norm."""
        rng = self.rng
        lines = []
        for index in rng.sample(seller.goods, k=min(len(seller.goods), rng.randint(1, 3))):
            lines.append(make_line(rng, self.catalog[index], currency))
        if seller.line == "Machinery" and rng.random() < 0.15:
            code, text, price = names.pick(rng, MACHINE_TOOLS)
            accuracy = round(rng.uniform(9.0, 30.0), 1)
            lines.append(make_machine_line(rng, code, text, price, accuracy, currency))
        return lines

    def make_deal(self, start: dt.date) -> Deal:
        rng, pools = self.rng, self.pools
        seller, buyer = self.pick_pair()
        currency = CURRENCY.get(seller.country, "USD") if rng.random() < 0.4 else "USD"
        if currency == "JPY":
            currency = "USD"  # yen prices would need a second norm per code
        pol = names.pick(rng, COUNTRY_PORTS[seller.country])
        pod = names.pick(rng, COUNTRY_PORTS[buyer.country])
        docs = ["contract", "invoice", "bl", "payment"]
        docs += [
            d
            for d, p in (
                ("lc", 0.35),
                ("insurance", 0.6),
                ("export", 0.75),
                ("import", 0.7),
                ("call", 0.25),
            )
            if rng.random() < p
        ]
        if rng.random() < 0.1:
            docs.remove("contract")  # partial paper trails are normal
        deal = Deal(
            seller=seller,
            buyer=buyer,
            goods=self.goods_lines(seller, currency),
            start=start,
            carrier=names.pick(rng, pools.carriers),
            ship=names.pick(rng, pools.ships),
            pol=pol,
            pod=pod,
            seller_bank=names.pick(rng, pools.banks[seller.country]),
            buyer_bank=names.pick(rng, pools.banks[buyer.country]),
            insurer=names.pick(rng, pools.insurers),
            currency=currency,
            docs=tuple(docs),
            delivery_terms=names.pick(rng, ("CIF", "FOB", "CFR", "EXW", "DAP")),
        )
        if rng.random() < 0.3:
            deal.end_user, deal.end_use = buyer, names.pick(rng, END_USES)
        if rng.random() < 0.6:
            deal.declarant = names.pick(rng, pools.forwarders[seller.country])
        deal.transship = choose_transshipment(rng, pol, pod)
        return deal

    def write_one(self, start: dt.date) -> Paper:
        """Write one ordinary deal, and the registrations of first-time traders."""
        deal = self.make_deal(start)
        self.register(deal.seller, start)
        self.register(deal.buyer, start)
        roll = self.rng.random()
        kind = None
        if roll < 0.04:  # look-alike: forwarder consignee, end user declared and notified
            deal.consignee = names.pick(self.rng, self.pools.forwarders[deal.buyer.country])
            deal.notify, deal.end_user = deal.buyer, deal.buyer
            deal.end_use = deal.end_use or names.pick(self.rng, END_USES)
            deal.docs = tuple(dict.fromkeys((*deal.docs, "contract", "import")))
            kind = "forwarder_consignee_with_end_user"
        elif roll < 0.05 and "lc" in deal.docs:  # look-alike: to order of the issuing bank
            deal.consignee = f"TO ORDER OF {deal.buyer_bank.name.upper()}"
            deal.notify = deal.buyer
            kind = "to_order_under_lc"
        paper = write_deal(self.w, deal)
        if kind:
            entity = deal.consignee.id if isinstance(deal.consignee, Actor) else deal.buyer.id
            self.w.sink.lookalike(kind, paper.of("contract", "bl"), [entity, deal.buyer.id])
        elif deal.transship and deal.transship[0] in ("SGSIN", "KRPUS"):
            self.w.sink.lookalike("legit_transshipment", paper.of("bl"), [deal.buyer.id])
        return paper


def make_line(rng: random.Random, item: HsItem, currency: str) -> dict[str, Any]:
    """A goods line of an HS subheading, priced within the norm's spread."""
    if item.unit == "kg":
        quantity = float(rng.randint(5, 400) * 50)
    elif item.unit_price > 1000:
        quantity = float(rng.randint(1, 20))
    else:
        quantity = float(rng.randint(5, 300) * 10)
    price = item.unit_price * rng.lognormvariate(0.0, 0.25) * (0.92 if currency == "EUR" else 1.0)
    roll = rng.random()
    description = item.description
    if roll < 0.01:
        description = names.pick(rng, GENERIC_DESCRIPTIONS)
    elif roll < 0.4 and item.unit == "pcs":
        letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
        description += f", model {letters}-{rng.randint(100, 9999)}"
    return {
        "description": description,
        "hs_code": item.code,
        "quantity": quantity,
        "unit": item.unit,
        "value": round(quantity * price, 2),
        "currency": currency,
    }


def make_machine_line(
    rng: random.Random, code: str, text: str, price: float, accuracy: float, currency: str
) -> dict[str, Any]:
    """A machine tool with its positioning accuracy, in the description and as a parameter."""
    quantity = float(rng.randint(1, 4))
    return {
        "description": f"{text}, positioning accuracy {accuracy} µm",
        "hs_code": code,
        "quantity": quantity,
        "unit": "pcs",
        "value": round(quantity * price * rng.lognormvariate(0.0, 0.2), 2),
        "currency": currency,
        "parameters": {"positioning accuracy": f"{accuracy} µm"},
    }


def choose_transshipment(rng: random.Random, pol: str, pod: str) -> list[str]:
    """On long routes, sometimes one transshipment at the hub with the smallest detour."""
    direct = ports.distance_km(pol, pod) or 0.0
    if direct < 3000 or rng.random() > 0.35:
        return []
    best = min(
        LEGIT_HUBS,
        key=lambda hub: (ports.distance_km(pol, hub) or 0.0) + (ports.distance_km(hub, pod) or 0.0),
    )
    if best in (pol, pod):
        return []
    return [best]


def write_registration(
    w: Writer, company: Actor, day: dt.date, source: str = "company registry"
) -> str:
    """A company's registration record: the company in full, officers, agent, website."""
    fields: dict[str, Any] = {}
    if company.incorporated:
        fields["incorporation_date"] = company.incorporated.isoformat()
    if company.website:
        fields["website"] = company.website
    record_id = w.ids.next("company_registration")
    record: dict[str, Any] = {
        "id": record_id,
        "type": "company_registration",
        "date": day.isoformat(),
        "source": f"{source} {company.country}",
        "company": w.party(company, full=True),
    }
    mentions = [("company", company.id)]
    officers = []
    for index, officer in enumerate(company.officers):
        printed = w.party(officer)
        printed["role"] = (
            "director" if index == 0 else w.rng.choice(("director", "secretary", "manager"))
        )
        officers.append(printed)
        mentions.append((f"officers.{index}", officer.id))
    if officers:
        record["officers"] = officers
    if company.agent is not None:
        record["formation_agent"] = w.party(company.agent)
        mentions.append(("formation_agent", company.agent.id))
    record.update(fields)
    w.sink.emit(record, mentions)
    return record_id
