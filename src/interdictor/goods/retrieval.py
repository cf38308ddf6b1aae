"""Catalogue-text retrieval: Annex I entries found by their own words.

The lexicon names the goods that reviewers have written concepts for. Everything else in
Annex I is still described by the catalogue's own text: "Hot isostatic presses",
"Velocity interferometers", "Turboexpanders", "Calcium having both of the following". This
module indexes that text so that a line the lexicon does not name can still be matched
to the entries whose wording it shares, with the shared words as the reason.

What is indexed, per goods entry (groups A, B and C; software and technology have no
goods to declare): the entry's label, and its body cut into passages at the sub-item
markers ("a.", "1."). What is left out: Technical Notes and "N.B." cross-references,
definitions ("'Film type integrated circuit' is an array of ..."), decontrol notes ("does
not control ..."), items that point to the Military Goods Controls, and "Not used". A
Technical Note's "also referred to as" names are kept as a passage of their own ("stellar
attitude sensors" for star trackers), as are Notes that say what an entry includes
("3A229.b. includes xenon flash-lamp drivers").

Words are normalised as the lexicon does it (``lexicon.normalise_description``), written
in British spelling ("fiber" -> "fibre", "analyzer" -> "analyser"), stemmed with a small
suffix stripper, and stripped of English and catalogue boilerplate ("specially designed",
"having any of the following"). Adjacent words also make a bigram term, so "isostatic
presses" counts more than "isostatic" and "presses" apart. A query word that neither the
catalogue, the lexicon nor any ``known_words`` hold is corrected to the nearest catalogue
word, as the lexicon corrects its own terms; a corrected word counts for less.

Scores are BM25 over passages, with an inverted index from term to passages: the work
grows with the words of the line, not with the catalogue. An entry's score is its best
passage plus a share of what its label adds. The word that names the goods (the last
word of the first phrase: "gyro" in "FIBRE OPTIC GYRO, BIAS ...") counts more; words after
"for", on either side, count less ("mirrors for ring laser gyros" is not a gyro). Words
that the HS texts use mostly outside the chapters where controlled goods are declared
("animal", "table", "light") are worth less as evidence (``evidence_factors``).

``confidence`` maps the score, and ``coverage`` (the share of the line's own words the
entry explains, unknown words counting in full), onto 0-1; the classifier lists an entry
found this way only from a calibrated confidence (see ``classify.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from interdictor.goods.catalogue import ControlCatalogue, ControlEntry
from interdictor.goods.lexicon import Vocabulary, nearest_word, normalise_description

__all__ = [
    "GENERIC_STEMS",
    "CatalogueIndex",
    "Passage",
    "RetrievalHit",
    "TextSearch",
    "evidence_factors",
    "passages_of",
    "stem",
    "terms_of",
]

K1 = 1.2
B = 0.5
BIGRAM_FACTOR = 0.8  # a bigram's idf counts this much on top of its words'
LABEL_SHARE = 0.5  # what an entry's label adds to its best passage
TYPO_FACTOR = 0.6  # a corrected word counts this much
HEAD_FACTOR = 1.5  # the word that names the goods ("gyro" in "fibre optic gyro")
QUERY_PURPOSE_FACTOR = 0.5  # a line's words after "for"
PASSAGE_PURPOSE_FACTOR = 0.6  # a passage's words after "for"
LABEL_BOOST = 1.3  # an entry's label names its goods
MIN_TYPO_LENGTH = 5
DEFAULT_GROUPS = "ABC"
MAX_CORRECTIONS = 100_000
MAX_CACHED_SEARCHES = 50_000
EVIDENCE_FLOOR = 0.25  # what a match on the most everyday word is worth (see evidence_factors)

# English function words, and catalogue wording that names no goods.
STOPWORDS = frozenset(
    """a an the of or and nor for to in on at by with without as is are be been being was
    were than that which this these those from into onto its it their any all both either
    each other others such not no but can may might one two three per via e g i ie eg etc
    so also only same whose when where who whom thereof therefor therefore therein
    specially designed modified prepared following follows having has have specified
    controlled control controls usable used use using capable characteristics
    characteristic including include includes included containing contain contains
    exceeding exceed exceeds less greater more equal better worse maximum minimum within
    between above below over under up out rated made make making type types kind
    purpose purposes see note notes technical defined means item items entry entries
    described particular certain specific specifically suitable intended like
    new used brand model pcs pc set sets lot batch ref po no nos qty unit units""".split()
)
# Words that say what kind of thing the goods are without saying which: they count, but
# an entry matched by such words alone is never listed.
GENERIC = frozenset(
    """equipment system systems component components part parts accessory accessories
    assembly assemblies device devices apparatus material materials machine machines
    product products unit instrument instruments tool tools article articles goods
    element elements module modules plant plants facility facilities""".split()
)
_SPELLING = {
    "fiber": "fibre",
    "fibers": "fibres",
    "aluminum": "aluminium",
    "center": "centre",
    "centers": "centres",
    "vapor": "vapour",
    "vapors": "vapours",
    "sulfur": "sulphur",
    "sulfuric": "sulphuric",
    "meter": "metre",
    "meters": "metres",
    "liter": "litre",
    "liters": "litres",
    "color": "colour",
    "mold": "mould",
    "molds": "moulds",
    "caliber": "calibre",
    "gray": "grey",
}
_IZE = re.compile(r"(?<=[a-z]{3})(iz|yz)(e|es|er|ers|ed|ing|ation|ations)$")
# A number standing alone ("LOT 12345", "4.5"), not part of a CAS number or a code.
_BARE_NUMBER = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)?(?![\w-])")
_CAS = re.compile(r"\b(\d{2,7}-\d{2}-\d)\b")
_ANNEX_CODE = re.compile(r"^\d[a-e]\d{3}[a-z0-9]*$")
_ITEM_START = re.compile(r"(?<=[:;.])\s+(?=(?:[a-z]|\d{1,2})\.\s)")
_MARKER = re.compile(r"^(?:[a-z]|\d{1,2})\.\s+")
_CUT = re.compile(r"\b(?:Technical Notes?\b|N\.\s?B\.|Notes?(?: \d+)?:|does not (?:control|apply))")
_DEFINITION = re.compile(
    r"^(?:(?:A|An|The)\s+)?['\"‘’“”][^'\"‘’“”]{1,80}['\"‘’“”]\s+(?:is|are|means|refers?)\b"
    r"|^For the purposes? of\b|^In this entry\b|^Not used\b|SEE MILITARY GOODS CONTROLS for\b"
)
_PHRASE_END = re.compile(r"[,;(/]|\s(?:for|with|w/|of)\s", re.IGNORECASE)
_ALSO_CALLED = re.compile(r"\balso (?:referred to|known) as ([^.;]+)")
_INCLUDES = re.compile(r"\bincludes?\b(.*)", re.IGNORECASE)


def british(word: str) -> str:
    """Return the catalogue's (British) spelling of a word: "analyzer" -> "analyser"."""
    word = _SPELLING.get(word, word)
    return _IZE.sub(lambda m: ("is" if m.group(1) == "iz" else "ys") + m.group(2), word)


