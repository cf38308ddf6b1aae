"""Generate screening queries for the speed benchmark: perturbed list names plus unlisted names.

    .venv/bin/python benchmarks/generate_queries.py --n 100000 --seed 7 --out queries.csv

Output columns: id,name,schema,country,birth_date,identifier,expected_refs.
`expected_refs` holds the ';'-separated entity ids (`{dataset}-{source key}`, as the list
loaders build them: `un_sc-KPi.001`, `us_ofac_sdn-12218`, `eu_dprk-XIII.A-1`) of every listed
entry the query names: the entry, the same party on the other lists (linked by the reviewed
DPRK mappings) and every entry carrying the same unperturbed name. It is empty for an
unlisted name.

Mix (defaults): 30% true matches (`--match-share`). A true match takes one name of an
entry drawn from UN 2026 (30%), OFAC 2024 sdn.csv (50%) or the EU DPRK file (20%), then
applies one perturbation, a second one in 30% of cases:
  verbatim 10, word order 15, Korean romanisation 15 (Jong/Chong/Jeong, Ri/Lee/Yi, ...),
  hyphen/space/joined 10, spelling variant 10, 1-2 Latin-letter typos 20, dropped middle
  name 10, legal-form change 10 (percent; a perturbation that does not apply to the name is
  drawn again, up to eight times, then a typo is used). Letter case is then upper, title
  or as printed. Measured shares are in docs/_parts/benchmarks-screening-data.md.
The other 70% are unlisted: person names (55%) built from given names and surnames of
twelve naming cultures, and trading-company names (45%) built from a place, a trade word
and a legal form. A generated name equal to a listed name (after case and punctuation
folding) is drawn again, so unlisted names are truly unlisted.
The output is the same for the same seed and arguments.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

from build_dprk_labels import read_reviewed
from dprk_sources import (
    SourceRecord,
    entity_id,
    normalize_name,
    read_eu,
    read_ofac_2024,
    read_un,
)

LIST_WEIGHTS = {"un": 0.3, "ofac": 0.5, "eu": 0.2}
PERTURBATIONS = {
    "verbatim": 10, "word_order": 15, "romanisation": 15, "hyphenation": 10,
    "spelling": 10, "typo": 20, "drop_middle": 10, "legal_form": 10,
}  # fmt: skip
# Korean syllable spellings found side by side on the UN, OFAC and EU lists.
KOREAN_VARIANTS = [
    ["jong", "chong", "jeong", "cho'ng"], ["ri", "lee", "yi", "rhee", "li"],
    ["pak", "park", "bak"], ["kim", "gim"], ["choe", "choi", "ch'oe"],
    ["chol", "cheol", "chul", "ch'o'l"], ["song", "sung", "so'ng"], ["kwang", "gwang"],
    ["hyok", "hyuk", "hyo'k"], ["yong", "young", "yo'ng"], ["jin", "chin"], ["il", "ill"],
    ["un", "eun", "u'n"], ["jang", "chang"], ["jo", "cho"], ["kyong", "kyung", "gyong"],
    ["myong", "myung", "myo'ng"], ["ho", "ho'"], ["nam", "nahm"], ["su", "soo"],
    ["chun", "jun", "ch'un"], ["man", "mahn"], ["sok", "seok", "so'k"], ["tong", "dong"],
]  # fmt: skip
KOREAN_SYLLABLES = {v for group in KOREAN_VARIANTS for v in group}
LEGAL_FORMS = [
    ["co., ltd.", "company limited", "co ltd", "limited company"],
    ["corporation", "corp.", "corp", "general corporation"],
    ["company", "co.", "co"], ["limited", "ltd", "ltd."], ["llc", "l.l.c."],
    ["trading", "trade", "trading co."], ["shipping", "shpg"], ["s.a. de c.v.", "sa de cv"],
    ["gmbh", "g.m.b.h."], ["pte ltd", "pte. ltd.", "private limited"],
]  # fmt: skip
SPELLING = [("ph", "f"), ("ou", "u"), ("y", "i"), ("k", "c"), ("ss", "s"), ("ll", "l"),
            ("ae", "e"), ("ch", "tch"), ("v", "w"), ("ei", "ey"), ("oo", "u")]  # fmt: skip
GIVEN = {
    "en": "James Mary Robert Patricia John Jennifer Michael Linda David Susan Peter Helen",
    "es": "Jose Maria Juan Carmen Luis Ana Carlos Lucia Miguel Rosa Javier Elena Diego",
    "de": "Hans Anna Klaus Ursula Stefan Monika Jurgen Petra Wolfgang Sabine Dieter",
    "fr": "Jean Marie Pierre Isabelle Michel Nathalie Philippe Sylvie Alain Catherine",
    "ar": "Mohammed Fatima Ahmed Aisha Ali Khadija Omar Mariam Hassan Youssef Layla Karim",
    "fa": "Reza Zahra Mehdi Maryam Hossein Narges Ali Reza Farhad Shirin Dariush",
    "zh": "Wei Fang Lei Min Jun Ying Hao Xiu Qiang Li Ming Jing Tao Yan Bo Hui",
    "ko": "Min-jun Seo-yeon Ji-hoon Ha-eun Hyun-woo Su-bin Do-yoon Ye-jin Sung-ho",
    "ru": "Ivan Olga Sergei Natalia Dmitri Elena Alexei Tatiana Andrei Irina Mikhail",
    "tr": "Mehmet Ayse Mustafa Fatma Ahmet Emine Huseyin Hatice Ibrahim Zeynep",
    "in": "Rahul Priya Amit Sunita Vikram Anjali Sanjay Kavita Arjun Deepa Ravi",
    "ja": "Hiroshi Yuki Takashi Akiko Kenji Naoko Satoshi Emi Daisuke Mayumi",
}  # fmt: skip
SURNAMES = {
    "en": "Smith Johnson Brown Taylor Wilson Evans Thomas Roberts Walker Wright Harris",
    "es": "Garcia Fernandez Lopez Martinez Sanchez Perez Gomez Ruiz Diaz Moreno Alvarez",
    "de": "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz",
    "fr": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau",
    "ar": "Al-Sayed Haddad Khalil Mansour Nasser Saleh Hamdan Aziz Rahman Darwish",
    "fa": "Hosseini Mohammadi Ahmadi Rezaei Moradi Karimi Jafari Sadeghi Rahimi",
    "zh": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo",
    "ko": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon",
    "ru": "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Fedorov",
    "tr": "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir",
    "in": "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Mehta Joshi",
    "ja": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi",
}  # fmt: skip
COUNTRY_OF = {"en": "GB", "es": "MX", "de": "DE", "fr": "FR", "ar": "AE", "fa": "IR",
              "zh": "CN", "ko": "KR", "ru": "RU", "tr": "TR", "in": "IN", "ja": "JP"}  # fmt: skip
PLACES = (
    "Dalian|Dandong|Shenyang|Ningbo|Qingdao|Shenzhen|Guangzhou|Xiamen|Tianjin|Hamburg|"
    "Rotterdam|Antwerp|Vladivostok|Nakhodka|Busan|Incheon|Kaohsiung|Singapore|Penang|"
    "Klang|Dubai|Sharjah|Istanbul|Mersin|Mumbai|Chennai|Karachi|Jakarta|Manila|Haiphong|"
    "Bangkok|Yokohama|Osaka|Hong Kong|Macau|Panama|Limassol|Piraeus|Genoa|Odessa"
).split("|")
TRADE_WORDS = (
    "Ocean|Golden Star|Pacific|Eastern|Global|United|Bright|Harmony|Prosperity|"
    "Precision|Dragon|Phoenix|Silk Road|Great Wall|Lucky|Everbright|Sunrise|Orient|"
    "Continental|Blue Sky|Green Field|Allied|Summit|Pioneer|Evergreen"
).split("|")
INDUSTRIES = (
    "Trading Import Export Shipping Logistics Machinery Electronics Chemical Metals "
    "Steel Textile Industrial Marine Engineering Technology Petroleum Minerals "
    "Equipment Supply Freight Holdings Resources Materials Components"
).split()
FORMS = ["Co., Ltd.", "Co. Ltd", "Limited", "LLC", "GmbH", "Pte Ltd", "S.A.", "Corporation",
         "Company", "FZE", "JSC", "Ltd", "Sdn Bhd", "Trading LLC", "Group"]  # fmt: skip


def load_entries() -> dict[str, list[SourceRecord]]:
    """Read the three lists the benchmark loads: UN 2026, OFAC 2024 sdn.csv, EU DPRK."""
    return {"un": read_un(), "ofac": read_ofac_2024(), "eu": read_eu()}


def link_entries(entries: dict[str, list[SourceRecord]]) -> dict[str, set[str]]:
    """Group the entity ids of one party across lists, from the reviewed DPRK mappings."""
    groups: dict[str, set[str]] = defaultdict(set)
    eu_keys = {r.key: entity_id("eu", r) for r in entries["eu"]}
    for (source, key), (un_ref, _) in read_reviewed().items():
        other = eu_keys.get(key) if source == "eu" else f"us_ofac_sdn-{key}"
        if un_ref and other:
            merged = groups[f"un_sc-{un_ref}"] | {f"un_sc-{un_ref}", other}
            for ident in merged:
                groups[ident] = merged
    return groups


def index_names(entries: dict[str, list[SourceRecord]]) -> dict[str, set[str]]:
    """Map each folded name to the ids of every entry that carries it (homonyms included)."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for family, records in entries.items():
        for record in records:
            for name in record.names:
                by_name[normalize_name(name)].add(entity_id(family, record))
    return by_name


