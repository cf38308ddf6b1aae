"""The true parties of a generated world: companies, banks, insurers, carriers,
forwarders, persons and vessels, each with a true entity id for scoring.

A pool's size grows with the world's size but is capped, so memory stays small.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from interdictor.network.synth import names
from interdictor.network.synth.reference import (
    LEGIT_COUNTRIES,
    MISLABELS,
    load_hs_catalog,
    load_listed,
    load_name_parts,
)

FLAGS = ("PA", "LR", "MH", "SG", "HK", "MT", "CN", "KR", "LU", "DE", "GR", "CY")
VESSEL_WORDS = (
    "Aurora",
    "Pride",
    "Harmony",
    "Star",
    "Fortune",
    "Glory",
    "Pioneer",
    "Horizon",
    "Spirit",
    "Trader",
    "Express",
    "Venture",
    "Dawn",
    "Pearl",
)
VESSEL_PREFIXES = (
    "Pacific",
    "Asian",
    "Ocean",
    "Golden",
    "Grand",
    "Eastern",
    "Northern",
    "Silver",
    "Blue",
    "Jade",
    "Coral",
    "Orient",
    "Nordic",
    "Sea",
)


@dataclass(slots=True)
class Actor:
    """A true party. ``goods`` are indexes into the HS catalog that it trades."""

    id: str
    kind: str  # company, bank, insurer, carrier, forwarder, person, agent
    name: str
    country: str
    address: str = ""
    phone: str = ""
    email: str = ""
    identifier: str = ""
    line: str = ""  # line of business
    website: str = ""
    incorporated: dt.date | None = None
    officers: list[Actor] = field(default_factory=list)
    agent: Actor | None = None
    goods: list[int] = field(default_factory=list)
    registered: bool = False  # its registration record has been written
    variants: list[str] = field(default_factory=list)  # spellings other documents use


@dataclass(slots=True)
class Ship:
    """A true vessel: the IMO is the identity; ``name`` and ``flag`` are current."""

    id: str
    name: str
    imo: str
    flag: str


class Ids:
    """Sequential true entity ids: ``ent-000001``."""

    def __init__(self) -> None:
        self.count = 0
        self.person_names: set[str] = set()  # no two true persons share a name
        self.company_names: set[str] = set()  # nor two true companies
        self.domains: set[str] = set()  # nor two companies a web domain

    def next(self, prefix: str = "ent") -> str:
        self.count += 1
        return f"{prefix}-{self.count:06d}"


def compute_imo_check_digit(six: str) -> str:
    """The IMO check digit: weights 7..2 over the first six digits, last digit of the sum."""
    return str(sum(int(d) * w for d, w in zip(six, range(7, 1, -1), strict=True)) % 10)


def make_imo(rng: random.Random, taken: set[str]) -> str:
    """A valid IMO number not in ``taken`` (listed IMOs stay out of ordinary shipping)."""
    while True:
        six = str(rng.randint(900000, 989999))
        imo = six + compute_imo_check_digit(six)
        if imo not in taken:
            taken.add(imo)
            return imo


def make_identifier(rng: random.Random, country: str) -> str:
    """A registration number in the style of the country."""
    if country == "CN":
        return f"91{rng.randint(110000, 659999)}{rng.randint(10**9, 10**10 - 1)}X"
    return f"{country}{rng.randint(10**6, 10**8)}"


def make_company(
    rng: random.Random,
    ids: Ids,
    country: str,
    line: str,
    *,
    kind: str = "company",
    founded: tuple[int, int] = (1985, 2019),
    building: str | None = None,
) -> Actor:
    """An established company with officers, contacts and a trade line."""
    name = unique_company_name(rng, ids, country, line)
    domain = make_domain(ids, name, country)
    company = Actor(
        id=ids.next(),
        kind=kind,
        name=name,
        country=country,
        address=names.make_address(rng, country, building),
        phone=names.make_phone(rng, country),
        email=f"{names.pick(rng, ('info', 'sales', 'trade', 'export'))}@{domain}",
        identifier=make_identifier(rng, country),
        line=line,
        website=f"www.{domain}" if rng.random() < 0.8 else "",
        incorporated=dt.date(rng.randint(*founded), rng.randint(1, 12), rng.randint(1, 28)),
    )
    company.officers = [make_person(rng, ids, country) for _ in range(rng.randint(1, 3))]
    return company


def make_domain(ids: Ids, name: str, country: str) -> str:
    """A web domain of the company's own: "alwahaelectronics.ae", numbered if taken."""
    base = names.make_slug(name, words=3)
    tld = names.get_name_parts(country)["tld"][0]
    domain, number = f"{base}.{tld}", 1
    while domain in ids.domains:
        number += 1
        domain = f"{base}{number}.{tld}"
    ids.domains.add(domain)
    return domain


def unique_company_name(rng: random.Random, ids: Ids, country: str, line: str) -> str:
    """A company name no other true company has; after a few clashes, a longer name."""
    name = ""
    for attempt in range(40):
        name = names.make_company_name(rng, country, line, long=attempt >= 8)
        if name not in ids.company_names:
            break
    else:
        name = f"{name} No. {len(ids.company_names)}"  # the name space is exhausted
    ids.company_names.add(name)
    return name


