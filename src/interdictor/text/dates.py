"""Dates as the lists print them, turned into ISO 8601 partial dates.

The lists write birth dates in many ways: ``13.10.1944`` (EU), ``01 Jan 1965`` and
``circa 1960`` (OFAC), ``Between 1960 and 1962``, ``1955 or 1956``, ``a) 1964 b) 28.8.1962``.
Each date found becomes ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a range of years becomes
every year in it, so that a query year inside the range meets one of them.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# A range longer than this is more likely two unrelated dates than a span to expand
# (OFAC prints "DOB 1959 to 1961"; nothing real spans decades).
MAX_RANGE_YEARS = 15

_MONTH = r"(?P<{g}>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_YEAR = r"(?P<{g}>1[89]\d\d|20\d\d)"
_DATE_TOKEN = re.compile(
    "|".join(
        [
            # 1978-04-28, 1978-04
            r"(?P<iy>1[89]\d\d|20\d\d)-(?P<im>0[1-9]|1[0-2])(?:-(?P<id>\d{1,2}))?(?![\d-])",
            # 13.10.1944, 13/10/1944
            r"(?<!\d)(?P<dd>\d{1,2})[./](?P<dm>\d{1,2})[./]" + _YEAR.format(g="dy"),
            # 01 Jan 1965, 1 January 1965
            r"(?<!\d)(?P<td>\d{1,2})\s+" + _MONTH.format(g="tm") + r"\s+" + _YEAR.format(g="ty"),
            # Jan 1965
            _MONTH.format(g="mm") + r"\s+" + _YEAR.format(g="my"),
            # 1965
            r"(?<!\d)" + _YEAR.format(g="yy") + r"(?!\d)",
        ]
    ),
    re.IGNORECASE,
)
_RANGE_GAP = re.compile(r"^\s*(?:to|and|-|–|until)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)


def format_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Return the ISO partial date for the parts given, or None if they make no date."""
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return date(year, month, 1).isoformat()[:7]
    except ValueError:
        return None
    return f"{year:04d}"


def expand_year_range(first: int, last: int) -> list[str]:
    """Return every year from ``first`` to ``last`` as strings; just the ends if too long."""
    if first > last:
        first, last = last, first
    if last - first > MAX_RANGE_YEARS:
        return [f"{first:04d}", f"{last:04d}"]
    return [f"{y:04d}" for y in range(first, last + 1)]


def _token_to_iso(match: re.Match[str]) -> str | None:
    # An impossible day or month (31.2.1960) still tells the year.
    groups: dict[str, str] = match.groupdict(default="")
    return _parts_to_iso(groups) or format_date(int(_year_of(groups)))


def _year_of(g: dict[str, str]) -> str:
    return next(g[k] for k in ("iy", "dy", "ty", "my", "yy") if g[k])


def _parts_to_iso(g: dict[str, str]) -> str | None:
    if g["iy"]:
        day = int(g["id"]) if g["id"] else None
        return format_date(int(g["iy"]), int(g["im"]), day)
    if g["dy"]:
        return format_date(int(g["dy"]), int(g["dm"]), int(g["dd"]))
    if g["ty"]:
        return format_date(int(g["ty"]), MONTHS[g["tm"][:3].lower()], int(g["td"]))
    if g["my"]:
        return format_date(int(g["my"]), MONTHS[g["mm"][:3].lower()])
    return format_date(int(g["yy"]))


def _is_range(text: str, prev: re.Match[str], cur: re.Match[str]) -> bool:
    gap = text[prev.end() : cur.start()]
    if not _RANGE_GAP.match(gap):
        return False
    word = gap.strip().lower()
    # "1955 and 1956" is two dates unless it follows "between".
    return word != "and" or bool(_BETWEEN.search(text[: prev.start()]))


@lru_cache(maxsize=8192)
def _parse_dates_cached(text: str) -> tuple[str, ...]:
    found: list[str] = []
    matches = list(_DATE_TOKEN.finditer(text))
    for i, match in enumerate(matches):
        iso = _token_to_iso(match)
        if iso is None:
            continue
        if i > 0 and found and _is_range(text, matches[i - 1], match):
            first = int(found[-1][:4])
            found.extend(expand_year_range(first, int(iso[:4])))
        found.append(iso)
    return tuple(dict.fromkeys(found))


def parse_dates(text: str | None) -> list[str]:
    """Return every date in ``text`` as an ISO partial date, in order, without duplicates.

    >>> parse_dates("Between 1960 and 1962")
    ['1960', '1961', '1962']
    >>> parse_dates("13.10.1944; circa 1950")
    ['1944-10-13', '1950']
    """
    if not text:
        return []
    return list(_parse_dates_cached(text.strip()))


def parse_date(text: str | None) -> str | None:
    """Return the first date in ``text`` as an ISO partial date, or None."""
    dates = parse_dates(text)
    return dates[0] if dates else None