def stem(word: str) -> str:
    """A small suffix stripper: "presses" -> "press", "machining" and "machines" -> "machin".

    It only has to send a word's written forms to one key, the same on both sides.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("es") and word[-3] in "xz" or word.endswith(("ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Token:
    """A content word: as written (normalised), its stem, and whether it follows "for"."""

    written: str
    stem: str
    purpose: bool = False  # "... for gas centrifuges": what the goods serve, not what they are


def terms_of(text: str) -> list[Token]:
    """Return the content words of a text, in order (CAS numbers as "cas:111-48-8")."""
    found = [Token(cas, "cas:" + cas) for cas in _CAS.findall(text)]
    purpose = False
    for word in normalise_description(_CAS.sub(" ", text)).split():
        if word == "for":
            purpose = True
        if len(word) < 2 or word in STOPWORDS or word.isdigit() or _ANNEX_CODE.match(word):
            continue
        if not any(ch.isalpha() for ch in word):
            continue
        found.append(Token(word, stem(british(word)), purpose))
    return found


def head_of(text: str) -> str | None:
    """Return the stem of the word that names the goods: the last content word of the
    description's first phrase ("FIBRE OPTIC GYRO, BIAS ..." -> "gyro"), or None.

    Short words ("HIP", "psi") are passed over: abbreviations and units name no goods here.
    """
    first = _PHRASE_END.split(text, 1)[0]
    words = [
        t
        for t in terms_of(first)
        if t.written.isalpha() and len(t.written) > 3 and t.written not in GENERIC
    ]
    return words[-1].stem if words else None


class TextSearch(Protocol):
    """What the classifier's fallback needs of an index: ranked entries for a description.

    ``CatalogueIndex`` is the one the application uses; the benchmarks plug a sentence-
    embedding index in through the same call to compare the two.
    """

    def search(self, text: str, limit: int = 5) -> list[RetrievalHit]: ...


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of an entry's text: its label, one sub-item, or a name from a note."""

    entry: str
    where: str  # "2B004" (the label), "2B004.b", or "2B004 note"
    tokens: tuple[Token, ...]
    label: bool = False
    text: str = ""  # the cleaned catalogue text the tokens come from


