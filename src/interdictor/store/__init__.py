"""The store: list versions, listed entities and screening runs, on SQLite or PostgreSQL.

>>> store = Store.open("sqlite:///lists.db")        # migrated to the newest schema
>>> outcome = store.save_list_version(parse_file(path))
>>> outcome.created, outcome.loaded, outcome.rejected
"""

from interdictor.store.records import (
    DatasetInfo,
    LoadOutcome,
    ParsedList,
    ScreeningMatch,
    ScreeningRunInfo,
    VersionInfo,
)
from interdictor.store.store import Store
from interdictor.store.versions import ProgressCallback

__all__ = [
    "DatasetInfo",
    "LoadOutcome",
    "ParsedList",
    "ProgressCallback",
    "ScreeningMatch",
    "ScreeningRunInfo",
    "Store",
    "VersionInfo",
]
