"""Read and write trade records: JSON lines, CSV with flattened names, FtM entities.

Reading streams: ``iter_records`` yields one record (or one ``Rejected``) at a time, so a
10-million-record world never sits in memory; ``read_records`` collects a batch and sets
aside duplicate ids. A bad line or row is rejected with its file, line and reason, and
the rest of the file is still read.

Files: ``*.jsonl``/``*.ndjson`` (one record a line) or ``*.csv`` (one record type a file,
nested names flattened: ``consignee.name``, ``goods.0.hs_code``, ``transshipment_ports.1``;
a CSV without a ``type`` column takes the type from its file name, ``bill_of_lading.csv``),
each optionally gzipped. A directory reads its ``.jsonl``, ``.ndjson`` and ``.csv`` files
(gzipped or not), sorted by name, except the generator's scoring files (``truth*``,
``lookalikes*``): they are ground truth, not evidence.

FollowTheMoney entities (a JSON line with ``schema`` and ``properties``) also load:
legal entities and persons become ``company_registration`` records, vessels become
``vessel_event`` records with the event ``registry``; other schemata are set aside.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import orjson
from followthemoney import model
from followthemoney.exc import FollowTheMoneyException

from interdictor.errors import InvalidInput, UnknownFormat
from interdictor.files import open_text
from interdictor.model import Rejected
from interdictor.network.recordconvert import RecordError, record_from_dict, record_to_dict
from interdictor.network.records import RECORD_TYPES, Record

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv",)
EXCERPT_CHARS = 200
NOT_EVIDENCE = ("truth", "lookalikes")  # scoring files a generated world carries
FTM_PARTY_SCHEMATA = ("LegalEntity", "Person")  # Company, Organization... are LegalEntity


@dataclass(slots=True)
class RecordBatch:
    """Records read from one or more files, and the ones set aside with their reasons."""

    records: list[Record] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts and lists as dotted names (``goods.0.hs_code``); None values dropped."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            flat.update(flatten({str(i): item for i, item in enumerate(value)}, name + "."))
        elif value is not None:
            flat[name] = value
    return flat


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    """Dotted names back to nested dicts and lists; empty cells are dropped."""
    root: dict[str, Any] = {}
    for name, value in flat.items():
        if value in (None, "") or not name:
            continue
        node = root
        *parents, last = name.split(".")
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # "a" and "a.b" both present: keep the scalar
                child = node[part] = {"": child}
            node = child
        node[last] = value
    nested: dict[str, Any] = _lists_from_indexed(root)
    return nested


def _lists_from_indexed(node: Any) -> Any:
    """Dicts whose keys are all digits become lists, in index order."""
    if not isinstance(node, dict):
        return node
    items = {k: _lists_from_indexed(v) for k, v in node.items()}
    if items and all(k.isdigit() for k in items):
        return [items[k] for k in sorted(items, key=int)]
    return items


def _base_name(path: Path) -> str:
    """The file name without ``.gz`` and without its format suffix."""
    name = path.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0]


def _format_of(path: Path) -> str:
    name = path.name.removesuffix(".gz")
    if name.endswith(JSON_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    raise UnknownFormat(
        "not a record file (expected .jsonl, .ndjson, .json or .csv)", source=str(path)
    )


def list_record_files(paths: Iterable[Path]) -> list[Path]:
    """Files to read: each file as given, each directory's record files sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.iterdir())
                if p.is_file() and not p.name.startswith(NOT_EVIDENCE) and _is_record_file(p)
            )  # fmt: skip
        elif path.is_file():
            _format_of(path)
            files.append(path)
        else:
            raise InvalidInput("no such file or directory", source=str(path))
    return files


def _is_record_file(path: Path) -> bool:
    """A file a directory scan reads: JSON lines or CSV (single JSON documents are not)."""
    return path.name.removesuffix(".gz").endswith((".jsonl", ".ndjson", *CSV_SUFFIXES))


def iter_records(paths: Iterable[Path]) -> Iterator[Record | Rejected]:
    """Stream records from files and directories; bad lines come out as ``Rejected``."""
    for path in list_record_files(paths):
        if _format_of(path) == "jsonl":
            yield from _iter_jsonl(path)
        else:
            yield from _iter_csv(path)


def read_records(paths: Iterable[Path]) -> RecordBatch:
    """Read every record; a repeated id is set aside, naming where the first one was."""
    batch = RecordBatch()
    first_seen: dict[str, str] = {}
    for item in iter_records(paths):
        if isinstance(item, Rejected):
            batch.rejected.append(item)
            continue
        if item.id in first_seen:  # ids are unique in a data set, across record types
            reason = f"duplicate id {item.id!r} (first at {first_seen[item.id]})"
            batch.rejected.append(Rejected(item.file, item.position, reason, item.id))
            continue
        first_seen[item.id] = f"{item.file}:{item.position}"
        batch.records.append(item)
    return batch


def _reject(path: Path, position: str, reason: str, excerpt: Any) -> Rejected:
    text = excerpt if isinstance(excerpt, str) else orjson.dumps(excerpt).decode()
    return Rejected(str(path), position, reason, text[:EXCERPT_CHARS])