@dataclass(slots=True)
class RetrievalHit:
    """One entry found by its text: raw score, calibrated confidence and the matched words."""

    entry: str
    score: float
    confidence: float
    where: str
    matched: list[str] = field(default_factory=list)  # catalogue words: "isostatic presses"
    specific: bool = False  # some matched word names goods more than generically
    coverage: float = 0.0  # share of the line's informative weight the entry explains
    head: bool = False  # the word that names the goods on the line is matched
    phrase: bool = False  # two adjacent words of the line are adjacent in the text
    stems: frozenset[str] = frozenset()  # the line's word stems matched (not after "for")
    corrected: dict[str, str] = field(default_factory=dict)  # line word -> catalogue word

    def reason(self) -> str:
        """Return "matched catalogue text: 'isostatic presses' in 2B004"."""
        quoted = ", ".join(f"'{m}'" for m in self.matched)
        text = f"matched catalogue text: {quoted} in {self.where}"
        if self.corrected:
            fixes = ", ".join(f"{w!r} read as {c!r}" for w, c in self.corrected.items())
            text += f" ({fixes})"
        return text


class CatalogueIndex:
    """An inverted index over the goods entries' own text (see the module docstring)."""

    def __init__(
        self,
        catalogue: ControlCatalogue,
        known_words: Iterable[str] = (),
        groups: str = DEFAULT_GROUPS,
        evidence: dict[str, float] | None = None,
    ):
        self.passages: list[Passage] = []
        for entry in catalogue.top_level():
            if entry.group in groups:
                self.passages.extend(passages_of(entry, catalogue))
        counts_of = [passage_terms(p.tokens) for p in self.passages]
        total = len(self.passages)
        average = sum(len(p.tokens) for p in self.passages) / total if total else 1.0
        # term -> [(passage, BM25 term-frequency part)]: a query adds idf x that part.
        self.postings: dict[str, list[tuple[int, float]]] = {}
        self.labels: dict[str, int] = {}
        for number, (passage, counts) in enumerate(zip(self.passages, counts_of, strict=True)):
            norm = K1 * (1.0 - B + B * len(passage.tokens) / average)
            boost = LABEL_BOOST if passage.label else 1.0
            for term, count in counts.items():
                part = boost * count * (K1 + 1) / (count + norm)
                self.postings.setdefault(term, []).append((number, part))
            if passage.label:
                self.labels[passage.entry] = number
        self.idf = {
            term: math.log(1.0 + (total - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self.postings.items()
        }
        # Weight of a line word the catalogue does not know: as rare as a word can be.
        self.unknown_idf = math.log(1.0 + (total + 0.5) / 0.5)
        self.vocabulary = frozenset(t.written for p in self.passages for t in p.tokens)
        self._vocabulary = Vocabulary(sorted(w for w in self.vocabulary if w.isalpha()))
        self._stems = {t.written: t.stem for p in self.passages for t in p.tokens}
        self.known_words = frozenset(known_words)
        self.evidence = evidence or {}
        self._corrections: dict[str, str | None] = {}
        self._searches: dict[tuple[str, int], list[RetrievalHit]] = {}

    def __len__(self) -> int:
        return len(self.passages)

    def correct(self, word: str) -> str | None:
        """Return the catalogue word a misspelt line word stands for, or None."""
        if (
            len(word) < MIN_TYPO_LENGTH
            or not word.isalpha()
            or word in self.vocabulary
            or word in self.known_words
        ):
            return None
        if word not in self._corrections:
            if len(self._corrections) > MAX_CORRECTIONS:
                self._corrections.clear()
            found = nearest_word(word, self._vocabulary)
            self._corrections[word] = found if found != word else None
        return self._corrections[word]

    def query(self, text: str) -> Query:
        """Read a line's description into weighted terms (see ``Query``)."""
        query = Query()
        head = head_of(text)
        query.head = head or ""
        stems: list[str] = []
        for token in terms_of(text):
            key, factor = token.stem, 1.0
            if key not in self.idf:
                fixed = self.correct(token.written)
                if fixed is not None:
                    key, factor = self._stems.get(fixed, stem(fixed)), TYPO_FACTOR
                    query.corrected[token.written] = fixed
            if token.purpose:
                factor *= QUERY_PURPOSE_FACTOR
                query.purpose.add(key)
            elif key == head:
                factor *= HEAD_FACTOR
            stems.append(key)
            if token.written in GENERIC or any(ch.isdigit() for ch in token.written):
                informative = 0.0
            else:
                informative = self.idf.get(key, self.unknown_idf) * min(factor, 1.0)
            # An everyday word ("animal", "table") is evidence of little; it still counts
            # in full among the words an entry must explain.
            factor *= self.evidence.get(key, 1.0)
            query.weights[key] = max(query.weights.get(key, 0.0), factor)
            query.informative += informative
        for first, second in zip(stems, stems[1:], strict=False):
            if first != second:
                pair = f"{first} {second}"
                weight = min(query.weights[first], query.weights[second]) * BIGRAM_FACTOR
                query.weights[pair] = max(query.weights.get(pair, 0.0), weight)
        return query

    def search(self, text: str, limit: int = 5) -> list[RetrievalHit]:
        """Return up to ``limit`` entries ranked by the text they share with ``text``.

        Results are remembered (bounded) per text without its bare numbers: lot, order and
        serial numbers change nothing here, and batches repeat the same goods.
        """
        key = (_BARE_NUMBER.sub(" ", text), limit)
        found = self._searches.get(key)
        if found is None:
            if len(self._searches) > MAX_CACHED_SEARCHES:
                self._searches.clear()
            found = self._searches[key] = self.rank(text, limit)
        return list(found)

    def rank(self, text: str, limit: int) -> list[RetrievalHit]:
        """The work of ``search``, uncached."""
        query = self.query(text)
        scores: dict[int, float] = {}
        matched: dict[int, list[str]] = {}
        for term, factor in query.weights.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            weight = self.idf[term] * factor
            for number, part in postings:
                scores[number] = scores.get(number, 0.0) + weight * part
                matched.setdefault(number, []).append(term)
        best: dict[str, int] = {}
        for number, score in scores.items():
            entry = self.passages[number].entry
            if entry not in best or score > scores[best[entry]]:
                best[entry] = number
        ranked: list[tuple[float, str, int, set[str]]] = []
        for entry, number in best.items():
            terms = set(matched[number])
            score = scores[number]
            label = self.labels.get(entry)
            if label is not None and label != number and label in matched:
                extra = set(matched[label]) - terms
                if extra:
                    score += LABEL_SHARE * self.passage_score(label, extra, query)
                    terms |= extra
            ranked.append((score, entry, number, terms))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [self.make_hit(*r, query) for r in ranked[:limit]]

    def passage_score(self, number: int, terms: set[str], query: Query) -> float:
        """BM25 of one passage over some of the query's terms."""
        total = 0.0
        for term in terms:
            part = next(p for n, p in self.postings[term] if n == number)
            total += self.idf[term] * query.weights[term] * part
        return total

    def make_hit(
        self, score: float, entry: str, number: int, terms: set[str], query: Query
    ) -> RetrievalHit:
        """Describe one ranked entry: matched catalogue wording, coverage, confidence."""
        words = {t for t in terms if " " not in t}
        explained = sum(
            self.idf[t] * min(query.weights[t], 1.0) for t in words if t not in GENERIC_STEMS
        )
        specific = any(t not in GENERIC_STEMS for t in words)
        coverage = min(1.0, explained / query.informative) if query.informative > 0 else 0.0
        passage = self.passages[number]
        tokens = passage.tokens
        label = self.labels.get(entry)
        if label is not None and label != number:
            tokens += (_BREAK, *self.passages[label].tokens)
        phrases = matched_phrases(tokens, words)
        corrected = {
            written: fixed
            for written, fixed in query.corrected.items()
            if self._stems.get(fixed, stem(fixed)) in words
        }
        return RetrievalHit(
            entry,
            score,
            calibrate(score, coverage, specific),
            passage.where,
            phrases,
            specific,
            coverage,
            bool(query.head) and query.head in words,
            any(" " in t for t in terms),
            frozenset(words - query.purpose),
            corrected,
        )


@dataclass(slots=True)
class Query:
    """A line read for retrieval: term -> weight factor (1.0 as written; less when typo
    corrected or after "for"; more for the head word), the corrections, and the line's
    informative weight (the idf of its words, unknown words at the highest idf, generic
    words and words with digits left out): the share of it an entry explains is its
    ``coverage``."""

    weights: dict[str, float] = field(default_factory=dict)
    corrected: dict[str, str] = field(default_factory=dict)
    informative: float = 0.0
    head: str = ""
    purpose: set[str] = field(default_factory=set)  # stems written only after "for"


GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)
_BREAK = Token("", "")  # between two passages' words: no phrase runs across it


def evidence_factors(
    subheadings: Iterable[tuple[str, str]], control_chapters: Collection[str]
) -> dict[str, float]:
    """Return word stem -> how much a match on it is worth (EVIDENCE_FLOOR to 1.0).

    ``subheadings`` are (6-digit HS code, text); ``control_chapters`` the chapters where
    controlled goods are declared (those of the HS correlation table). A word the HS
    texts use mostly outside those chapters is an everyday word: "animal" (live animals,
    meat, hides), "table" (furniture), "light" (luminaires). Matching it says little,
    even when the catalogue holds it ("African swine fever virus"). A word used at least
    half the time inside them, or not at all in the HS, counts in full.
    """
    counts: dict[str, list[int]] = {}
    for code, text in subheadings:
        inside = 1 if code[:2] in control_chapters else 0
        for key in {t.stem for t in terms_of(text)}:
            pair = counts.setdefault(key, [0, 0])
            pair[0] += inside
            pair[1] += 1
    factors: dict[str, float] = {}
    for key, (inside, total) in counts.items():
        share = (inside + 0.5) / (total + 1.0)
        factor = min(1.0, EVIDENCE_FLOOR + (1.0 - EVIDENCE_FLOOR) * 2.0 * share)
        if factor < 1.0:
            factors[key] = factor
    return factors


def calibrate(score: float, coverage: float, specific: bool) -> float:
    """Map a BM25 score and the line's coverage onto 0-1 (see ``classify.py`` for use)."""
    if not specific:
        return 0.0
    strength = 1.0 - math.exp(-score / 10.0)
    return round(strength * (0.4 + 0.6 * coverage), 4)


def passage_terms(tokens: tuple[Token, ...]) -> dict[str, float]:
    """Return a passage's terms with their counts: stems and bigrams of adjacent stems.

    A word after "for" counts PASSAGE_PURPOSE_FACTOR: in "mirrors for ring laser gyros"
    the equipment is for gyros, it is not one.
    """
    counts: dict[str, float] = {}
    for i, token in enumerate(tokens):
        weight = PASSAGE_PURPOSE_FACTOR if token.purpose else 1.0
        counts[token.stem] = counts.get(token.stem, 0.0) + weight
        if i and tokens[i - 1].stem != token.stem:
            pair = f"{tokens[i - 1].stem} {token.stem}"
            counts[pair] = counts.get(pair, 0.0) + weight
    return counts


def matched_phrases(tokens: tuple[Token, ...], stems: set[str]) -> list[str]:
    """Return the runs of adjacent passage words whose stems the line shares.

    A run stops before a word whose stem it already holds, and a run that adds no new
    word is not repeated ("turboexpanders or turboexpander-compressor sets" gives
    "turboexpanders", once).
    """
    phrases: list[str] = []
    shown: set[str] = set()
    run: list[Token] = []
    for token in (*tokens, None):
        if token is not None and token.stem in stems and token.stem not in {t.stem for t in run}:
            run.append(token)
            continue
        if run and not {t.stem for t in run} <= shown:
            phrases.append(" ".join(t.written for t in run))
            shown.update(t.stem for t in run)
        run = [token] if token is not None and token.stem in stems else []
    return phrases


def passages_of(entry: ControlEntry, catalogue: ControlCatalogue) -> list[Passage]:
    """Cut an entry into indexed passages (see the module docstring for what is left out)."""
    label = clean(entry.label)
    passages = [Passage(entry.code, entry.code, tuple(terms_of(label)), True, label)]
    body = entry.body
    if body.startswith(entry.label):
        body = body[len(entry.label) :]
    starts = item_starts(entry, catalogue)
    offset = len(entry.body) - len(body)
    for segment in _ITEM_START.split(body):
        where = item_at(starts, entry.body.find(segment, offset), entry.code)
        for name in _ALSO_CALLED.findall(segment):
            passages.append(Passage(entry.code, where, tuple(terms_of(name)), text=name))
        text = clean(_MARKER.sub("", segment.strip()))
        if text and not _DEFINITION.search(text):
            tokens = tuple(terms_of(text))
            if tokens:
                passages.append(Passage(entry.code, where, tokens, text=text))
    for note in entry.notes:
        included = _INCLUDES.search(note)
        if included and "not" not in note.split(":", 1)[-1].split("include")[0]:
            text = clean(included.group(1))
            tokens = tuple(terms_of(text))
            if tokens:
                passages.append(Passage(entry.code, f"{entry.code} note", tokens, text=text))
    return passages


def clean(text: str) -> str:
    """Cut a passage at its first Technical Note, N.B. or decontrol phrase."""
    found = _CUT.search(text)
    return (text[: found.start()] if found else text).strip()


def item_starts(entry: ControlEntry, catalogue: ControlCatalogue) -> list[tuple[int, str]]:
    """Return (offset in the body, item code) for each first-level item of an entry."""
    starts: list[tuple[int, str]] = []
    for code in entry.children:
        item = catalogue.get(code)
        if item is None:
            continue
        position = entry.body.find(item.body[:80], starts[-1][0] if starts else 0)
        if position >= 0:
            starts.append((position, code))
    return starts


def item_at(starts: list[tuple[int, str]], position: int, default: str) -> str:
    """Return the item whose text holds ``position`` (the entry when before the first)."""
    found = default
    for start, code in starts:
        if start <= position:
            found = code
    return found


# Software and technology (groups D and E). A line that reads as software or technology is
# not the goods it is for: "UAV DESIGN DATA PACKAGE" is 9E001 technology, not a 9A012 UAV.
_SOFTWARE_WORDS = ("software", "firmware", "source code", "object code")
_TECHNOLOGY_WORDS = (
    "technology",
    "technical data",
    "technical assistance",
    "data package",
    "design data",
    "documentation",
    "manual",
    "manuals",
    "handbook",
    "procedure",
    "procedures",
    "dossier",
    "know how",
    "drawings",
    "blueprints",
    "tech data",
    "manufacturing data",
    "production data",
    "specifications",
    "process specifications",
    "specs",
    "design docs",
    "design documents",
    "assembly instructions",
    "work instructions",
    "training course",
    "course material",
    "training material",
    "training materials",
)
_FIRST_PHRASE = re.compile(r"[,;]|\s(?:for|with|w/|incl|including|and spare)\s", re.IGNORECASE)
_NOT_INTANGIBLE = re.compile(r"\b(?:software|computer)[\s-](?:controlled|defined|based)\b")
_STAGES: dict[str, tuple[str, ...]] = {
    "development": ("development", "design", "cad", "aero", "simulation", "analysis"),
    "production": ("production", "manufacturing", "manufacture", "process", "fabrication"),
    "use": ("use", "operation", "operations", "operating", "maintenance", "calibration",
            "launch", "repair", "overhaul", "installation", "assistance"),
}  # fmt: skip
_CODE = re.compile(r"\b(\d[A-E]\d{3})\b")
_RANGE = re.compile(r"\b(\d[A-E]\d{3})[a-z0-9.]*\s+to\s+(\d[A-E]\d{3})\b")
_GROUP = re.compile(r"\b(\d[A-C])\b(?!\d)")
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "software": _SOFTWARE_WORDS,
    "technology": _TECHNOLOGY_WORDS,
}
_KIND_VOCABULARY = Vocabulary(sorted({w for words in _KIND_WORDS.values() for t in words
                                 for w in t.split() if len(w) >= MIN_TYPO_LENGTH}))  # fmt: skip


