"""Tiny factories for store tests: listed entities and parse results made in code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from interdictor.model.listed import Identifier, ListedEntity, Rejected


@dataclass
class FakeParse:
    """The shape of ``interdictor.lists.ParseResult`` that the store reads."""

    format: str
    dataset: str
    source: str
    entities: list[ListedEntity]
    rejected: list[Rejected] = field(default_factory=list)
    published: str | None = None


def make_entity(dataset: str, key: int, name: str | None = None) -> ListedEntity:
    """Return a plausible listed person with a stable id built from ``key``."""
    return ListedEntity(
        id=f"{dataset}-{key}",
        schema="Person",
        name=name or f"KIM PERSON {key}",
        dataset=dataset,
        aliases=[f"KIM P. {key}"],
        identifiers=[Identifier(kind="passport", value=f"P{key:07d}", country="kp")],
        countries=["kp"],
        birth_dates=["1960-01-01"],
        programs=["DPRK"],
        reference=f"KPi.{key:03d}",
        source_position=f"line {key + 1}",
    )


MakeList = Callable[..., FakeParse]


@pytest.fixture
def make_list() -> MakeList:
    """Return a factory: ``make_list(dataset, count, renamed={key: name}, rejected=[...])``."""

    def build(
        dataset: str = "un",
        count: int = 5,
        renamed: dict[int, str] | None = None,
        rejected: list[Rejected] | None = None,
    ) -> FakeParse:
        names = renamed or {}
        entities = [make_entity(dataset, key, names.get(key)) for key in range(count)]
        return FakeParse("un_xml", dataset, f"{dataset}.xml", entities, rejected or [])

    return build
