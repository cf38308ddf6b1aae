"""Reading the files users hand us: plain or gzipped text, one helper for every engine."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO


def open_text(path: Path) -> IO[str]:
    """Open ``path`` for streaming text: gunzipped when it ends in ``.gz``, UTF-8 with any
    byte-order mark dropped (spreadsheets write one), newlines left to the CSV reader."""
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")
