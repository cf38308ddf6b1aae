"""Classify a goods line: ranked control-list entries with reasons, and the HS check.

A line's description is read through the reviewed lexicon (terms -> concepts), and the
concepts' weights give candidate entries from an inverted index (concept -> entries), so a
line costs work in proportion to the terms it holds, never to the size of the catalogue.
When the lexicon names no goods on the line (or only weakly, and no benign look-alike),
the catalogue's own text is searched (``retrieval.py``): an entry whose wording the line
shares closely enough is listed, with that wording as its reason, and feeds the HS check.
Each candidate's deciding parameters (``lexicon_rules.csv``) are compared with the values
declared on the line, in units (pint). A value short of a threshold marks the entry
``below_threshold``; within ``margin`` of it, the reasons say "just below threshold".

Output of ``Classification.to_dict()``::

    {"id", "hs": {"declared", "valid", "consistent", "score", "suggested", "reason"},
     "controls": [{"entry", "regimes", "score", "reasons", "below_threshold"}]}

plus ``"decision"`` when an officer's earlier decision was reused. A line is controlled
when any listed control has ``below_threshold`` false.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.correlation import HSCorrelation
from interdictor.goods.decisions import DecisionStore, ReusedDecision
from interdictor.goods.hs import HSNomenclature, normalise_hs_code
from interdictor.goods.hs_check import HSCheck, check_hs, text_fit
from interdictor.goods.lexicon import Concept, Lexicon, Rule, TermHit, normalise_description
from interdictor.goods.line import GoodsLine, LineValue, read_line_values
from interdictor.goods.parameters import Comparison, ComparisonStatus, Threshold, compare
from interdictor.goods.regimes import regimes_for
from interdictor.goods.retrieval import (
    GENERIC_STEMS,
    CatalogueIndex,
    IntangibleIndex,
    RetrievalHit,
    TextSearch,
    evidence_factors,
    intangible_kind,
    terms_of,
)
from interdictor.goods.units import dimension_of

__all__ = [
    "Classification",
    "Classifier",
    "ControlMatch",
    "GoodsLine",
    "classify_line",
    "classify_lines",
    "default_classifier",
]

# A candidate needs summed concept weight >= MIN_WEIGHT: one item term ("carbon fibre",
# 1.0) lists 1C010; a modifier alone ("vacuum", 0.3) lists nothing.
MIN_WEIGHT = 0.5
DEFAULT_MARGIN = 0.1  # "just below threshold" within 10 % of it
BELOW_PENALTY = 0.6  # a candidate whose stated parameters miss the threshold drops in rank
MAX_CONTROLS = 5
BENIGN_PENALTY = 0.6
PARAMETER_SUPPORT = 0.2
CONTEXT_FACTOR = 0.3
# An unnamed value stands in for a rule's parameter only within this factor of the
# threshold on the failing side (classify.plausible_stand_in).
STAND_IN_RANGE = 10.0
MAX_CACHED_COMPARISONS = 200_000
# Catalogue-text fallback (retrieval.py). It runs when no lexicon candidate reaches
# LEXICON_SURE (one item term of weight 1.0 gives 0.667) and no benign concept is named.
LEXICON_SURE = 0.6
# An entry found by its text is listed from this calibrated confidence; others found for
# the same line come along when within FALLBACK_RATIO of the best. Set against ordinary
# trade wording: over the 5,612 HS 2022 subheading texts, each declared under its own
# code, text matches hold 359 lines controlled at 0.5, 158 at 0.6, 49 at 0.7 and 26 at
# 0.8 ("Electric motors; DC" as an 8A002 marine motor, "Lead; waste and scrap" as 1C230),
# while batch D's controlled recall goes 0.87, 0.81, 0.79, 0.75 (benchmarks/goods.py).
FALLBACK_MIN_CONFIDENCE = 0.7
FALLBACK_RATIO = 0.85
FALLBACK_CANDIDATES = 5
FALLBACK_MAX_SCORE = 0.9  # a text match never outranks a reviewed lexicon weight of 1.0+
# A text match rests on two words of the line at least: one word ("Hydrogen", "Oxygen",
# "Quartz", declared under their own HS codes) found 1B228, 6A005 and 6A226 in their
# catalogue texts, where they name a material of the goods, not the goods.
FALLBACK_MIN_STEMS = 2
# A line the catalogue text alone ties to an entry is not called mislabelled when it reads
# as the text of its declared code ("Copper, waste and scrap" under 7404.00).
DECLARED_TEXT_FIT = 0.9
# Goods declared under a heading where the entry's goods belong (hs_correlation.csv) need
# less textual evidence; goods declared elsewhere need the full FALLBACK_MIN_CONFIDENCE,
# and are then flagged as mislabelled.
HS_FIT_BONUS = 0.15
# Software and technology (groups D, E): a goods entry found by text counts as named on the
# line from this confidence; a D/E entry is listed from INTANGIBLE_MIN_SCORE.
INTANGIBLE_GOODS_CONFIDENCE = 0.3
INTANGIBLE_MIN_SCORE = 0.4
_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
# Words before "for" that make the line equipment serving what follows ("casting station
# for solid propellant"), and words that make it part of what follows ("parts for").
EQUIPMENT_WORDS = frozenset(
    "machine machines station stations unit units equipment plant plants system systems "
    "furnace furnaces press presses mixer mixers fixture fixtures tool tools tooling jig "
    "jigs mould moulds mold molds die dies rig rigs bench benches packing insulation".split()
)
PART_WORDS = frozenset(
    "part parts component components spare spares accessory accessories assembly "
    "assemblies subassemblies kit kits piece pieces".split()
)


@dataclass(slots=True)
class ControlMatch:
    """One candidate control entry for a line, with its score and reasons."""

    entry: str
    regimes: list[str]
    score: float
    reasons: list[str]
    below_threshold: bool = False
    just_below: bool = False
    via: str = "lexicon"  # or "catalogue text" (found by the entry's own wording)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "regimes": self.regimes,
            "score": round(self.score, 3),
            "reasons": self.reasons,
            "below_threshold": self.below_threshold,
        }


@dataclass(slots=True)
class Classification:
    """The verdict on one line: HS check, ranked controls, and any reused decision."""

    id: str
    hs: HSCheck
    controls: list[ControlMatch] = field(default_factory=list)
    decision: ReusedDecision | None = None

    @property
    def controlled(self) -> bool:
        """True when any listed entry is not ruled out by the stated parameters."""
        return any(not c.below_threshold for c in self.controls)

    @property
    def just_below(self) -> bool:
        """True when some entry was missed only by a margin (a red flag in itself)."""
        return any(c.just_below for c in self.controls)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "hs": self.hs.to_dict(),
            "controls": [c.to_dict() for c in self.controls],
        }
        if self.decision is not None:
            out["decision"] = self.decision.to_dict()
        return out


@dataclass(slots=True)
class RuleOutcome:
    """How an entry's deciding parameters came out for one line."""

    below: bool = False
    just_below: bool = False
    supported: bool = False  # stated values met (or just missed) the thresholds
    reasons: list[str] = field(default_factory=list)