def perturb(rng: random.Random, name: str, schema: str) -> tuple[str, str]:
    """Apply one or two weighted perturbations; return (name, kinds applied).

    A drawn perturbation that does not apply to the name (romanisation of a Spanish
    name, a legal form on a person) is drawn again, up to eight times, then a typo is used.
    """
    applied = []
    for step in range(2 if rng.random() < 0.3 else 1):
        kind, changed = draw_applicable(rng, name, schema, allow_verbatim=step == 0)
        name = changed
        applied.append(kind)
    return change_case(rng, name), "+".join(applied)


def draw_applicable(
    rng: random.Random, name: str, schema: str, allow_verbatim: bool
) -> tuple[str, str]:
    """Draw perturbations by weight until one changes the name; return (kind, name)."""
    kinds = [k for k in PERTURBATIONS if allow_verbatim or k != "verbatim"]
    weights = [PERTURBATIONS[k] for k in kinds]
    for _ in range(8):
        kind = rng.choices(kinds, weights=weights)[0]
        changed = PERTURBERS[kind](rng, name, schema)
        if changed is not None and (changed != name or kind == "verbatim"):
            return kind, changed
    return "typo", add_typos(rng, name, schema) or name


def change_case(rng: random.Random, name: str) -> str:
    """Upper-case, title-case or keep the name as printed."""
    roll = rng.random()
    return name.upper() if roll < 0.3 else name.title() if roll < 0.5 else name