def make_person(rng: random.Random, ids: Ids, country: str) -> Actor:
    """A natural person (an officer or shareholder) with a passport number; the name is
    new in the world and does not read as a listed person's."""
    for attempt in range(60):
        name = names.make_person_name(rng, country)
        if attempt >= 10:  # common names are taken: middle initials, as registries print them
            given, _, family = name.rpartition(" ")
            initials = " ".join(f"{chr(65 + rng.randrange(26))}." for _ in range(1 + attempt // 30))
            name = f"{given} {initials} {family}"
        if name not in ids.person_names and not names.resembles_listed_person(name):
            break
    ids.person_names.add(name)
    passport = f"P{country}{rng.randint(10**7, 10**8 - 1)}"
    return Actor(ids.next(), "person", name, country, identifier=passport)


def make_ships(rng: random.Random, ids: Ids, count: int) -> list[Ship]:
    """Ordinary merchant vessels with valid IMO numbers, none of them listed."""
    taken = {item.imo for item in load_listed() if item.imo}
    ships = []
    for _ in range(count):
        name = f"{names.pick(rng, VESSEL_PREFIXES)} {names.pick(rng, VESSEL_WORDS)}"
        if rng.random() < 0.5:
            name += f" {rng.randint(1, 30)}"
        ships.append(
            Ship(ids.next("vessel"), name.upper(), make_imo(rng, taken), names.pick(rng, FLAGS))
        )
    return ships


@dataclass(slots=True)
class Pools:
    """The ordinary parties of the world."""

    companies: list[Actor]
    banks: dict[str, list[Actor]]
    insurers: list[Actor]
    carriers: list[Actor]
    forwarders: dict[str, list[Actor]]
    agents: list[Actor]
    ships: list[Ship]
    popular: list[int]  # catalog indexes, most traded first


def make_pools(rng: random.Random, ids: Ids, size: int) -> Pools:
    """Pools scaled mildly with the world's size (capped: memory stays small)."""
    n_companies = min(20_000, 150 + size // 80)
    catalog_size = len(load_hs_catalog())
    lines = load_name_parts()["*"]["line"]
    popular = list(range(catalog_size))
    rng.shuffle(popular)
    promote_declared_codes(popular)
    companies: list[Actor] = []
    while len(companies) < n_companies:
        country = names.pick(rng, LEGIT_COUNTRIES)
        company = make_company(rng, ids, country, names.pick(rng, lines))
        # A skewed pick: a few subheadings carry much of the trade, as in real data.
        company.goods = [
            popular[int(catalog_size * rng.random() ** 3)] for _ in range(rng.randint(2, 8))
        ]
        companies.append(company)
    banks = {c: [_service(rng, ids, c, "bank") for _ in range(3)] for c in LEGIT_COUNTRIES}
    forwarder_lines = load_name_parts()["*"]["forwarder_line"]
    forwarders = {
        c: [
            make_company(rng, ids, c, names.pick(rng, forwarder_lines), kind="forwarder")
            for _ in range(3)
        ]
        for c in LEGIT_COUNTRIES
    }
    return Pools(
        companies=companies,
        banks=banks,
        insurers=[
            _service(rng, ids, names.pick(rng, LEGIT_COUNTRIES), "insurer") for _ in range(12)
        ],
        carriers=[
            _service(rng, ids, names.pick(rng, LEGIT_COUNTRIES), "carrier") for _ in range(10)
        ],
        forwarders=forwarders,
        agents=[_service(rng, ids, c, "agent") for c in ("HK", "SG", "AE", "MY", "CN")],
        ships=make_ships(rng, ids, min(3000, 60 + size // 2000)),
        popular=popular,
    )


def promote_declared_codes(popular: list[int]) -> None:
    """Move the codes mislabelled cargo is declared under to ranks 10 to 14 of the
    popularity order (ranks 0 to 7 serve the value-anomaly scheme)."""
    position = {item.code: index for index, item in enumerate(load_hs_catalog())}
    declared = [position[row[2]] for row in MISLABELS if row[2] in position]
    rest = [index for index in popular if index not in declared]
    popular[:] = rest[:10] + declared + rest[10:]


SERVICE_WORDS = {
    "bank": ("Commercial Bank", "Bank", "Merchant Bank"),
    "insurer": ("Marine Insurance", "Insurance", "General Insurance"),
    "carrier": ("Container Lines", "Shipping Lines", "Ocean Lines"),
    "agent": ("Corporate Services", "Company Secretarial Services", "Business Consultants"),
}


def _service(rng: random.Random, ids: Ids, country: str, kind: str) -> Actor:
    """A bank, insurer, carrier or formation agent, with a name no other party has."""
    parts = names.get_name_parts(country)
    while True:
        name = f"{names.pick(rng, parts['core'])} {names.pick(rng, SERVICE_WORDS[kind])}"
        if kind in ("carrier", "agent"):
            name += f" {names.pick(rng, parts['legal'])}"
        if name not in ids.company_names:
            ids.company_names.add(name)
            break
    actor = make_company(rng, ids, country, "", kind=kind)
    domain = make_domain(ids, name, country)
    actor.name, actor.officers = name, []
    actor.email = f"{actor.email.split('@')[0]}@{domain}"
    actor.website = f"www.{domain}" if actor.website else ""
    return actor
