"""Screening against the lists in the store, with the index cached on disk.

The index is a derived structure: it is rebuilt whenever the store's list
fingerprint (the ids of the current versions) or the algorithm changes, and
cached in ``$INTERDICTOR_HOME/cache``. The cache is a pickle, so the data
directory must be writable by its owner only (it is created 0700).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from interdictor.screening import ALGORITHM, Screener
from interdictor.screening.index import ScreeningIndex
from interdictor.store import Store

CACHE_DIR = "cache"


def index_cache_path(home: Path, fingerprint: str) -> Path:
    return home / CACHE_DIR / f"screening-{ALGORITHM}-{fingerprint[:20]}.pickle"


def load_screener(store: Store, home: Path) -> Screener:
    """A screener over the current version of every dataset in the store."""
    path = index_cache_path(home, store.fingerprint())
    if path.exists():
        with path.open("rb") as handle:
            index = pickle.load(handle)
        if isinstance(index, ScreeningIndex):
            return Screener(index)
    index = ScreeningIndex(store.entities())
    _write_cache(path, index)
    return Screener(index)


def _write_cache(path: Path, index: ScreeningIndex) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in path.parent.glob("screening-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)
    tmp = path.with_suffix(".partial")
    with tmp.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
