import pytest
from text_data import read_eu_rows

from interdictor.text import guess_identifier_kinds, normalize_identifier, normalize_imo


def test_every_real_imo_in_the_eu_file_passes_the_check_digit() -> None:
    """The EU DPRK file lists the designated vessels with their IMO numbers (real data)."""
    values = [r["imoNumber"] for r in read_eu_rows() if r["imoNumber"]]
    numbers = [v for v in values if v.isdigit()]
    assert len(numbers) >= 70
    assert [v for v in numbers if normalize_imo(v) != v] == []
    assert normalize_imo("Does not exist") is None  # the file's value for MIN NING DE YOU 078


@pytest.mark.parametrize("value", ["IMO 9212711", "IMO9212711", "9212711", " imo-9212711 "])
def test_normalize_imo_accepts_prefix_and_spacing(value: str) -> None:
    assert normalize_imo(value) == "9212711"


@pytest.mark.parametrize("value", ["9212712", "IMO 9212710", "921271", "92127111", "0000000"])
def test_normalize_imo_rejects_wrong_check_digit_and_length(value: str) -> None:
    assert normalize_imo(value) is None


def test_swift_structure_and_country() -> None:
    assert normalize_identifier("swift", "DCBK KP PY") == "DCBKKPPY"  # Daedong Credit Bank
    assert normalize_identifier("swift", "FTBDKPPYXXX") == "FTBDKPPY"
    assert normalize_identifier("swift", "FTBDZZPY") is None  # ZZ is no country
    assert normalize_identifier("swift", "FTBDKPP") is None
    assert normalize_identifier("swift", "12BDKPPY") is None


def test_documents_are_compacted_and_upper_cased() -> None:
    assert normalize_identifier("passport", "ps 472-310.011") == "PS472310011"
    assert normalize_identifier("passport", "--") is None
    assert normalize_identifier("registration", "Reg. No. 12/345") == "REGNO12345"
    assert normalize_identifier("imo", "IMO 8606173") == "8606173"  # CHOL RYONG, EU file


def test_guess_identifier_kinds() -> None:
    assert guess_identifier_kinds("IMO 8909575") == ["imo"]
    assert guess_identifier_kinds("IMO 8909576") == []
    assert "swift" in guess_identifier_kinds("FTBDKPPY")
    assert guess_identifier_kinds("472310011")[0] == "passport"