def keep_verbatim(rng: random.Random, name: str, schema: str) -> str | None:
    """Return the name unchanged."""
    return name


def swap_word_order(rng: random.Random, name: str, schema: str) -> str | None:
    """Rotate or swap words: "KIM, Jong Un" -> "Jong Un Kim"."""
    if "," in name and schema == "Person":
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}"
    words = name.split()
    if len(words) < 2 or schema in ("Vessel", "Airplane"):
        return None
    if schema != "Person":
        # "Korea Kwangsong Trading Corporation" -> "Kwangsong Trading Corporation, Korea"
        return f"{' '.join(words[1:])}, {words[0]}"
    cut = rng.randrange(1, len(words))
    return " ".join(words[cut:] + words[:cut])


def vary_romanisation(rng: random.Random, name: str, schema: str) -> str | None:
    """Replace one Korean syllable spelling with another found on the lists."""
    words = re.split(r"([\s,-]+)", name)
    options = [(i, group) for i, w in enumerate(words) for group in KOREAN_VARIANTS
               if w.lower() in group]  # fmt: skip
    if not options:
        return None
    index, group = rng.choice(options)
    choice = rng.choice([v for v in group if v != words[index].lower()])
    words[index] = choice.upper() if words[index].isupper() else choice.capitalize()
    return "".join(words)


