"""Where a generated world goes: one JSON-lines file per record type, the planted
instances (``truth.jsonl``), every party mention's true entity (``truth_entities.jsonl``)
and the look-alikes that must not fire (``lookalikes.jsonl``).

Writers stream: memory does not grow with the world's size.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from interdictor.network.records import RECORD_TYPES

ID_PREFIX = {
    "contract": "CT", "invoice": "IV", "letter_of_credit": "LC", "payment": "PM",
    "insurance": "IN", "bill_of_lading": "BL", "customs_declaration": "CD",
    "company_registration": "CR", "vessel_event": "VE",
}  # fmt: skip
DOCUMENT_SPACE = 10**8
Mention = tuple[str, str]  # (role, true entity id); list roles carry an index: "officers.1"


class RecordIds:
    """Record ids that say nothing about how the record was made: ``BL-3f9a0c12d4e5b6a7``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"ids:{seed}")
        self.serials: dict[str, int] = {}

    def next(self, rtype: str) -> str:
        return f"{ID_PREFIX[rtype]}-{self.rng.getrandbits(64):016x}"

    def document_number(self, kind: str) -> int:
        """A document number unique within its kind, without visible order: an affine map
        modulo 10^8 with a multiplier prime to 10 is a bijection, so no two repeat."""
        serial = self.serials.get(kind, 0) + 1
        self.serials[kind] = serial
        offset = zlib.crc32(kind.encode()) % DOCUMENT_SPACE
        return (serial * 7_368_787 + offset) % DOCUMENT_SPACE


class Sink(Protocol):
    """Anything records and planted instances can be written to."""

    def emit(self, record: dict[str, Any], mentions: list[Mention]) -> None: ...

    def plant(
        self, scheme: str, typology: str, record_ids: list[str], entity_ids: list[str]
    ) -> None: ...

    def lookalike(self, kind: str, record_ids: list[str], entity_ids: list[str]) -> None: ...


@dataclass(slots=True)
class Buffer:
    """Records and instances held in memory (the planted schemes, a few thousand at most)."""

    records: list[tuple[str, dict[str, Any], list[Mention]]] = field(default_factory=list)
    instances: list[dict[str, Any]] = field(default_factory=list)
    lookalikes: list[dict[str, Any]] = field(default_factory=list)

    def emit(self, record: dict[str, Any], mentions: list[Mention]) -> None:
        self.records.append((record.get("date", ""), record, mentions))

    def plant(
        self, scheme: str, typology: str, record_ids: list[str], entity_ids: list[str]
    ) -> None:
        self.instances.append(_instance(scheme, typology, record_ids, entity_ids))

    def lookalike(self, kind: str, record_ids: list[str], entity_ids: list[str]) -> None:
        self.lookalikes.append({"kind": kind, "record_ids": record_ids, "entity_ids": entity_ids})

    def sorted_records(self) -> list[tuple[str, dict[str, Any], list[Mention]]]:
        """By date, then id: the order they are merged into the world."""
        return sorted(self.records, key=lambda item: (item[0], item[1]["id"]))


def _instance(
    scheme: str, typology: str, record_ids: list[str], entity_ids: list[str]
) -> dict[str, Any]:
    return {
        "scheme": scheme,
        "typology": typology,
        "record_ids": sorted(dict.fromkeys(record_ids)),
        "entity_ids": sorted(dict.fromkeys(entity_ids)),
    }


class WorldWriter:
    """Streams a world to ``out_dir``; use as a context manager."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.counts = dict.fromkeys(RECORD_TYPES, 0)
        self.planted: list[dict[str, Any]] = []
        self.lookalike_count = 0
        self.mention_count = 0
        self._files: dict[str, IO[bytes]] = {}

    def __enter__(self) -> WorldWriter:
        for rtype in RECORD_TYPES:
            self._files[rtype] = (self.out_dir / f"{rtype}.jsonl").open("wb")
        for name in ("truth", "truth_entities", "lookalikes"):
            self._files[name] = (self.out_dir / f"{name}.jsonl").open("wb")
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self._files.values():
            handle.close()

    def emit(self, record: dict[str, Any], mentions: list[Mention]) -> None:
        self._files[record["type"]].write(orjson.dumps(record) + b"\n")
        self.counts[record["type"]] += 1
        out = self._files["truth_entities"]
        for role, entity_id in mentions:
            line = {"record_id": record["id"], "role": role, "entity_id": entity_id}
            out.write(orjson.dumps(line) + b"\n")
        self.mention_count += len(mentions)

    def plant(
        self, scheme: str, typology: str, record_ids: list[str], entity_ids: list[str]
    ) -> None:
        instance = _instance(scheme, typology, record_ids, entity_ids)
        self.planted.append(instance)
        self._files["truth"].write(orjson.dumps(instance) + b"\n")

    def lookalike(self, kind: str, record_ids: list[str], entity_ids: list[str]) -> None:
        line = {"kind": kind, "record_ids": record_ids, "entity_ids": entity_ids}
        self._files["lookalikes"].write(orjson.dumps(line) + b"\n")
        self.lookalike_count += 1

    def replay(self, buffer: Buffer) -> None:
        """Write a buffer's instances and look-alikes (its records are merged by date)."""
        for item in buffer.instances:
            self.plant(item["scheme"], item["typology"], item["record_ids"], item["entity_ids"])
        for item in buffer.lookalikes:
            self.lookalike(item["kind"], item["record_ids"], item["entity_ids"])

    @property
    def total(self) -> int:
        return sum(self.counts.values())
