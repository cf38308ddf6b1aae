import pytest
from text_data import read_eu_rows

from interdictor.text import (
    acronym_candidates,
    bracketed_abbreviations,
    canonicalize_org_name,
    is_acronym_of,
    org_core_tokens,
)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Korea Mining Development Trading Corporation", "korea mining development trading co"),
        ("DANDONG HONGXIANG INDUSTRIAL CO LTD", "dandong hongxiang industrial co ltd"),
        ("Hong Kong Trading Company Limited", "hong kong trading co ltd"),
        ("Tehran Steel FZE", "tehran steel fze"),
        ("Foo Sdn. Bhd.", "foo ltd"),
        ("Banco Delta Asia S.A.", "banco delta asia jsc"),
        ("ООО Ромашка", "ltd ромашка"),
        ("Joint Stock Company Rosoboronexport", "jsc rosoboronexport"),
        ("丹东鸿祥实业发展有限公司", "丹东鸿祥 industrial development co ltd"),
        ("조선남강무역회사", "korea 남강 trading co"),
        ("日本株式会社", "日本 jsc"),
        ("شرکت سهامی خاص نفت", "co jsc نفت"),
    ],
)  # fmt: skip
def test_canonicalize_org_name(name: str, canonical: str) -> None:
    assert canonicalize_org_name(name) == canonical


def test_legal_form_spellings_agree() -> None:
    forms = ["Co., Ltd.", "Company Limited", "Co Ltd", "CO. LTD"]
    assert len({canonicalize_org_name(f"Korea Heungjin {f}") for f in forms}) == 1


def test_org_core_tokens_keep_distinctive_words() -> None:
    assert org_core_tokens("Korea Mining Development Trading Corporation") == [
        "korea", "mining", "development",
    ]  # fmt: skip
    assert org_core_tokens("조선남강무역회사") == ["korea", "namgang"]
    assert org_core_tokens("Korea Namgang Trading Corporation") == ["korea", "namgang"]
    assert org_core_tokens("Tehran Steel FZE") == ["tehran", "steel"]
    assert org_core_tokens("Siemens Aktiengesellschaft") == ["siemens"]  # through rigour
    assert org_core_tokens("Ромашка акционерное общество") == ["romashka"]


def test_bracketed_abbreviations() -> None:
    assert bracketed_abbreviations("General Bureau of Atomic Energy (GBAE)") == ["GBAE"]
    assert bracketed_abbreviations("Korea Namgang Trading Corporation (NTC)") == ["NTC"]
    assert bracketed_abbreviations(
        "Korea General Corporation for External Construction (Aliases: KOGEN, GENCO)"
    ) == ["KOGEN", "GENCO"]
    assert bracketed_abbreviations("Chong Bong (Greenlight) (Blue Nouvelle)") == []


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("KOMID", "Korea Mining Development Trading Corporation"),
        ("KOMID", "Korea Mining Development Corporation"),
        ("GBAE", "General Bureau of Atomic Energy"),
        ("KPA", "Korean People's Army"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("NTC", "Korea Namgang Trading Corporation"),
        ("KOGEN", "Korea General Corporation for External Construction"),
        ("DCB", "Daedong Credit Bank"),
    ],
)
def test_is_acronym_of(acronym: str, name: str) -> None:
    assert is_acronym_of(acronym, name)


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("KOMID", "Korea Ryonbong General Corporation"),
        ("GBAE", "Islamic Revolutionary Guard Corps"),
        ("IRGC", "General Bureau of Atomic Energy"),
        ("KPA", "Korea Mining Development Trading Corporation"),
        ("DCB", "Foreign Trade Bank"),
        ("K", "Korea Mining"),
    ],
)
def test_is_acronym_of_rejects_other_names(acronym: str, name: str) -> None:
    assert not is_acronym_of(acronym, name)


def test_acronym_candidates_index_the_usual_forms() -> None:
    assert "KOMID" in acronym_candidates("Korea Mining Development Trading Corporation")
    assert "GBAE" in acronym_candidates("General Bureau of Atomic Energy")
    assert "IRGC" in acronym_candidates("Islamic Revolutionary Guard Corps")
    assert acronym_candidates("丹东鸿祥实业发展有限公司") == []


def test_eu_bracketed_acronyms_are_acronyms_of_their_names() -> None:
    """Labels: EU DPRK entity names that carry their own acronym in brackets."""
    pairs = []
    for row in read_eu_rows():
        for acronym in bracketed_abbreviations(row["name"]):
            pairs.append((acronym, row["name"]))
    assert len(pairs) >= 5
    misses = [p for p in pairs if not is_acronym_of(*p)]
    assert len(misses) <= len(pairs) // 5, misses