def vary_hyphenation(rng: random.Random, name: str, schema: str) -> str | None:
    """Turn "Jong-Un" into "Jong Un" or "Jongun", or hyphenate two given names."""
    if "-" in name:
        joiner = rng.choice([" ", ""])
        return re.sub(
            r"-(\w)", lambda m: joiner + (m.group(1).lower() if not joiner else m.group(1)), name
        )
    words = name.split()
    if schema != "Person" or len(words) < 3:
        return None
    return " ".join(words[:-2] + [f"{words[-2]}-{words[-1].lower()}"])


def vary_spelling(rng: random.Random, name: str, schema: str) -> str | None:
    """Apply one common spelling variation (ph/f, ou/u, y/i, ...)."""
    options = [(a, b) for a, b in SPELLING if a in name.lower()]
    options += [(b, a) for a, b in SPELLING if b in name.lower() and len(b) > 1]
    if not options:
        return None
    old, new = rng.choice(options)
    spots = [m.start() for m in re.finditer(re.escape(old), name.lower())]
    at = rng.choice(spots)
    piece = new.upper() if name[at : at + len(old)].isupper() else new
    return name[:at] + piece + name[at + len(old) :]


def add_typos(rng: random.Random, name: str, schema: str) -> str | None:
    """Insert, delete, substitute or transpose one or two Latin letters (never the first).

    Hangul and Han names get no typos: one wrong syllable makes another name.
    """
    chars = list(name)
    for _ in range(rng.choice([1, 1, 2]) if len(name) >= 10 else 1):
        spots = [i for i, c in enumerate(chars) if c.isascii() and c.isalpha() and i > 0]
        if len(spots) < 3:
            return None
        at, op = rng.choice(spots), rng.choice("idst")
        letter = rng.choice("aeioustnrlkhmgy")
        letter = letter.upper() if chars[at].isupper() else letter
        if op == "i":
            chars.insert(at, letter)
        elif op == "d":
            del chars[at]
        elif op == "s":
            chars[at] = letter
        elif at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


def drop_middle_name(rng: random.Random, name: str, schema: str) -> str | None:
    """Drop one inner word of a person's name of three words or more."""
    words = name.replace(",", " ").split()
    if schema != "Person" or len(words) < 3 or is_korean(words):
        return None
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def is_korean(words: list[str]) -> bool:
    """True when two words are Korean syllables: their given names are not middle names."""
    return sum(1 for w in words if w.lower().split("-")[0] in KOREAN_SYLLABLES) >= 2


def change_legal_form(rng: random.Random, name: str, schema: str) -> str | None:
    """Swap a company's legal form or trade word for an equivalent, or drop it."""
    if schema not in ("LegalEntity", "Organization", "Company") or not re.search("[A-Za-z]", name):
        return None
    lower = name.lower()
    for group in LEGAL_FORMS:
        for form in sorted(group, key=len, reverse=True):
            if re.search(rf"(^|\s){re.escape(form)}($|\s)", lower):
                start = lower.rindex(form)
                new = rng.choice([f for f in group if f != form] + [""])
                new = new.upper() if name[start : start + len(form)].isupper() else new
                return " ".join((name[:start] + new + name[start + len(form) :]).split())
    return f"{name} {rng.choice(['Co., Ltd.', 'LLC', 'Limited'])}"


PERTURBERS = {
    "verbatim": keep_verbatim, "word_order": swap_word_order, "romanisation": vary_romanisation,
    "hyphenation": vary_hyphenation, "spelling": vary_spelling, "typo": add_typos,
    "drop_middle": drop_middle_name, "legal_form": change_legal_form,
}  # fmt: skip


