"""The load workflow: local files, URLs (served from the real files on loopback), defaults."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from interdictor.errors import InvalidInput
from interdictor.lists import DEFAULT_LISTS
from interdictor.lists.load import download_to_temp, ensure_default_lists, load_list, read_list
from interdictor.store import Store

UN_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sanctions" / "un"
UN_2026 = "un_consolidated_2026-02-27.xml.gz"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def list_server() -> Iterator[str]:
    """An HTTP server on loopback serving the real UN files; yields its base URL."""
    handler = partial(QuietHandler, directory=str(UN_DIR.resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_load_from_a_url_records_the_url(list_server: str, tmp_path: Path) -> None:
    url = f"{list_server}/{UN_2026}"
    with Store.for_home(tmp_path, f"sqlite:///{tmp_path / 'x.db'}") as store:
        outcome = load_list(store, url)
        assert outcome.created and outcome.dataset == "un_sc" and outcome.loaded == 1003
        assert store.current_version("un_sc").source == url
        assert not load_list(store, str(UN_DIR / UN_2026)).created  # same content as a file


def test_download_over_the_limit_is_refused(list_server: str) -> None:
    with pytest.raises(InvalidInput, match="larger than 1,000 bytes"):
        with download_to_temp(f"{list_server}/{UN_2026}", limit=1000):
            pass


def test_unreachable_url_names_the_url(list_server: str) -> None:
    with pytest.raises(InvalidInput, match="cannot download") as caught:
        read_list(f"{list_server}/missing.xml")
    assert caught.value.source == f"{list_server}/missing.xml"


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_list(str(tmp_path / "absent.xml"))
    assert "absent.xml" in str(caught.value)


def test_default_lists_load_once(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'x.db'}") as store:
        outcomes = ensure_default_lists(store)
        assert len(outcomes) == len(DEFAULT_LISTS) >= 2
        assert all(o.created and o.loaded > 0 for o in outcomes)
        assert {d.name for d in store.datasets()} == {o.dataset for o in outcomes}
        assert ensure_default_lists(store) == []


def test_truncated_file_does_not_replace_the_list(tmp_path: Path) -> None:
    text = gzip.decompress((UN_DIR / UN_2026).read_bytes())
    truncated = tmp_path / "un_truncated.xml"
    truncated.write_bytes(text[: len(text) // 2])  # a download cut off half-way
    with Store.open(f"sqlite:///{tmp_path / 'x.db'}") as store:
        first = load_list(store, str(UN_DIR / UN_2026))
        with pytest.raises(InvalidInput, match=r"would remove \d+ of the 1003 entries") as caught:
            load_list(store, str(truncated))
        assert "un_truncated.xml" in str(caught.value) and "--force" in str(caught.value)
        assert store.current_version("un_sc").id == first.version_id
        forced = load_list(store, str(truncated), force=True)
        assert forced.created and forced.rejected == 1 and 0 < forced.loaded < 1003
