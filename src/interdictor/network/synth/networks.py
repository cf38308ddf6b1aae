"""Procurement networks modelled on published DPRK cases: a listed state trading
company and front companies in third countries that share its officer, its phone, an
address and a formation agent, recently incorporated, with a line of business that does
not fit the goods they buy.

The pattern follows the UN Panel of Experts reports on the DPRK (resolution 1874
panel): KOMID's and Namchongang's use of front companies in China, Hong Kong and
Malaysia, and the Glocom / Pan Systems network of Green Pine (S/2017/150).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from interdictor.network.synth import names
from interdictor.network.synth.actors import Actor, Ids, Pools, make_company, make_person
from interdictor.network.synth.documents import Writer
from interdictor.network.synth.legit import write_registration
from interdictor.network.synth.reference import Listed, load_listed, load_name_parts

FRONT_COUNTRIES = ("CN", "HK", "MY", "SG", "AE", "TH")
# Lines of business that do not fit machine tools, electronics or aerospace parts.
MISFIT_LINES = ("Seafood", "Garments", "Food", "Furniture", "Cosmetics", "Travel")
STATE_WORDS = ("Trading", "General Corporation", "Development", "Technology")
PROGRAMME_WORDS = (
    "Bank",
    "Ministry",
    "Bureau",
    "Committee",
    "Department",
    "Office",
    "Academy",
    "Shipping",
    "Insurance",
    "Force",
    "Commission",
)


@dataclass(slots=True)
class Network:
    """One planted network and the records that show it."""

    scheme: str
    state: Actor
    fronts: list[Actor]
    officer: Actor
    officer_listed: bool
    registrations: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)  # every record naming a network member


def list_state_companies() -> list[Listed]:
    """Listed DPRK trading companies usable as the hub of a network."""
    return [
        item
        for item in load_listed()
        if item.schema == "LegalEntity"
        and any(w in item.name for w in STATE_WORDS)
        and not any(w in item.name for w in PROGRAMME_WORDS)
    ]


def list_listed_persons() -> list[Listed]:
    return [item for item in load_listed() if item.schema == "Person" and " " in item.name]


def make_state_company(rng: random.Random, ids: Ids, listed: Listed) -> Actor:
    """The listed company as it presents itself abroad, with a Pyongyang phone."""
    slug = names.make_slug(listed.name)
    return Actor(
        id=ids.next(),
        kind="company",
        name=listed.name,
        country="KP",
        address=listed.address or "Central District, Pyongyang",
        phone=f"+850 2 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        email=f"{slug}@star-co.net.kp",
        line="Trading",
        incorporated=dt.date(rng.randint(1975, 2005), 1, 1),
        variants=[a for a in listed.aliases[:3] if len(a) > 6],
    )


def make_officer(rng: random.Random, ids: Ids, use_listed: bool) -> tuple[Actor, bool]:
    """The shared officer: a listed person (spelled as a front would) or a DPRK national."""
    if use_listed:
        person = names.pick(rng, list_listed_persons())
        actor = Actor(ids.next(), "person", person.name, "KP")
        actor.variants = [names.vary_listed(rng, person.name)] + list(person.aliases[:2])
        return actor, True
    return make_person(rng, ids, "KP"), False


def make_front(rng: random.Random, ids: Ids, country: str, first_trade: dt.date) -> Actor:
    """A recently incorporated company with a generic e-mail and no website."""
    front = make_company(rng, ids, country, names.pick(rng, MISFIT_LINES))
    front.incorporated = first_trade - dt.timedelta(days=rng.randint(45, 300))
    domain = names.pick(rng, load_name_parts()["*"]["generic_email"])
    front.email = f"{names.make_slug(front.name)}{rng.randint(10, 99)}@{domain}"
    front.website = ""
    return front


def build_network(
    rng: random.Random, ids: Ids, pools: Pools, w: Writer, number: int, first_trade: dt.date
) -> Network:
    """A state company and three or four fronts tied to it; registrations are written."""
    listed = list_state_companies()
    state = make_state_company(rng, ids, listed[(number * 7 + rng.randrange(3)) % len(listed)])
    officer, officer_listed = make_officer(rng, ids, use_listed=number % 2 == 0)
    state.officers = [officer]
    countries = rng.sample(FRONT_COUNTRIES, k=rng.randint(3, 4))
    fronts = [make_front(rng, ids, c, first_trade) for c in countries]
    agent = pools.agents[number % len(pools.agents)]
    for index, front in enumerate(fronts):
        front.officers = [officer, *front.officers[:1]]
        front.agent = agent
        if index == 1:
            front.phone = state.phone  # the front answers on the state company's line
        if index == 2:
            front.address = fronts[0].address  # two fronts in one room
    scheme = f"network-{number + 1}"
    net = Network(scheme, state, fronts, officer, officer_listed)
    directory_day = first_trade - dt.timedelta(days=rng.randint(30, 400))
    net.registrations.append(write_registration(w, state, directory_day, "trade directory"))
    for front in fronts:
        assert front.incorporated is not None
        day = front.incorporated + dt.timedelta(days=rng.randint(1, 20))
        net.registrations.append(write_registration(w, front, day))
    return net


def plant_network(w: Writer, net: Network) -> None:
    """The network's planted instances: the cluster, and the fronts' proximity to a listing."""
    members = [f.id for f in net.fronts] + [net.state.id, net.officer.id]
    w.sink.plant(net.scheme, "front_company_cluster", net.registrations, members)
    w.sink.plant(net.scheme, "listed_proximity", net.registrations + net.records, members)
