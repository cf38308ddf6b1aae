"""Bad input: one bad record is reported with its position and the rest loads.

Each test writes a broken copy of a real file into tmp_path.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from list_files import EU_DPRK, OFAC_2021, OFAC_2024, UN_2026

from interdictor.errors import InvalidInput
from interdictor.lists import parse_file
from interdictor.lists.national import COLUMNS


def read_lines(path: Path) -> list[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        return fh.read().splitlines(keepends=True)


def test_un_truncated_xml(tmp_path: Path) -> None:
    lines = read_lines(UN_2026)
    broken = tmp_path / "un_truncated.xml"
    broken.write_bytes(b"".join(lines[:20000]))  # stops in the middle of the INDIVIDUALS
    result = parse_file(broken)
    assert 0 < len(result.entities) < 730
    assert len(result.rejected) == 1
    rejected = result.rejected[0]
    assert rejected.source == str(broken)
    assert rejected.position.startswith("line 20001")
    assert "not well-formed" in rejected.reason


def test_un_record_without_name(tmp_path: Path) -> None:
    text = gzip.decompress(UN_2026.read_bytes()).decode()
    # Blank the name of KPe.001 only.
    text = text.replace(
        "<FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>",
        "<FIRST_NAME/>",
    )
    broken = tmp_path / "un.xml.gz"
    broken.write_bytes(gzip.compress(text.encode()))
    result = parse_file(broken)
    assert len(result.entities) == 1002
    assert [(r.position, r.reason) for r in result.rejected] == [
        ("ENTITY 101 (DATAID 690735)", "record KPe.001 has no name")
    ]
    assert "KPe.001" in result.rejected[0].excerpt


def test_not_xml_at_all(tmp_path: Path) -> None:
    bad = tmp_path / "list.xml"
    bad.write_text("this is not xml", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        parse_file(bad, format="un_xml")
    assert info.value.source == str(bad)


def test_ofac_row_with_wrong_column_count(tmp_path: Path) -> None:
    lines = read_lines(OFAC_2024)
    lines[9] = b'99999999,"BROKEN ROW",-0- \r\n'  # line 10: three columns
    lines[19] = b"\xff\xfe" + lines[19]  # line 20: not UTF-8
    broken = tmp_path / "sdn.csv"
    broken.write_bytes(b"".join(lines))
    result = parse_file(broken)
    assert result.format == "ofac_sdn_csv"
    assert len(result.entities) == 14965 - 2
    assert [(r.position, r.reason) for r in result.rejected] == [
        ("line 10", "expected 12 columns, found 3"),
        ("line 20", "line is not valid UTF-8"),
    ]
    assert "BROKEN ROW" in result.rejected[0].excerpt


def test_ofac_legacy_bad_alt_row(tmp_path: Path) -> None:
    for name in ("sdn", "add"):
        (tmp_path / f"{name}.csv").write_bytes(b"".join(read_lines(OFAC_2021 / f"{name}.csv.gz")))
    alt = read_lines(OFAC_2021 / "alt.csv.gz")
    alt[4] = b'306,220,"aka"\r\n'
    (tmp_path / "alt.csv").write_bytes(b"".join(alt))
    result = parse_file(tmp_path)
    assert len(result.entities) == 8976
    assert [(Path(r.source).name, r.position) for r in result.rejected] == [("alt.csv", "line 5")]
    assert "expected 5 columns" in result.rejected[0].reason


def test_eu_bad_rows(tmp_path: Path) -> None:
    lines = read_lines(EU_DPRK)
    lines[1] = b"32017R1509,1,EU-PRK,XIII.A,too,few\n"  # line 2: wrong column count
    lines[2] = lines[2].replace(b",Person,Ri Je-Son,", b",Person,,")  # line 3: no name
    broken = tmp_path / "eu.csv"
    broken.write_bytes(b"".join(lines))
    result = parse_file(broken)
    assert len(result.entities) == 324
    assert [(r.position, r.reason) for r in result.rejected] == [
        ("line 2", "expected 45 columns, found 6"),
        ("line 3", "row has no name"),
    ]


def test_ftm_json_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["Kim Jong Un"]}}\n'
        '{"id": "b", "schema": "Person", "properties": {"na\n'
        '{"id": "c", "schema": "NoSuchSchema", "properties": {}}\n'
        '{"id": "d", "schema": "Company", "properties": {"name": ["Korea Ryonbong"]}}\n',
        encoding="utf-8",
    )
    result = parse_file(path, format="ftm_json", dataset="test")
    assert [e.id for e in result.entities] == ["a", "d"]
    assert [r.position for r in result.rejected] == ["line 2", "line 3"]
    assert "not valid JSON" in result.rejected[0].reason


def test_national_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "nat.csv"
    path.write_text(
        ",".join(COLUMNS)
        + "\nN-1,Person,Kim Il,,,,KP,,,,,,\n"
        + "N-2,Person,,,,,KP,,,,,,\n"
        + "N-3,Ship,X,,,,KP,,,,,,\n"
        + "N-4,Vessel,Y,,,,KP,,imo-8712362,,,,\n"
        + "N-5,Person,Kim Il\n"
        + "N-6,Vessel,CHON MYONG 1,,,,KP,,imo:8712362,,,,\n",
        encoding="utf-8",
    )
    result = parse_file(path)
    assert [e.id for e in result.entities] == ["nat-N-1", "nat-N-6"]
    assert [(r.position, r.reason) for r in result.rejected] == [
        ("line 3", "row N-2 has no name"),
        (
            "line 4",
            "schema 'Ship' is not one of "
            "('Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane')",
        ),
        ("line 5", "identifier 'imo-8712362' is not kind:value"),
        ("line 6", "expected 13 columns, found 3"),
    ]


def test_duplicate_ids_rejected(tmp_path: Path) -> None:
    path = tmp_path / "nat.csv"
    path.write_text(
        ",".join(COLUMNS) + "\nN-1,Person,Kim Il,,,,,,,,,,\nN-1,Person,Kim Il Sung,,,,,,,,,,\n",
        encoding="utf-8",
    )
    result = parse_file(path)
    assert [e.name for e in result.entities] == ["Kim Il"]
    assert [(r.position, r.reason) for r in result.rejected] == [("line 3", "duplicate id nat-N-1")]


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_file(tmp_path / "absent.csv")
    assert "absent.csv" in str(info.value)


def test_corrupt_gzip_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "un.xml.gz"
    broken.write_bytes(UN_2026.read_bytes()[:5000])  # gzip stream cut short
    with pytest.raises(InvalidInput) as info:
        parse_file(broken, format="un_xml")
    assert info.value.source == str(broken)
    assert "cannot read file" in info.value.reason


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "nat.csv"
    path.write_text(
        "\ufeff" + ",".join(COLUMNS) + "\nN-1,Vessel,CHON MYONG 1,,,,KP,,imo:8712362,,,,\n",
        encoding="utf-8",
    )
    result = parse_file(path)
    assert result.format == "national_csv"
    assert [e.name for e in result.entities] == ["CHON MYONG 1"]
