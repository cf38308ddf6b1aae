"""Planted procurement schemes, one function per pattern, each writing its deals and
the planted instances (typology, record ids, true entity ids) they show.

Every red flag a planted deal carries is written to the truth, not only the one the
scheme is named after: a mislabelled machine whose declared unit value is far from the
norm of the declared code is also a ``value_anomaly``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from interdictor.network.synth import names
from interdictor.network.synth.actors import Actor, Ids, Pools, Ship, make_company
from interdictor.network.synth.documents import Deal, Paper, Writer, write_deal
from interdictor.network.synth.legit import LegitTrade, make_line, write_registration
from interdictor.network.synth.networks import Network
from interdictor.network.synth.reference import (
    COUNTRY_PORTS,
    MISLABELS,
    load_component_sets,
    load_hs_catalog,
    load_listed,
)

ALL_DOCS = ("contract", "lc", "invoice", "insurance", "bl", "export", "import", "payment")
SUPPLIER_COUNTRIES = ("JP", "DE", "KR", "IT", "GB", "US", "CN", "TR")
# Hubs that border or serve the DPRK (see data/network/port_risk.csv).
DPRK_HUBS = ("CNDLC", "CNDDG", "RUNJK", "RUVVO", "CNYIK")
DPRK_PORTS = ("KPNAM", "KPCHO", "KPHGM")
FLAGS_OF_CONVENIENCE = ("SL", "TG", "KM", "PW", "MN", "BZ")
# (HS, description with {v}, parameter, unit, low, high, unit, price): just under the
# thresholds of EU Annex I 2B201.a.1 (<= 6 µm), 1C210.a (>= 23.5 x 10^4 m), 3A225.b (>= 600 Hz)
NEAR_THRESHOLD = (
    ("845961", "CNC milling machine, 3 linear axes, positioning accuracy {v} µm",
     "positioning accuracy", "µm", 6.15, 6.9, "pcs", 48_000.0),
    ("681511", "Carbon fibre tow, 24K, specific tensile strength {v} × 10^4 m",
     "specific tensile strength", "× 10^4 m", 22.6, 23.4, "kg", 38.0),
    ("850440", "Frequency changer, 3-phase, 45 kVA, output frequency {v} Hz",
     "frequency", "Hz", 560.0, 597.0, "pcs", 6_500.0),
)  # fmt: skip
COMPONENT_PRICES = {"pcs": 2_400.0, "kg": 14.0}
COMPONENT_UNITS = {"282990": "kg", "760310": "kg", "760320": "kg", "400220": "kg", "391190": "kg"}


@dataclass(slots=True)
class Planter:
    """What every scheme needs: random source, parties, writer, networks and dates."""

    rng: random.Random
    ids: Ids
    pools: Pools
    w: Writer
    trade: LegitTrade
    networks: list[Network]
    first: dt.date
    last: dt.date

    def day(self) -> dt.date:
        return self.first + dt.timedelta(days=self.rng.randint(0, (self.last - self.first).days))

    def supplier(self) -> Actor:
        choices = [c for c in self.pools.companies if c.country in SUPPLIER_COUNTRIES]
        return names.pick(self.rng, choices)

    def standalone(self, country: str) -> Actor:
        """A new, established company outside every network, registered."""
        company = make_company(self.rng, self.ids, country, "Industrial")
        write_registration(self.w, company, self.first - dt.timedelta(days=30))
        return company

    def deal(
        self,
        buyer: Actor,
        goods: list[dict[str, Any]],
        seller: Actor | None = None,
        start: dt.date | None = None,
        docs: tuple[str, ...] = ALL_DOCS,
    ) -> Deal:
        """An ordinary-looking deal to ``buyer`` that a scheme then bends."""
        rng = self.rng
        deal = self.trade.make_deal(start or self.day())
        deal.seller = seller or self.supplier()
        deal.buyer, deal.goods, deal.docs = buyer, goods, docs
        deal.pol = names.pick(rng, COUNTRY_PORTS[deal.seller.country])
        deal.pod = names.pick(rng, COUNTRY_PORTS[buyer.country])
        deal.seller_bank = names.pick(rng, self.pools.banks[deal.seller.country])
        deal.buyer_bank = names.pick(rng, self.pools.banks[buyer.country])
        deal.transship, deal.end_user, deal.end_use, deal.currency = [], None, None, "USD"
        forwarders = self.pools.forwarders[deal.seller.country]
        deal.declarant = names.pick(rng, forwarders) if rng.random() < 0.6 else None
        return deal

    def ordinary_goods(self) -> list[dict[str, Any]]:
        """Machinery or electronics from the catalog, priced at the norm."""
        catalog = load_hs_catalog()
        fitting = [item for item in catalog if item.code[:2] in ("84", "85", "90")]
        return [make_line(self.rng, names.pick(self.rng, fitting), "USD")]


def record_network(net: Network, paper: Paper) -> None:
    """Every record of a deal that names a network member is proximity evidence."""
    net.records.extend(paper.all())


def write_network_trade(p: Planter, net: Network) -> None:
    """The fronts' own purchases: ordinary goods, nothing but the tie to the listing."""
    for front in net.fronts:
        paper = write_deal(p.w, p.deal(front, p.ordinary_goods()))
        record_network(net, paper)


