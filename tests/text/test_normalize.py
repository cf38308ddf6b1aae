from interdictor.text import fold, latin_tokens, scripts_of


def test_fold_strips_latin_accents_and_unifies_punctuation() -> None:
    assert fold("Chŏng’ŭn") == "chong'un"
    assert fold("KIM Jong‐Un") == "kim jong-un"
    assert fold("Straße") == "strasse"
    assert fold("Ｋｉｍ") == "kim"  # NFKC folds full-width letters


def test_fold_keeps_other_scripts() -> None:
    assert fold("김정은") == "김정은"
    assert fold("Ким Чен Ын") == "ким чен ын"
    assert fold("محمد") == "محمد"


def test_latin_tokens_joins_apostrophes_and_splits_hyphens() -> None:
    assert latin_tokens("Ch'ang Kwang-song") == ["chang", "kwang", "song"]
    assert latin_tokens("KIM Jong-un") == ["kim", "jong", "un"]
    assert latin_tokens("Korea Ryonbong General Corp.") == ["korea", "ryonbong", "general", "corp"]
    assert latin_tokens("Ri Je-Son (a.k.a. Ri Che Son)") == [
        "ri", "je", "son", "a", "k", "a", "ri", "che", "son",
    ]  # fmt: skip


def test_latin_tokens_transliterates_other_scripts() -> None:
    assert latin_tokens("Ким Чен Ын") == ["kim", "chen", "yn"]
    assert latin_tokens("金正恩") == ["jin", "zheng", "en"]
    assert latin_tokens("김정은") == ["gimjeongeun"]


def test_latin_tokens_returns_a_fresh_list() -> None:
    first = latin_tokens("Kim Jong Un")
    first.append("mutated")
    assert latin_tokens("Kim Jong Un") == ["kim", "jong", "un"]


def test_scripts_of() -> None:
    assert scripts_of("김정은") == {"Hangul"}
    assert scripts_of("金正恩") == {"Han"}
    assert scripts_of("Ким") == {"Cyrillic"}
    assert scripts_of("محمد") == {"Arabic"}
    assert scripts_of("Kim 김") == {"Latin", "Hangul"}
