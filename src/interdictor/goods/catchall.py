"""Catch-all: reasons to stop an unlisted item because of where, or to whom, it goes.

Article 4 of Regulation (EU) 2021/821 makes a licence necessary for items not in Annex I
when they are or may be intended for WMD or their delivery systems, or for military end
use in a country under an arms embargo. This module raises the reasons an officer needs
to make that call; it does not decide it.

The end-user input is the screening engine's output, through a small protocol: any match
with a ``score`` and an ``entity`` carrying ``programs`` and ``countries`` (e.g. a
``ListedEntity``). A listed item (a line that the classifier holds controlled) needs a
licence anyway, so no catch-all reason is raised for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from interdictor.goods.classify import Classification, Classifier, GoodsLine, classify_line

# Destinations of concern and why (ISO 3166 alpha-2, lower case). Reviewed list; a
# state adds its own through ``concern``.
DESTINATIONS_OF_CONCERN: dict[str, str] = {
    "kp": "DPRK: UN Security Council Resolution 1718 (1718 Committee) and EU Regulation 2017/1509",
    "ir": "Iran: UN sanctions restored in 2025 and EU Regulation 267/2012",
    "sy": "Syria: EU Regulation 36/2012 (chemical weapons and arms embargo)",
    "ru": "Russia: EU arms embargo and Regulation 833/2014",
    "by": "Belarus: EU arms embargo and Regulation 765/2006",
    "mm": "Myanmar: EU arms embargo",
    "ve": "Venezuela: EU arms embargo",
}
# Screening scores at or above this count as the end user being a listed party.
END_USER_MIN_SCORE = 0.7
# Programme names that mark proliferation concern (matched case-insensitively as substrings).
PROLIFERATION_PROGRAMS = (
    "dprk", "prk", "korea", "1718", "iran", "irn", "npwmd", "wmd", "inksna", "syria", "syr",
)  # fmt: skip


class EntityLike(Protocol):
    @property
    def programs(self) -> list[str]: ...

    @property
    def countries(self) -> list[str]: ...


class MatchLike(Protocol):
    @property
    def score(self) -> float: ...

    @property
    def entity(self) -> EntityLike: ...


def catch_all_reasons(
    line: GoodsLine,
    destination_country: str | None,
    end_user_screening: Iterable[MatchLike] = (),
    classification: Classification | None = None,
    classifier: Classifier | None = None,
    concern: dict[str, str] | None = None,
    min_score: float = END_USER_MIN_SCORE,
) -> list[str]:
    """Return why an unlisted item may still need a licence (empty when none applies)."""
    verdict = classification or classify_line(line, classifier)
    if verdict.controlled:
        return []
    countries = concern if concern is not None else DESTINATIONS_OF_CONCERN
    reasons: list[str] = []
    destination = (destination_country or "").strip().lower()
    if destination in countries:
        reasons.append(
            f"unlisted item to a destination of concern ({destination.upper()}): "
            f"{countries[destination]}; check Article 4 of Regulation (EU) 2021/821"
        )
    for match in end_user_screening:
        reason = describe_end_user(match, countries, min_score)
        if reason:
            reasons.append(reason)
    return reasons


def describe_end_user(match: MatchLike, countries: dict[str, str], min_score: float) -> str:
    """Return a reason when a screening match makes the end user one of concern, else ""."""
    if match.score < min_score:
        return ""
    entity = match.entity
    name = str(getattr(entity, "name", None) or getattr(entity, "caption", "") or "a listed party")
    programs = [p for p in entity.programs if is_proliferation_program(p)]
    places = [c.lower() for c in entity.countries if c.lower() in countries]
    if not programs and not places:
        return ""
    why = ", ".join(programs + [c.upper() for c in places])
    return (
        f"unlisted item to an end user that matches {name} (score {match.score:.2f}; {why}); "
        "check Article 4 of Regulation (EU) 2021/821"
    )


def is_proliferation_program(program: str) -> bool:
    """True for a sanctions programme tied to proliferation (DPRK, Iran, NPWMD, ...)."""
    lowered = program.lower()
    return any(word in lowered for word in PROLIFERATION_PROGRAMS)
