"""FollowTheMoney export that Aleph can ingest: entities as JSON lines.

Resolved parties become ``Company`` (``Person`` for officers), vessels ``Vessel``;
registrations give ``Directorship``, ``Ownership`` and ``Representation`` (formation
agent); payments become ``Payment``, customs declarations ``EconomicActivity``, and the
other records ``Document`` entities tied to their parties by ``UnknownLink``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import orjson
from followthemoney import EntityProxy, model

from interdictor.network.graph import vessel_node
from interdictor.network.lifecycle import amount_of, vessel_of
from interdictor.network.records import Record
from interdictor.network.resolve import Entity

PREFIX = "idr"  # keeps our ids apart from others in a shared Aleph collection


def make_id(*parts: str) -> str:
    return f"{PREFIX}-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]


def make_party(entity: Entity) -> EntityProxy:
    proxy = model.make_entity("Person" if entity.kind == "person" else "Company")
    proxy.id = make_id("entity", entity.id)
    proxy.add("name", entity.name)
    proxy.add("alias", [n for n in entity.names[1:10] if n != entity.name])
    proxy.add("country", [c.lower() for c in entity.countries], quiet=True)
    proxy.add("address", entity.addresses[:10], quiet=True)
    proxy.add("phone", entity.phones, quiet=True)
    proxy.add("email", entity.emails, quiet=True)
    if entity.identifiers and entity.kind != "person":
        proxy.add("registrationNumber", entity.identifiers, quiet=True)
    if entity.listed:
        proxy.add("topics", "sanction.linked", quiet=True)
        proxy.add(
            "notes",
            [f"resembles listed {h['listed_name']} ({h['listed_id']})" for h in entity.listed],
        )
    return proxy


def make_vessels(records: Iterable[Record]) -> Iterator[EntityProxy]:
    seen: set[str] = set()
    for record in records:
        vessel = vessel_of(record)
        node = vessel_node(vessel) if vessel else None
        if vessel is None or node is None or node in seen:
            continue
        seen.add(node)
        proxy = model.make_entity("Vessel")
        proxy.id = make_id(node)
        proxy.add("name", vessel.name)
        proxy.add("imoNumber", vessel.imo, quiet=True)
        proxy.add("flag", (vessel.flag or "").lower(), quiet=True)
        yield proxy


def make_record_entities(
    record: Record, party_id: dict[tuple[str, str], str]
) -> Iterator[EntityProxy]:
    """The FtM entities one record contributes."""

    def party(role: str) -> str | None:
        found = party_id.get((record.id, role))
        return make_id("entity", found) if found else None

    if record.type == "company_registration":
        yield from _make_registration_links(record, party)
        return
    if record.type == "payment":
        proxy = model.make_entity("Payment")
        proxy.id = make_id("record", record.id)
        proxy.add("payer", party("payer"))
        proxy.add("beneficiary", party("payee"))
        proxy.add("amount", amount_of(record), quiet=True)
        proxy.add("currency", getattr(record, "currency", None), quiet=True)
        proxy.add("purpose", getattr(record, "purpose", None))
        proxy.add("date", record.date, quiet=True)
        proxy.add("recordId", record.id)
        if proxy.get("payer") and proxy.get("beneficiary"):
            yield proxy
            return
    if record.type == "customs_declaration":
        proxy = model.make_entity("EconomicActivity")
        proxy.id = make_id("record", record.id)
        proxy.add("declarant", party("declarant"))
        proxy.add("sender", party("exporter"))
        proxy.add("receiver", party("importer"))
        proxy.add("date", record.date, quiet=True)
        proxy.add(
            "originCountry", (getattr(record, "country_of_origin", None) or "").lower(), quiet=True
        )
        proxy.add(
            "destinationCountry",
            (getattr(record, "country_of_destination", None) or "").lower(),
            quiet=True,
        )
        proxy.add("goodsDescription", [g.description for g in record.goods() if g.description])
        proxy.add("vedCode", [g.hs_code for g in record.goods() if g.hs_code])
        proxy.add("recordId", record.id)
        yield proxy
        return
    yield from _make_document(record, party)


def _make_document(record: Record, party: Callable[[str], str | None]) -> Iterator[EntityProxy]:
    """A Document per record and an UnknownLink per party on it. Built from plain values we
    produce ourselves, so they skip FtM's value cleaning (the export's hot path)."""
    doc_id = make_id("record", record.id)
    props: dict[str, list[str]] = {
        "title": [f"{record.type.replace('_', ' ')} {record.id}"],
        "namesMentioned": sorted({p.name for _, p in record.parties() if p.name}),
    }
    if record.date:
        props["date"] = [record.date.isoformat()]
    if record.file:
        props["fileName"] = [record.file]
    yield EntityProxy.from_dict({"id": doc_id, "schema": "Document", "properties": props})
    for role, _ in record.parties():
        subject = party(role)
        if subject:
            yield EntityProxy.from_dict(
                {
                    "id": make_id("link", record.id, role),
                    "schema": "UnknownLink",
                    "properties": {
                        "subject": [subject],
                        "object": [doc_id],
                        "role": [role.replace("_", " ")],
                    },
                }
            )


def _make_registration_links(record: Record, party: object) -> Iterator[EntityProxy]:
    company = party("company")  # type: ignore[operator]
    if not company:
        return
    for index, officer in enumerate(getattr(record, "officers", [])):
        person = party(f"officers.{index}")  # type: ignore[operator]
        if person:
            link = model.make_entity("Directorship")
            link.id = make_id("directorship", record.id, str(index))
            link.add("director", person)
            link.add("organization", company)
            link.add("role", officer.role)
            yield link
    for index, _ in enumerate(getattr(record, "shareholders", [])):
        owner = party(f"shareholders.{index}")  # type: ignore[operator]
        if owner:
            link = model.make_entity("Ownership")
            link.id = make_id("ownership", record.id, str(index))
            link.add("owner", owner)
            link.add("asset", company)
            yield link
    agent = party("formation_agent")  # type: ignore[operator]
    if agent:
        link = model.make_entity("Representation")
        link.id = make_id("representation", record.id)
        link.add("agent", agent)
        link.add("client", company)
        link.add("role", "formation agent")
        yield link


def make_ftm_entities(
    records: Sequence[Record], entities: Sequence[Entity]
) -> Iterator[EntityProxy]:
    """Every FtM entity of the analysis, parties first so that links point backwards."""
    party_id = {(m.record_id, m.role): e.id for e in entities for m in e.mentions}
    for entity in entities:
        yield make_party(entity)
    yield from make_vessels(records)
    for record in records:
        yield from make_record_entities(record, party_id)


def write_ftm(records: Sequence[Record], entities: Sequence[Entity], path: Path) -> int:
    """Write the FtM export as JSON lines, atomically; returns the number of entities."""
    temporary = path.with_suffix(path.suffix + ".part")
    count = 0
    with temporary.open("wb") as handle:
        for proxy in make_ftm_entities(records, entities):
            handle.write(orjson.dumps(proxy.to_dict()) + b"\n")
            count += 1
    temporary.replace(path)
    return count
