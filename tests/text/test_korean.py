import pytest
from text_data import read_eu_rows, split_hangul_latin

from interdictor.text import (
    compact_korean_key,
    korean_name_keys,
    korean_org_keys,
    korean_surname_key,
    korean_syllable_key,
    romanize_mr,
    romanize_mr_ascii,
    romanize_rr,
    split_hangul_name,
)

# Labelled spellings from the EU DPRK file (Regulation 2017/1509): each Hangul alias sits in
# the same row as its Latin spellings.
EU_MIN_SHARE = 0.90


@pytest.mark.parametrize(
    ("hangul", "rr"),
    [
        ("신라", "silla"),  # ㄴ+ㄹ -> ll
        ("종로", "jongno"),  # ㅇ+ㄹ -> ng n
        ("백마", "baengma"),  # nasalisation
        ("독립문", "dongnimmun"),
        ("설날", "seollal"),
        ("좋고", "joko"),  # aspiration
        ("해돋이", "haedoji"),  # palatalisation
        ("닭이", "dalgi"),  # double final carried over
        ("영변", "yeongbyeon"),
        ("평양", "pyeongyang"),
    ],
)
def test_romanize_rr_writes_sound_changes(hangul: str, rr: str) -> None:
    assert romanize_rr(hangul) == rr


def test_names_are_romanised_without_sound_changes() -> None:
    assert romanize_rr("김정은", name=True) == "gim jeongeun"
    assert romanize_rr("한복남", name=True) == "han boknam"  # RR rule: not "hanbongnam"
    assert romanize_mr("김정은", name=True) == "kim chŏng-ŭn"
    assert romanize_mr_ascii("김정은", name=True) == "kim chong un"
    assert romanize_mr_ascii("리용주", name=True) == "ri yong ju"


def test_romanize_mr_aspirates_breves_and_voicing() -> None:
    assert romanize_mr("평양") == "p'yŏngyang"
    assert romanize_mr("부산") == "pusan"  # initial stop unvoiced
    assert romanize_mr("이명박", name=True) == "i myŏng-bak"  # voiced after ng


def test_split_hangul_name() -> None:
    assert split_hangul_name("김정은") == ("김", "정은")
    assert split_hangul_name("남궁민수") == ("남궁", "민수")
    assert split_hangul_name("선우정아") == ("선우", "정아")
    assert split_hangul_name("황보관") == ("황보", "관")
    assert split_hangul_name("남민") == ("남", "민")
    assert split_hangul_name("김 정은") == ("김", "정은")


@pytest.mark.parametrize(
    "name", ["김정은", "Kim Jong Un", "KIM Jong-un", "Kim Jongun", "Kim Chong-un", "Gim Jeong-eun"]
)
def test_kim_jong_un_spellings_share_keys(name: str) -> None:
    assert korean_name_keys(name) == ["kim", "jong.on"]


def test_hyphens_spaces_and_apostrophes_are_equivalent() -> None:
    keys = {korean_syllable_key(w) for w in ("Jong-un", "Jong Un", "Jongun", "Chŏng-ŭn")}
    assert keys == {"jong.on"}
    assert korean_syllable_key("Ch'ang") == korean_syllable_key("Chang") == "jang"


def test_syllable_key_rejects_non_korean_words() -> None:
    assert korean_syllable_key("Smith") is None
    assert korean_syllable_key("Brown") is None
    assert korean_syllable_key("") is None


@pytest.mark.parametrize(
    "group",
    [
        ["Ri", "Yi", "Lee", "Rhee", "I", "Li", "Rhie"],
        ["Pak", "Park", "Bak", "Bahk"],
        ["Kim", "Gim"],
        ["Choe", "Choi", "Chwe", "Choy"],
        ["Jong", "Jung", "Chong", "Chung", "Jeong"],
        ["Kang", "Gang"],
        ["Ko", "Go", "Koh"],
        ["Jo", "Cho"],
        ["Yun", "Yoon"],
        ["O", "Oh"],
        ["Sin", "Shin"],
        ["Ryu", "Yu", "Yoo", "Rhyu"],
        ["Rim", "Im", "Lim"],
        ["Ryang", "Yang"],
        ["Ro", "No", "Noh", "Roh"],
    ],
)
def test_surname_variants_share_one_key(group: list[str]) -> None:
    keys = {korean_surname_key(s) for s in group}
    assert len(keys) == 1 and None not in keys


