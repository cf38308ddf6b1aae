"""Run a load that stops after its first batch of rows, so a test can kill it there.

Usage: python interrupted_load.py STORE_URL MARKER_FILE COUNT
Writes MARKER_FILE (with the rows written so far) and sleeps inside the transaction.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from interdictor.model.listed import ListedEntity, Rejected
from interdictor.store import Store


@dataclass
class Parsed:
    format: str
    dataset: str
    source: str
    entities: list[ListedEntity]
    rejected: list[Rejected] = field(default_factory=list)
    published: str | None = None


def main() -> None:
    url, marker, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])

    def stop_after_first_batch(done: int, _total: int) -> None:
        marker.write_text(str(done))
        time.sleep(300)  # the test kills us here, mid-transaction

    entities = [
        ListedEntity(id=f"un-{i}", schema="Person", name=f"NEW PERSON {i}", dataset="un")
        for i in range(count)
    ]
    store = Store.open(url)
    store.save_list_version(
        Parsed("un_xml", "un", "new.xml", entities), on_progress=stop_after_first_batch
    )


if __name__ == "__main__":
    main()