def _iter_jsonl(path: Path) -> Iterator[Record | Rejected]:
    default_type = _default_type(path)
    source = str(path)
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            position = f"line {number}"
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield _reject(path, position, f"invalid JSON: {exc}", line)
                continue
            if not isinstance(data, dict):
                yield _reject(path, position, "expected a JSON object", line)
                continue
            yield _parse(data, default_type, source, position)


def _iter_csv(path: Path) -> Iterator[Record | Rejected]:
    default_type = _default_type(path)
    source = str(path)
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            position = f"line {reader.line_num}"
            if None in row:  # more cells than header names
                yield _reject(path, position, "row has more cells than the header", row)
                continue
            yield _parse(unflatten(row), default_type, source, position)


def _default_type(path: Path) -> str | None:
    base = _base_name(path)
    return base if base in RECORD_TYPES else None


def _parse(
    data: dict[str, Any], default_type: str | None, file: str, position: str
) -> Record | Rejected:
    try:
        if "type" not in data and "schema" in data and "properties" in data:
            data = ftm_to_dict(data)
        return record_from_dict(data, default_type=default_type, file=file, position=position)
    except (RecordError, FollowTheMoneyException) as exc:
        return _reject(Path(file), position, str(exc), data)


def ftm_to_dict(entity: dict[str, Any]) -> dict[str, Any]:
    """A FollowTheMoney entity as a format dictionary (party or vessel registry record)."""
    proxy = model.get_proxy(entity)
    if proxy.schema.is_a("Vessel"):
        vessel = {
            "name": proxy.caption,
            "imo": proxy.first("imoNumber"),
            "flag": proxy.first("flag"),
        }
        return {"id": proxy.id, "type": "vessel_event", "source": "ftm", "event": "registry",
                "vessel": vessel, "ftm_schema": proxy.schema.name}  # fmt: skip
    if not any(proxy.schema.is_a(s) for s in FTM_PARTY_SCHEMATA):
        raise RecordError(f"FtM schema {proxy.schema.name!r} is not read: only parties and vessels")
    country = (
        _first(proxy, "country") or _first(proxy, "jurisdiction") or _first(proxy, "nationality")
    )
    company = {
        "name": proxy.caption,
        "address": _first(proxy, "address"),
        "country": country.upper() if country else None,
        "phone": _first(proxy, "phone"),
        "email": _first(proxy, "email"),
        "identifier": _ftm_identifier(proxy),
        "aliases": [n for n in proxy.get("name") + proxy.get("alias") if n != proxy.caption],
    }
    incorporated = _first(proxy, "incorporationDate")
    return {
        "id": proxy.id, "type": "company_registration", "source": "ftm",
        "company": {k: v for k, v in company.items() if v},
        "incorporation_date": incorporated if incorporated and len(incorporated) == 10 else None,
        "website": _first(proxy, "website"), "ftm_schema": proxy.schema.name,
    }  # fmt: skip


def _first(proxy: Any, prop: str) -> str | None:
    """The first value of a property, or None where the schema does not have it."""
    if prop not in proxy.schema.properties:
        return None
    value: str | None = proxy.first(prop)
    return value


def _ftm_identifier(proxy: Any) -> str | None:
    for prop in ("registrationNumber", "idNumber", "taxNumber", "leiCode", "swiftBic"):
        if value := _first(proxy, prop):
            return value
    return None


def write_records(records: Iterable[Record | dict[str, Any]], path: Path) -> int:
    """Write records to ``path`` (.jsonl or .csv, optionally .gz), atomically; return the count.

    A CSV holds one record type; its header is the union of the flattened names.
    """
    rows = (r if isinstance(r, dict) else record_to_dict(r) for r in records)
    fmt = _format_of(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        with _open_for_write(Path(tmp), path.name.endswith(".gz")) as handle:
            count = _write_jsonl(rows, handle) if fmt == "jsonl" else _write_csv(rows, handle)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return count


def _open_for_write(path: Path, compress: bool) -> IO[bytes]:
    # mtime=0 keeps gzipped output byte-identical across runs
    if compress:
        return cast(IO[bytes], gzip.GzipFile(path, "wb", mtime=0))
    return path.open("wb")


def _write_jsonl(rows: Iterable[dict[str, Any]], handle: IO[bytes]) -> int:
    count = 0
    for row in rows:
        handle.write(orjson.dumps(row) + b"\n")
        count += 1
    return count


def _write_csv(rows: Iterable[dict[str, Any]], handle: IO[bytes]) -> int:
    flat_rows = [flatten(row) for row in rows]
    header: dict[str, None] = {}
    for row in flat_rows:
        header.update(dict.fromkeys(row))
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat_rows)
    text.detach()
    return len(flat_rows)


def write_records_by_type(
    records: Iterable[Record | dict[str, Any]], out_dir: Path, fmt: str = "jsonl"
) -> dict[str, Path]:
    """Write one file per record type (``bill_of_lading.jsonl`` ...); return type -> path."""
    by_type: dict[str, list[Record | dict[str, Any]]] = {}
    for record in records:
        rtype = record["type"] if isinstance(record, dict) else record.type
        by_type.setdefault(rtype, []).append(record)
    paths = {rtype: out_dir / f"{rtype}.{fmt}" for rtype in sorted(by_type)}
    for rtype, path in paths.items():
        write_records(by_type[rtype], path)
    return paths