def end_user_obfuscation(p: Planter, n: int) -> None:
    """The paper hides the receiver: "to order", a forwarder with a DPRK end user, a late
    change of consignee (Namchongang's aluminium tubes went via forwarders; S/2017/150)."""
    net = p.networks[n % len(p.networks)]
    front = net.fronts[n % len(net.fronts)]
    deal = p.deal(front, p.ordinary_goods())
    variant = n % 3
    entities = [front.id]
    if variant == 0:
        deal.consignee, deal.notify = "TO ORDER", net.fronts[(n + 1) % len(net.fronts)]
        entities.append(deal.notify.id)
    elif variant == 1:
        forwarder = make_company(p.rng, p.ids, "CN", "Logistics", kind="forwarder")
        forwarder.address = forwarder.address.split(",")[0] + ", Dandong"
        deal.consignee, deal.notify = forwarder, forwarder
        deal.end_user, deal.end_use = net.state, "industrial use"
        deal.pod = names.pick(p.rng, ("CNDLC", "CNDDG")) if front.country == "CN" else deal.pod
        entities += [forwarder.id, net.state.id]
    else:
        deal.amended_consignee = net.fronts[(n + 1) % len(net.fronts)]
        entities.append(deal.amended_consignee.id)
    paper = write_deal(p.w, deal)
    record_network(net, paper)
    p.w.sink.plant(net.scheme, "end_user_obfuscation", paper.of("contract", "bl"), entities)


def routing_anomaly(p: Planter, n: int) -> None:
    """Transshipment at a hub serving the DPRK and a DPRK port call after it, or a listed
    vessel under a new name and flag (the Chong Chon Gang and renamed tankers of OMM)."""
    net = p.networks[n % len(p.networks)]
    abroad = [f for f in net.fronts if f.country not in ("CN", "RU")]  # the hub is off-route
    front = (abroad or net.fronts)[n % len(abroad or net.fronts)]
    deal = p.deal(front, p.ordinary_goods())
    evidence: list[str] = []
    if n % 2 == 0:
        hubs = [h for h in DPRK_HUBS if h not in (deal.pol, deal.pod) and h[:2] != front.country]
        deal.transship = [names.pick(p.rng, hubs)]
        deal.call_port = names.pick(p.rng, DPRK_PORTS)
        deal.docs = (*deal.docs, "call")
        entities = [front.id, deal.ship.id]
    else:
        ship, old_name = make_designated_ship(p, n)
        deal.ship = ship
        evidence = write_rename_events(p, ship, old_name, deal.start)
        entities = [ship.id]
    paper = write_deal(p.w, deal)
    record_network(net, paper)
    p.w.sink.plant(
        f"routing-{n + 1}",
        "routing_anomaly",
        paper.of("bl", "insurance", "call") + evidence,
        entities,
    )


