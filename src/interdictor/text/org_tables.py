"""Organisation words: legal forms, company words and their canonical short tokens.

Canonical tokens: ``co`` (company, corporation, 公司, 회사, شرکت), ``ltd`` (limited liability:
Ltd, LLC, GmbH, ООО, 有限, Sdn Bhd), ``jsc`` (joint stock: JSC, AG, S.A., 株式会社, 주식회사,
ОАО, سهامی), ``fze`` (free-zone forms), ``trading`` and ``group``. Unspaced Han and Hangul
words are peeled off the ends of a name and, where the meaning is a company word, translated
to the same English tokens (조선남강무역회사 -> korea 남강 trading co).
"""

from __future__ import annotations

# Latin and Cyrillic phrases (folded, tokenised) -> canonical tokens ("" removes the phrase).
PHRASES: dict[tuple[str, ...], str] = {
    ("company", "limited"): "co ltd", ("co", "ltd"): "co ltd", ("coltd",): "co ltd",
    ("company",): "co", ("co",): "co", ("corporation",): "co", ("corp",): "co",
    ("incorporated",): "co", ("inc",): "co", ("compagnie",): "co", ("cie",): "co",
    ("compania",): "co", ("companhia",): "co", ("kompaniya",): "co", ("компания",): "co",
    ("limited",): "ltd", ("ltd",): "ltd", ("llc",): "ltd", ("l", "l", "c"): "ltd",
    ("limited", "liability", "company"): "ltd", ("gmbh",): "ltd", ("ltda",): "ltd",
    ("srl",): "ltd", ("sarl",): "ltd", ("bv",): "ltd", ("pte", "ltd"): "ltd",
    ("private", "limited"): "ltd", ("pvt", "ltd"): "ltd", ("sdn", "bhd"): "ltd",
    ("sdn",): "ltd", ("bhd",): "ltd", ("berhad",): "ltd", ("ooo",): "ltd", ("ооо",): "ltd",
    ("тоо",): "ltd", ("общество", "с", "ограниченной", "ответственностью"): "ltd",
    ("joint", "stock", "company"): "jsc", ("joint", "stock", "co"): "jsc", ("jsc",): "jsc",
    ("ojsc",): "jsc", ("cjsc",): "jsc", ("pjsc",): "jsc", ("public", "joint", "stock"): "jsc",
    ("ao",): "jsc", ("oao",): "jsc", ("zao",): "jsc", ("pao",): "jsc", ("ао",): "jsc",
    ("оао",): "jsc", ("зао",): "jsc", ("пао",): "jsc", ("ag",): "jsc", ("sa",): "jsc",
    ("s", "a"): "jsc", ("plc",): "jsc", ("kk",): "jsc", ("kabushiki", "kaisha"): "jsc",
    ("nv",): "jsc", ("spa",): "jsc", ("aktsionernoye", "obshchestvo"): "jsc",
    ("fze",): "fze", ("fzco",): "fze", ("fzc",): "fze", ("fz", "llc"): "fze",
    ("fzllc",): "fze", ("fze", "llc"): "fze",
    ("trading",): "trading", ("trade",): "trading", ("traders",): "trading",
    ("торговый",): "trading", ("torgovy",): "trading",
    ("group",): "group", ("holding",): "group", ("holdings",): "group",
    ("sherkat",): "co", ("shirkat",): "co", ("sherkate",): "co",
    ("sahami", "khass"): "jsc", ("sahami", "khas"): "jsc", ("sahami", "aam"): "jsc",
    ("hoesa",): "co", ("muyok",): "trading", ("chonghoesa",): "co",
    ("joson",): "korea", ("choson",): "korea", ("chosun",): "korea", ("korean",): "korea",
}  # fmt: skip
MAX_PHRASE = max(map(len, PHRASES))

# Arabic-script words, matched as whole words.
ABJAD_WORDS: dict[str, str] = {
    "شرکت": "co", "شركة": "co", "سهامی": "jsc", "خاص": "", "عام": "", "مسئولیت": "ltd",
    "محدود": "ltd", "تجارت": "trading", "بازرگانی": "trading", "گروه": "group",
}  # fmt: skip

# Han and Hangul words peeled off either end of an unspaced word, longest first.
CJK_WORDS: dict[str, str] = {
    "股份有限公司": "jsc ltd co", "有限责任公司": "ltd co", "有限責任公司": "ltd co",
    "有限公司": "co ltd", "株式会社": "jsc", "有限会社": "ltd", "公司": "co", "会社": "co",
    "集团": "group", "集團": "group", "贸易": "trading", "貿易": "trading",
    "进出口": "import export", "進出口": "import export", "国际": "international",
    "國際": "international", "科技": "technology", "实业": "industrial",
    "實業": "industrial", "发展": "development", "發展": "development", "朝鲜": "korea",
    "朝鮮": "korea", "中国": "china", "中國": "china", "香港": "hong kong",
    "주식회사": "jsc", "유한회사": "ltd", "무역총회사": "general trading co",
    "무역회사": "trading co", "총회사": "general co", "회사": "co", "무역": "trading",
    "상사": "trading co", "총국": "general bureau", "조선": "korea", "국제": "international",
    "광업": "mining", "개발": "development", "은행": "bank", "해운": "shipping",
    "기술": "technology", "공업": "industry", "련합": "association", "연합": "association",
    "인민군": "peoples army", "조선민주주의인민공화국": "dprk", "국가": "national",
    "대외": "external", "건설": "construction", "전람사": "exhibition co",
    "전람": "exhibition", "해사": "maritime", "감독국": "supervision bureau",
    "감독": "supervision", "원자력": "nuclear", "연구소": "research institute",
    "연구원": "research institute", "과학원": "academy of sciences", "과학": "science",
    "수출입": "import export", "합영": "joint venture", "합작": "joint venture",
    "기계": "machinery", "설비": "equipment", "전자": "electronics", "화학": "chemical",
    "강철": "steel", "제철": "steel", "선박": "ship", "운수": "transport", "상업": "commercial",
    "보험": "insurance", "신용": "credit", "위원회": "committee", "공업부": "industry department",
    "무역은행": "trade bank", "광산": "mine", "탄광": "coal mine", "수산": "fisheries",
}  # fmt: skip
CJK_BY_LENGTH = sorted(CJK_WORDS, key=len, reverse=True)

# Canonical legal-form tokens: dropped from the core of a name.
LEGAL_TOKENS = frozenset({"co", "ltd", "jsc", "fze"})
# Words that carry no identity in an organisation name (kept: korea, mining, bank ...).
GENERIC_WORDS = frozenset(
    {"trading", "group", "the", "of", "and", "for", "in", "de", "du", "des", "la", "le", "el",
     "al", "da", "do", "di", "der", "und", "&", "general", "import", "export"}
)  # fmt: skip
# Words an acronym may leave out (KOMID for Korea Mining Development Trading Corporation).
_ACRONYM_EXTRA = {"korea", "korean", "dprk", "company", "corporation", "corp", "limited", "inc"}
ACRONYM_OPTIONAL = LEGAL_TOKENS | GENERIC_WORDS | _ACRONYM_EXTRA
# English words of organisation names: never read as romanised Korean ("mining" is not 미닝).
ORG_VOCABULARY = frozenset(
    " ".join(CJK_WORDS.values()).split()
    + "army people peoples ministry bureau department centre center research institute "
    "nuclear committee office agency commission enterprise factory complex company".split()
)
STOPWORDS = frozenset({"the", "of", "and", "for", "in", "de", "du", "des", "la", "&", "at"})
