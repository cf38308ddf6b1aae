"""The store: list versions, listed entities, screening runs, goods decisions, control-list
catalogue versions and alert feedback, on SQLite or PostgreSQL.

Example::

    store = Store.open("sqlite:///lists.db")  # created or migrated to the newest schema
    outcome = store.save_list_version(parse_file(path))  # one transaction
    outcome.created, outcome.loaded, outcome.rejected
    store.entities("un_sc")  # the current version of a dataset

The tables, versioning and atomicity are described in ``docs/store.md``.
"""

from interdictor.store.records import (
    CatalogueLoadOutcome,
    CatalogueUpload,
    CatalogueVersionInfo,
    DatasetInfo,
    DecisionRecord,
    FeedbackRecord,
    ImportCounts,
    LoadOutcome,
    ParsedList,
    ScreeningMatch,
    ScreeningRunInfo,
    VersionInfo,
)
from interdictor.store.store import Store
from interdictor.store.versions import ProgressCallback

__all__ = [
    "CatalogueLoadOutcome",
    "CatalogueUpload",
    "CatalogueVersionInfo",
    "DatasetInfo",
    "DecisionRecord",
    "FeedbackRecord",
    "ImportCounts",
    "LoadOutcome",
    "ParsedList",
    "ProgressCallback",
    "ScreeningMatch",
    "ScreeningRunInfo",
    "Store",
    "VersionInfo",
]
