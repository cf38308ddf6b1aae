"""FollowTheMoney JSON lines, as OpenSanctions publishes them (``entities.ftm.json``).

Each line is one entity. Parties (Person, Organization, Company, LegalEntity, Vessel,
Airplane, ...) become listings; a ``Sanction`` line gives its entity the listing reference
(``unscId`` or ``authorityId``), programme and listing date; ``Passport`` and
``Identification`` lines add identifiers to their holder. Other schemata are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
from followthemoney import EntityProxy, model
from followthemoney.exc import FollowTheMoneyException

from interdictor.errors import InvalidInput
from interdictor.lists.base import ListFormat, ParseResult, has_undecodable, read_text, reject
from interdictor.model.ftm import from_ftm
from interdictor.model.listed import Identifier, ListedEntity

KEY = "ftm_json"
PARTY_SCHEMATA = ("LegalEntity", "Vessel", "Airplane")
IDENTIFICATION_KINDS = {"Passport": "passport", "Identification": "national_id"}


def sniff_ftm_json(path: Path, head: str) -> bool:
    """Say whether the first line is a JSON object with ``id``, ``schema`` and properties."""
    first = head.lstrip().split("\n", 1)[0]
    try:
        data = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return isinstance(data, dict) and {"id", "schema", "properties"} <= data.keys()


def is_party(proxy: EntityProxy) -> bool:
    """Say whether an entity can be a listing (a legal entity, vessel or airplane)."""
    return any(proxy.schema.is_a(name) for name in PARTY_SCHEMATA)


def read_line(text: str) -> tuple[dict[str, Any], EntityProxy]:
    """Return the data and entity of one JSON line; raise InvalidInput if it is not one."""
    if has_undecodable([text]):
        raise InvalidInput("line is not valid UTF-8")
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
        raise InvalidInput("not an entity: needs an id and a schema")
    try:
        return data, model.get_proxy(data, cleaned=True)
    except (FollowTheMoneyException, TypeError, ValueError) as exc:
        raise InvalidInput(f"not a valid FtM entity: {exc}") from exc


def _dataset_of(data: dict[str, Any], given: str | None, path: Path) -> str:
    if given:
        return given
    datasets = data.get("datasets") or []
    return str(datasets[0]) if datasets else path.name.split(".")[0]


def apply_sanction(entity: ListedEntity, sanction: EntityProxy) -> None:
    """Take the reference, programmes and listing date of a Sanction onto its entity."""
    reference = sanction.get("unscId") + sanction.get("authorityId")
    if reference:
        entity.reference = reference[0]
    entity.programs = list(dict.fromkeys(entity.programs + sanction.get("program")))
    listed = sanction.get("listingDate") + sanction.get("startDate")
    if listed and not entity.listed_on:
        entity.listed_on = min(listed)[:10]


def apply_identification(entity: ListedEntity, document: EntityProxy) -> None:
    """Add the number of a Passport or Identification entity to its holder."""
    kind = IDENTIFICATION_KINDS.get(document.schema.name, "other")
    countries = document.get("country")
    for number in document.get("number"):
        ident = Identifier(kind=kind, value=number, country=countries[0] if countries else None)
        if ident not in entity.identifiers:
            entity.identifiers.append(ident)


def parse_ftm_json(path: Path, dataset: str | None) -> ParseResult:
    """Parse FtM JSON lines (plain or gzipped)."""
    result = ParseResult(format=KEY, dataset=dataset or "", source=str(path))
    by_id: dict[str, ListedEntity] = {}
    linked: dict[str, list[EntityProxy]] = defaultdict(list)
    for number, text in enumerate(read_text(path).splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data, proxy = read_line(text)
        except InvalidInput as exc:
            result.rejected.append(reject(path, f"line {number}", exc.reason, text))
            continue
        if is_party(proxy):
            entity = from_ftm(proxy, _dataset_of(data, dataset, path))
            entity.source_position = f"line {number}"
            by_id[entity.id] = entity
        for prop in ("entity", "holder"):
            if prop in proxy.schema.properties:
                for target in proxy.get(prop):
                    linked[target].append(proxy)
    if not by_id and result.rejected:
        raise InvalidInput("no line is a FollowTheMoney entity", source=str(path))
    _attach_linked(by_id, linked)
    result.entities = list(by_id.values())
    if not result.dataset:
        result.dataset = result.entities[0].dataset if result.entities else path.name.split(".")[0]
    return result


def _attach_linked(by_id: dict[str, ListedEntity], linked: dict[str, list[EntityProxy]]) -> None:
    for target, proxies in linked.items():
        entity = by_id.get(target)
        if entity is None:
            continue
        for proxy in proxies:
            if proxy.schema.is_a("Sanction"):
                apply_sanction(entity, proxy)
            elif proxy.schema.name in IDENTIFICATION_KINDS or proxy.schema.is_a("Identification"):
                apply_identification(entity, proxy)


FTM_JSON = ListFormat(
    key=KEY,
    title="FollowTheMoney JSON lines (OpenSanctions entities)",
    default_dataset=None,
    parse=parse_ftm_json,
    sniff=sniff_ftm_json,
)
