"""ListedEntity <-> FollowTheMoney: our lists export, OpenSanctions entities load."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
from followthemoney import EntityProxy

from interdictor.lists import parse_file
from interdictor.model.ftm import from_ftm, to_ftm, to_ftm_sanction
from interdictor.model.listed import Identifier, ListedEntity

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
UN_2026 = SHARED / "sanctions" / "un" / "un_consolidated_2026-02-27.xml.gz"
EU_DPRK = SHARED / "sanctions" / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"
OFAC_2024 = SHARED / "sanctions" / "ofac" / "sdn_2024-05-03.csv.gz"
# OpenSanctions pairs: CC BY-NC 4.0, read in place and never copied into the repository.
PAIRS = SHARED / "names" / "opensanctions_pairs_dev500.jsonl.gz"
ROUND_TRIP_FIELDS = (
    "id",
    "schema",
    "name",
    "dataset",
    "aliases",
    "weak_aliases",
    "original_names",
    "countries",
    "birth_dates",
    "addresses",
    "programs",
    "reference",
    "listed_on",
)


def round_trip(entity: ListedEntity) -> ListedEntity:
    data = to_ftm(entity).to_dict()
    data["datasets"] = [entity.dataset]
    return from_ftm(orjson.loads(orjson.dumps(data)))


@pytest.fixture(scope="module")
def listed() -> list[ListedEntity]:
    entities = parse_file(UN_2026).entities + parse_file(EU_DPRK).entities
    dprk_ofac = [e for e in parse_file(OFAC_2024).entities if "DPRK" in " ".join(e.programs)]
    return entities + dprk_ofac


def test_to_ftm_komid(listed: list[ListedEntity]) -> None:
    komid = next(e for e in listed if e.id == "un_sc-KPe.001")
    proxy = to_ftm(komid)
    assert isinstance(proxy, EntityProxy)
    assert proxy.id == "un_sc-KPe.001"
    assert proxy.schema.name == "Organization"
    assert proxy.get("name") == ["KOREA MINING DEVELOPMENT TRADING CORPORATION"]
    assert "KOMID" in proxy.get("alias")
    assert proxy.get("programId") == ["KPe.001"]
    assert proxy.get("program") == ["DPRK"]
    assert proxy.get("country") == ["kp"]
    assert proxy.get("createdAt") == ["2009-04-24"]
    assert proxy.get("notes")  # COMMENTS1 kept


def test_to_ftm_vessel_imo(listed: list[ListedEntity]) -> None:
    vessel = next(e for e in listed if e.id == "eu_dprk-XIII.B-imo8606173")
    proxy = to_ftm(vessel)
    assert proxy.get("imoNumber") == ["8606173"]
    assert proxy.get("previousName") == ["Ryong Gun Bong"]


def test_round_trip_every_listing(listed: list[ListedEntity]) -> None:
    mismatches = []
    for entity in listed:
        back = round_trip(entity)
        for name in ROUND_TRIP_FIELDS:
            if getattr(back, name) != getattr(entity, name):
                mismatches.append((entity.id, name, getattr(entity, name), getattr(back, name)))
        # FtM identifier properties carry no per-value country: compare kind and value.
        assert sorted((i.kind, i.value) for i in back.identifiers) == sorted(
            (i.kind, i.value) for i in entity.identifiers
        ), entity.id
    # Known loss: a UN NAME_ORIGINAL_SCRIPT written in Latin letters (QDe.164
    # "JAMAAH ANSHARUT DAULAH", also one of its aliases) is read back as an alias only,
    # since FtM has no property for original-script names.
    assert [(m[0], m[1]) for m in mismatches] == [("un_sc-QDe.164", "original_names")]


def test_round_trip_identifier_kinds() -> None:
    entity = ListedEntity(
        id="test-1",
        schema="Organization",
        name="EXAMPLE TRADING CO",
        dataset="test",
        identifiers=[
            Identifier("imo", "9123456"),
            Identifier("registration", "5342883"),
            Identifier("swift", "FTBDKPPY"),
            Identifier("national_id", "12345"),
        ],
    )
    back = round_trip(entity)
    assert set(back.identifiers) == set(entity.identifiers)


def test_sanction_entity(listed: list[ListedEntity]) -> None:
    komid = next(e for e in listed if e.id == "un_sc-KPe.001")
    sanction = to_ftm_sanction(komid)
    assert sanction.schema.name == "Sanction"
    assert sanction.get("entity") == ["un_sc-KPe.001"]
    assert sanction.get("unscId") == ["KPe.001"]
    assert sanction.get("listingDate") == ["2009-04-24"]


def read_pair_entities() -> list[dict[str, object]]:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as fh:
        pairs = [orjson.loads(line) for line in fh]
    return [p[side] for p in pairs for side in ("left", "right")]


def test_opensanctions_entities_load() -> None:
    parties = [
        e
        for e in read_pair_entities()
        if e["schema"] in ("Person", "Company", "Organization", "LegalEntity", "Vessel")
    ]
    assert len(parties) > 500
    loaded = [from_ftm(e) for e in parties]
    assert all(e.name for e in loaded)
    assert all(e.dataset for e in loaded)
    # NK-nJHDABKT8Xd5xwEoV2UpKg: an OFAC SDN person in the first pair.
    henao = next(e for e in loaded if e.id == "NK-nJHDABKT8Xd5xwEoV2UpKg")
    assert henao.name == "Mario Alberto HENAO JARAMILLO"  # the caption
    assert "HENAO JARAMILLO, Mario Alberto" in henao.aliases
    assert henao.dataset == "us_ofac_sdn"
    assert henao.birth_dates == ["1966-09-04"]
    assert henao.countries == ["co"]
    assert henao.identifiers == [Identifier("national_id", "98519014")]
    # OpenSanctions' programId is a programme key, not a listing reference.
    assert henao.programs == ["US-NARCO"]
    assert henao.reference is None
    # Non-Latin names become original-script names.
    scripts = [e for e in loaded if e.original_names]
    assert scripts
    assert all(n not in e.aliases for e in scripts for n in e.original_names)