def intangible_kind(text: str) -> str | None:
    """Return "software" or "technology" when the line's first phrase names that, else None.

    Only the first phrase counts: "CNC LATHE WITH MANUALS AND SOFTWARE" is a lathe.
    Misspelt keywords are read ("SOFWARE"), as the lexicon reads its terms.
    """
    first = normalise_description(_FIRST_PHRASE.split(text, 1)[0])
    if _NOT_INTANGIBLE.search(first):
        return None
    words = []
    for word in first.split():
        fixed = nearest_word(word, _KIND_VOCABULARY) if len(word) >= MIN_TYPO_LENGTH else None
        words.append(fixed or word)
    padded = f" {' '.join(words)} "
    for kind in ("software", "technology"):
        if any(f" {w} " in padded for w in _KIND_WORDS[kind]):
            return kind
    return None


def stages_of(text: str) -> set[str]:
    """Which of development, production and use a text speaks of."""
    words = set(normalise_description(text).split())
    return {stage for stage, names in _STAGES.items() if words & set(names)}


@dataclass(frozen=True, slots=True)
class Intangible:
    """A software (D) or technology (E) entry: the goods entries it is for, and its stages."""

    code: str
    kind: str  # "software" or "technology"
    goods: frozenset[str]
    stages: frozenset[str]


