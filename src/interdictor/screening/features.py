"""Features of a query-versus-listing comparison. Each is a pure function that
returns a value and the detail a reviewer needs to see why.

Names are compared several ways and the best reading wins:

- ``tokens``: rarity-weighted alignment of word tokens, any order, tolerant of
  typos and spelling variants (Namchonggang ~ Namchongang).
- ``korean``: Korean syllable keys, equal across Hangul and romanisations
  (김정은 ~ Kim Jong Un ~ Kim Chong-un; Ri ~ Lee ~ Yi).
- ``joined``: the tokens with spaces removed (Jongun ~ Jong Un; unspaced pinyin).
- ``acronym``: a one-word query that is an acronym of an organisation (KOMID).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from interdictor.screening.names import ORG, KoreanReading, NameForm
from interdictor.text.chinese import surname_variants

MIN_TOKEN_SIMILARITY = 0.75  # below this two tokens are different words
MAX_LENGTH_GAP = 0.25  # a longer gap cannot reach MIN_TOKEN_SIMILARITY
MAX_SURNAME_LENGTH = 7  # single-character surnames: Cheung, Zhuang, Hsiung
CHINESE_SURNAME_VARIANT = 0.85  # 陈: Chen (pinyin), Chan (Cantonese), Tan (Hokkien)
PHONETIC_FLOOR = 0.8  # same metaphone: Namchongang ~ Namchonggang
KOREAN_READING_DISCOUNT = 0.99
KOREAN_WORDS_FLOOR = 0.9  # words must agree almost exactly to overrule a Korean reading
ACRONYM_SCORE = {3: 0.7, 4: 0.78}  # by acronym length: KPA, KPTC are ambiguous
ACRONYM_LONG_SCORE = 0.9  # KOMID: five letters in order are rarely chance


@dataclass(frozen=True, slots=True)
class NameComparison:
    """How two names compare. The reviewer's sentence is built only when asked for."""

    score: float
    rule: str
    q: NameForm
    c: NameForm
    facts: Any = None

    @property
    def query(self) -> str:
        return self.q.original

    @property
    def listed(self) -> str:
        return self.c.original

    @property
    def weak(self) -> bool:
        return self.c.weak

    @property
    def detail(self) -> str:
        q, c, facts = self.q, self.c, self.facts
        if self.rule == "korean":
            qk, ck = facts
            return (
                f"Korean reading {qk[0]} {qk[1]} vs {ck[0]} {ck[1]} "
                "(family name, given-name syllables)"
            )
        if self.rule == "same_words":
            return "the same words: " + " ".join(sorted(q.tokens))
        if self.rule == "joined":
            return f"{q.joined} vs {c.joined} with spaces removed"
        if self.rule == "pinyin":
            return f"{q.joined} vs pinyin {' '.join(c.pinyin or ())}"
        if self.rule == "acronym":
            return f"{q.core[0].upper()} is an acronym of {c.original}"
        return ", ".join(f"{a}~{b} ({s:.3f})" for a, b, s in facts) or "no words in common"


def is_chinese_surname_variant(a: str, b: str) -> bool:
    """One token romanises the other's pinyin surname: Chan/Tan/Chin -> Chen, Wong -> Huang."""
    variants = surname_variants()  # lower-case spelling -> pinyin keys, loaded once
    keys_a = variants.get(a)
    if keys_a is None:
        return False
    if b in keys_a:
        return True
    keys_b = variants.get(b)
    return keys_b is not None and a in keys_b


