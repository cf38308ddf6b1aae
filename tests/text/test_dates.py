"""Dates as the lists print them -> ISO partial dates. Examples are taken from the UN, EU
and OFAC files in ../shared/data/sanctions."""

from __future__ import annotations

import pytest

from interdictor.text.dates import expand_year_range, format_date, parse_date, parse_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13.10.1944", ["1944-10-13"]),  # EU
        ("1938", ["1938"]),  # EU
        ("6.5.1969.", ["1969-05-06"]),  # EU, trailing dot
        ("circa 1960", ["1960"]),  # OFAC
        ("01 Jan 1965", ["1965-01-01"]),  # OFAC
        ("Dec 1950", ["1950-12"]),  # OFAC
        ("Nov. 1973 ", ["1973-11"]),  # UN NOTE
        ("1978-04-28", ["1978-04-28"]),  # UN DATE
        ("2020-11-23T19:10:17.6-05:00", ["2020-11-23"]),  # UN dateGenerated
        ("Between 1960 and 1962", ["1960", "1961", "1962"]),
        ("1967-1969.", ["1967", "1968", "1969"]),  # EU
        ("1959 to 1961", ["1959", "1960", "1961"]),  # OFAC
        ("1954 or 1955.", ["1954", "1955"]),  # EU
        ("1955 and 1956", ["1955", "1956"]),
        ("19.2.1968; 1965 or 1966", ["1968-02-19", "1965", "1966"]),  # EU
        ("a) 1964 b) 28.8.1962", ["1964", "1962-08-28"]),  # EU
        ("7.8.1965 / 20.2.1972", ["1965-08-07", "1972-02-20"]),  # EU
        ("15.4.1957, 22.2.1958", ["1957-04-15", "1958-02-22"]),  # EU
        ("31.2.1960", ["1960"]),  # impossible day: the year still counts
        ("", []),
        ("unknown", []),
    ],
)
def test_parse_dates(text: str, expected: list[str]) -> None:
    assert parse_dates(text) == expected


def test_parse_date_first() -> None:
    assert parse_date("DOB circa 1947; alt. DOB circa 1946") == "1947"
    assert parse_date(None) is None
    assert parse_date("no date") is None


def test_long_range_keeps_ends() -> None:
    assert expand_year_range(1900, 1990) == ["1900", "1990"]
    assert expand_year_range(1962, 1960) == ["1960", "1961", "1962"]


def test_format_date() -> None:
    assert format_date(1964, 6, 18) == "1964-06-18"
    assert format_date(1964, 6) == "1964-06"
    assert format_date(1964) == "1964"
    assert format_date(1964, 13) is None
