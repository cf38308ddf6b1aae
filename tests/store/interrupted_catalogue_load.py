"""Run a catalogue load that stops after its first batch of entries, so a test can kill it.

Usage: python interrupted_catalogue_load.py STORE_URL MARKER_FILE
Loads the bundled catalogue with an overlay dropping 5A002 (so it differs from the stored
version), writes MARKER_FILE with the entries written so far, and sleeps inside the
transaction.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from interdictor.goods.catalogue_versions import load_catalogue
from interdictor.store import Store


def main() -> None:
    url, marker = sys.argv[1], Path(sys.argv[2])

    def stop_after_first_batch(done: int, _total: int) -> None:
        marker.write_text(str(done))
        time.sleep(300)  # the test kills us here, mid-transaction

    with tempfile.TemporaryDirectory() as folder:
        overlay = Path(folder) / "national.csv"
        overlay.write_text("action,code,title,text,regimes,thresholds\ndrop,5A002,,,,\n")
        store = Store.open(url)
        load_catalogue(store, national=overlay, on_progress=stop_after_first_batch)


if __name__ == "__main__":
    main()
