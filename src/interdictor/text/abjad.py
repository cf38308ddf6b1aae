"""Arabic and Persian script to Latin: letters mapped one by one, short vowels guessed.

The script writes no short vowels, so they are guessed: ``a`` breaks a consonant pair at the
start of a word (ظریف -> zarif), ``a``/``e`` breaks a pair at its end (قاسم -> qasem), and
و/ی are read as consonants at the start of a word, next to a long vowel, and as vowels between
consonants. The most frequent name words are read from a lexicon instead (محمد, علی, حسین).
Use ``consonant_skeleton`` to compare the result with Latin spellings.
"""

from __future__ import annotations

from functools import lru_cache

# Letters only Persian uses; their presence switches to Persian readings (ث -> s, و -> v).
_PERSIAN_LETTERS = frozenset("پچژگکیٹڈڑںےځڅښږګڼټډړ")
_COMMON = {
    "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d",
    "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "گ": "g", "ل": "l",
    "م": "m", "ن": "n", "ء": "", "ئ": "", "ؤ": "", "ڤ": "v", "ڨ": "g",
    # Urdu and Pashto letters (پوٹن, ځدران).
    "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ټ": "t", "ډ": "d", "ړ": "r",
    "ځ": "z", "څ": "ts", "ښ": "sh", "ږ": "zh", "ګ": "g", "ڼ": "n",
}  # fmt: skip
_ARABIC = _COMMON | {"ث": "th", "ذ": "dh", "ض": "d"}
_PERSIAN = _COMMON | {"ث": "s", "ذ": "z", "ض": "z"}
_LONG_VOWELS = {"ا": "a", "آ": "a", "أ": "a", "إ": "i", "ى": "a", "ٱ": "a", "ے": "e", "ې": "e"}
_WAW, _YEH, _HEH, _TEH_MARBUTA = "و", "يیۍ", "هۀ", "ةۃ"

# Frequent name words, in the spelling most lists print (Arabic, then Persian reading).
_LEXICON: dict[str, tuple[str, str]] = {
    "محمد": ("muhammad", "mohammad"), "احمد": ("ahmad", "ahmad"), "علی": ("ali", "ali"),
    "علي": ("ali", "ali"), "حسن": ("hasan", "hasan"), "حسین": ("husayn", "hossein"),
    "حسين": ("husayn", "hossein"), "رضا": ("rida", "reza"), "عبد": ("abd", "abd"),
    "الله": ("allah", "allah"), "عبدالله": ("abdullah", "abdollah"),
    "جعفر": ("jafar", "jafar"), "مهدی": ("mahdi", "mehdi"), "مهدي": ("mahdi", "mehdi"),
    "محمود": ("mahmud", "mahmoud"), "ابراهیم": ("ibrahim", "ebrahim"),
    "ابراهيم": ("ibrahim", "ebrahim"), "اسماعیل": ("ismail", "esmail"),
    "اسماعيل": ("ismail", "esmail"), "یوسف": ("yusuf", "yousef"), "يوسف": ("yusuf", "yousef"),
    "عمر": ("umar", "omar"), "عثمان": ("uthman", "osman"), "خالد": ("khalid", "khaled"),
    "سعید": ("said", "saeed"), "سعيد": ("said", "saeed"), "قاسم": ("qasim", "qasem"),
    "مصطفی": ("mustafa", "mostafa"), "مصطفى": ("mustafa", "mostafa"),
    "موسی": ("musa", "musa"), "موسى": ("musa", "musa"), "بن": ("bin", "bin"),
    "ابو": ("abu", "abu"), "أبو": ("abu", "abu"), "الدین": ("al-din", "od-din"),
    "الدين": ("al-din", "al-din"), "نصر": ("nasr", "nasr"), "امیر": ("amir", "amir"),
    "و": ("wa", "va"), "كريم": ("karim", "karim"), "کریم": ("karim", "karim"),
    "عزیز": ("aziz", "aziz"),
}  # fmt: skip


def is_persian(text: str) -> bool:
    """Return True when the text uses letters that only Persian writes."""
    return any(c in _PERSIAN_LETTERS for c in text)


@lru_cache(maxsize=65536)
def abjad_to_latin(text: str) -> str:
    """Transliterate Arabic or Persian text to lowercase Latin, word by word."""
    persian = is_persian(text)
    return " ".join(transliterate_word(word, persian) for word in text.split())


def transliterate_word(word: str, persian: bool) -> str:
    """Transliterate one Arabic-script word; a leading article ال is written al-."""
    word = word.replace("\u0640", "")  # tatweel
    word = "".join(c for c in word if not 0x064B <= ord(c) <= 0x0652)  # harakat
    known = _LEXICON.get(word)
    if known is not None:
        return known[1] if persian else known[0]
    if word.startswith("عبدال") and len(word) > 5:
        return "abd " + transliterate_word(word[3:], persian)  # عبدالحليم -> abd al-halim
    if word.startswith("ال") and len(word) > 3:
        return "al-" + transliterate_word(word[2:], persian)
    return spell_units(read_units(word, persian), persian)


def read_units(word: str, persian: bool) -> list[tuple[str, str]]:
    """Read a word as (kind, latin) units, kind "C" for consonant, "V" for vowel."""
    table = _PERSIAN if persian else _ARABIC
    units: list[tuple[str, str]] = []
    for i, char in enumerate(word):
        prev_vowel = bool(units) and units[-1][0] == "V"
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if char in _LONG_VOWELS:
            units.append(("V", _LONG_VOWELS[char]))
        elif char == _WAW:
            units.append(_read_waw(i, prev_vowel, nxt, persian))
        elif char in _YEH:
            units.append(_read_yeh(i, prev_vowel, nxt))
        elif char in _HEH and not nxt and units and units[-1][0] == "C":
            units.append(("V", "eh" if persian else "ah"))
        elif char in _HEH:
            units.append(("C", "h"))
        elif char in _TEH_MARBUTA:
            units.append(("V", "a"))
        elif char in table:
            units.append(("C", table[char]))
    return units


def _read_waw(i: int, prev_vowel: bool, nxt: str, persian: bool) -> tuple[str, str]:
    """Read و as a consonant (v/w) or as the vowel u/o."""
    if i == 0 or prev_vowel or nxt in _LONG_VOWELS or (nxt and nxt in _YEH):
        return ("C", "v" if persian else "w")
    return ("V", "o" if persian else "u")


def _read_yeh(i: int, prev_vowel: bool, nxt: str) -> tuple[str, str]:
    """Read ی/ي as the consonant y or the vowel i."""
    if i == 0 or prev_vowel or nxt in _LONG_VOWELS or nxt == _WAW:
        return ("C", "y")
    return ("V", "i")


def spell_units(units: list[tuple[str, str]], persian: bool) -> str:
    """Join units, guessing a short vowel where two consonants meet at a word's edges."""
    out: list[str] = []
    last = len(units) - 1
    for i, (kind, latin) in enumerate(units):
        out.append(latin)
        if kind != "C" or i == last or units[i + 1][0] != "C":
            continue
        if i == 0:
            out.append("a")
        elif i + 1 == last:
            out.append("e" if persian else "a")
    return "".join(out)
