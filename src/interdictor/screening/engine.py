"""The screener: candidates from the index, features, a calibrated score, an explanation."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from interdictor.model import ListedEntity
from interdictor.screening import weights as W
from interdictor.screening.features import (
    NameComparison,
    compare_birth_dates,
    compare_countries,
    compare_names,
)
from interdictor.screening.identifiers import (
    IdentifierSet,
    compare_identifiers,
    query_identifier_set,
)
from interdictor.screening.index import IndexedEntity, ScreeningIndex, query_keys, typo_keys
from interdictor.screening.names import ORG, NameForm, analyze_name, name_kind
from interdictor.screening.query import Query

DEFAULT_THRESHOLD = 0.5
DEFAULT_LIMIT = 5
CANDIDATE_NAMES = 10  # names scored in full per query, after blocking
NO_NAME_SCORE = 0.75  # identifier-only queries: the name neither helps nor hurts


@dataclass(frozen=True, slots=True)
class Match:
    """A listed entity that resembles the query, with a score in [0, 1] and its reasons."""

    entity: ListedEntity
    score: float
    explanation: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The public output shape of one match (batch files, API)."""
        return {
            "entity_id": self.entity.id,
            "dataset": self.entity.dataset,
            "reference": self.entity.reference,
            "caption": self.entity.name,
            "schema": self.entity.schema,
            "score": self.score,
            "explanation": self.explanation,
        }


def schemata_compatible(query_schema: str | None, listed_schema: str) -> bool:
    if query_schema is None or query_schema == listed_schema:
        return True
    return name_kind(query_schema) == name_kind(listed_schema)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(slots=True)
class _Evidence:
    """What one query knows about itself, analysed once per query."""

    query: Query
    forms: dict[str | None, list[NameForm]]
    identifiers: IdentifierSet
    countries: set[str]
    birth_dates: list[str]
    weighted: dict[str | None, list[tuple[NameForm, tuple[float, ...]]]] = field(
        default_factory=dict
    )

    def weighted_forms(
        self, kind: str | None, index: ScreeningIndex
    ) -> list[tuple[NameForm, tuple[float, ...]]]:
        """The query's names for ``kind`` with their token weights (cached per query)."""
        weighted = self.weighted.get(kind)
        if weighted is None:
            weighted = [(f, index.form_weights(f)) for f in self.forms_for(kind)]
            self.weighted[kind] = weighted
        return weighted

    def forms_for(self, kind: str | None) -> list[NameForm]:
        """The query's names analysed as a party of ``kind`` (cached per query)."""
        forms = self.forms.get(kind)
        if forms is None:
            forms = [analyze_name(n, kind) for n in self.query.all_names()]
            self.forms[kind] = forms
        return forms


