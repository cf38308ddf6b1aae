"""Text engine: folding, scripts, transliteration, Korean and Chinese names, organisation
names and identifiers. Pure functions, no I/O at call time; tables load once, lazily."""

from interdictor.text.chinese import (
    chinese_surname_key,
    chinese_surname_keys,
    han_name_pinyin,
    han_to_pinyin,
    is_han,
    split_han_name,
)
from interdictor.text.hanja import han_to_hangul
from interdictor.text.ids import (
    guess_identifier_kinds,
    normalize_identifier,
    normalize_imo,
    normalize_swift,
)
from interdictor.text.korean import (
    compact_korean_key,
    is_hangul,
    korean_name_keys,
    korean_surname_key,
    korean_syllable_key,
    romanize_mr,
    romanize_mr_ascii,
    romanize_rr,
    split_hangul_name,
)
from interdictor.text.korean_orgs import korean_org_keys
from interdictor.text.normalize import fold, latin_tokens, scripts_of
from interdictor.text.orgs import (
    acronym_candidates,
    bracketed_abbreviations,
    canonicalize_org_name,
    is_acronym_of,
    legal_form_class,
    org_core_tokens,
)
from interdictor.text.translit import consonant_skeleton, to_latin

__all__ = [
    "acronym_candidates",
    "bracketed_abbreviations",
    "canonicalize_org_name",
    "chinese_surname_key",
    "chinese_surname_keys",
    "compact_korean_key",
    "consonant_skeleton",
    "fold",
    "guess_identifier_kinds",
    "han_name_pinyin",
    "han_to_hangul",
    "han_to_pinyin",
    "is_acronym_of",
    "is_han",
    "is_hangul",
    "korean_name_keys",
    "korean_org_keys",
    "korean_surname_key",
    "korean_syllable_key",
    "latin_tokens",
    "legal_form_class",
    "normalize_identifier",
    "normalize_imo",
    "normalize_swift",
    "org_core_tokens",
    "romanize_mr",
    "romanize_mr_ascii",
    "romanize_rr",
    "scripts_of",
    "split_han_name",
    "split_hangul_name",
    "to_latin",
]