def token_similarity(a: str, b: str, pa: str, pb: str) -> float:
    """Similarity of two tokens in [0, 1]; 0 below the typo tolerance."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la <= 2 or lb <= 2:
        return 0.0  # "al" vs "el", "o" vs "u": too short to call a variant
    if la <= MAX_SURNAME_LENGTH and lb <= MAX_SURNAME_LENGTH and is_chinese_surname_variant(a, b):
        sim = max(Levenshtein.normalized_similarity(a, b), CHINESE_SURNAME_VARIANT)
    elif pa == pb and pa:
        sim = max(Levenshtein.normalized_similarity(a, b), PHONETIC_FLOOR)
    elif abs(la - lb) > MAX_LENGTH_GAP * max(la, lb):
        return 0.0
    else:
        sim = Levenshtein.normalized_similarity(a, b, score_cutoff=MIN_TOKEN_SIMILARITY)
    # Squared: two letters off in nine (Chongbong, Chonmyong) is usually another word.
    return sim * sim if sim >= MIN_TOKEN_SIMILARITY else 0.0


# Token pairs recur across queries (listed words against common query words): their
# similarity is kept, up to a bound, since each costs a Levenshtein and two lookups.
_SIMILARITIES: dict[tuple[str, str], float] = {}
MAX_REMEMBERED = 500_000


def remember_similarity(a: str, b: str, sim: float) -> float:
    if len(_SIMILARITIES) >= MAX_REMEMBERED:
        _SIMILARITIES.clear()
    _SIMILARITIES[a, b] = sim
    return sim


def align_tokens(
    q: NameForm, c: NameForm, q_weights: list[float], c_weights: list[float]
) -> tuple[float, list[tuple[str, str, float]]]:
    """Rarity-weighted Dice over a greedy one-to-one token alignment.

    An aligned pair weighs the lesser of its two weights on both sides, so a
    misspelt generic word ("Corporaton") aligned with a generic word counts as
    generic, not as the rarest word in the lists.
    """
    if q.tokens == c.tokens:
        return 1.0, [(t, t, 1.0) for t in q.tokens]
    pairs: list[tuple[float, int, int]] = []
    c_items = list(enumerate(zip(c.tokens, c.phonetic, strict=True)))
    for i, (qt, qp, q_generic) in enumerate(zip(q.tokens, q.phonetic, q.generic, strict=True)):
        for j, (ct, cp) in c_items:
            if qt == ct:
                pairs.append((1.0, i, j))
            elif q_generic:  # a recognised company word: equal, or of one class ("corp" ~ "co")
                if c.generic[j] and q.classes[i] == c.classes[j]:
                    pairs.append((1.0, i, j))
            else:
                sim = _SIMILARITIES.get((qt, ct))
                if sim is None:
                    sim = remember_similarity(qt, ct, token_similarity(qt, ct, qp, cp))
                if sim:
                    pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    matched = 0.0
    aligned: list[tuple[str, str, float]] = []
    for sim, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pair_weight = min(q_weights[i], c_weights[j])
        q_weights[i] = c_weights[j] = pair_weight
        matched += sim * 2 * pair_weight
        aligned.append((q.tokens[i], c.tokens[j], sim))
    total = sum(q_weights) + sum(c_weights)
    return (matched / total if total else 0.0), aligned


def korean_similarity(q: KoreanReading, c: KoreanReading) -> float:
    """Share of agreeing syllables of two (family, given) Korean name keys.

    Keys already absorb romanisation differences, so a syllable that still
    differs is another name: Kim Yong Chol and Kim Pyong Chol agree on 2 of 3.
    """
    if q[0] != c[0]:
        return 0.0
    if q[1].replace(".", "") == c[1].replace(".", ""):
        return 1.0  # the same sounds, split into syllables differently (Jongun, Jong-un)
    q_given, c_given = q[1].split("."), c[1].split(".")
    if len(q_given) != len(c_given):
        return 1 / (1 + max(len(q_given), len(c_given)))
    same = sum(a == b for a, b in zip(q_given, c_given, strict=True))
    return (1 + same) / (1 + len(q_given))


def doubtful_korean(reading: KoreanReading) -> bool:
    """A given name of three or more syllables: probably not a Korean name at all."""
    return reading[1].count(".") >= 2


def acronym_similarity(q: NameForm, c: NameForm) -> float:
    if len(q.core) != 1 or c.kind != ORG or len(c.core) < 2:
        return 0.0
    token = q.core[0]
    if token not in c.acronyms:
        return 0.0
    return ACRONYM_SCORE.get(len(token), ACRONYM_LONG_SCORE)


def compare_names(
    q: NameForm, c: NameForm, q_weights: tuple[float, ...], c_weights: tuple[float, ...]
) -> NameComparison:
    """The best reading under which ``q`` and ``c`` are the same name.

    The weights are each token's rarity (``ScreeningIndex.form_weights``).
    """
    if q.korean and c.korean:
        # Both read as Korean person names: compare them as such, and only as such.
        score, qk, ck = max(
            (korean_similarity(qk, ck), qk, ck) for qk in q.korean for ck in c.korean
        )
        if sorted(q.tokens) == sorted(c.tokens):
            # The same words in another order ("Sam Kim Chun"), or the very same spelling.
            return NameComparison(1.0, "same_words", q, c)
        korean = NameComparison(score * KOREAN_READING_DISCOUNT, "korean", q, c, (qk, ck))
        if score == 1.0 or not (doubtful_korean(qk) or doubtful_korean(ck)):
            # Equal readings in other spellings (Ryu/Yu, Ri/Lee) rank just under equal spellings.
            return korean
        # Names that only look Korean (Wong Kwok Keung; Huang reads as two syllables):
        # words that agree almost exactly still count.
        words, aligned = align_tokens(q, c, list(q_weights), list(c_weights))
        if words >= KOREAN_WORDS_FLOOR and words > korean.score:
            return NameComparison(words, "tokens", q, c, aligned)
        return korean
    score, aligned = align_tokens(q, c, list(q_weights), list(c_weights))
    best = NameComparison(score, "tokens", q, c, aligned)
    if len(q.joined) >= 5 and len(q.core) != len(c.core):
        # Only where spacing differs (Jongun, Jong Un): otherwise tokens already decide.
        j = Levenshtein.normalized_similarity(q.joined, c.joined)
        j = 0.95 * j * j if j >= 0.85 else 0.0
        if j > best.score:
            best = NameComparison(j, "joined", q, c)
    if q.pinyin is None and c.pinyin:
        p = Levenshtein.normalized_similarity(q.joined, "".join(c.pinyin))
        if p >= 0.85 and 0.95 * p > best.score:
            best = NameComparison(0.95 * p, "pinyin", q, c)
    a = acronym_similarity(q, c)
    if a > best.score:
        best = NameComparison(a, "acronym", q, c)
    return best


def compare_birth_dates(query: list[str], listed: tuple[str, ...]) -> tuple[str, str] | None:
    """('match_day'|'match_year'|'mismatch', detail) when both sides give dates."""
    if not query or not listed:
        return None
    best: tuple[str, str] | None = None
    for qd in query:
        for ld in listed:
            if qd == ld and len(qd) == 10:
                return ("match_day", f"{qd} = {ld}")
            if qd[:4] == ld[:4]:
                months_clash = len(qd) >= 7 and len(ld) >= 7 and qd[:7] != ld[:7]
                if not months_clash:
                    best = ("match_year", f"{qd} ~ {ld}")
    if best:
        return best
    years_apart = min(abs(int(q[:4]) - int(ld[:4])) for q in query for ld in listed)
    if years_apart <= 1:
        return None  # lists give approximate years; one year apart is no contradiction
    return ("mismatch", f"{', '.join(query)} vs {', '.join(listed)}")


def compare_countries(query: set[str], listed: frozenset[str]) -> tuple[str, str] | None:
    if not query or not listed:
        return None
    shared = query & listed
    if shared:
        return ("match", ", ".join(sorted(shared)))
    return ("mismatch", f"{', '.join(sorted(query))} vs {', '.join(sorted(listed))}")
