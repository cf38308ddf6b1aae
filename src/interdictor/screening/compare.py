"""Pairwise comparison of two FollowTheMoney entities (the OpenSanctions pairs format)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from interdictor.errors import InvalidInput
from interdictor.files import open_text
from interdictor.model import SCHEMATA
from interdictor.model.ftm import from_ftm
from interdictor.screening.engine import Match, Screener
from interdictor.screening.index import ScreeningIndex, index_entity
from interdictor.screening.query import Query

# One shared empty index: pair comparison has no corpus, so all words weigh alike.
_PAIR_SCREENER = Screener(ScreeningIndex([]))


@dataclass(frozen=True, slots=True)
class Comparison:
    left_id: str | None
    right_id: str | None
    score: float
    explanation: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "left_id": self.left_id,
            "right_id": self.right_id,
            "score": self.score,
            "explanation": self.explanation,
        }


def _query_from_ftm(data: Mapping[str, Any]) -> Query:
    entity = from_ftm(dict(data), dataset="query")
    return Query(
        name=entity.name,
        schema=entity.schema if entity.schema in SCHEMATA else None,
        names=tuple(entity.aliases + entity.original_names + entity.weak_aliases),
        countries=tuple(entity.countries),
        birth_dates=tuple(entity.birth_dates),
        identifiers=tuple(i.value for i in entity.identifiers),
        id=entity.id,
    )


def compare_entities(left: Mapping[str, Any], right: Mapping[str, Any]) -> Comparison:
    """Score whether two FtM entities (as dicts) describe the same party.

    This is the public library entry point; ``interdictor compare`` calls it per line.
    """
    query = _query_from_ftm(left)
    indexed = index_entity(from_ftm(dict(right), dataset="right"))
    match: Match = _PAIR_SCREENER.compare(query, indexed)
    return Comparison(
        left_id=left.get("id"),
        right_id=right.get("id"),
        score=match.score,
        explanation=match.explanation,
    )


def read_pairs(path: Path) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]] | InvalidInput]:
    """Yield (line number, left, right) per line, or an InvalidInput for a bad line."""
    with open_text(path) as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
                left, right = data["left"], data["right"]
                if not isinstance(left, dict) or not isinstance(right, dict):
                    raise TypeError("left and right must be objects")
            except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                yield InvalidInput(str(exc), source=str(path), position=f"line {lineno}")
                continue
            yield lineno, left, right
