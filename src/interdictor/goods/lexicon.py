"""The reviewed goods lexicon: how goods are really written on trade documents.

Three data files in ``data/goods`` (reviewer-editable CSV):

- ``lexicon.csv`` maps a written term to a canonical concept: abbreviations ("CFRP",
  "UDMH", "IRFPA"), trade names ("T800", "IM7", "Kevlar", "Twaron", "Hastelloy"),
  Chinese and Korean terms ("碳纤维", "数控机床", "탄소섬유", "공작기계") and spellings.
- ``lexicon_concepts.csv`` gives each concept its candidate Annex I entries with weights
  (negative for benign look-alikes such as "fishing rod" against 1C010), the HS prefixes
  where such goods belong, and a role (item, modifier, benign).
- ``lexicon_rules.csv`` holds the deciding parameters of an entry (e.g. 1B001 filament
  winding machines need three or more axes) and required features ("@material").

Matching survives typos: a Latin token that is not in the vocabulary is corrected to the
nearest vocabulary word (rapidfuzz ratio >= ``TYPO_SIMILARITY``), once per distinct token.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from interdictor.errors import InvalidInput
from interdictor.goods.parameters import Comparator, Threshold
from interdictor.goods.units import is_angle, parse_quantity

# "filamnet" -> "filament" scores 87.5; "milling" -> "filling" would need a vocabulary
# entry "filling", which there is not. Below 85, "lathes" starts to match "laser".
TYPO_SIMILARITY = 85.0
MIN_TYPO_LENGTH = 5
MAX_TERM_TOKENS = 6
ROLES = ("item", "modifier", "benign")
COMPARATORS = {">": Comparator.GT, ">=": Comparator.GE, "<": Comparator.LT, "<=": Comparator.LE}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_REWRITES = (
    (re.compile(r"\bm/c\b"), " machine "),
    (re.compile(r"\bw/"), " with "),
    (re.compile(r"[^\w\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|_"), " "),
)


@dataclass(frozen=True, slots=True)
class Concept:
    """A canonical goods concept with its candidate entries and expected HS prefixes."""

    canonical: str
    entries: dict[str, float]
    hs_prefixes: tuple[str, ...]
    role: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TermHit:
    """A lexicon term found in a description: as written, its concept, and how it matched."""

    written: str
    canonical: str
    how: str  # "exact", "typo" or "script" (a Chinese, Japanese or Korean substring)
    context: bool = False  # written after "for": what the goods serve, not what they are
    # Written after "with", "containing", "other than" and the like: a constituent, a
    # fitting or an exclusion of the goods named before, not the goods themselves.
    aside: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """One deciding condition of an entry, active when ``when`` (a concept) is present."""

    entry: str
    when: str
    mode: str  # "all" or "any" rule of the (entry, when) group must hold
    parameter: str
    aliases: tuple[str, ...]
    clause: str
    threshold: Threshold | None = None
    requires: tuple[str, ...] = ()
    dimensionality: Any = None
    angle: bool = False
    threshold_base: float | None = None  # the threshold in base units, read once


@dataclass
class Lexicon:
    """Terms, concepts and rules, with the indexes the classifier needs."""

    terms: dict[str, str]
    concepts: dict[str, Concept]
    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._script_terms = sorted((t for t in self.terms if _CJK.search(t)), key=len)[::-1]
        self._script_re = (
            re.compile("|".join(re.escape(t) for t in self._script_terms))
            if self._script_terms
            else None
        )
        self.vocabulary = sorted(
            {w for t in self.terms if not _CJK.search(t) for w in t.split() if w.isalpha()}
        )
        self._vocabulary_set = set(self.vocabulary)
        self._vocabulary_tuple = Vocabulary(self.vocabulary)
        self.rules_by_entry: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self.rules_by_entry.setdefault(rule.entry, []).append(rule)
        self.rule_aliases = frozenset(a for rule in self.rules for a in rule.aliases)

    @classmethod
    def load_default(cls) -> Lexicon:
        """Return the bundled lexicon, loaded once."""
        return _load_bundled()

    def find_terms(self, text: str) -> list[TermHit]:
        """Return the lexicon terms in a description, longest match first, left to right."""
        normalised = normalise_description(text)
        hits: list[TermHit] = []
        if self._script_re is not None:
            for match in self._script_re.finditer(normalised):
                hits.append(TermHit(match.group(0), self.terms[match.group(0)], "script"))
            normalised = self._script_re.sub(" ", normalised)
        hits.extend(self.match_tokens(normalised.split()))
        return hits

    def match_tokens(self, tokens: list[str]) -> list[TermHit]:
        """Longest terms first, without overlaps, after correcting typos.

        Typo correction is only trusted inside multi-word terms: corrected single words
        ("turbots" -> "turbojet", "lates" -> "lathes") made fish look like engines.

        Longest-first over the whole line (not left to right) keeps "rocket motor case" in
        "solid rocket motor case" whole instead of stopping at "solid rocket motor".
        """
        fixed = [self.correct_token(t) for t in tokens]
        words = [w for w, _ in fixed]
        found: list[tuple[int, int]] = []
        for i in range(len(words)):
            for n in range(min(MAX_TERM_TOKENS, len(words) - i), 0, -1):
                if " ".join(words[i : i + n]) in self.terms:
                    found.append((i, n))
        taken = [False] * len(words)
        chosen: list[tuple[int, int]] = []
        for i, n in sorted(found, key=lambda f: (-f[1], f[0])):
            corrected = sum(changed for _, changed in fixed[i : i + n])
            # A corrected token counts only inside a longer term with an exact partner:
            # "filamnet winding machine", never "lates" -> "lathes" on its own.
            if corrected and (n < 2 or corrected == n):
                continue
            if not any(taken[i : i + n]):
                taken[i : i + n] = [True] * n
                chosen.append((i, n))
        purpose = words.index("for") if "for" in words else len(words)
        aside = aside_start(words)
        hits = []
        for i, n in sorted(chosen):
            key = " ".join(words[i : i + n])
            typo = any(changed for _, changed in fixed[i : i + n])
            written = " ".join(tokens[i : i + n])
            how = "typo" if typo else "exact"
            hits.append(
                TermHit(written, self.terms[key], how, context=i > purpose, aside=i > aside)
            )
        return hits

    def correct_token(self, token: str) -> tuple[str, bool]:
        """Return (token or its vocabulary correction, whether it was changed)."""
        if token in self._vocabulary_set or len(token) < MIN_TYPO_LENGTH or not token.isalpha():
            return token, False
        if token.endswith("s") and token[:-1] in self._vocabulary_set:
            return token[:-1], True
        corrected = nearest_word(token, self._vocabulary_tuple)
        return (corrected, True) if corrected else (token, False)

    def concepts_in(self, hits: Iterable[TermHit]) -> list[Concept]:
        """Return the distinct concepts behind the hits, in order of first appearance."""
        names = dict.fromkeys(h.canonical for h in hits)
        return [self.concepts[n] for n in names if n in self.concepts]


class Vocabulary(tuple[str, ...]):
    """A word list hashed once: ``nearest_word``'s cache is keyed on it, and a plain tuple
    would be hashed word by word on every call."""

    _hash: int

    def __new__(cls, words: Iterable[str]) -> Vocabulary:
        vocabulary = super().__new__(cls, words)
        vocabulary._hash = hash(tuple(vocabulary))
        return vocabulary

    def __hash__(self) -> int:
        return self._hash


@lru_cache(maxsize=32768)
def nearest_word(token: str, vocabulary: tuple[str, ...]) -> str | None:
    """Return the word of ``vocabulary`` nearest to ``token`` (ratio >= TYPO_SIMILARITY), or None.

    Cached per (token, vocabulary): pass the same ``Vocabulary`` each time.
    """
    found = process.extractOne(token, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY)
    return found[0] if found else None


def normalise_description(text: str) -> str:
    """Return lower-case NFKC text with punctuation as spaces ("T800SC-24K" -> "t800sc 24k")."""
    out = unicodedata.normalize("NFKC", text).casefold()
    for pattern, replacement in _REWRITES:
        out = pattern.sub(replacement, out)
    return " ".join(out.split())


def read_terms(text: str, source: str) -> dict[str, str]:
    """Parse lexicon.csv (term, canonical, language, kind); terms are normalised."""
    terms: dict[str, str] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        term = normalise_description(row.get("term") or "")
        canonical = (row.get("canonical") or "").strip()
        if not term or not canonical:
            raise InvalidInput(
                "term and canonical are required", source=source, position=f"line {line}"
            )
        terms[term] = canonical
    return terms


def read_concepts(text: str, source: str) -> dict[str, Concept]:
    """Parse lexicon_concepts.csv (canonical, entries "1C010:1.0 ...", hs_prefixes, role)."""
    concepts: dict[str, Concept] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        where = f"line {line}"
        role = (row.get("role") or "").strip()
        if role not in ROLES:
            raise InvalidInput(
                f"role {role!r} is not one of {ROLES}", source=source, position=where
            )
        entries: dict[str, float] = {}
        for pair in (row.get("entries") or "").split():
            code, _, weight = pair.partition(":")
            try:
                entries[code] = float(weight)
            except ValueError:
                raise InvalidInput(
                    f"bad weight in {pair!r}", source=source, position=where
                ) from None
        name = (row.get("canonical") or "").strip()
        prefixes = tuple((row.get("hs_prefixes") or "").split())
        concepts[name] = Concept(name, entries, prefixes, role, (row.get("note") or "").strip())
    return concepts


def read_rules(text: str, source: str) -> list[Rule]:
    """Parse lexicon_rules.csv; a threshold must parse as a quantity."""
    rules: list[Rule] = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        rules.append(parse_rule(row, source, f"line {line}"))
    return rules


def parse_rule(row: dict[str, str], source: str, where: str) -> Rule:
    """Build one Rule from a CSV row, naming the row when it is wrong."""
    entry, parameter, comparator, written = (
        (row.get(k) or "").strip() for k in ("entry", "parameter", "comparator", "threshold")
    )
    mode = (row.get("mode") or "all").strip()
    if not entry or not parameter or mode not in ("all", "any"):
        raise InvalidInput("needs entry, parameter and mode all|any", source=source, position=where)
    aliases = tuple(a.strip().lower() for a in (row.get("aliases") or "").split("|") if a.strip())
    when, clause = (row.get("when") or "").strip(), (row.get("clause") or "").strip()
    if comparator == "present":
        needed = tuple(written.split("|"))
        return Rule(entry, when, mode, parameter, aliases or (parameter,), clause, requires=needed)
    quantity = parse_quantity(written)
    if comparator not in COMPARATORS or quantity is None:
        reason = f"cannot read threshold {comparator} {written!r}"
        raise InvalidInput(reason, source=source, position=where)
    threshold = Threshold(parameter, COMPARATORS[comparator], quantity, clause)
    base = float(quantity.to_base_units().magnitude)
    return Rule(entry, when, mode, parameter, aliases or (parameter,), clause, threshold,
                dimensionality=quantity.dimensionality, angle=is_angle(quantity),
                threshold_base=base)  # fmt: skip


def read_data_file(name: str) -> str:
    """Return a text file bundled in ``interdictor/data/goods``."""
    return resources.files("interdictor").joinpath("data", "goods", name).read_text("utf-8-sig")


@cache
def _load_bundled() -> Lexicon:
    return Lexicon(
        read_terms(read_data_file("lexicon.csv"), "lexicon.csv"),
        read_concepts(read_data_file("lexicon_concepts.csv"), "lexicon_concepts.csv"),
        read_rules(read_data_file("lexicon_rules.csv"), "lexicon_rules.csv"),
    )


# Words after which a line names what the goods contain, carry or exclude, not the goods:
# "zirconium ... containing less than 1 part hafnium", "quantum computer incl. dilution
# refrigerator", "machines, other than sewing machines".
ASIDE_WORDS = frozenset(
    "with w containing contains incorporating incl including excluding excl except".split()
)


def aside_start(words: list[str]) -> int:
    """Index of the first word that opens an aside (see ASIDE_WORDS), or len(words).

    An aside needs something named before it: a line that opens with "with" has none.
    """
    for i, word in enumerate(words):
        if i == 0:
            continue
        if word in ASIDE_WORDS or (word == "other" and words[i + 1 : i + 2] == ["than"]):
            return i
    return len(words)
