"""Reading and writing records: JSON lines, CSV with flattened names, gzip,
directories, FtM entities, bad lines set aside."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import orjson
import pytest

from interdictor.errors import InvalidInput, UnknownFormat
from interdictor.model import Rejected
from interdictor.network.recordio import (
    flatten,
    iter_records,
    read_records,
    unflatten,
    write_records,
    write_records_by_type,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
# OpenSanctions pairs (CC BY-NC 4.0): read in place for its real FtM entities, never copied.
FTM_PAIRS = SHARED / "names" / "opensanctions_pairs_dev500.jsonl.gz"

CONTRACT = {
    "id": "ct-1", "type": "contract", "date": "2024-01-10", "refs": {"contract": "SC24-001"},
    "buyer": {"name": "Sinar Food Sdn Bhd", "country": "MY"},
    "seller": {"name": "Nippon Seiki Machinery Co., Ltd.", "country": "JP"},
    "end_user": {"name": "Korea Ryonbong General Corporation", "country": "KP"},
    "goods": [{"description": "CNC milling machine", "hs_code": "845961", "quantity": 2,
               "unit": "pcs", "value": 96000, "currency": "USD"}],
    "total_value": 96000, "currency": "USD", "delivery_terms": "CIF",
}  # fmt: skip


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_flatten_and_unflatten_follow_the_format() -> None:
    nested = {"consignee": {"name": "X"}, "goods": [{"hs_code": "845961"}],
              "transshipment_ports": ["SGSIN", "CNDLC"]}  # fmt: skip
    flat = flatten(nested)
    assert flat == {"consignee.name": "X", "goods.0.hs_code": "845961",
                    "transshipment_ports.0": "SGSIN", "transshipment_ports.1": "CNDLC"}  # fmt: skip
    assert unflatten(flat) == nested
    # list items come back in index order, empty cells are dropped
    assert unflatten({"p.10": "k", "p.2": "b", "p.0": "a", "q": ""}) == {"p": ["a", "b", "k"]}


def test_jsonl_bad_lines_are_set_aside_and_the_rest_read(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "records.jsonl", [
        json.dumps(CONTRACT),
        '{"id": "broken", "type": "contract",',
        json.dumps({**CONTRACT, "id": "ct-2", "buyer": None}),
        "[1, 2]",
        json.dumps({**CONTRACT, "id": "ct-3", "incoterm_note": "as agreed"}),
    ])  # fmt: skip
    batch = read_records([path])
    assert [r.id for r in batch.records] == ["ct-1", "ct-3"]
    assert batch.records[1].extra == {"incoterm_note": "as agreed"}
    reasons = {r.position: r.reason for r in batch.rejected}
    assert set(reasons) == {"line 2", "line 3", "line 4"}
    assert reasons["line 2"].startswith("invalid JSON")
    assert reasons["line 3"] == "missing required field 'buyer'"
    assert reasons["line 4"] == "expected a JSON object"
    assert all(r.source == str(path) for r in batch.rejected)
    assert batch.records[0].position == "line 1"


def test_csv_with_flattened_names_and_type_from_file_name(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bill_of_lading.csv", [
        "id,date,shipper.name,consignee.name,consignee.country,transshipment_ports.0,"
        "transshipment_ports.1,goods.0.hs_code,goods.0.quantity,container_seal",
        "bl-1,2024-02-01,Tokai Steel K.K.,Sinar Food Sdn Bhd,MY,SGSIN,CN DAL,845961,2,S-77",
        "bl-2,2024-02-03,Tokai Steel K.K.,,,,,,,",
        "bl-3,2024-02-05,Tokai Steel K.K.,Haitong,CN,,,845961,two,",
    ])  # fmt: skip
    batch = read_records([path])
    assert [r.id for r in batch.records] == ["bl-1"]
    record = batch.records[0]
    assert record.type == "bill_of_lading"
    assert record.ports() == [("transshipment_ports", "SGSIN"), ("transshipment_ports", "CNDLC")]
    assert record.goods()[0].quantity == 2.0
    assert record.extra == {"container_seal": "S-77"}
    reasons = {r.position: r.reason for r in batch.rejected}
    assert reasons == {
        "line 3": "missing required field 'consignee'",
        "line 4": "field 'goods.0.quantity': 'two' is not a number",
    }


def test_write_and_read_back_csv_and_gzipped_jsonl(tmp_path: Path) -> None:
    records = read_records([write_lines(tmp_path / "in.jsonl", [json.dumps(CONTRACT)])]).records
    write_records(records, tmp_path / "out" / "contract.csv")
    write_records(records, tmp_path / "out" / "contract2.jsonl.gz")
    header = (tmp_path / "out" / "contract.csv").read_text().splitlines()[0]
    assert "goods.0.hs_code" in header and "end_user.name" in header
    with gzip.open(tmp_path / "out" / "contract2.jsonl.gz", "rb") as handle:
        assert orjson.loads(handle.readline())["buyer"]["name"] == "Sinar Food Sdn Bhd"
    again = read_records([tmp_path / "out"])  # contract.csv first, then contract2.jsonl.gz
    assert [r.id for r in again.records] == ["ct-1"]
    assert again.records[0].file.endswith("contract.csv")
    assert again.records[0].total_value == 96000.0  # type: ignore[attr-defined]
    assert again.records[0].goods()[0].hs_code == "845961"
    assert len(again.rejected) == 1
    assert again.rejected[0].reason.startswith("duplicate id 'ct-1' (first at ")
    assert again.rejected[0].source.endswith("contract2.jsonl.gz")


def test_write_by_type_and_directory_skips_truth_files(tmp_path: Path) -> None:
    rows = [CONTRACT, {"id": "p-1", "type": "payment", "payer": "A", "payee": "B", "amount": 5}]
    paths = write_records_by_type(rows, tmp_path)
    assert sorted(paths) == ["contract", "payment"]
    write_lines(tmp_path / "truth.jsonl", ['{"scheme": "x"}'])
    write_lines(tmp_path / "notes.txt", ["not records"])
    batch = read_records([tmp_path])
    assert sorted(r.id for r in batch.records) == ["ct-1", "p-1"] and not batch.rejected


def test_missing_and_unknown_files_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        read_records([tmp_path / "absent.jsonl"])
    odd = tmp_path / "records.xml"
    odd.write_text("<x/>")
    with pytest.raises(UnknownFormat, match="records.xml"):
        read_records([odd])


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "contract.jsonl"
    with pytest.raises(TypeError):
        write_records([CONTRACT, {"id": "bad", "type": "contract", "value": object()}], target)
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_real_ftm_entities_load_as_parties_and_vessels(tmp_path: Path) -> None:
    entities = []
    with gzip.open(FTM_PAIRS, "rt", encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            entities += [pair["left"], pair["right"]]
    path = write_lines(tmp_path / "entities.jsonl", [json.dumps(e) for e in entities])
    items = list(iter_records([path]))
    records = [i for i in items if not isinstance(i, Rejected)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    schemata = {e["schema"] for e in entities}
    party_like = sum(e["schema"] in ("Person", "Company", "Organization", "LegalEntity")
                     for e in entities)  # fmt: skip
    registrations = [r for r in records if r.type == "company_registration"]
    vessels = [r for r in records if r.type == "vessel_event"]
    assert len(registrations) == party_like
    assert len(vessels) == sum(e["schema"] == "Vessel" for e in entities)
    assert all(r.company.name for r in registrations)  # type: ignore[attr-defined]
    assert {"Occupancy", "Directorship"} <= schemata
    assert rejected and all("is not read" in r.reason for r in rejected)
    assert any(v.vessel() and v.vessel().imo for v in vessels)  # type: ignore[union-attr]