def make_unlisted_person(rng: random.Random) -> tuple[str, str, str]:
    """Return (name, country, birth date) of a made-up person of one naming culture."""
    culture = rng.choice(list(GIVEN))
    given, surname = rng.choice(GIVEN[culture].split()), rng.choice(SURNAMES[culture].split())
    if culture in ("zh", "ko", "ja") and rng.random() < 0.6:
        name = f"{surname} {given}"
    elif culture in ("es", "ar") and rng.random() < 0.5:
        second = rng.choice([n for n in SURNAMES[culture].split() if n != surname])
        name = f"{given} {surname} {second}"
    else:
        name = f"{given} {surname}"
    born = ""
    if rng.random() < 0.3:
        born = f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return name, COUNTRY_OF[culture] if rng.random() < 0.5 else "", born


def make_unlisted_company(rng: random.Random) -> tuple[str, str, str]:
    """Return (name, country, '') of a made-up trading company."""
    parts = [rng.choice(PLACES), rng.choice(TRADE_WORDS), rng.choice(INDUSTRIES)]
    if rng.random() < 0.4:
        parts.pop(rng.choice([0, 1]))
    return " ".join([*parts, rng.choice(FORMS)]), "", ""


def pick_listed(
    rng: random.Random, entries: dict[str, list[SourceRecord]]
) -> tuple[str, SourceRecord, str]:
    """Draw a list by weight, an entry, and one of its names."""
    family = rng.choices(list(LIST_WEIGHTS), weights=list(LIST_WEIGHTS.values()))[0]
    record = rng.choice(entries[family])
    return family, record, rng.choice(record.names)


def make_match(
    rng: random.Random,
    entries: dict[str, list[SourceRecord]],
    groups: dict[str, set[str]],
    by_name: dict[str, set[str]],
) -> dict[str, str]:
    """One true-match query: a perturbed list name with some of the entry's details.

    Expected: the entry, the same party on the other lists, and every entry that carries
    the unperturbed name (a name-only query cannot tell homonyms apart).
    """
    family, record, name = pick_listed(rng, entries)
    query, _kinds = perturb(rng, name, record.schema)
    born = record.birth_dates[0] if record.birth_dates and rng.random() < 0.3 else ""
    country = rng.choice(record.countries) if record.countries and rng.random() < 0.5 else ""
    doc = record.documents[0] if record.documents and rng.random() < 0.1 else ""
    ident = entity_id(family, record)
    refs = sorted(groups.get(ident, {ident}) | by_name[normalize_name(name)])
    return make_row(query, record.schema, country, born, doc, ";".join(refs))


def make_row(
    name: str, schema: str, country: str, born: str, doc: str, refs: str
) -> dict[str, str]:
    """Assemble one output row (without id)."""
    return {"name": name, "schema": schema, "country": country, "birth_date": born,
            "identifier": doc, "expected_refs": refs}  # fmt: skip


def make_unlisted(rng: random.Random, listed: Collection[str]) -> dict[str, str]:
    """One query naming nobody on the lists (redrawn until its name is not listed)."""
    while True:
        is_person = rng.random() < 0.55
        name, country, born = (make_unlisted_person if is_person else make_unlisted_company)(rng)
        if normalize_name(name) not in listed:
            schema = "Person" if is_person else "LegalEntity"
            return make_row(change_case(rng, name), schema, country, born, "", "")


def generate(n: int, seed: int, match_share: float) -> list[dict[str, str]]:
    """Generate `n` queries, deterministically for a seed."""
    rng = random.Random(seed)
    entries = load_entries()
    groups = link_entries(entries)
    by_name = index_names(entries)
    rows = []
    for index in range(n):
        if rng.random() < match_share:
            row = make_match(rng, entries, groups, by_name)
        else:
            row = make_unlisted(rng, by_name.keys())
        rows.append({"id": f"q{index:06d}", **row})
    return rows


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of queries")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--match-share", type=float, default=0.3, help="share of true matches")
    parser.add_argument("--out", type=Path, required=True, help="output CSV file")
    args = parser.parse_args()
    rows = generate(args.n, args.seed, args.match_share)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    matches = sum(1 for r in rows if r["expected_refs"])
    print(f"{len(rows)} queries, {matches} true matches ({matches / len(rows):.1%}) -> {args.out}")


if __name__ == "__main__":
    main()