class Classifier:
    """Holds the reference data once; ``classify`` is then cheap per line."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        catalogue: ControlCatalogue | None = None,
        correlation: HSCorrelation | None = None,
        decisions: DecisionStore | None = None,
        edition: str = "2022",
        margin: float = DEFAULT_MARGIN,
        fallback: bool = True,
        retrieval: TextSearch | None = None,
    ):
        self.lexicon = lexicon or Lexicon.load_default()
        self.catalogue = catalogue or ControlCatalogue.load_default()
        self.correlation = correlation or HSCorrelation.load_default()
        self.nomenclature = HSNomenclature.load(edition)
        self.decisions = decisions
        self.edition = edition
        self.margin = margin
        self.fallback = fallback
        self._retrieval = retrieval
        self._intangibles: IntangibleIndex | None = None
        self._regimes: dict[str, list[str]] = {}
        # Keyed by id(rule): rules live as long as the lexicon this classifier holds.
        self._comparisons: dict[tuple[int, str, str, float], Comparison] = {}
        self._threshold_comparisons: dict[tuple[int, str, str, float], Comparison] = {}

    @property
    def retrieval(self) -> TextSearch | None:
        """The catalogue-text index (built on first use), or None with ``fallback=False``."""
        if self._retrieval is None and self.fallback:
            self._retrieval = catalogue_index(
                self.catalogue, self.lexicon, self.nomenclature, self.correlation
            )
        return self._retrieval

    def classify(self, line: GoodsLine) -> Classification:
        """Classify one line (see the module docstring for the output)."""
        hits = self.lexicon.find_terms(line.description)
        concepts = self.lexicon.concepts_in(hits)
        reused = self.decisions.lookup(line.description) if self.decisions else None
        if reused is not None:
            controls = self.controls_from_decision(reused)
        else:
            values = read_line_values(line.description, line.parameters)
            controls = self.rank_controls(hits, concepts, values, line.description)
            kind = intangible_kind(line.description) if self.fallback else None
            if kind is not None:
                controls = self.intangible_controls(kind, line, controls)
            elif self.needs_fallback(concepts, controls):
                controls = self.add_catalogue_matches(line, controls, hits, concepts, values)
        listed = [c for c in controls if not c.below_threshold][:2]
        top = [c.entry for c in listed]
        if listed and listed[0].via == "software or technology":
            # Software and technology have no goods heading: nothing to hold the code to.
            describing, top = [], []
        elif listed and listed[0].via != "lexicon":
            # Found by its text: no concept supports the entry; entry-less ones ("parts")
            # still say what kind of line it is, and the correlation table gives headings.
            describing = [c for c in concepts if not c.entries]
        else:
            describing = concepts_describing(concepts, top[0] if top else None)
        aside = incidental_concepts(hits, line.description)
        describing = [c for c in describing if c.canonical not in aside]
        hs = check_hs(
            line.hs_code,
            line.description,
            describing,
            top,
            self.correlation,
            self.nomenclature,
            reused.decision.hs_code if reused else "",
        )
        if hs.mislabelled and listed and listed[0].via == "catalogue text" and not reused:
            hs = self.keep_declared_text(hs, line.description)
        return Classification(line.id, hs, controls, reused)

    def keep_declared_text(self, hs: HSCheck, description: str) -> HSCheck:
        """Withdraw a mislabel verdict resting on catalogue text alone when the line reads
        as its declared code's own text: the code fits what the trader wrote."""
        code = normalise_hs_code(hs.declared)[0]
        fit = text_fit(description, code, self.nomenclature) if code else 0.0
        if fit < DECLARED_TEXT_FIT:
            return hs
        reason = f"{hs.declared} reads as the description (text fit {fit:.2f})"
        return HSCheck(hs.declared, hs.valid, None, fit, hs.suggested, reason)

    def intangible_controls(
        self, kind: str, line: GoodsLine, controls: list[ControlMatch]
    ) -> list[ControlMatch]:
        """Software or technology entries for a line that reads as such ("UAV DESIGN DATA
        PACKAGE" is 9E001, not a 9A012 UAV). The goods entries the lexicon and the goods
        text find on the line say which D/E entries apply; the goods entries themselves
        are not listed. With no D/E entry found, the line lists nothing."""
        goods = {
            c.entry: (c.score, "named by the lexicon") for c in controls if not c.below_threshold
        }
        index = self.retrieval
        # "MANUAL ... FOR 300KM SOUNDING ROCKET": here the goods after "for" are the point.
        text = _FOR.sub(" ", line.description)
        found = index.search(text, FALLBACK_CANDIDATES) if index is not None else []
        for hit in found:
            if hit.confidence >= INTANGIBLE_GOODS_CONFIDENCE and hit.entry not in goods:
                goods[hit.entry] = (hit.confidence, hit.reason())
        described = {
            code: (score, f"{self.title_of(code).rstrip(' ;,:')}; {how}")
            for code, (score, how) in goods.items()
        }
        ranked = self.intangibles.rank(kind, line.description, described)
        if not ranked:
            return []
        floor = max(INTANGIBLE_MIN_SCORE, ranked[0].score * FALLBACK_RATIO)
        return [
            ControlMatch(
                hit.entry,
                self.regimes_of(hit.entry),
                min(hit.score, FALLBACK_MAX_SCORE),
                [f"{hit.entry}: {self.title_of(hit.entry)}", f"reads as {kind}", *hit.reasons],
                via="software or technology",
            )
            for hit in ranked
            if hit.score >= floor
        ]

    @property
    def intangibles(self) -> IntangibleIndex:
        """The software and technology entries (built on first use)."""
        if self._intangibles is None:
            self._intangibles = IntangibleIndex(self.catalogue)
        return self._intangibles

    def needs_fallback(self, concepts: list[Concept], controls: list[ControlMatch]) -> bool:
        """True when the lexicon did not settle the line and did not call it benign.

        A benign concept ("fishing rod") or a candidate ruled out by the stated parameters
        means the lexicon knew the goods; a candidate of LEXICON_SURE or more means it
        named them.
        """
        if not self.fallback or any(c.role == "benign" for c in concepts):
            return False
        return not any(c.below_threshold or c.score >= LEXICON_SURE for c in controls)

    def add_catalogue_matches(
        self,
        line: GoodsLine,
        controls: list[ControlMatch],
        hits: list[TermHit],
        concepts: list[Concept],
        values: list[LineValue],
    ) -> list[ControlMatch]:
        """Add the entries the line's words find in the catalogue text (if confident enough).

        The reviewed lexicon keeps the last word on what it knows: an entry that a concept
        on the line weighs negatively ("stainless steel" against 2B350) is never added,
        and a text match counts only if it rests on words the lexicon did not read: a
        "vacuum pump" is weighed below a listing until parameters support it, and the
        catalogue's "vacuum pumps" must not list it anyway; "steam sterilisable" on a
        centrifuge is new evidence. A hit's confidence gains HS_FIT_BONUS when the declared
        code is one where the entry's goods belong. An entry the lexicon already lists
        keeps its place and gains the text reason and the higher of the two scores; the
        others follow the lexicon's own candidates.
        """
        index = self.retrieval
        found = index.search(line.description, FALLBACK_CANDIDATES) if index is not None else []
        ruled_out = {e for c in concepts for e, w in c.entries.items() if w < 0}
        read = lexicon_stems(hits)
        found = [
            h
            for h in found
            if h.entry not in ruled_out
            and new_evidence(h, read)
            and len(h.stems) >= FALLBACK_MIN_STEMS
        ]
        if not found:
            return controls
        scored = [(self.fallback_confidence(hit, line.hs_code), hit) for hit in found]
        scored.sort(key=lambda pair: (-pair[0], pair[1].entry))
        best = scored[0][0]
        if best < FALLBACK_MIN_CONFIDENCE:
            return controls
        floor = best * FALLBACK_RATIO
        names = {c.canonical for c in concepts}
        merged = {c.entry: c for c in controls}
        for confidence, hit in scored:
            if confidence < floor or hit.entry not in self.catalogue:
                continue
            known = merged.get(hit.entry)
            if known is not None:
                known.score = max(known.score, min(confidence, FALLBACK_MAX_SCORE))
                known.reasons.insert(1, hit.reason())
                continue
            merged[hit.entry] = self.text_match(hit, confidence, names, values)
        # The lexicon's own (weak) candidates keep the lead: text matches come after them.
        first = any(not c.below_threshold for c in controls)
        ranked = sorted(
            merged.values(),
            key=lambda m: (first and m.via != "lexicon", -m.score, m.entry),
        )
        return ranked[:MAX_CONTROLS]

    def fallback_confidence(self, hit: RetrievalHit, hs_code: str) -> float:
        """The hit's calibrated confidence, plus HS_FIT_BONUS when the declared code fits."""
        if hs_code and self.correlation.fits(hs_code, hit.entry, self.edition):
            return hit.confidence + HS_FIT_BONUS
        return hit.confidence

    def text_match(
        self, hit: RetrievalHit, confidence: float, names: set[str], values: list[LineValue]
    ) -> ControlMatch:
        """Build the candidate for an entry found by its text; its reviewed rules apply as
        usual, and an entry with none that apply is held against its catalogue thresholds."""
        rules = self.lexicon.rules_by_entry.get(hit.entry, [])
        if any(not rule.when or rule.when in names for rule in rules):
            outcome = self.evaluate_rules(hit.entry, names, values)
        else:
            outcome = self.catalogue_thresholds(hit.entry, values)
        score = min(confidence, FALLBACK_MAX_SCORE)
        if outcome.below:
            score *= BELOW_PENALTY
        reasons = [f"{hit.entry}: {self.title_of(hit.entry)}", hit.reason(), *outcome.reasons]
        return ControlMatch(
            hit.entry,
            self.regimes_of(hit.entry),
            score,
            reasons,
            outcome.below,
            outcome.just_below,
            via="catalogue text",
        )

    def catalogue_thresholds(self, entry: str, values: list[LineValue]) -> RuleOutcome:
        """Hold the line's values against the thresholds read from the entry's own text.

        The thresholds are grouped by kind (units of one dimension): a kind the line
        states and that meets none of the entry's thresholds of that kind rules the entry
        out ("4.5 m3/s" against 0B004.b's 5 m3/s); one threshold met is enough for its
        kind, since an entry's sub-items each have their own. Dimensionless values
        (percentages, counts) and thresholds written as "no dimension greater than" are
        left out: the text reader cannot tell their sense reliably.
        """
        known = self.catalogue.get(entry)
        outcome = RuleOutcome()
        if known is None or not values:
            return outcome
        kinds: dict[str, list[Threshold]] = {}
        for threshold in known.thresholds:
            dimension = dimension_of(threshold.quantity)
            if dimension not in (
                "",
                "dimensionless",
            ) and not threshold.parameter.lower().startswith("no "):
                kinds.setdefault(dimension, []).append(threshold)
        for kind, thresholds in kinds.items():
            stated = [v for v in values if v.dimensionality and str(v.dimensionality) == kind]
            if not stated:
                continue
            results = [self.compare_threshold(t, stated) for t in thresholds]
            if any(r.status is ComparisonStatus.MEETS for r in results):
                outcome.supported = True
                continue
            missed = [r for r in results if r.status in (ComparisonStatus.BELOW,
                                                         ComparisonStatus.JUST_BELOW)]  # fmt: skip
            if missed and len(missed) == len(results):
                outcome.below = True
                near = [r for r in missed if r.status is ComparisonStatus.JUST_BELOW]
                outcome.just_below = outcome.just_below or bool(near)
                shown = (near or missed)[0]
                prefix = "just below threshold: " if near else ""
                where = shown.threshold.item or entry
                outcome.reasons.append(f"{prefix}{shown.message} ({where}, catalogue text)")
        return outcome

    def compare_threshold(self, threshold: Threshold, stated: list[LineValue]) -> Comparison:
        """Compare the most favourable stated value (largest for a lower bound) with it."""
        lower = threshold.comparator.is_lower_bound
        value = (max if lower else min)(stated, key=lambda v: v.base_magnitude)
        key = (id(threshold), value.key, value.parameter.text, value.base_magnitude)
        found = self._threshold_comparisons.get(key)
        if found is None:
            if len(self._threshold_comparisons) > MAX_CACHED_COMPARISONS:
                self._threshold_comparisons.clear()
            found = compare(value.parameter, threshold, self.margin)
            self._threshold_comparisons[key] = found
        return found

    def rank_controls(
        self,
        hits: list[TermHit],
        concepts: list[Concept],
        values: list[LineValue],
        description: str = "",
    ) -> list[ControlMatch]:
        """Score candidate entries from the concepts, then check their parameters."""
        weights: dict[str, float] = {}
        supported: set[str] = set()
        context = context_concepts(hits, concepts, description)
        heads = {e for c in concepts if c.role == "item" and c.canonical not in context
                 for e, w in c.entries.items() if w > 0}  # fmt: skip
        for concept in concepts:
            for entry, weight in concept.entries.items():
                if concept.canonical in context and weight > 0 and entry not in heads:
                    weight *= CONTEXT_FACTOR  # "IMU ... FOR DRONES" is not a drone
                weights[entry] = weights.get(entry, 0.0) + weight
                if concept.role == "item" and weight > 0:
                    supported.add(entry)
        if any(c.role == "benign" for c in concepts):
            # "CARBON GRAPHITE TENNIS RACKETS": a benign article's name outweighs a stray
            # material word that no reviewed weight ties to it.
            weights = {e: w - BENIGN_PENALTY for e, w in weights.items()}
        names = {c.canonical for c in concepts}
        matches: list[ControlMatch] = []
        # Only entries an item term supports ("P2" or "vacuum" alone name no goods).
        # Entries the catalogue does not hold (e.g. dropped by a national overlay) are skipped.
        for entry in sorted(supported):
            if weights[entry] >= MIN_WEIGHT - PARAMETER_SUPPORT and entry in self.catalogue:
                found = self.score_entry(entry, weights[entry], hits, names, values)
                if found is not None:
                    matches.append(found)
        matches.sort(key=lambda m: (-m.score, m.entry))
        return matches[:MAX_CONTROLS]

    def score_entry(
        self,
        entry: str,
        weight: float,
        hits: list[TermHit],
        names: set[str],
        values: list[LineValue],
    ) -> ControlMatch | None:
        """Build one candidate, or None when its weight (with parameter support) is too low.

        A stated parameter that meets, or just misses, one of the entry's thresholds is
        evidence for it: "inverter 1200 Hz, 0.05 %" lists 3A225 where "solar inverter"
        alone does not.
        """
        outcome = self.evaluate_rules(entry, names, values)
        if outcome.supported:
            weight += PARAMETER_SUPPORT
        if weight < MIN_WEIGHT:
            return None
        concepts = {
            h.canonical for h in hits if self.lexicon.concepts[h.canonical].entries.get(entry)
        }
        terms = [describe_hit(h) for h in hits if h.canonical in concepts]
        reasons = [f"{entry}: {self.title_of(entry)}"]
        reasons += [f"terms: {', '.join(terms)}"] if terms else []
        score = weight / (weight + 0.5)
        if outcome.below:
            score *= BELOW_PENALTY
        return ControlMatch(
            entry,
            self.regimes_of(entry),
            min(score, 0.99),
            reasons + outcome.reasons,
            outcome.below,
            outcome.just_below,
        )

    def evaluate_rules(self, entry: str, names: set[str], values: list[LineValue]) -> RuleOutcome:
        """Hold the line's values against the entry's rules whose ``when`` concept is present."""
        groups: dict[str, list[Rule]] = {}
        for rule in self.lexicon.rules_by_entry.get(entry, []):
            if not rule.when or rule.when in names:
                groups.setdefault(rule.when, []).append(rule)
        outcome = RuleOutcome()
        for rules in groups.values():
            statuses = [self.evaluate_rule(rule, names, values, outcome) for rule in rules]
            failed = [s for s in statuses if s in ("below", "just_below", "absent")]
            met = [s for s in statuses if s == "meets"]
            group_below = (rules[0].mode == "all" and bool(failed)) or (
                rules[0].mode == "any" and bool(failed) and not met
            )
            # Support needs more than one weak match: "5 kW" meets 3A225's 40 VA, as
            # almost any drive does; frequency and stability together are evidence.
            enough = 1 if rules[0].mode == "any" else min(2, len(rules))
            if "just_below" in statuses or len(met) >= enough:
                outcome.supported = True
            if group_below:
                outcome.below = True
                outcome.just_below = outcome.just_below or all(s == "just_below" for s in failed)
        return outcome

    def evaluate_rule(
        self, rule: Rule, names: set[str], values: list[LineValue], outcome: RuleOutcome
    ) -> str:
        """Return meets / below / just_below / absent / unknown, adding the reason."""
        if rule.requires:
            if names & set(rule.requires):
                return "meets"
            outcome.reasons.append(f"not stated or absent: {rule.clause}")
            return "absent"
        value = pick_value(rule, values, self.lexicon.rule_aliases)
        if value is None or rule.threshold is None:
            return "unknown"
        result = self.compare_cached(rule, value)
        if result.status is ComparisonStatus.MEETS:
            outcome.reasons.append(f"{result.message} ({rule.clause})")
            return "meets"
        if result.status is ComparisonStatus.JUST_BELOW:
            outcome.reasons.append(f"just below threshold: {result.message} ({rule.clause})")
            return "just_below"
        if result.status is ComparisonStatus.BELOW:
            outcome.reasons.append(f"{result.message} ({rule.clause})")
            return "below"
        return "unknown"

    def compare_cached(self, rule: Rule, value: LineValue) -> Comparison:
        """compare() once per distinct (rule, value): a batch repeats the same values."""
        key = (id(rule), value.key, value.parameter.text, value.base_magnitude)
        found = self._comparisons.get(key)
        if found is None:
            if len(self._comparisons) > MAX_CACHED_COMPARISONS:
                self._comparisons.clear()
            assert rule.threshold is not None
            found = compare(value.parameter, rule.threshold, self.margin)
            self._comparisons[key] = found
        return found

    def controls_from_decision(self, reused: ReusedDecision) -> list[ControlMatch]:
        """An officer's decision replaces the ranking: one entry, or none if not controlled."""
        decision = reused.decision
        if not decision.entry:
            return []
        reason = (
            f"officer decision by {decision.decided_by} on {decision.decided_at} for "
            f"{decision.description!r} (similarity {reused.similarity:.2f})"
        )
        return [ControlMatch(decision.entry, self.regimes_of(decision.entry), 1.0, [reason])]

    def title_of(self, entry: str) -> str:
        """The entry's label in the catalogue, e.g. "Maraging steels, useable in 'missiles'"."""
        known = self.catalogue.get(entry)
        return known.label.rstrip(" :") if known else ""

    def regimes_of(self, entry: str) -> list[str]:
        if entry not in self._regimes:
            known = self.catalogue.get(entry)
            self._regimes[entry] = list(known.regimes) if known else regimes_for(entry)
        return self._regimes[entry]


