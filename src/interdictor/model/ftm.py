"""ListedEntity <-> FollowTheMoney entities, so OpenSanctions data loads and ours exports.

Mapping (ListedEntity field -> FtM property):

- name -> ``name``; aliases and original_names -> ``alias``; weak_aliases -> ``weakAlias``.
  On the way back, non-Latin names go to original_names.
- identifiers -> ``imoNumber``, ``passportNumber``, ``idNumber``, ``registrationNumber``,
  ``swiftBic``, ``taxNumber`` (see IDENTIFIER_PROPS); a kind the schema lacks goes to
  ``idNumber`` or, failing that, ``registrationNumber``.
- countries -> ``country``; birth_dates -> ``birthDate``; addresses -> ``address``;
  programs -> ``program``; listed_on -> ``createdAt``.
- reference -> ``programId``, the listing's identifier within its programme (``KPe.001``).
  OpenSanctions puts programme keys there ("US-NARCO"); those are read as programs.
  A ``Sanction`` entity (``to_ftm_sanction``) also carries it as ``authorityId``/``unscId``.
- properties -> the FtM property of the same name when the schema has one (``notes``,
  ``position``, ``gender``, ``birthPlace``, ``mmsi``...); other keys are not exported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from followthemoney import EntityProxy, model
from rigour.text.scripts import is_latin

from interdictor.model.listed import SCHEMATA, Identifier, ListedEntity

# Identifier kind -> FtM property, in order of preference when reading back.
IDENTIFIER_PROPS: dict[str, str] = {
    "imo": "imoNumber",
    "passport": "passportNumber",
    "national_id": "idNumber",
    "registration": "registrationNumber",
    "swift": "swiftBic",
    "other": "taxNumber",  # OFAC's "other" identifiers are tax numbers (Tax ID No., NIT #, RUC #)
}
KIND_BY_PROP = {prop: kind for kind, prop in IDENTIFIER_PROPS.items()}
# Properties that the named ListedEntity fields already carry.
MAPPED_PROPS = {
    "name",
    "alias",
    "weakAlias",
    "country",
    "birthDate",
    "address",
    "program",
    "programId",
    "createdAt",
    *KIND_BY_PROP,
}
# Schemata we read as listings, mapped onto ours (Company and others are kept as they are).
SCHEMA_FALLBACK = {"Thing": "LegalEntity", "Asset": "LegalEntity", "PublicBody": "Organization"}
# An OpenSanctions programme key: "US-NARCO", "UN-SCRDPRK", "EU-PRK".
PROGRAM_KEY = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]+)+$")
# Read into ``countries``; ``country`` is the one we write.
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")
UN_DATASETS = {"un_sc", "un_sc_sanctions"}


def _add(proxy: EntityProxy, prop: str, values: list[str]) -> None:
    if prop in proxy.schema.properties:
        for value in values:
            proxy.add(prop, value, quiet=True, cleaned=True)


def identifier_prop(proxy: EntityProxy, kind: str) -> str | None:
    """Return the FtM property for an identifier kind on this schema, or None."""
    for prop in (IDENTIFIER_PROPS.get(kind), "idNumber", "registrationNumber"):
        if prop and prop in proxy.schema.properties:
            return prop
    return None


def to_ftm(entity: ListedEntity) -> EntityProxy:
    """Return the FtM entity of a listing (one proxy with the same id and schema)."""
    proxy = model.make_entity(entity.schema)
    proxy.id = entity.id
    proxy.add("name", entity.name, cleaned=True)
    _add(proxy, "alias", entity.aliases + entity.original_names)
    _add(proxy, "weakAlias", entity.weak_aliases)
    for ident in entity.identifiers:
        prop = identifier_prop(proxy, ident.kind)
        if prop:
            proxy.add(prop, ident.value, quiet=True, cleaned=True)
    _add(proxy, "country", entity.countries)
    _add(proxy, "birthDate", entity.birth_dates)
    _add(proxy, "address", entity.addresses)
    _add(proxy, "program", entity.programs)
    _add(proxy, "programId", [entity.reference] if entity.reference else [])
    _add(proxy, "createdAt", [entity.listed_on] if entity.listed_on else [])
    for key, values in entity.properties.items():
        if key not in MAPPED_PROPS:
            _add(proxy, key, values)
    return proxy


def to_ftm_sanction(entity: ListedEntity) -> EntityProxy:
    """Return a FtM ``Sanction`` for the listing: reference, programme and listing date."""
    sanction = model.make_entity("Sanction")
    sanction.make_id("sanction", entity.id)
    # Our ids hold "_" (un_sc-KPe.001), which FtM's id check refuses; they are valid ids here.
    sanction.add("entity", entity.id, cleaned=True)
    sanction.add("program", entity.programs, cleaned=True)
    if entity.reference:
        sanction.add("authorityId", entity.reference)
        if entity.dataset in UN_DATASETS:
            sanction.add("unscId", entity.reference)
    if entity.listed_on:
        sanction.add("listingDate", entity.listed_on)
    return sanction


def _as_proxy(data: EntityProxy | Mapping[str, Any]) -> EntityProxy:
    if isinstance(data, EntityProxy):
        return data
    return model.get_proxy(dict(data), cleaned=True)


def _split_names(proxy: EntityProxy, caption: str | None) -> tuple[str, list[str], list[str]]:
    names = proxy.get("name", quiet=True) + proxy.get("alias", quiet=True)
    latin = [n for n in names if is_latin(n)]
    original = [n for n in names if not is_latin(n)]
    # OpenSanctions sets the caption to the display name: prefer it when it is Latin.
    preferred = [caption] if caption in latin else []
    primary = (preferred or latin or original or [proxy.caption])[0]
    aliases = [n for n in latin if n != primary]
    return primary, list(dict.fromkeys(aliases)), [n for n in original if n != primary]


def read_identifiers(proxy: EntityProxy) -> list[Identifier]:
    """Return the identifiers held in the FtM identifier properties of ``proxy``."""
    found: list[Identifier] = []
    for prop, kind in KIND_BY_PROP.items():
        if prop in proxy.schema.properties:
            found.extend(Identifier(kind=kind, value=v) for v in proxy.get(prop, quiet=True))
    return list(dict.fromkeys(found))


def split_program_ids(values: list[str]) -> tuple[list[str], list[str]]:
    """Return (OpenSanctions programme keys, listing references) among ``programId`` values.

    OpenSanctions writes programme keys there ("US-NARCO", "EU-PRK"); we write the listing
    reference ("KPe.001", "9345", "XIII.A/1").
    """
    keys = [v for v in values if PROGRAM_KEY.match(v)]
    return keys, [v for v in values if not PROGRAM_KEY.match(v)]


def read_countries(proxy: EntityProxy) -> list[str]:
    """Return the country codes of ``country`` and of the schema's other country properties."""
    values = [
        v for prop in COUNTRY_PROPS if prop in proxy.schema.properties for v in proxy.get(prop)
    ]
    return list(dict.fromkeys(values))


