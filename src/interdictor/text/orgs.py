"""Organisation names: legal forms canonicalised, core tokens, acronyms.

``canonicalize_org_name`` keeps the script of distinctive words; ``org_core_tokens`` is
Latin ASCII, ready for an index. Acronyms are matched letter by letter against word prefixes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names.org_types import remove_org_types

from interdictor.text.folding import fold
from interdictor.text.normalize import latin_tokens
from interdictor.text.org_tables import (
    ABJAD_WORDS,
    ACRONYM_OPTIONAL,
    CJK_BY_LENGTH,
    CJK_WORDS,
    GENERIC_WORDS,
    LEGAL_TOKENS,
    MAX_PHRASE,
    PHRASES,
    STOPWORDS,
)

_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
_DOTTED_RE = re.compile(r"\b(\w)\.(?=\w\.)|\b(\w)\.(?=\s|$)")
_BRACKET_RE = re.compile(r"[(\[]([^()\[\]]+)[)\]]")
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&-]{1,11}$")


# One-word legal forms and company words by class: "corp", "corporation" and "company" are
# all "co"; "gmbh", "llc" and "limited" are "ltd".
_LEGAL_CLASSES: dict[str, str] = {
    phrase[0]: canonical
    for phrase, canonical in PHRASES.items()
    if len(phrase) == 1 and " " not in canonical
}


def legal_form_class(word: str) -> str:
    """Return the class of a one-word legal form or company word ("corp" -> "co",
    "gmbh" -> "ltd"), or the word itself when it is none."""
    return _LEGAL_CLASSES.get(word, word)


def _is_cjk_word(word: str) -> bool:
    """Return True when the word is written in Han or Hangul (kana too)."""
    return _CJK_RE.search(word) is not None


def split_cjk_word(word: str) -> list[str]:
    """Peel known company words off both ends of an unspaced Han/Hangul word.

    조선남강무역회사 -> ["korea", "남강", "trading co"]; the middle stays in its script.
    """
    head: list[str] = []
    tail: list[str] = []
    changed = True
    while word and changed:
        changed = False
        for known in CJK_BY_LENGTH:
            if len(known) <= len(word):
                if word.endswith(known):
                    tail.insert(0, CJK_WORDS[known])
                    word, changed = word[: -len(known)], True
                    break
                if word.startswith(known):
                    head.append(CJK_WORDS[known])
                    word, changed = word[len(known) :], True
                    break
    return head + ([word] if word else []) + tail


def _words(name: str) -> list[str]:
    """Fold a name and split it into words, with dotted abbreviations closed (S.A. -> sa)."""
    folded = _DOTTED_RE.sub(lambda m: m.group(1) or m.group(2), fold(name))
    words: list[str] = []
    for word in _WORD_RE.findall(folded.replace("'", "")):
        if _is_cjk_word(word):
            words.extend(" ".join(split_cjk_word(word)).split())
        else:
            words.append(ABJAD_WORDS.get(word, word))
    return [w for w in words if w]


def _replace_phrases(words: list[str]) -> list[str]:
    """Replace legal-form phrases by canonical tokens, longest phrase first."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            canonical = PHRASES.get(tuple(words[i : i + size]))
            if canonical is not None:
                out.extend(canonical.split())
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


@lru_cache(maxsize=65536)
def canonicalize_org_name(name: str) -> str:
    """Return the name folded, with legal forms and company words as canonical tokens.

    "Korea Mining Development Trading Corporation" -> "korea mining development trading co";
    "丹东鸿祥实业发展有限公司" -> "丹东鸿祥 industrial development co ltd";
    "ООО Ромашка" -> "ltd ромашка".
    """
    return " ".join(_replace_phrases(_words(name)))


@lru_cache(maxsize=65536)
def _core_tokens(name: str) -> tuple[str, ...]:
    """Return the cached result of ``org_core_tokens``."""
    words = [w for w in canonicalize_org_name(name).split() if w not in LEGAL_TOKENS]
    # rigour knows legal forms of many more countries (Aktiengesellschaft, sp. z o.o.).
    rest = remove_org_types(" ".join(words)).split() or words
    tokens: list[str] = []
    for word in rest:
        if word not in GENERIC_WORDS:
            tokens.extend(t for t in latin_tokens(word) if t not in GENERIC_WORDS)
    return tuple(tokens)