def lexicon_stems(hits: list[TermHit]) -> set[str]:
    """The retrieval stems of the words the lexicon read on the line (with the generic
    words): a text match must rest on other words to add anything."""
    if not hits:
        return set()
    return {t.stem for h in hits for t in terms_of(h.written)} | GENERIC_STEMS


def new_evidence(hit: RetrievalHit, read: set[str]) -> bool:
    """True when a text match rests on some word the lexicon did not read (not a number)."""
    return any(s not in read and s.isalpha() for s in hit.stems)


def pick_value(rule: Rule, values: list[LineValue], claimed: frozenset[str]) -> LineValue | None:
    """Return the line value a rule should be compared with, or None.

    Values named like one of the rule's aliases come first; a value whose name no rule
    claims may stand in when its unit is of the right kind ("5000L" for a volume). With
    several, the most favourable capability counts (largest for a lower bound).
    """
    assert rule.threshold is not None
    named = [v for v in values if v.key in rule.aliases or v.parameter.name in rule.aliases]
    pool = [v for v in named if v.comparable(rule)]
    if not pool:
        pool = [
            v
            for v in values
            if v.key not in claimed and v.parameter.name not in claimed
            if v.comparable(rule) and plausible_stand_in(v, rule)
        ]
    if not pool:
        return None
    lower_bound = rule.threshold.comparator.is_lower_bound
    return (max if lower_bound else min)(pool, key=lambda v: v.base_magnitude)


