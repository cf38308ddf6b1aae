"""OFAC legacy CSV parsers, on the real 2021 SDN set and the 2024 ``sdn.csv``."""

from __future__ import annotations

from collections import Counter

from list_files import OFAC_2021

from interdictor.lists import ParseResult, detect_format, parse_file
from interdictor.lists.ofac_remarks import parse_remarks
from interdictor.model.listed import Identifier, ListedEntity


def by_ref(result: ParseResult, ent_num: str) -> ListedEntity:
    return next(e for e in result.entities if e.reference == ent_num)


def test_ofac_2024_counts(ofac_2024: ParseResult) -> None:
    # SOURCES.md: 14,965 SDN rows, 484 with a DPRK* programme tag, 851 vessels.
    assert ofac_2024.format == "ofac_sdn_csv"
    assert ofac_2024.dataset == "us_ofac_sdn"
    assert len(ofac_2024.entities) == 14965
    assert ofac_2024.rejected == []  # the trailing 0x1A byte is not a record
    dprk = [e for e in ofac_2024.entities if any(p.startswith("DPRK") for p in e.programs)]
    assert len(dprk) == 484
    assert Counter(e.schema for e in ofac_2024.entities)["Vessel"] == 851


def test_ofac_2024_aliases_from_remarks(ofac_2024: ParseResult) -> None:
    komid = by_ref(ofac_2024, "9345")
    assert komid.id == "us_ofac_sdn-9345"
    assert komid.aliases == ["KOMID"]
    assert komid.programs == ["NPWMD", "DPRK2"]
    assert by_ref(ofac_2024, "19611").aliases == ["KOGEN", "GENCO", "ZENKO"]
    lazarus = by_ref(ofac_2024, "27307")
    assert "HIDDEN COBRA" in lazarus.aliases
    assert "GUARDIANS OF PEACE" in lazarus.aliases


def test_ofac_2024_identifiers_from_remarks(ofac_2024: ParseResult) -> None:
    vessel = by_ref(ofac_2024, "17069")  # CHONG CHON GANG
    assert vessel.schema == "Vessel"
    assert vessel.identifiers == [Identifier("imo", "7937317")]
    assert vessel.countries == ["kp"]  # Vess_flag
    assert vessel.properties["type"] == ["General Cargo"]
    assert Identifier("swift", "KDBKKPPY") in by_ref(ofac_2024, "12312").identifiers
    paek = by_ref(ofac_2024, "15667")
    assert paek.schema == "Person"
    assert paek.birth_dates == ["1964-06-18"]
    assert paek.identifiers == [Identifier("passport", "381420754")]
    assert paek.properties["birthPlace"] == ["Kaesong, DPRK"]
    kim = by_ref(ofac_2024, "12211")  # "DOB circa 1947; alt. DOB circa 1946"
    assert kim.birth_dates == ["1947", "1946"]


def test_ofac_2024_vessels_have_imo(ofac_2024: ParseResult) -> None:
    dprk_vessels = [
        e for e in ofac_2024.entities if e.schema == "Vessel" and "DPRK" in " ".join(e.programs)
    ]
    assert dprk_vessels
    with_imo = [e for e in dprk_vessels if any(i.kind == "imo" for i in e.identifiers)]
    assert len(with_imo) / len(dprk_vessels) > 0.9


def test_ofac_legacy_counts(ofac_2021: ParseResult) -> None:
    # SOURCES.md: sdn 8,976 rows; every alt/add ent_num exists in sdn.
    assert ofac_2021.format == "ofac_legacy"
    assert len(ofac_2021.entities) == 8976
    assert ofac_2021.rejected == []


def test_ofac_legacy_attaches_alt_and_add(ofac_2021: ParseResult) -> None:
    komid = by_ref(ofac_2021, "9345")
    # alt.csv gives the aliases the single file lacks.
    assert "CHANGGWANG SINYONG CORPORATION" in komid.aliases
    assert "KOREAN MINING AND INDUSTRIAL DEVELOPMENT CORPORATION" in komid.aliases
    assert "KOMID" in komid.aliases
    # add.csv gives addresses and their countries.
    assert "Central District, Pyongyang, Korea, North" in komid.addresses
    assert {"kp", "cn", "ru", "ir", "sy"} <= set(komid.countries)
    # 11,910 alt rows over 8,976 entries: thousands of entries have aliases.
    assert sum(len(e.aliases) for e in ofac_2021.entities) > 11000


def test_ofac_legacy_comments_extend_remarks(ofac_2021: ParseResult) -> None:
    # sdn_comments.csv continues the Remarks of 12300, ending in "Linked To: R D I S.A."
    entry = by_ref(ofac_2021, "12300")
    assert "R D I S.A" in entry.properties["linkedTo"]


def test_ofac_consolidated_non_sdn_set() -> None:
    # SOURCES.md: cons_prim 442 rows, with cons_alt/cons_add/cons_comments beside it.
    folder = OFAC_2021.parent / "cons_nonsdn_2025-12"
    assert detect_format(folder) == "ofac_legacy"
    result = parse_file(folder)
    assert result.dataset == "us_ofac_cons"
    assert len(result.entities) == 442
    assert result.rejected == []
    assert sum(len(e.aliases) for e in result.entities) >= 1073  # every cons_alt row


def test_parse_remarks_quotes_inside_alias() -> None:
    remarks = "DOB 01 Jan 1965; a.k.a. 'AL-QA'QA'; f.k.a. 'OLD NAME'; nationality Korea, North."
    info = parse_remarks(remarks)
    assert info.aliases == ["AL-QA'QA"]
    assert info.previous_names == ["OLD NAME"]
    assert info.birth_dates == ["1965-01-01"]
    assert info.countries == ["kp"]


def test_parse_remarks_identifiers() -> None:
    info = parse_remarks(
        "Passport 381420754 (Korea, North) issued 07 Dec 2011 expires 07 Dec 2016; "
        "National ID No. 12345 (Iran); SWIFT/BIC FTBDKPPY; "
        "Registration Number 9855920 (Turkey); Vessel Registration Identification IMO 9123456."
    )
    assert info.identifiers == [
        Identifier("passport", "381420754", "kp"),
        Identifier("national_id", "12345", "ir"),
        Identifier("swift", "FTBDKPPY"),
        Identifier("registration", "9855920", "tr"),
        Identifier("imo", "9123456"),
    ]