def make_designated_ship(p: Planter, n: int) -> tuple[Ship, str]:
    """A vessel of the EU DPRK list under a new name and flag, and its listed name."""
    vessels = [v for v in load_listed() if v.schema == "Vessel" and v.imo]
    listed = vessels[(n * 11 + p.rng.randrange(5)) % len(vessels)]
    first = names.pick(p.rng, ("OCEAN", "GRAND", "SEA", "NEW"))
    second = names.pick(p.rng, ("GLORY", "LUCKY", "PEACE", "STAR"))
    new_name = f"{first} {second} {p.rng.randint(2, 99)}"
    ship = Ship(p.ids.next("vessel"), new_name, listed.imo, names.pick(p.rng, FLAGS_OF_CONVENIENCE))
    return ship, listed.name.upper()


def write_rename_events(p: Planter, ship: Ship, old_name: str, before: dt.date) -> list[str]:
    """The rename and reflag of a listed vessel, a few months before it loads."""
    renamed = before - dt.timedelta(days=p.rng.randint(30, 150))
    vessel = {"name": ship.name, "imo": ship.imo, "flag": ship.flag}
    ids = []
    for event, old, new, day in (
        ("rename", old_name, ship.name, renamed),
        ("reflag", "KP", ship.flag, renamed + dt.timedelta(days=p.rng.randint(1, 20))),
    ):
        fields = {"vessel": vessel, "event": event, "old_value": old, "new_value": new}
        ids.append(p.w.emit("vessel_event", day, {}, fields, [], "maritime registry"))
    return ids


def cargo_splitting(p: Planter, n: int) -> None:
    """Components of one controlled item to one end user, over three routes, sellers and
    forwarders within a few months (the DPRK's split procurement of missile parts)."""
    sets = load_component_sets()
    item = sorted(sets)[n % len(sets)]
    components = sets[item][:3] if n % 2 == 0 else sets[item][-3:]
    net = p.networks[n % len(p.networks)]
    end_user = net.fronts[-1]
    start = p.day()
    evidence: list[str] = []
    for index, (component, hs, keyword) in enumerate(components):
        unit = COMPONENT_UNITS.get(hs, "pcs")
        quantity = float(p.rng.randint(2, 12) if unit == "pcs" else p.rng.randint(10, 60) * 50)
        line = {
            "description": f"{keyword.capitalize()}, {component}",
            "hs_code": hs,
            "quantity": quantity,
            "unit": unit,
            "value": round(quantity * COMPONENT_PRICES[unit] * p.rng.uniform(0.8, 1.2), 2),
            "currency": "USD",
        }
        day = start + dt.timedelta(days=index * p.rng.randint(12, 30))
        deal = p.deal(end_user, [line], start=day)
        country = deal.seller.country
        deal.shipper = names.pick(p.rng, p.pools.forwarders[country])
        deal.declarant = deal.shipper
        deal.end_user, deal.end_use = end_user, "research and development"
        paper = write_deal(p.w, deal)
        record_network(net, paper)
        evidence += paper.of("contract", "invoice", "bl", "export", "import")
    p.w.sink.plant(f"split-{n + 1}", "cargo_splitting", evidence, [end_user.id])


