"""Hangul syllable arithmetic and romanisation (Revised Romanization, McCune-Reischauer).

A syllable is decomposed into (initial, vowel, final) jamo indices. Sound changes across
syllable boundaries are applied on those indices, then letters are chosen per system.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3

# Initial jamo indices used by the rules below.
I_G, I_KK, I_N, I_D, I_TT, I_R, I_M, I_B, I_PP, I_S, I_SS, I_NONE = range(12)
I_J, I_JJ, I_CH, I_K, I_T, I_P, I_H = range(12, 19)

# Jamo order of the Unicode syllable block: 19 initials, 21 vowels, 28 finals.
RR_INITIALS: tuple[str, ...] = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
MR_INITIALS: tuple[str, ...] = (
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'",
    "t'", "p'", "h",
)  # fmt: skip
# Plain stops are voiced in McCune-Reischauer between voiced sounds (Pak Chŏng-hŭi, Myŏng-bak).
MR_VOICED = {I_G: "g", I_D: "d", I_B: "b", I_J: "j"}

RR_VOWELS: tuple[str, ...] = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
MR_VOWELS: tuple[str, ...] = (
    "a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ",
    "we", "wi", "yu", "ŭ", "ŭi", "i",
)  # fmt: skip

# Final jamo -> neutralised coda sound (what is heard before a pause).
FINAL_SOUND: tuple[str, ...] = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip

# Final jamo -> (jamo left in place, initial index carried to the next vowel-initial syllable).
# Double finals keep their first consonant and carry the second (닭이 -> dalgi).
LIAISON = {
    1: (0, I_G), 2: (0, I_KK), 3: (1, I_S), 4: (0, I_N), 5: (4, I_J), 6: (4, I_NONE),
    7: (0, I_D), 8: (0, I_R), 9: (8, I_G), 10: (8, I_M), 11: (8, I_B), 12: (8, I_S),
    13: (8, I_T), 14: (8, I_P), 15: (8, I_NONE), 16: (0, I_M), 17: (0, I_B), 18: (17, I_S),
    19: (0, I_S), 20: (0, I_SS), 22: (0, I_J), 23: (0, I_CH), 24: (0, I_K), 25: (0, I_T),
    26: (0, I_P), 27: (0, I_NONE),
}  # fmt: skip
# ㄷ, ㅌ and ㄾ before 이 become ㅈ/ㅊ (palatalisation), which the system writes.
PALATALISED = {7: (0, I_J), 25: (0, I_CH), 13: (8, I_CH)}
V_I = 20
ASPIRATED = {I_G: I_K, I_D: I_T, I_J: I_CH, I_B: I_P}
FINALS_WITH_H = {6: "n", 15: "l", 27: ""}  # ㄶ ㅀ ㅎ
NASAL_OF = {"k": "ng", "t": "n", "p": "m"}

Syllable = tuple[int, int, int]  # initial index, vowel index, final jamo index


@dataclass(slots=True)
class Sound:
    """One syllable as pronounced: initial jamo index, vowel index and coda sound."""

    ini: int
    vow: int
    coda: str


def is_hangul_syllable(char: str) -> bool:
    """Return True for a precomposed Hangul syllable (가-힣)."""
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def decompose(char: str) -> Syllable:
    """Return the (initial, vowel, final) indices of one precomposed Hangul syllable."""
    code = ord(char) - SYLLABLE_FIRST
    return code // 588, (code % 588) // 28, code % 28


def apply_sound_changes(syllables: list[Syllable]) -> list[Sound]:
    """Apply liaison, aspiration, nasalisation and the ㄹ rules across syllable boundaries."""
    out = plain_sounds(syllables)
    finals = [fin for _, _, fin in syllables]
    for i in range(len(out) - 1):
        apply_boundary(out, finals, i)
    return out


def apply_boundary(out: list[Sound], finals: list[int], i: int) -> None:
    """Rewrite the coda of syllable i and the initial of syllable i+1 for one boundary."""
    fin, nxt = finals[i], out[i + 1]
    ini = nxt.ini
    if fin == 0:
        return
    if ini == I_NONE and fin in PALATALISED and nxt.vow == V_I:
        kept, carried = PALATALISED[fin]  # 해돋이 -> haedoji, 같이 -> gachi
        out[i].coda = FINAL_SOUND[kept]
        nxt.ini = carried
        return
    if ini == I_NONE and fin != 21:
        kept, carried = LIAISON[fin]
        out[i].coda = FINAL_SOUND[kept]
        nxt.ini = carried
        return
    if fin in FINALS_WITH_H and ini in ASPIRATED:
        out[i].coda = FINALS_WITH_H[fin]
        nxt.ini = ASPIRATED[ini]
        return
    coda = out[i].coda
    if ini in (I_N, I_M):
        out[i].coda = NASAL_OF.get(coda, coda)
        if coda == "l" and ini == I_N:
            nxt.ini = I_R  # 설날 -> seollal
    elif ini == I_R:
        if coda in ("n", "l"):
            out[i].coda = "l"  # 신라 -> silla
        else:
            out[i].coda = NASAL_OF.get(coda, coda)
            nxt.ini = I_N  # 종로 -> jongno, 백리 -> baengni


def plain_sounds(syllables: list[Syllable]) -> list[Sound]:
    """Return the sounds of each syllable on its own, as personal names are written."""
    return [Sound(ini, vow, FINAL_SOUND[fin]) for ini, vow, fin in syllables]


def spell_rr(sounds: list[Sound]) -> str:
    """Spell syllable sounds in Revised Romanization."""
    parts: list[str] = []
    prev_coda = ""
    for sound in sounds:
        initial = RR_INITIALS[sound.ini]
        if sound.ini == I_R and prev_coda == "l":
            initial = "l"
        parts.append(initial + RR_VOWELS[sound.vow] + sound.coda)
        prev_coda = sound.coda
    return "".join(parts)


def spell_mr(sounds: list[Sound], sep: str = "") -> str:
    """Spell syllable sounds in McCune-Reischauer, voicing plain stops between voiced sounds."""
    parts: list[str] = []
    prev: str | None = None  # None at the start of a word
    for sound in sounds:
        ini = sound.ini
        initial = MR_INITIALS[ini]
        if prev is not None and ini in MR_VOICED and prev in ("", "n", "m", "ng", "l"):
            initial = MR_VOICED[ini]
        elif ini == I_R and prev == "l":
            initial = "l"
        elif ini == I_S and sound.vow in (16, 20):
            initial = "sh"  # 시 -> shi, 쉬 -> shwi
        parts.append(initial + MR_VOWELS[sound.vow] + sound.coda)
        prev = sound.coda
    return sep.join(parts)


@lru_cache(maxsize=65536)
def romanize_word(word: str, system: str, name: bool) -> str:
    """Romanise one run of Hangul syllables; ``name`` turns off sound changes."""
    syllables = [decompose(c) for c in word]
    sounds = plain_sounds(syllables) if name else apply_sound_changes(syllables)
    if system == "rr":
        return spell_rr(sounds)
    return spell_mr(sounds, "-" if name else "")
