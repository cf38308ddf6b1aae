"""Format detection, the FtM JSON and national CSV formats, and the bundled defaults."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
from list_files import EU_DPRK, OFAC_2021, OFAC_2024, SANCTIONS, UN_2020, UN_2026

from interdictor.errors import InvalidInput, UnknownFormat
from interdictor.lists import DEFAULT_LISTS, FORMATS, ParseResult, detect_format, parse_file
from interdictor.lists.national import COLUMNS
from interdictor.model.ftm import to_ftm, to_ftm_sanction
from interdictor.model.listed import Identifier

NATIONAL_HEADER = ",".join(COLUMNS)
# Rows transcribed from real listings: KPe.025 and KPi.002 (UN 2026 file), the vessel
# CHON MYONG 1 and Ilsim International Bank with its SWIFT code (EU DPRK file).
NATIONAL_ROWS = [
    NATIONAL_HEADER,
    "N-001,Organization,KOREA KWANGSON BANKING CORPORATION,KKBC,,,DPRK,,,"
    '"Jungson-dong, Sungri Street, Central District, Pyongyang, DPRK",DPRK,KPe.025,2016-03-02',
    "N-002,Vessel,CHON MYONG 1,,,,KP,,imo:8712362,,DPRK,,2018-03-30",
    "N-003,Person,Ri Je-Son,Ri Che Son,,,Democratic People's Republic of Korea,1938,,,"
    "DPRK,KPi.002,16.7.2009",
    "N-004,Organization,Ilsim International Bank,,,,DPRK,,swift:ILSIKPPY,,DPRK,,30.11.2016",
]


def test_registry_lists_every_format() -> None:
    assert set(FORMATS) == {
        "un_xml",
        "ofac_legacy",
        "ofac_sdn_csv",
        "eu_journal_csv",
        "ftm_json",
        "national_csv",
    }
    assert all(f.key == k and f.title for k, f in FORMATS.items())


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (UN_2026, "un_xml"),
        (UN_2020, "un_xml"),
        (OFAC_2021, "ofac_legacy"),
        (OFAC_2021 / "sdn.csv.gz", "ofac_legacy"),
        (OFAC_2024, "ofac_sdn_csv"),
        (EU_DPRK, "eu_journal_csv"),
    ],
)
def test_detect_real_files(path: Path, expected: str) -> None:
    assert detect_format(path) == expected


def test_detect_ftm_and_national(tmp_path: Path) -> None:
    ftm = tmp_path / "entities.ftm.json"
    ftm.write_bytes(b'{"id": "x", "schema": "Person", "properties": {"name": ["A B"]}}\n')
    national = tmp_path / "national.csv.gz"
    national.write_bytes(gzip.compress("\n".join(NATIONAL_ROWS).encode()))
    assert detect_format(ftm) == "ftm_json"
    assert detect_format(national) == "national_csv"


def test_detect_unknown_names_the_file() -> None:
    other = SANCTIONS / "us_other" / "us_state_inksna_nonproliferation.csv"
    with pytest.raises(UnknownFormat) as info:
        detect_format(other)
    assert str(other) in str(info.value)


def test_wrong_format_given_names_the_file() -> None:
    with pytest.raises(InvalidInput) as info:
        parse_file(EU_DPRK, format="un_xml")
    assert info.value.source == str(EU_DPRK)
    with pytest.raises(UnknownFormat):
        parse_file(EU_DPRK, format="no_such_format")


def test_national_csv(tmp_path: Path) -> None:
    path = tmp_path / "kr_mofa.csv"
    path.write_text("\n".join(NATIONAL_ROWS) + "\n", encoding="utf-8")
    result = parse_file(path)
    assert result.format == "national_csv"
    assert result.dataset == "kr_mofa"  # the file stem
    assert result.rejected == []
    bank, vessel, person, ilsim = result.entities
    assert bank.id == "kr_mofa-N-001"
    assert bank.aliases == ["KKBC"]
    assert bank.countries == ["kp"]
    assert bank.reference == "KPe.025"
    assert bank.listed_on == "2016-03-02"
    assert bank.addresses == ["Jungson-dong, Sungri Street, Central District, Pyongyang, DPRK"]
    assert vessel.schema == "Vessel"
    assert vessel.identifiers == [Identifier("imo", "8712362")]
    assert person.countries == ["kp"]
    assert person.birth_dates == ["1938"]
    assert person.listed_on == "2009-07-16"
    assert ilsim.identifiers == [Identifier("swift", "ILSIKPPY")]
    assert ilsim.listed_on == "2016-11-30"
    assert parse_file(path, dataset="kr").entities[0].id == "kr-N-001"


def test_ftm_json_export_and_load(
    un_2026: ParseResult, eu_dprk: ParseResult, tmp_path: Path
) -> None:
    # Export our lists as FtM JSON lines (with Sanction entities), then load them back.
    entities = [e for e in un_2026.entities + eu_dprk.entities if "DPRK" in " ".join(e.programs)]
    entities += [e for e in eu_dprk.entities if e.schema == "Vessel"]
    entities = list({e.id: e for e in entities}.values())
    path = tmp_path / "export.ftm.json.gz"
    with gzip.open(path, "wb") as fh:
        for entity in entities:
            for proxy in (to_ftm(entity), to_ftm_sanction(entity)):
                data = proxy.to_dict()
                data["datasets"] = [entity.dataset]
                fh.write(orjson.dumps(data) + b"\n")
    result = parse_file(path)
    assert result.format == "ftm_json"
    assert result.rejected == []
    assert len(result.entities) == len(entities)
    back = {e.id: e for e in result.entities}
    komid = back["un_sc-KPe.001"]
    assert komid.dataset == "un_sc"
    assert komid.reference == "KPe.001"
    assert "KOMID" in komid.aliases
    assert back["eu_dprk-XIII.B-imo8606173"].identifiers == [Identifier("imo", "8606173")]


def test_ftm_json_opensanctions_style(tmp_path: Path) -> None:
    # The shape OpenSanctions publishes: a party, its Sanction and its Passport.
    lines = [
        {
            "id": "NK-ri-je-son",
            "schema": "Person",
            "caption": "Ri Je-son",
            "datasets": ["un_sc_sanctions"],
            "properties": {"name": ["Ri Je-son"], "alias": ["리제선"], "birthDate": ["1938"]},
        },
        {
            "id": "un-sanc-kpi002",
            "schema": "Sanction",
            "properties": {
                "entity": ["NK-ri-je-son"],
                "unscId": ["KPi.002"],
                "program": ["DPRK"],
                "listingDate": ["2009-07-16"],
            },
        },
        {
            "id": "un-passport-1",
            "schema": "Passport",
            "properties": {"holder": ["NK-ri-je-son"], "number": ["123"], "country": ["kp"]},
        },
        {"id": "pos-1", "schema": "Position", "properties": {"name": ["Minister"]}},
    ]
    path = tmp_path / "os.json"
    path.write_bytes(b"\n".join(orjson.dumps(line) for line in lines))
    result = parse_file(path)
    assert [e.id for e in result.entities] == ["NK-ri-je-son"]
    ri = result.entities[0]
    assert ri.dataset == "un_sc_sanctions"
    assert ri.reference == "KPi.002"
    assert ri.listed_on == "2009-07-16"
    assert ri.programs == ["DPRK"]
    assert ri.original_names == ["리제선"]
    assert ri.identifiers == [Identifier("passport", "123", "kp")]


def test_default_lists_parse() -> None:
    (un_path, un_format), (eu_path, eu_format) = DEFAULT_LISTS
    assert un_path.is_file() and eu_path.is_file()
    un = parse_file(un_path, un_format)
    eu = parse_file(eu_path, eu_format)
    assert (un.dataset, len(un.entities), un.published) == ("un_sc", 1003, "2026-02-27")
    assert (eu.dataset, len(eu.entities)) == ("eu_dprk", 326)
    # The UN file has no vessels; the EU file carries them with their IMO numbers.
    assert not any(e.schema == "Vessel" for e in un.entities)
    assert sum(e.schema == "Vessel" for e in eu.entities) == 75


def test_default_lists_match_shared_copies() -> None:
    (un_path, _), (eu_path, _) = DEFAULT_LISTS
    assert un_path.read_bytes() == UN_2026.read_bytes()
    assert eu_path.read_bytes() == EU_DPRK.read_bytes()


def test_ofac_folder_plain_files(tmp_path: Path) -> None:
    # The legacy set also loads uncompressed, given the folder.
    for name in ("sdn", "alt", "add"):
        with gzip.open(OFAC_2021 / f"{name}.csv.gz", "rb") as src:
            (tmp_path / f"{name}.csv").write_bytes(src.read())
    assert detect_format(tmp_path) == "ofac_legacy"
    result = parse_file(tmp_path)
    assert len(result.entities) == 8976
