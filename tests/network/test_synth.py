"""The synthetic world: determinism, planted instances, truth files that cover it all."""

from __future__ import annotations

import collections
from pathlib import Path

import orjson
import pytest

from interdictor.network import ports
from interdictor.network.recordconvert import record_to_dict
from interdictor.network.recordio import read_records, write_records_by_type
from interdictor.network.records import FIELD_KINDS, Record
from interdictor.network.synth import TYPOLOGIES, generate_world
from interdictor.network.synth.actors import compute_imo_check_digit
from interdictor.network.synth.names import resembles_listed_person
from interdictor.network.synth.reference import load_listed
from interdictor.network.synth.world import count_instances

SIZE = 10_000


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world") / "s7"
    generate_world(7, SIZE, out)
    return out


@pytest.fixture(scope="module")
def records(world: Path) -> list[Record]:
    batch = read_records([world])
    assert batch.rejected == []  # every generated record is valid
    return batch.records


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_same_seed_gives_byte_identical_files(world: Path, tmp_path: Path) -> None:
    generate_world(7, SIZE, tmp_path / "again")
    names = sorted(p.name for p in world.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        assert (world / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    generate_world(8, SIZE, tmp_path / "other")
    assert (tmp_path / "other" / "contract.jsonl").read_bytes() != (
        world / "contract.jsonl"
    ).read_bytes()


def test_size_and_one_file_per_record_type(world: Path, records: list[Record]) -> None:
    assert SIZE <= len(records) < SIZE + 20
    summary = orjson.loads((world / "summary.json").read_bytes())
    assert summary["records"] == len(records)
    by_type = collections.Counter(r.type for r in records)
    assert by_type == summary["by_type"] and set(by_type) == set(FIELD_KINDS)


def test_at_least_two_instances_of_every_typology(world: Path) -> None:
    truth = read_jsonl(world / "truth.jsonl")
    counts = collections.Counter(str(t["typology"]) for t in truth)
    assert set(counts) == set(TYPOLOGIES)
    assert min(counts.values()) >= 2
    assert all(t["record_ids"] and t["entity_ids"] and t["scheme"] for t in truth)


def test_instances_grow_mildly_with_size() -> None:
    assert [count_instances(n) for n in (1_000, 10_000, 100_000, 10**6, 10**7)] == [
        2, 2, 4, 6, 8,
    ]  # fmt: skip


def test_truth_record_ids_exist(world: Path, records: list[Record]) -> None:
    ids = {r.id for r in records}
    for item in read_jsonl(world / "truth.jsonl") + read_jsonl(world / "lookalikes.jsonl"):
        assert set(item["record_ids"]) <= ids, item  # type: ignore[arg-type]


def test_truth_entities_cover_every_party_mention(world: Path, records: list[Record]) -> None:
    mentions = set()
    for record in records:
        seen: collections.Counter[str] = collections.Counter()
        for role, party in record.parties():
            if FIELD_KINDS[record.type][role] == "party[]":
                mentions.add((record.id, f"{role}.{seen[role]}"))
                seen[role] += 1
            elif not party.name.startswith("TO ORDER"):
                mentions.add((record.id, role))
    truth = {
        (str(m["record_id"]), str(m["role"])) for m in read_jsonl(world / "truth_entities.jsonl")
    }
    assert truth == mentions


def test_planted_routing_uses_hubs_and_listed_vessels(world: Path, records: list[Record]) -> None:
    by_id = {r.id: r for r in records}
    listed_imos = {item.imo for item in load_listed() if item.imo}
    hubs = renamed = 0
    for item in read_jsonl(world / "truth.jsonl"):
        if item["typology"] != "routing_anomaly":
            continue
        for rid in item["record_ids"]:  # type: ignore[attr-defined]
            record = by_id[rid]
            hubs += any(ports.serves_sanctioned_state(code) for _, code in record.ports())
            vessel = record.vessel()
            renamed += (
                record.type == "vessel_event" and vessel is not None and vessel.imo in listed_imos
            )
    assert hubs >= 1 and renamed >= 2  # a rename and a reflag of a listed vessel


def test_only_planted_records_carry_listed_imos(world: Path, records: list[Record]) -> None:
    listed_imos = {item.imo for item in load_listed() if item.imo}
    imos = {v.imo for r in records if (v := r.vessel()) and v.imo}
    assert imos and all(compute_imo_check_digit(imo[:6]) == imo[6] for imo in imos)
    carrying = {r.id for r in records if (v := r.vessel()) and v.imo in listed_imos}
    planted = {
        rid
        for item in read_jsonl(world / "truth.jsonl")
        if item["typology"] == "routing_anomaly"
        for rid in item["record_ids"]  # type: ignore[attr-defined]
    }
    assert carrying and carrying <= planted


def test_lookalikes_are_written(world: Path) -> None:
    kinds = collections.Counter(
        str(item["kind"]) for item in read_jsonl(world / "lookalikes.jsonl")
    )
    assert kinds["shared_office_building"] == 3
    assert kinds["forwarder_consignee_with_end_user"] >= 5
    assert kinds["legit_transshipment"] >= 5


def test_world_survives_a_csv_round_trip(records: list[Record], tmp_path: Path) -> None:
    """Every generated record, flattened to one CSV per type and read back, is the same."""
    write_records_by_type(records, tmp_path, "csv")
    again = read_records([tmp_path])
    assert again.rejected == []
    before = {r.id: record_to_dict(r) for r in records}
    after = {r.id: record_to_dict(r) for r in again.records}
    assert after == before


def test_ordinary_persons_do_not_read_as_listed_persons(world: Path, records: list[Record]) -> None:
    planted = {e for item in read_jsonl(world / "truth.jsonl") for e in item["entity_ids"]}  # type: ignore[attr-defined]
    entity_of = {
        (str(m["record_id"]), str(m["role"])): str(m["entity_id"])
        for m in read_jsonl(world / "truth_entities.jsonl")
    }
    checked = 0
    for record in records:
        if record.type != "company_registration":
            continue
        for index, officer in enumerate(record.officers):  # type: ignore[attr-defined]
            if entity_of[(record.id, f"officers.{index}")] not in planted:
                assert not resembles_listed_person(officer.name), officer.name
                checked += 1
    assert checked > 100
    assert resembles_listed_person("Choi Sung-chul")  # CHOE Song Chol, EU DPRK list