def intangible_entries(catalogue: ControlCatalogue) -> list[Intangible]:
    """Read each D and E entry, item by item, for its references to goods entries ("9A004
    to 9A012", "7A or 7B", "this Category") and the stages it names ("development",
    "production", "use"): 9E101.a is technology for the development of 9A101 and others,
    9E101.b for the production of 9A012 UAVs and others."""
    goods = [e.code for e in catalogue.top_level() if e.group in "ABC"]
    found: list[Intangible] = []
    for entry in catalogue.top_level():
        if entry.group not in "DE":
            continue
        kind = "software" if entry.group == "D" else "technology"
        items = [catalogue.get(code) for code in entry.children]
        texts = [i.body for i in items if i is not None] or [entry.body]
        preamble = entry.body.split(texts[0], 1)[0] if entry.children else ""
        for text in texts:
            body = clean_references(f"{preamble} {text}")
            found.append(Intangible(entry.code, kind, goods_referenced(body, entry.code, goods),
                                    stages_named(body)))  # fmt: skip
    return found


def goods_referenced(body: str, code: str, goods: list[str]) -> frozenset[str]:
    """The goods entries a D/E text points to: codes, ranges, groups, "this Category"."""
    refs: set[str] = {c for c in _CODE.findall(body) if c[1] in "ABC"}
    for first, last in _RANGE.findall(body):
        refs.update(c for c in goods if first <= c <= last and c[:2] == first[:2])
    for group in _GROUP.findall(body):
        refs.update(c for c in goods if c.startswith(group))
    if "this category" in body.lower():
        refs.update(c for c in goods if c[0] == code[0])
    return frozenset(refs)


