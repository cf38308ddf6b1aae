"""The load workflow: fetch a list (file or URL), parse it, store it as a version.

A URL is downloaded with urllib to a temporary file, with a timeout and a size cap,
then read like a local file. The store makes each load atomic (see ``interdictor.store``).
"""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from interdictor.errors import InvalidInput
from interdictor.lists import DEFAULT_LISTS, ParseResult, parse_file
from interdictor.store import LoadOutcome, ProgressCallback, Store

# Seconds to wait for a list server before giving up.
DOWNLOAD_TIMEOUT = 60
# Largest list we download: the full OFAC SDN XML is about 120 MB.
DOWNLOAD_LIMIT = 512 * 1024 * 1024
CHUNK_SIZE = 1024 * 1024
USER_AGENT = "interdictor (sanctions list loader)"
# A new version may drop at most this share of the current entries unless forced: a
# truncated download or a file cut off mid-way looks exactly like a mass delisting. (UN
# 2020 to 2026 dropped 106 of 1,018 entries, about 10%.)
REMOVAL_LIMIT = 0.5


def is_url(source: str) -> bool:
    """Say whether ``source`` is an http(s) URL rather than a path."""
    return urlsplit(source).scheme in ("http", "https")


def copy_limited(response: IO[bytes], target: Path, source: str, limit: int) -> None:
    """Copy a download to ``target``, refusing anything over ``limit`` bytes."""
    written = 0
    with target.open("wb") as out:
        while chunk := response.read(CHUNK_SIZE):
            written += len(chunk)
            if written > limit:
                raise InvalidInput(f"download is larger than {limit:,} bytes", source=source)
            out.write(chunk)


@contextmanager
def download_to_temp(url: str, limit: int = DOWNLOAD_LIMIT) -> Iterator[Path]:
    """Download ``url`` into a temporary file named like the URL's file; delete it after."""
    name = PurePosixPath(urlsplit(url).path).name or "download"
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with tempfile.TemporaryDirectory(prefix="interdictor-") as folder:
        target = Path(folder) / name
        try:
            with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
                copy_limited(response, target, url, limit)
        except urllib.error.HTTPError as exc:
            exc.close()  # it holds the open response; a dangling socket otherwise
            raise InvalidInput(
                f"cannot download: HTTP {exc.code} {exc.reason}", source=url
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise InvalidInput(f"cannot download: {exc}", source=url) from exc
        yield target


def read_list(source: str, format: str | None = None, dataset: str | None = None) -> ParseResult:
    """Parse a list file, OFAC folder or URL without storing it. Raises InvalidInput."""
    if is_url(source):
        with download_to_temp(source) as path:
            result = parse_file(path, format, dataset)
        result.source = source
        return result
    return parse_file(Path(source).expanduser(), format, dataset)


def check_removals(store: Store, result: ParseResult, limit: float = REMOVAL_LIMIT) -> None:
    """Refuse a list that would remove more than ``limit`` of the current entries."""
    current = store.current_entity_ids(result.dataset)
    if not current or not result.entities:
        return
    removed = len(current - {e.id for e in result.entities})
    if removed > limit * len(current):
        raise InvalidInput(
            f"this list would remove {removed} of the {len(current)} entries of dataset "
            f"{result.dataset!r} ({removed / len(current):.0%}); {len(result.rejected)} "
            "records were rejected. If the file is complete, load it again with --force",
            source=result.source,
        )


def load_list(
    store: Store,
    source: str,
    format: str | None = None,
    dataset: str | None = None,
    *,
    force: bool = False,
    on_progress: ProgressCallback | None = None,
) -> LoadOutcome:
    """Read a list file or URL and store it as a new version of its dataset.

    Same content as the current version: nothing is created (``created`` is False).
    Bad records are set aside and counted; nothing read at all leaves the store as it was.
    A list that would remove over half of the current entries raises InvalidInput
    unless ``force`` is set (see ``REMOVAL_LIMIT``).
    """
    result = read_list(source, format, dataset)
    if not force:
        check_removals(store, result)
    return store.save_list_version(result, on_progress=on_progress)


def ensure_default_lists(store: Store) -> list[LoadOutcome]:
    """Load the bundled default lists into a store that has no dataset yet."""
    if store.datasets():
        return []
    return [load_list(store, str(path), format) for path, format in DEFAULT_LISTS]
