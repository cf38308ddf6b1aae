"""Any script to Latin ASCII, and consonant skeletons for abjad transliterations.

Hangul, Han, Cyrillic and Arabic-script runs have their own readers (Revised Romanization,
pinyin, passport-style Cyrillic, letter-by-letter Arabic/Persian); other scripts (Greek, kana,
Devanagari ...) go through rigour's ICU-based ``ascii_text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rigour.text.translit import ascii_text

from interdictor.text.abjad import abjad_to_latin
from interdictor.text.chinese import han_to_pinyin, is_han_char
from interdictor.text.folding import fold
from interdictor.text.hangul import is_hangul_syllable, romanize_word

# Passport-style Russian (close to ICAO 9303, with й -> y as lists print it: Sergey).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj",
    "ќ": "kj", "ѕ": "dz", "қ": "q", "ғ": "gh", "ң": "ng", "ү": "u", "ұ": "u", "һ": "h",
    "ә": "a", "ө": "o",
}  # fmt: skip
# Ukrainian differs in four letters; і, ї, є, ґ mark a Ukrainian text.
_UKRAINIAN = _CYRILLIC | {"г": "h", "и": "y", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}
_UKRAINIAN_MARKERS = frozenset("іїєґ")
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC | {"і": "i", "ї": "yi", "є": "ye", "ґ": "g"})
_UKRAINIAN_TABLE = str.maketrans(_UKRAINIAN)

_SPACES_RE = re.compile(r"\s+")
_HANGUL_RUN_RE = re.compile("[\uac00-\ud7a3]+")


def _classify(char: str) -> str:
    """Return the reader for one character: ascii, hangul, han, cyrillic, abjad or other."""
    code = ord(char)
    if code < 0x80:
        return "ascii"
    if is_hangul_syllable(char):
        return "hangul"
    if is_han_char(char):
        return "han"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F:
        return "abjad"
    return "other"


def read_hangul(run: str) -> str:
    """Romanise Hangul syllable by syllable (RR, no sound changes, as names are written)."""
    return _HANGUL_RUN_RE.sub(lambda m: romanize_word(m.group(0), "rr", True), run)


def read_han(run: str) -> str:
    """Read Han characters as space-separated toneless pinyin syllables."""
    return " " + " ".join(han_to_pinyin(run)) + " "


def read_cyrillic(run: str) -> str:
    """Transliterate Cyrillic passport-style; Ukrainian letters switch to Ukrainian readings."""
    table = _UKRAINIAN_TABLE if _UKRAINIAN_MARKERS.intersection(run) else _CYRILLIC_TABLE
    return ascii_text(run.translate(table))


def read_other(run: str) -> str:
    """Transliterate through rigour/ICU, dropping the "?" it writes for unknown letters."""
    latin = ascii_text(run)
    return latin if "?" in run else latin.replace("?", "")


_READERS: dict[str, Callable[[str], str]] = {
    "ascii": str,
    "hangul": read_hangul,
    "han": read_han,
    "cyrillic": read_cyrillic,
    "abjad": abjad_to_latin,
    "other": read_other,
}


def split_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (reader, run) pieces; spaces and punctuation join the current run."""
    runs: list[tuple[str, str]] = []
    kind, start = "", 0
    for i, char in enumerate(text):
        new = _classify(char)
        if new == "ascii" and kind and not char.isalnum():
            continue  # keep "محمد جواد" or "Ким Чен Ын" in one run
        if new != kind:
            if kind:
                runs.append((kind, text[start:i]))
            kind, start = new, i
    if kind:
        runs.append((kind, text[start:]))
    return runs


@lru_cache(maxsize=131072)
def to_latin(text: str) -> str:
    """Return the text in lowercase Latin ASCII, whatever its script.

    Hangul -> Revised Romanization (김정은 -> gimjeongeun), Han -> pinyin (金正恩 -> jin zheng
    en), Cyrillic -> passport style (Ким Чен Ын -> kim chen yn), Arabic/Persian -> letters with
    guessed short vowels (محمد جواد ظریف -> mohammad javad zarif), others -> rigour/ICU.
    """
    folded = fold(text)
    if folded.isascii():
        return folded
    out = "".join(_READERS[kind](run) for kind, run in split_runs(folded))
    latin = read_other(out).lower() if not out.isascii() else out
    return _SPACES_RE.sub(" ", latin).strip()


_DIGRAPHS = (
    ("tch", "j"), ("dzh", "j"), ("sch", "s"), ("sh", "s"), ("ch", "j"), ("zh", "j"),
    ("dj", "j"), ("kh", "k"), ("gh", "k"), ("ph", "f"), ("th", "t"), ("dh", "t"), ("ts", "s"),
    ("ck", "k"),
)  # fmt: skip
# Similar consonants merged: voiced/voiceless stops, q/k/c/g/x, v/w/f, z/s.
_SKELETON_TABLE = str.maketrans(
    {"d": "t", "b": "p", "q": "k", "c": "k", "g": "k", "x": "k", "v": "f", "w": "f", "z": "s"}
)
_VOWELS_RE = re.compile(r"[aeiouyh]")
_VOWEL_W_RE = re.compile(r"w(?![aeiouy])")
_WORD_SPLIT_RE = re.compile(r"[^a-z0-9]+")
_DOUBLE_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=131072)
def consonant_skeleton(latin: str) -> str:
    """Return the consonants of each word with similar ones merged (Mohammad, Muhammad and
    mhmd all give "mt"), for matching abjad transliterations against Latin spellings."""
    text = _WORD_SPLIT_RE.sub(" ", to_latin(latin).replace("'", ""))
    for digraph, single in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, single)
    text = _VOWEL_W_RE.sub("", text)  # w before a consonant is a vowel letter (pwtyn, Khawla)
    text = _VOWELS_RE.sub("", text).translate(_SKELETON_TABLE)
    return " ".join(_DOUBLE_RE.sub(r"\1", text).split())