def plausible_stand_in(value: LineValue, rule: Rule) -> bool:
    """True when an unnamed value could be the rule's parameter, not just share its unit.

    A value that would miss the threshold by more than STAND_IN_RANGE times is some other
    quantity of the same kind: "TUBES ID 150MM" is a diameter, not a specific modulus of
    14.65e6 m, and "3 MM" sheet is no modulus either. A value that meets the threshold
    stands in as before ("5000L" for a 20-litre vessel).
    """
    assert rule.threshold is not None
    limit = rule.threshold_base
    if limit is None or limit == 0 or value.base_magnitude <= 0:
        return True
    if rule.threshold.comparator.is_lower_bound:
        return value.base_magnitude * STAND_IN_RANGE >= limit
    return value.base_magnitude <= limit * STAND_IN_RANGE


def context_concepts(
    hits: list[TermHit], concepts: list[Concept], description: str = ""
) -> set[str]:
    """Item concepts written only after "for", when something else names the goods.

    In "frequency changer for gas centrifuge motor stators" the changer is the goods and
    the centrifuge its purpose; entries the two share (0B001.b.13) keep full weight. The
    goods may also be named by words the lexicon does not hold: in "vacuum casting
    station for composite solid propellant" the station is the goods, not the propellant.
    Only "parts for", "components for" and the like make the purpose the goods.
    """
    items = {c.canonical for c in concepts if c.role == "item"}
    named = {h.canonical for h in hits if h.canonical in items and not (h.context or h.aside)}
    purpose = {h.canonical for h in hits if h.canonical in items and (h.context or h.aside)}
    purpose -= named
    return purpose if named or names_other_goods(description) else set()


