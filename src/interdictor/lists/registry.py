"""The list formats we read, format detection and the one entry point, ``parse_file``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from interdictor.errors import InvalidInput, UnknownFormat
from interdictor.lists.base import ListFormat, ParseResult, read_head, reject
from interdictor.lists.eu import EU_JOURNAL_CSV
from interdictor.lists.ftm_json import FTM_JSON
from interdictor.lists.national import NATIONAL_CSV
from interdictor.lists.ofac import OFAC_LEGACY, OFAC_SDN_CSV
from interdictor.lists.un import UN_XML

# Registry, in detection order: the OFAC set is tried before the lone sdn.csv it contains.
FORMATS: dict[str, ListFormat] = {
    f.key: f for f in (UN_XML, OFAC_LEGACY, OFAC_SDN_CSV, EU_JOURNAL_CSV, FTM_JSON, NATIONAL_CSV)
}


def detect_format(path: Path) -> str:
    """Return the format key of a file (or of an OFAC folder); raise UnknownFormat if none fits."""
    if not path.exists():
        raise InvalidInput("no such file or folder", source=str(path))
    head = "" if path.is_dir() else read_head(path)
    for key, fmt in FORMATS.items():
        if fmt.sniff(path, head):
            return key
    known = ", ".join(FORMATS)
    raise UnknownFormat(f"format not recognised (known formats: {known})", source=str(path))


def drop_duplicate_ids(result: ParseResult) -> None:
    """Keep the first entity of each id; later ones are rejected, naming the id."""
    counts = Counter(e.id for e in result.entities)
    if all(n == 1 for n in counts.values()):
        return
    seen: set[str] = set()
    kept = []
    for entity in result.entities:
        if entity.id in seen:
            position = entity.source_position or "?"
            reason = f"duplicate id {entity.id}"
            result.rejected.append(reject(Path(result.source), position, reason, entity.name))
            continue
        seen.add(entity.id)
        kept.append(entity)
    result.entities = kept


def parse_file(path: Path, format: str | None = None, dataset: str | None = None) -> ParseResult:
    """Parse a list file (plain or gzipped) in the given or detected format.

    ``dataset`` overrides the format's default dataset, which is also the prefix of every
    entity id. Malformed records are in ``result.rejected``; a file that is not the format
    at all raises InvalidInput or UnknownFormat naming the file.
    """
    path = Path(path)
    key = format or detect_format(path)
    fmt = FORMATS.get(key)
    if fmt is None:
        raise UnknownFormat(
            f"unknown format {key!r} (known: {', '.join(FORMATS)})", source=str(path)
        )
    if not path.exists():
        raise InvalidInput("no such file or folder", source=str(path))
    result = fmt.parse(path, dataset or fmt.default_dataset)
    drop_duplicate_ids(result)
    return result