def _extra_properties(proxy: EntityProxy) -> dict[str, list[str]]:
    props = proxy.to_dict().get("properties", {})
    return {k: list(v) for k, v in props.items() if k not in MAPPED_PROPS and v}


def _schema_name(proxy: EntityProxy) -> str:
    name = proxy.schema.name
    return name if name in SCHEMATA else SCHEMA_FALLBACK.get(name, "LegalEntity")


def from_ftm(
    proxy_or_dict: EntityProxy | Mapping[str, Any], dataset: str | None = None
) -> ListedEntity:
    """Return the ListedEntity of a FtM entity (a proxy or its dict, as in FtM JSON lines).

    The dataset is ``dataset`` if given, else the entity's first ``datasets`` value, else
    ``"ftm"``. The id is kept as it is.
    """
    proxy = _as_proxy(proxy_or_dict)
    data = proxy_or_dict if isinstance(proxy_or_dict, Mapping) else {}
    if dataset is None:
        datasets = data.get("datasets")
        dataset = str(datasets[0]) if datasets else "ftm"
    name, aliases, original = _split_names(proxy, data.get("caption"))
    listed = proxy.get("createdAt", quiet=True)
    program_keys, references = split_program_ids(proxy.get("programId", quiet=True))
    return ListedEntity(
        id=str(proxy.id),
        schema=_schema_name(proxy),
        name=name,
        dataset=dataset,
        aliases=aliases,
        weak_aliases=proxy.get("weakAlias", quiet=True),
        original_names=original,
        identifiers=read_identifiers(proxy),
        countries=read_countries(proxy),
        birth_dates=proxy.get("birthDate", quiet=True),
        addresses=proxy.get("address", quiet=True),
        programs=list(dict.fromkeys(proxy.get("program", quiet=True) + program_keys)),
        reference=references[0] if references else None,
        listed_on=listed[0][:10] if listed else None,
        properties=_extra_properties(proxy),
    )