def incidental_concepts(hits: list[TermHit], description: str) -> set[str]:
    """Concepts the line names only as a purpose, a constituent or an exclusion.

    They do not say what the goods are, so they give no HS heading: a "vacuum brazing
    furnace line for thrust chambers" is a furnace (8514), "clocks for vehicles,
    aircraft, spacecraft" are clocks, a "quantum computer incl. dilution refrigerator" is
    not a refrigerator, "machinery, other than sewing machines" is not a sewing machine.
    After "parts for", "spares for" and the like (or a bare "for ..."), what follows is
    still what the goods belong to, and keeps its say.
    """
    head, found, _ = description.lower().partition(" for ")
    words = _WORD.findall(head)
    purpose_is_goods = not found or not words or words[-1] in PART_WORDS
    named = {h.canonical for h in hits if not h.aside and (purpose_is_goods or not h.context)}
    return {h.canonical for h in hits} - named


def names_other_goods(description: str) -> bool:
    """True when the words before "for" name equipment of their own: "welding station for
    fuel rods" does, "spare parts for fuel rod welders" does not."""
    head, found, _ = description.lower().partition(" for ")
    if not found:
        return False
    words = _WORD.findall(head)
    return bool(words) and words[-1] not in PART_WORDS and any(w in EQUIPMENT_WORDS for w in words)