class Screener:
    """Screens parties against an index of listed entities."""

    def __init__(self, entities: Iterable[ListedEntity] | ScreeningIndex):
        self.index = entities if isinstance(entities, ScreeningIndex) else ScreeningIndex(entities)

    def screen(
        self, query: Query, threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT
    ) -> list[Match]:
        """Listed entities scoring at least ``threshold`` against ``query``, best first."""
        evidence = self._evidence(query)
        best: dict[int, NameComparison | None] = {}
        for nid, _ in self._candidates(evidence):
            eno, nno = self.index.name_owner[nid]
            indexed = self.index.entities[eno]
            if not schemata_compatible(query.schema, indexed.entity.schema):
                continue
            comparison = self._best_name(
                evidence, indexed.kind, indexed.names[nno], self.index.name_weights[nid]
            )
            current = best.get(eno)
            if current is None or (comparison is not None and comparison.score > current.score):
                best[eno] = comparison
        matches = []
        for eno, comparison in best.items():
            if self._upper_bound(evidence, comparison) < threshold:
                continue  # even every piece of supporting evidence could not lift it
            match = self._score(evidence, self.index.entities[eno], comparison)
            if match.score >= threshold:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.entity.id))
        return matches[:limit]

    def candidate_entity_ids(self, query: Query) -> list[str]:
        """The ids of the entities blocking proposes for ``query`` (for benchmarks, audits)."""
        evidence = self._evidence(query)
        seen: dict[str, None] = {}
        for nid, _ in self._candidates(evidence):
            seen[self.index.entities[self.index.name_owner[nid][0]].entity.id] = None
        return list(seen)

    def compare(self, query: Query, indexed: IndexedEntity) -> Match:
        """Score ``query`` against one entity over all its names, whatever the threshold."""
        evidence = self._evidence(query)
        best: NameComparison | None = None
        for listed in indexed.names:
            weights = self.index.form_weights(listed)
            comparison = self._best_name(evidence, indexed.kind, listed, weights)
            if comparison is not None and (best is None or comparison.score > best.score):
                best = comparison
        return self._score(evidence, indexed, best)

    def _evidence(self, query: Query) -> _Evidence:
        return _Evidence(
            query=query,
            forms={},
            identifiers=query_identifier_set(query.all_identifiers()),
            countries=query.all_countries(),
            birth_dates=query.all_birth_dates(),
        )

    def _query_forms(self, evidence: _Evidence) -> list[NameForm]:
        kind = name_kind(evidence.query.schema)
        kinds = (kind,) if evidence.query.schema else (None, ORG)
        return [form for k in kinds for form in evidence.forms_for(k)]

    def _candidates(self, evidence: _Evidence) -> list[tuple[int, float]]:
        forms = self._query_forms(evidence)
        keys: set[str] = {"i:" + v for v in evidence.identifiers.values()}
        for form in forms:
            keys |= query_keys(form)

        def typos() -> set[str]:
            return set().union(*(typo_keys(form) for form in forms))

        return self.index.candidates(keys, CANDIDATE_NAMES, typos)

    def _best_name(
        self,
        evidence: _Evidence,
        kind: str | None,
        listed: NameForm,
        listed_weights: tuple[float, ...],
    ) -> NameComparison | None:
        best: NameComparison | None = None
        for form, weights in evidence.weighted_forms(kind, self.index):
            comparison = compare_names(form, listed, weights, listed_weights)
            if best is None or comparison.score > best.score:
                best = comparison
        return best

    def _upper_bound(self, evidence: _Evidence, name: NameComparison | None) -> float:
        """The highest score the name allows, were all other evidence to agree."""
        logit = W.BIAS + W.NAME * (name.score if name else NO_NAME_SCORE)
        if evidence.identifiers:
            logit += W.IDENTIFIER_MATCH
        if evidence.birth_dates:
            logit += W.BIRTH_DAY_MATCH
        if evidence.countries:
            logit += W.COUNTRY_MATCH
        a, b = W.CALIBRATION
        return _sigmoid(a * logit + b)

    def _score(
        self, evidence: _Evidence, indexed: IndexedEntity, name: NameComparison | None
    ) -> Match:
        features: list[dict[str, Any]] = []
        logit = W.BIAS

        def add(feature: str, rule: str, q: Any, listed: Any, weight: float, detail: str) -> None:
            nonlocal logit
            logit += weight
            features.append(
                {
                    "feature": feature,
                    "rule": rule,
                    "query": q,
                    "listed": listed,
                    "contribution": round(weight, 3),
                    "detail": detail,
                }
            )

        if name is not None:
            add("name", name.rule, name.query, name.listed, W.NAME * name.score, name.detail)
            if name.weak:
                add(
                    "weak_alias",
                    "weak_alias",
                    name.query,
                    name.listed,
                    W.WEAK_ALIAS,
                    "the listed name is a weak alias (low-quality a.k.a.)",
                )
            if name.rule == "acronym":
                add(
                    "acronym_only",
                    "acronym_only",
                    name.query,
                    name.listed,
                    W.ACRONYM_ONLY,
                    "an acronym alone can stand for other bodies",
                )
        else:
            add(
                "name",
                "no_name",
                None,
                indexed.entity.name,
                W.NAME * NO_NAME_SCORE,
                "the query gives no name; identifiers decide",
            )
        self._add_identifiers(evidence, indexed, add)
        self._add_context(evidence, indexed, add)
        a, b = W.CALIBRATION
        score = round(_sigmoid(a * logit + b), W.SCORE_DIGITS)
        explanation = {
            "algorithm": W.ALGORITHM,
            "score": score,
            "logit": round(logit, 3),
            "features": features,
        }
        return Match(entity=indexed.entity, score=score, explanation=explanation)

    def _add_identifiers(self, evidence: _Evidence, indexed: IndexedEntity, add: Any) -> None:
        result = compare_identifiers(evidence.identifiers, indexed.identifiers)
        if result is None:
            return
        verdict, kind, value = result
        listed = sorted(indexed.identifiers.by_kind.get(kind, set()))
        if verdict == "match":
            add(
                "identifier",
                f"{kind}_match",
                value,
                listed,
                W.IDENTIFIER_MATCH,
                f"the {kind} number {value} is on the listing",
            )
        else:
            add(
                "identifier",
                f"{kind}_mismatch",
                value,
                listed,
                W.IDENTIFIER_MISMATCH,
                f"the listing carries a different {kind} number",
            )

    def _add_context(self, evidence: _Evidence, indexed: IndexedEntity, add: Any) -> None:
        query, entity = evidence.query, indexed.entity
        if not schemata_compatible(query.schema, entity.schema):
            add(
                "schema",
                "schema_mismatch",
                query.schema,
                entity.schema,
                W.SCHEMA_MISMATCH,
                f"a {query.schema} cannot be a {entity.schema}",
            )
        country = compare_countries(evidence.countries, indexed.countries)
        if country:
            verdict, detail = country
            weight = W.COUNTRY_MATCH if verdict == "match" else W.COUNTRY_MISMATCH
            add(
                "country",
                f"country_{verdict}",
                sorted(evidence.countries),
                sorted(indexed.countries),
                weight,
                detail,
            )
        dob = compare_birth_dates(evidence.birth_dates, indexed.birth_dates)
        if dob:
            verdict, detail = dob
            weight = {
                "match_day": W.BIRTH_DAY_MATCH,
                "match_year": W.BIRTH_YEAR_MATCH,
                "mismatch": W.BIRTH_DATE_MISMATCH,
            }[verdict]
            add(
                "birth_date",
                f"birth_date_{verdict}",
                evidence.birth_dates,
                list(indexed.birth_dates),
                weight,
                detail,
            )
