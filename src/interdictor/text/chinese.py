"""Chinese names: Han to pinyin, surname splitting and romanised surname variants.

Surname variants (Wade-Giles, Hong Kong, Macao, Singapore, Malaysia, Vietnamese, Korean
readings) come from the bundled zh.wikipedia table (see ``data/text/README.md``). Some
spellings belong to several surnames (Wong: Huang or Wang), so ``chinese_surname_keys``
returns every pinyin key.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib.resources import files

from pypinyin import Style, lazy_pinyin

from interdictor.text.folding import fold

_FOOTNOTE_RE = re.compile(r"\[[^\]]*\]")
_NON_LETTERS_RE = re.compile(r"[^a-z]")
# The 100 most frequent surnames of mainland China, most frequent first (Ministry of Public
# Security household register ranking, 2019). The bundled table follows the classical order
# of the Hundred Family Surnames, so it cannot rank ambiguous spellings (Tsang: 曾 before 臧).
_FREQUENT = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤"
)
_ROMANISED_COLUMNS = (
    "mainland", "taiwan", "hongkong", "macao", "singapore", "malaysia", "vietnam", "korea",
)  # fmt: skip


def is_han_char(char: str) -> bool:
    """Return True for a CJK unified ideograph (including extensions and compatibility)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def is_han(text: str) -> bool:
    """Return True when the text contains at least one Han character."""
    return any(is_han_char(c) for c in text)


@cache
def load_surname_table() -> list[dict[str, str]]:
    """Load the bundled surname table, with footnote markers stripped."""
    raw = files("interdictor").joinpath("data/text/chinese_surname_romanizations.json")
    rows: list[dict[str, str]] = json.loads(raw.read_text(encoding="utf-8"))
    return [{k: _FOOTNOTE_RE.sub("", v).strip() for k, v in row.items()} for row in rows]


def normalize_romanised(spelling: str) -> str:
    """Return a romanised surname as lowercase ASCII letters only (Mo-chi -> mochi)."""
    return _NON_LETTERS_RE.sub("", fold(spelling))


@cache
def surname_readings() -> dict[str, str]:
    """Return the pinyin of each Han surname (simplified and traditional), e.g. 单 -> shan."""
    readings: dict[str, str] = {}
    for row in load_surname_table():
        pinyin = normalize_romanised(row["mainland"])
        for column in ("zh_sim", "zh_tra"):
            if row[column] and pinyin:
                readings.setdefault(row[column], pinyin)
    return readings


def _frequency_rank(row: dict[str, str]) -> int:
    """Return the frequency rank of a surname row (rows outside the top 100 come after)."""
    rank = _FREQUENT.find(row["zh_sim"]) if len(row["zh_sim"]) == 1 else -1
    return rank if rank >= 0 else len(_FREQUENT) + int(row["no."] or 0)


@cache
def surname_variants() -> dict[str, tuple[str, ...]]:
    """Return every romanised spelling with the pinyin keys it may stand for, most frequent
    surname first."""
    variants: dict[str, list[str]] = {}
    for row in sorted(load_surname_table(), key=_frequency_rank):
        pinyin = normalize_romanised(row["mainland"])
        if not pinyin:
            continue
        for column in _ROMANISED_COLUMNS:
            for spelling in row[column].split("/"):
                key = normalize_romanised(spelling)
                if key and pinyin not in variants.setdefault(key, []):
                    variants[key].append(pinyin)
    return {k: tuple(v) for k, v in variants.items()}


def split_han_name(name: str) -> tuple[str, str]:
    """Split a Han person name into (family, given); compound surnames (欧阳, 司马, 诸葛 ...)
    are recognised when at least one character follows them."""
    name = "".join(name.split())
    readings = surname_readings()
    if len(name) >= 3 and name[:2] in readings:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=65536)
def _han_to_pinyin(text: str, person: bool) -> tuple[str, ...]:
    """Return the cached pinyin syllables of ``han_to_pinyin``."""
    if not person:
        return tuple(_pinyin(text))
    family, given = split_han_name(text)
    reading = surname_readings().get(family)
    head = [reading] if reading else _pinyin(family)
    return tuple(head + _pinyin(given))


def _pinyin(text: str) -> list[str]:
    """Return toneless pinyin syllables of the Han characters; other characters are dropped."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")
    return [fold(s) for s in syllables if s.strip()]


def han_to_pinyin(text: str, *, person: bool | None = None) -> list[str]:
    """Return toneless pinyin syllables (金正恩 -> ["jin", "zheng", "en"]).

    For a person name the family name takes its surname reading (单 -> shan, not dan; 曾 ->
    zeng). ``person=None`` guesses: two to four Han characters whose first is a surname.
    """
    han = "".join(c for c in text if is_han_char(c))
    if person is None:
        person = 2 <= len(han) <= 4 and han[:1] in surname_readings()
    return list(_han_to_pinyin(han, person))


def han_name_pinyin(name: str) -> tuple[list[str], list[str]]:
    """Return the pinyin of a Han person name as (family syllables, given syllables), the
    family name in its surname reading: 单雄信 -> (["shan"], ["xiong", "xin"])."""
    family, given = split_han_name("".join(c for c in name if is_han_char(c)))
    reading = surname_readings().get(family)
    return ([reading] if reading else _pinyin(family)), _pinyin(given)


@lru_cache(maxsize=65536)
def chinese_surname_keys(latin: str) -> frozenset[str]:
    """Return the pinyin of every surname that the romanised spelling may stand for
    (Chan -> {"chen", ...}, Cheung -> {"zhang"}, Wong -> {"huang", "wang"})."""
    return frozenset(surname_variants().get(normalize_romanised(latin), ()))


@lru_cache(maxsize=65536)
def chinese_surname_key(latin: str) -> str | None:
    """Return the pinyin of the most common surname the spelling stands for, or None."""
    keys = surname_variants().get(normalize_romanised(latin))
    return keys[0] if keys else None
