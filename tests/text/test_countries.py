"""Country names as the lists print them -> ISO alpha-2. Each spelling below occurs in the
UN, EU or OFAC files in ../shared/data/sanctions."""

from __future__ import annotations

import pytest

from interdictor.text.countries import country_of_address, to_country_code, to_country_codes


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Democratic People's Republic of Korea", "kp"),  # UN
        ("DPRK", "kp"),  # EU
        ("DPRK.", "kp"),  # EU
        ("Korea, North", "kp"),  # OFAC
        ("Korea, South", "kr"),
        ("Iran (Islamic Republic of)", "ir"),
        ("Syrian Arab Republic", "sy"),
        ("Democratic Republic of the Congo", "cd"),
        ("Burma", "mm"),
        ("Russian", "ru"),  # EU nationality
        ("Region: Crimea", "ua"),  # OFAC
        ("possibly Palestinian", "ps"),  # UN
        ("Libya (in custody)", "ly"),  # UN
        ("Tunisian passport", "tn"),  # UN
        ("Cabo Verde. Previously Cape Verde.", "cv"),  # OFAC
        ("United States. Also believed to hold Syrian nationality", "us"),  # UN
        ("kp", "kp"),
        ("KP", "kp"),
    ],
)
def test_to_country_code(name: str, code: str) -> None:
    assert to_country_code(name) == code


@pytest.mark.parametrize("name", ["", None, "-0-", "undetermined", "USSR (until 1991)"])
def test_no_country(name: str | None) -> None:
    assert to_country_code(name) is None


def test_several_countries() -> None:
    assert to_country_codes("Sudan/South Sudan") == ["sd", "ss"]  # UN
    assert to_country_codes("Iran / unknown") == ["ir"]
    assert to_country_codes("Korea, North") == ["kp"]  # the comma is part of the name


def test_country_of_address() -> None:
    assert country_of_address("Pyongyang, DPRK") == "kp"
    assert country_of_address("Beijing, China") == "cn"
    assert country_of_address("") is None
