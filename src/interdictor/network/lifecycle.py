"""Transaction life cycles: the records of one deal, linked, and where they disagree.

A life cycle is a graph, not a fixed order: records join when they share a reference
number (contract, invoice, L/C, B/L, policy, declaration), and records without a shared
reference join a deal whose supplier and customer they share, within a date window, when
an amount or the goods agree. Documents of one deal are then compared on parties,
amounts, goods, dates and route.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from interdictor.network.records import Record, Vessel

# The sides of a deal, by record type: which role supplies and which receives.
SUPPLIER_ROLES = {
    "contract": "seller",
    "invoice": "seller",
    "letter_of_credit": "beneficiary",
    "payment": "payee",
    "insurance": "insured",
    "bill_of_lading": "shipper",
    "customs_declaration": "exporter",
}
CUSTOMER_ROLES = {
    "contract": "buyer",
    "invoice": "buyer",
    "letter_of_credit": "applicant",
    "payment": "payer",
    "bill_of_lading": "consignee",
    "customs_declaration": "importer",
}
DEAL_TYPES = frozenset(SUPPLIER_ROLES)
WINDOW_DAYS = 180  # a deal's documents span months: contract to final payment
AMOUNT_TOLERANCE = 0.02  # rounding and bank charges
INSURANCE_MARGIN = 0.15  # cargo is commonly insured at CIF + 10%
MAX_REF_GROUP = 60  # a number printed on more documents than this is a form, not a deal
DATE_ORDER = ("contract", "letter_of_credit", "invoice", "bill_of_lading", "payment")


@dataclass(slots=True)
class Transaction:
    """The records of one deal and the disagreements found between them."""

    id: str
    record_ids: list[str]
    disagreements: list[dict[str, object]] = field(default_factory=list)


def amount_of(record: Record) -> float | None:
    """The headline amount: total value, L/C or paid amount, or insured value."""
    value = record.amount()[0]
    return float(value) if value is not None else None


def vessel_of(record: Record) -> Vessel | None:
    """The vessel named on a record, if any."""
    return record.vessel()


def currency_of(record: Record) -> str | None:
    return getattr(record, "currency", None)


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link_by_refs(
    records: Sequence[Record], party_sets: Sequence[frozenset[str]], uf: _UnionFind
) -> None:
    """Join records that print the same reference number of the same kind and share a party.

    Reference numbers are not unique across traders ("SC23-10482" recurs), so a shared
    number links two documents only when they also name one party in common.
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in _deal_refs(record):
            groups[key].append(index)
    for members in groups.values():
        if len(members) < 2 or len(members) > MAX_REF_GROUP:
            continue
        if not all(party_sets[m] for m in members):
            # A record naming no resolved party joins every other: the group is one deal.
            for other in members[1:]:
                uf.union(members[0], other)
            continue
        # Members sharing a party join, in one pass: each joins the first holder of its parties.
        first_holder: dict[str, int] = {}
        for member in members:
            for party in party_sets[member]:
                uf.union(first_holder.setdefault(party, member), member)


def _goods_key(record: Record) -> frozenset[str]:
    return frozenset((g.hs_code or "")[:6] for g in record.goods() if g.hs_code)


def _same_amount(a: Record, b: Record) -> bool:
    x, y = amount_of(a), amount_of(b)
    return bool(x and y and abs(x - y) <= AMOUNT_TOLERANCE * max(x, y))


def _same_goods(a: Record, b: Record) -> bool:
    ga, gb = _goods_key(a), _goods_key(b)
    return bool(ga and gb and ga == gb)


def link_by_parties(
    records: Sequence[Record], side_ids: Sequence[tuple[str, str] | None], uf: _UnionFind
) -> None:
    """Join a record that no shared reference linked (it prints none, or numbers no other
    document repeats, such as a contract number the invoice leaves out) to a deal with the
    same supplier and customer, close in time, that agrees on the amount or, failing
    that, on the goods. A deal that already prints another number of the same kind (a
    second contract, say) is a different deal: repeat orders stay apart.
    """
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(records)):
        members[uf.find(index)].append(index)
    numbers: dict[int, dict[str, set[str]]] = {}  # a deal's reference numbers, when asked

    def numbers_of(root: int) -> dict[str, set[str]]:
        found = numbers.get(root)
        if found is None:
            found = numbers[root] = defaultdict(set)
            for member in members[root]:
                for kind, value in _deal_refs(records[member]):
                    found[kind].add(value)
        return found

    def compatible(a: int, b: int) -> bool:
        theirs = numbers_of(uf.find(b))
        return all(
            not theirs[kind] or value in theirs[kind] for kind, value in _deal_refs(records[a])
        )

    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, pair in enumerate(side_ids):
        if pair is not None:
            by_pair[pair].append(index)
    for pair_members in by_pair.values():
        if len(pair_members) > 200:  # a regular trading pair: refs are the only safe link
            continue
        for a in pair_members:
            if len(members[a]) != 1 or uf.find(a) != a:
                continue  # linked by a reference, or already joined a deal
            near = [
                b
                for b in pair_members
                if b != a and _close_in_time(records[a], records[b]) and compatible(a, b)
            ]
            match = next((b for b in near if _same_amount(records[a], records[b])), None)
            if match is None:
                match = next((b for b in near if _same_goods(records[a], records[b])), None)
            if match is None:
                continue
            root = uf.find(match)
            uf.parent[a] = root  # the lone record joins the deal, whose root stays
            members[root].append(a)
            if root in numbers:
                for kind, value in _deal_refs(records[a]):
                    numbers[root][kind].add(value)


