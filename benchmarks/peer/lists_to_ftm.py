"""Write the UN 2026, OFAC 2024 sdn.csv and EU DPRK lists as FollowTheMoney JSON lines.

A fallback feed for the peer matcher when the interdictor export is not at hand: plain
FtM entity dicts (id, schema, properties) built from the raw files with the stdlib readers
in benchmarks/dprk_sources.py, with the entity ids the interdictor loaders use.

    python benchmarks/peer/lists_to_ftm.py --out benchmarks/out/lists.ftm.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dprk_sources import (  # noqa: E402  (the benchmarks folder is not a package)
    SourceRecord,
    entity_id,
    read_eu,
    read_ofac_2024,
    read_un,
)

SCHEMAS = {"LegalEntity": "LegalEntity", "Person": "Person", "Vessel": "Vessel"}


def make_entity(family: str, record: SourceRecord) -> dict[str, object]:
    """Return one FtM entity dict for a list record."""
    schema = SCHEMAS.get(record.schema, record.schema)
    names = record.names
    props: dict[str, list[str]] = {"name": names[:1], "topics": ["sanction"]}
    props["alias"] = names[1:]
    if record.countries:
        props["nationality" if schema == "Person" else "country"] = record.countries
    if schema == "Person" and record.birth_dates:
        props["birthDate"] = record.birth_dates
    if record.documents:
        key = "imoNumber" if schema == "Vessel" else "idNumber"
        props[key] = record.documents
    return {"id": entity_id(family, record), "schema": schema,
            "properties": {k: v for k, v in props.items() if v}}  # fmt: skip


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lists", default="un,ofac,eu", help="comma-separated: un, ofac, eu")
    args = parser.parse_args()
    readers = {"un": read_un, "ofac": read_ofac_2024, "eu": read_eu}
    lists = {family: readers[family]() for family in args.lists.split(",")}
    count = 0
    with args.out.open("w", encoding="utf-8") as handle:
        for family, records in lists.items():
            for record in records:
                handle.write(json.dumps(make_entity(family, record), ensure_ascii=False) + "\n")
                count += 1
    print(f"{count} entities -> {args.out}")


if __name__ == "__main__":
    main()