def stages_named(body: str) -> frozenset[str]:
    """The quoted stages of a D/E text: "development", "production", "use"."""
    return frozenset(s for s in _STAGES if f'"{s}"' in body or f"“{s}”" in body)


def clean_references(text: str) -> str:
    """An entry's text without its Technical Notes and cross-references (N.B.)."""
    return re.split(r"Technical Notes?:|N\.\s?B\.", text, maxsplit=1)[0]


INTANGIBLE_STAGE_BONUS = 0.15  # the line names a stage ("production") the entry covers
INTANGIBLE_BREADTH = 20.0  # an entry for this many goods entries counts half as specific


@dataclass(slots=True)
class IntangibleHit:
    """A software or technology entry for a line, with its score and reasons."""

    entry: str
    score: float
    reasons: list[str]


class IntangibleIndex:
    """Software (D) and technology (E) entries, found for a line in two ways: through the
    goods entries the line names (9E001 is technology for 9A004 to 9A012), and by their
    own words (7D005 "decrypt ... ranging code"). Entries for few goods entries rank above
    those for whole categories, and the stage the line names (development, production,
    use) must be one the entry covers."""

    def __init__(
        self,
        catalogue: ControlCatalogue,
        known_words: Iterable[str] = (),
        evidence: dict[str, float] | None = None,
    ):
        self.text = CatalogueIndex(catalogue, known_words, groups="DE", evidence=evidence)
        self.entries = intangible_entries(catalogue)

    def rank(
        self, kind: str, text: str, goods: dict[str, tuple[float, str]], limit: int = 3
    ) -> list[IntangibleHit]:
        """Rank the entries of ``kind`` for a line; ``goods`` maps the goods entries found
        on it to (score 0-1, how they were found)."""
        direct = {h.entry: h for h in self.text.search(text, 10)}
        stages = stages_of(text)
        best: dict[str, IntangibleHit] = {}
        for entry in self.entries:
            if entry.kind != kind:
                continue
            reasons: list[str] = []
            linked = [(goods[g][0], g) for g in entry.goods if g in goods]
            link = 0.0
            if linked:
                top, code = max(linked)
                link = top / (1.0 + len(entry.goods) / INTANGIBLE_BREADTH)
                reasons.append(f"{kind} for goods of {code} ({goods[code][1]})")
            hit = direct.get(entry.code)
            own = hit.confidence if hit is not None else 0.0
            if hit is not None and own > 0:
                reasons.append(hit.reason())
            score = max(link, own) + 0.5 * min(link, own)
            if stages and entry.stages:
                score += (
                    INTANGIBLE_STAGE_BONUS if stages & entry.stages else -INTANGIBLE_STAGE_BONUS
                )
            known = best.get(entry.code)
            if score > 0 and reasons and (known is None or score > known.score):
                best[entry.code] = IntangibleHit(entry.code, score, reasons)
        hits = list(best.values())
        hits.sort(key=lambda h: (-h.score, h.entry))
        return hits[:limit]
