"""Sanctions lists: parsers for official list files, format detection and list diffs.

Every parser turns one source into :class:`ParseResult` — ``ListedEntity`` records plus
the records it set aside (``Rejected``, with position and reason). Entity ids are stable
across loads: ``{dataset}-{source key}``.

Formats (``FORMATS``, the registry):

==================  ==============  ==========================================================
key                 dataset         source
==================  ==============  ==========================================================
``un_xml``          ``un_sc``       UN Security Council consolidated list XML
``ofac_legacy``     ``us_ofac_sdn`` OFAC SDN legacy set: sdn + alt + add [+ sdn_comments]
``ofac_sdn_csv``    ``us_ofac_sdn`` OFAC ``sdn.csv`` alone; aliases read from Remarks
``eu_journal_csv``  ``eu_dprk``     EU Official Journal consolidated annex CSV
``ftm_json``        from the data   FollowTheMoney JSON lines (OpenSanctions)
``national_csv``    the file stem   the documented national-list CSV
==================  ==============  ==========================================================

Any file may be gzipped. ``parse_file(path)`` detects the format; ``diff_entities`` tells
what changed between two versions of a list.
"""

from __future__ import annotations

from pathlib import Path

from interdictor.lists.base import ListFormat, ParseResult
from interdictor.lists.diff import EntityChange, FieldChange, ListDiff, ScalarChange, diff_entities
from interdictor.lists.registry import FORMATS, detect_format, parse_file

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lists"

# The offline default: the current UN list and the EU DPRK file (see data/lists/README.md).
DEFAULT_LISTS: list[tuple[Path, str]] = [
    (DATA_DIR / "un_consolidated_2026-02-27.xml.gz", "un_xml"),
    (DATA_DIR / "eu_dprk_reg2017-1509_consolidated.csv", "eu_journal_csv"),
]

__all__ = [
    "DEFAULT_LISTS",
    "FORMATS",
    "EntityChange",
    "FieldChange",
    "ListDiff",
    "ListFormat",
    "ParseResult",
    "ScalarChange",
    "detect_format",
    "diff_entities",
    "parse_file",
]