def threshold_evasion(p: Planter, n: int) -> None:
    """One buyer, three purchases just under a control threshold, from different sellers."""
    code, text, param, unit_text, low, high, unit, price = NEAR_THRESHOLD[n % len(NEAR_THRESHOLD)]
    buyer = p.standalone(names.pick(p.rng, ("CN", "MY", "TR", "PK", "AE")))
    evidence: list[str] = []
    for _ in range(3):
        value = round(p.rng.uniform(low, high), 2 if high < 10 else 1)
        quantity = float(p.rng.randint(1, 4) if unit == "pcs" else p.rng.randint(4, 40) * 25)
        line = {
            "description": text.format(v=value),
            "hs_code": code,
            "quantity": quantity,
            "unit": unit,
            "value": round(quantity * price * p.rng.uniform(0.85, 1.15), 2),
            "currency": "USD",
            "parameters": {param: f"{value} {unit_text}"},
        }
        paper = write_deal(p.w, p.deal(buyer, [line]))
        evidence += paper.of("contract", "invoice", "insurance", "bl", "export", "import")
    p.w.sink.plant(f"threshold-{n + 1}", "threshold_evasion", evidence, [buyer.id])


def payment_mismatch(p: Planter, n: int) -> None:
    """A letter of credit paid by a third-country party not on it, or for another amount
    (the middlemen that paid for KOMID and Green Pine deals)."""
    net = p.networks[n % len(p.networks)]
    buyer = net.fronts[0]
    deal = p.deal(buyer, p.ordinary_goods())
    entities = [buyer.id]
    if n % 2 == 0:
        middleman = make_company(p.rng, p.ids, names.pick(p.rng, ("HK", "AE", "SG")), "Trading")
        deal.payer, deal.payer_bank = middleman, names.pick(p.rng, p.pools.banks[middleman.country])
        entities.append(middleman.id)
    else:
        deal.pay_factor = names.pick(p.rng, (0.62, 0.75, 1.3))
    paper = write_deal(p.w, deal)
    record_network(net, paper)
    p.w.sink.plant(
        f"payment-{n + 1}", "payment_mismatch", paper.of("lc", "payment", "invoice"), entities
    )


def hs_mislabel(p: Planter, n: int) -> None:
    """A description that does not fit the declared HS code (a CNC machining centre
    declared as a sewing machine)."""
    code, text, declared, unit, price = MISLABELS[n % len(MISLABELS)]
    norms = {item.code: item.unit_price for item in load_hs_catalog()}
    price = norms.get(code, price)  # the true value: only the declared code lies
    buyer = p.standalone(names.pick(p.rng, ("CN", "MY", "TH", "AE")))
    quantity = float(p.rng.randint(1, 3) if unit == "pcs" else p.rng.randint(8, 80) * 25)
    line = {
        "description": text,
        "hs_code": code,
        "quantity": quantity,
        "unit": unit,
        "value": round(quantity * price * p.rng.uniform(0.9, 1.1), 2),
        "currency": "USD",
    }
    deal = p.deal(buyer, [line])
    deal.declared_hs = {0: declared}
    paper = write_deal(p.w, deal)
    entities = [deal.seller.id, buyer.id]
    p.w.sink.plant(f"mislabel-{n + 1}", "hs_mislabel", paper.of("export", "import"), entities)
    norm = norms.get(declared)
    if norm and not 0.2 <= price / norm <= 5.0:  # the lie also breaks the declared code's norm
        p.w.sink.plant(f"mislabel-{n + 1}", "value_anomaly", paper.of("export", "import"), entities)


def value_anomaly(p: Planter, n: int) -> None:
    """A unit value far from the norm of a much-traded code (over- or under-invoicing)."""
    catalog = load_hs_catalog()
    item = catalog[p.pools.popular[n % 8]]
    seller, buyer = p.trade.pick_pair()
    line = make_line(p.rng, item, "USD")
    factor = p.rng.uniform(15, 30) if n % 2 == 0 else 1 / p.rng.uniform(15, 30)
    line["value"] = round(line["value"] * factor, 2)
    paper = write_deal(p.w, p.deal(buyer, [line], seller=seller))
    p.w.sink.plant(
        f"value-{n + 1}",
        "value_anomaly",
        paper.of("contract", "invoice", "export", "import"),
        [seller.id, buyer.id],
    )