def test_surname_groups_stay_apart_and_unknown_words_are_none() -> None:
    assert korean_surname_key("Kim") != korean_surname_key("Pak")
    assert korean_surname_key("Ri") != korean_surname_key("Choe")
    assert korean_surname_key("Smith") is None
    assert korean_surname_key("Chol") is None


def test_reversed_word_order_finds_the_family_name() -> None:
    assert korean_name_keys("CHOL Yun") == korean_name_keys("윤철")  # EU alias order
    assert korean_name_keys("Jong Un Kim") == ["jong", "on.kim"]  # first word first
    assert korean_name_keys("Jong Un KIM") == korean_name_keys("KIM Jong Un")
    assert korean_name_keys("Song Rim") == korean_name_keys("송림")  # EU: SONG Rim
    assert korean_name_keys("John Smith") == []


def _row_matches(row: dict[str, str]) -> bool:
    """True when a Hangul name of the row has the keys of one of its Latin spellings."""
    hangul, latin = split_hangul_latin(row)
    keys = korean_name_keys if row["schema"] == "Person" else korean_org_keys
    return any(keys(h) and keys(h) == keys(name) for h in hangul for name in latin)


def test_eu_hangul_latin_pairs_share_keys() -> None:
    """Labels: the EU DPRK file's rows with a Hangul alias beside Latin spellings."""
    rows = [r for r in read_eu_rows() if all(split_hangul_latin(r))]
    assert len(rows) >= 75
    persons = [r for r in rows if r["schema"] == "Person"]
    matched = [r for r in rows if _row_matches(r)]
    share = len(matched) / len(rows)
    person_share = sum(_row_matches(r) for r in persons) / len(persons)
    assert person_share >= 0.95, person_share
    assert share >= EU_MIN_SHARE, share


def test_korean_org_keys_match_across_scripts() -> None:
    assert korean_org_keys("조선남강무역회사") == korean_org_keys("Korea Namgang Trading Company")
    assert korean_org_keys("조선백호무역회사") == korean_org_keys("Joson Paekho Muyok Hoesa")
    assert korean_org_keys("합장강무역회사") == ["hap.jang.kang"]


def test_every_hangul_syllable_reads_back_from_rr_and_mr() -> None:
    """All 11,172 syllables: the key read from their RR and MR-ASCII spelling is theirs."""
    misses = []
    for code in range(0xAC00, 0xD7A4):
        syllable = chr(code)
        key = korean_name_keys(syllable)[0]
        for spelling in (romanize_rr(syllable, name=True), romanize_mr_ascii(syllable, name=True)):
            if korean_syllable_key(spelling) != key:
                misses.append((syllable, spelling))
    assert misses == []


def test_unspaced_given_names_read_back_as_compact_keys() -> None:
    """Every pair of the syllables in the EU file's Hangul names, spelt without a hyphen."""
    syllables = sorted({c for r in read_eu_rows() for c in "".join(split_hangul_latin(r)[0])})
    syllables = [s for s in syllables if s != " "]
    pairs = [a + b for a in syllables for b in syllables]
    misses = 0
    for given in pairs:
        key = compact_korean_key(korean_name_keys("김" + given)[1])
        for full in (
            romanize_rr("김" + given, name=True),
            romanize_mr_ascii("김" + given, name=True),
        ):
            read = korean_syllable_key("".join(full.split()[1:])) or ""
            misses += compact_korean_key(read) != key
    assert len(pairs) > 10_000
    assert misses / (2 * len(pairs)) <= 0.02  # measured 1.4 % (ambiguous "daeo", "guin")


def test_compact_keys_ignore_syllable_boundaries() -> None:
    assert compact_korean_key("kon.ka") == compact_korean_key("kong.a") == "konga"
    assert compact_korean_key("kil.an") == compact_korean_key("ki.ran")
    assert korean_name_keys("Kim Jongun", compact=True) == ["kim", "jongon"]