def concepts_describing(concepts: list[Concept], entry: str | None) -> list[Concept]:
    """The concepts that say what the goods are, for the HS check.

    With a leading entry, those that support it (and entry-less ones such as
    "preparation"): in "centrifuge rotor cylinders, carbon fibre composite" the rotor,
    not the fibre it is made of, decides the heading. Without one, item concepts that a
    benign concept on the line rules out ("carbon fibre" in "carbon fibre fishing rod")
    are left out.
    """
    if entry is not None:
        chosen = [c for c in concepts if c.entries.get(entry, 0.0) > 0 or not c.entries]
        return chosen or concepts
    ruled_out = {e for c in concepts if c.role == "benign" for e, w in c.entries.items() if w < 0}
    return [
        c
        for c in concepts
        if c.role != "item"
        or not {e for e, w in c.entries.items() if w > 0} <= ruled_out
        or not c.entries
    ]


def describe_hit(hit: TermHit) -> str:
    """Return "carbon fibre ('T800')" or "filament winding machine ('filamnet...', typo)"."""
    suffix = ", typo corrected" if hit.how == "typo" else ""
    if hit.written == hit.canonical:
        return f"{hit.canonical}{suffix}"
    return f"{hit.canonical} ({hit.written!r}{suffix})"


def catalogue_index(
    catalogue: ControlCatalogue,
    lexicon: Lexicon,
    nomenclature: HSNomenclature,
    correlation: HSCorrelation,
) -> CatalogueIndex:
    """Return the catalogue-text index for this reference data, built once and cached.

    The HS texts say which words are everyday words (``retrieval.evidence_factors``), and
    they and the lexicon hold real words that the index must never "correct" to a
    catalogue word ("turbots" is a fish, not "turbojets").
    """
    key = (id(catalogue), id(lexicon), id(nomenclature), id(correlation))
    found = _INDEXES.get(key)
    if found is not None and all(
        a is b
        for a, b in zip(found[0], (catalogue, lexicon, nomenclature, correlation), strict=True)
    ):
        return found[1]
    subheadings = [(c.code, c.description) for c in nomenclature.codes(6)]
    known = set(lexicon.vocabulary)
    for code in nomenclature.codes():
        known.update(w for w in normalise_description(code.description).split() if w.isalpha())
    chapters = {r.hs_prefix[:2] for r in correlation.rows if r.edition == nomenclature.edition}
    index = CatalogueIndex(catalogue, known, evidence=evidence_factors(subheadings, chapters))
    if len(_INDEXES) >= MAX_CACHED_INDEXES:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[key] = ((catalogue, lexicon, nomenclature, correlation), index)
    return index


MAX_CACHED_INDEXES = 4
# The reference objects are held with their index, so that their ids stay theirs.
_INDEXES: dict[tuple[int, ...], tuple[tuple[object, ...], CatalogueIndex]] = {}


@cache
def default_classifier() -> Classifier:
    """Return a classifier over the bundled reference data (no decision store)."""
    return Classifier()


def classify_line(line: GoodsLine, classifier: Classifier | None = None) -> Classification:
    """Classify one goods line with the bundled reference data (or ``classifier``)."""
    return (classifier or default_classifier()).classify(line)


def classify_lines(
    lines: Iterable[GoodsLine], classifier: Classifier | None = None
) -> Iterator[Classification]:
    """Classify lines one by one, lazily, with one shared classifier."""
    chosen = classifier or default_classifier()
    for line in lines:
        yield chosen.classify(line)