def _deal_refs(record: Record) -> list[tuple[str, str]]:
    """The reference numbers that name one deal (a licence covers many)."""
    return [
        (kind, str(value).strip().upper())
        for kind, value in record.refs.items()
        if value and kind != "licence"
    ]


def _close_in_time(a: Record, b: Record) -> bool:
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= WINDOW_DAYS


def build_transactions(
    records: Sequence[Record], entity_of: dict[tuple[str, str], str]
) -> list[Transaction]:
    """Group deal records (not registrations or vessel events) into transactions."""
    deal = [r for r in records if r.type in DEAL_TYPES]
    uf = _UnionFind(len(deal))
    parties = [frozenset(entity_of[k] for k in _party_keys(r) if k in entity_of) for r in deal]
    link_by_refs(deal, parties, uf)
    link_by_parties(deal, [_sides(r, entity_of) for r in deal], uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(deal)):
        groups[uf.find(index)].append(index)
    transactions = []
    for members in groups.values():
        recs = [deal[i] for i in members]
        tx = Transaction(id="tx-" + min(r.id for r in recs), record_ids=[r.id for r in recs])
        tx.disagreements = find_disagreements(recs, entity_of)
        transactions.append(tx)
    return sorted(transactions, key=lambda t: t.id)


def _party_keys(record: Record) -> list[tuple[str, str]]:
    return [(record.id, role) for role, _ in record.parties()]


def _sides(record: Record, entity_of: dict[tuple[str, str], str]) -> tuple[str, str] | None:
    supplier = entity_of.get((record.id, SUPPLIER_ROLES.get(record.type, "")))
    customer = entity_of.get((record.id, CUSTOMER_ROLES.get(record.type, "")))
    return (supplier, customer) if supplier and customer else None


def find_disagreements(
    records: Iterable[Record], entity_of: dict[tuple[str, str], str]
) -> list[dict[str, object]]:
    """Where a deal's documents disagree: parties, amounts, goods, dates and route."""
    recs = list(records)
    found: list[dict[str, object]] = []
    found += _disagree_parties(recs, entity_of, SUPPLIER_ROLES, "supplier")
    found += _disagree_parties(recs, entity_of, CUSTOMER_ROLES, "customer")
    found += _disagree_amounts(recs)
    found += _disagree_goods(recs)
    found += _disagree_dates(recs)
    found += _disagree_route(recs)
    return found


def _disagree_parties(
    recs: list[Record], entity_of: dict[tuple[str, str], str], roles: dict[str, str], side: str
) -> list[dict[str, object]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        if r.type in ("payment", "bill_of_lading"):
            continue  # third-party payers and forwarders are their own detectors' business
        entity = entity_of.get((r.id, roles.get(r.type, "")))
        if entity:
            seen[entity].append(r.id)
    if len(seen) < 2:
        return []
    return [
        {
            "kind": "parties",
            "side": side,
            "values": dict(seen),
            "record_ids": sorted(i for ids in seen.values() for i in ids),
        }
    ]


def _disagree_amounts(recs: list[Record]) -> list[dict[str, object]]:
    values = {r.id: (amount_of(r), currency_of(r), r.type) for r in recs}
    priced = {i: v for i, v in values.items() if v[0] and v[2] != "insurance"}
    if len(priced) < 2:
        return []
    amounts = [v[0] for v in priced.values() if v[0]]
    currencies = {v[1] for v in priced.values() if v[1]}
    high, low = max(amounts), min(amounts)
    if high - low <= AMOUNT_TOLERANCE * high and len(currencies) <= 1:
        return []
    return [
        {
            "kind": "amounts",
            "values": {i: v[0] for i, v in priced.items()},
            "record_ids": sorted(priced),
        }
    ]


def _disagree_goods(recs: list[Record]) -> list[dict[str, object]]:
    keys = {r.id: _goods_key(r) for r in recs if _goods_key(r)}
    distinct = {k for k in keys.values()}
    if len(distinct) < 2:
        return []
    return [
        {
            "kind": "goods",
            "values": {i: sorted(k) for i, k in keys.items()},
            "record_ids": sorted(keys),
        }
    ]


def _disagree_dates(recs: list[Record]) -> list[dict[str, object]]:
    """A contract dated after its own bill of lading, or a payment before its contract."""
    first: dict[str, tuple[dt.date, str]] = {}
    for r in recs:
        if r.date and r.type in DATE_ORDER and (r.type not in first or r.date < first[r.type][0]):
            first[r.type] = (r.date, r.id)
    contract = first.get("contract")
    found: list[dict[str, object]] = []
    for later in ("bill_of_lading", "payment", "invoice"):
        other = first.get(later)
        if contract and other and other[0] < contract[0]:
            found.append(
                {
                    "kind": "dates",
                    "values": {contract[1]: str(contract[0]), other[1]: str(other[0])},
                    "record_ids": sorted([contract[1], other[1]]),
                }
            )
    return found


def _disagree_route(recs: list[Record]) -> list[dict[str, object]]:
    """The B/L and the insurance policy name different ports of discharge."""
    ports = {
        r.id: getattr(r, "port_of_discharge", None)
        for r in recs
        if r.type in ("bill_of_lading", "insurance") and getattr(r, "port_of_discharge", None)
    }
    if len(set(ports.values())) < 2:
        return []
    return [{"kind": "route", "values": ports, "record_ids": sorted(ports)}]
