"""Two writers at once: migrations and loads queue up instead of failing."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from interdictor.store import Store

MakeList = Callable[..., Any]  # the ``make_list`` fixture of tests/store/conftest.py


def test_concurrent_opens_migrate_once(store_url: str) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        stores = list(pool.map(lambda _: Store.open(store_url), range(4)))
    try:
        assert all(s.datasets() == [] for s in stores)
    finally:
        for opened in stores:
            opened.close()


def test_concurrent_loads_of_one_dataset_serialise(store_url: str, make_list: MakeList) -> None:
    lists = [make_list("un", 1500 + n) for n in range(3)]  # three different contents
    stores = [Store.open(store_url) for _ in lists]
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            outcomes = list(
                pool.map(
                    lambda pair: pair[0].save_list_version(pair[1]), zip(stores, lists, strict=True)
                )
            )
        assert all(o.created for o in outcomes)
        versions = stores[0].versions("un")
        assert len(versions) == 3 and sum(v.is_current for v in versions) == 1
        current = next(v for v in versions if v.is_current)
        assert len(stores[0].entities("un")) == current.entity_count
        # Each load saw the one committed before it as its previous version.
        previous = sorted(o.previous_version_id or 0 for o in outcomes)
        assert previous[0] == 0 and set(previous[1:]) <= {o.version_id for o in outcomes}
    finally:
        for opened in stores:
            opened.close()