def org_core_tokens(name: str) -> list[str]:
    """Return the distinctive Latin tokens of an organisation name: legal forms, "trading",
    "group" and stopwords removed ("Korea Mining Development Trading Corporation" ->
    ["korea", "mining", "development"])."""
    return list(_core_tokens(name))


def bracketed_abbreviations(name: str) -> list[str]:
    """Return acronyms written in brackets: "General Bureau of Atomic Energy (GBAE)" ->
    ["GBAE"]; "(Aliases: KOGEN, GENCO)" -> ["KOGEN", "GENCO"]."""
    found: list[str] = []
    for inside in _BRACKET_RE.findall(name):
        text = inside.split(":", 1)[-1]
        for part in re.split(r"[,;/]|\bor\b", text):
            candidate = part.strip().replace(".", "")
            if _ACRONYM_RE.match(candidate):
                found.append(candidate)
    return found


def _acronym_words(name: str) -> list[str]:
    """Return the Latin words of a name for acronym matching, stopwords removed."""
    text = _BRACKET_RE.sub(" ", name)
    return [w for w in latin_tokens(text) if w not in STOPWORDS]


def _is_latin_name(name: str) -> bool:
    """Return True when no word is Han or Hangul (their acronyms are not formed from pinyin)."""
    return not _is_cjk_word(name)


@lru_cache(maxsize=65536)
def is_acronym_of(acronym: str, name: str) -> bool:
    """Return True when the acronym's letters are prefixes (1-3 letters) of consecutive words
    of the name, where company words, "Korea" and legal forms may be left out.

    KOMID ~ Korea Mining Development Trading Corporation (KO+MI+D), GBAE ~ General Bureau of
    Atomic Energy, KPA ~ Korean People's Army, IRGC ~ Islamic Revolutionary Guard Corps.
    """
    letters = "".join(c for c in fold(acronym) if c.isalnum())
    words = _acronym_words(name)
    if len(letters) < 2 or len(words) < 2 or not letters.isascii():
        return False
    return _match_acronym(letters, tuple(words), 0, 0, 0)


def _match_acronym(letters: str, words: tuple[str, ...], li: int, wi: int, used: int) -> bool:
    """Depth-first match of letters[li:] against words[wi:]; ``used`` counts consumed words."""
    if li == len(letters) and used >= 2 and (wi == len(words) or len(letters) >= 4):
        return True  # a long acronym may cover the leading words only (KOGEN)
    if wi == len(words):
        return False
    word = words[wi]
    if word in ACRONYM_OPTIONAL and _match_acronym(letters, words, li, wi + 1, used):
        return True
    for size in range(1, 4):
        if li + size > len(letters) or size > len(word):
            break
        if word[:size] != letters[li : li + size]:
            break
        if _match_acronym(letters, words, li + size, wi + 1, used + 1):
            return True
    return False


@lru_cache(maxsize=65536)
def _acronym_candidates(name: str) -> tuple[str, ...]:
    """Return the cached result of ``acronym_candidates``."""
    forms: list[str] = [a.lower() for a in bracketed_abbreviations(name)]
    if _is_latin_name(name):
        forms.extend(_initialisms(_acronym_words(name)))
    return tuple(dict.fromkeys(f.upper() for f in forms))


def _initialisms(words: list[str]) -> list[str]:
    """Return initials of all words, of the significant words (with and without "Korea") and
    the two-letter forms (KOrea MIning Development -> KOMID, KOMIDE)."""
    significant = [w for w in words if w not in LEGAL_TOKENS and w not in GENERIC_WORDS]
    significant = [w for w in significant if w not in ACRONYM_OPTIONAL or w.startswith("kor")]
    core = [w for w in significant if w not in ACRONYM_OPTIONAL]
    forms: list[str] = []
    for group in (words, significant, core):
        if len(group) >= 2:
            forms.append("".join(w[0] for w in group))
    if len(significant) >= 2:
        two = significant[:2]
        forms.append("".join(w[:2] for w in two) + "".join(w[0] for w in significant[2:]))
        forms.append("".join(w[:2] for w in significant))
    return forms
    return tuple(dict.fromkeys(f.upper() for f in forms))


def acronym_candidates(name: str) -> list[str]:
    """Return acronyms a name may be known by, for indexing: initials of all words, of the
    words without legal forms and of the core words, plus two-letter forms (KOMID) and any
    bracketed abbreviation."""
    return list(_acronym_candidates(name))
