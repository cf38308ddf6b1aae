"""Paths to the shared real data, beside the repository (../shared/data)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
EU_DPRK = DATA / "sanctions" / "eu" / "eu_dprk_reg2017-1509_consolidated.csv"
UN_2026 = DATA / "sanctions" / "un" / "un_consolidated_2026-02-27.xml.gz"

_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)*")


def read_eu_rows() -> list[dict[str, str]]:
    """Return the rows of the EU DPRK consolidated CSV."""
    with EU_DPRK.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_hangul_latin(row: dict[str, str]) -> tuple[list[str], list[str]]:
    """Return the Hangul names and the Latin names of one EU row.

    Names and aliases are separated by ";" or ","; a Hangul name written after the Latin
    name in the same field ("KIM Kwang Yon 김광연") is split off.
    """
    fields = [row["name"], *re.split(r"[;,]", row["alias"]), *re.split(r"[;,]", row["weakAlias"])]
    hangul: list[str] = []
    latin: list[str] = []
    for field in (f.strip() for f in fields):
        hangul.extend(_HANGUL_RE.findall(field))
        rest = _HANGUL_RE.sub(" ", field).strip()
        if rest:
            latin.append(rest)
    return hangul, latin
