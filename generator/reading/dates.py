"""Find calendar dates in article text: ISO, '13 May 2023', 'May 12, 2023'."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
]
# What may surround a date on a line that is only a dateline: times, weekdays, "Updated:", separators.
_DATELINE_REST = re.compile(
    r"^(?:(?:published|updated|posted|last updated|date|on|at|gmt|bst|utc|et|am|pm|mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*\.?|\d{1,2}[:.]\d{2}|[\s,|:;/()\-–—]+)*$",
    re.I,
)


def find(text: str) -> list[tuple[int, int, str]]:
    """Every valid date in ``text`` as (start, end, 'yyyy-mm-dd'), in order of position."""
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso:
                found.append((match.start(), match.end(), iso))
    return sorted(found)


def parse(value: object) -> str | None:
    """A front-matter date (YAML date, datetime or text) -> 'yyyy-mm-dd', or None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        dates = find(value)
        return dates[0][2] if dates else None
    return None


def dateline(text: str) -> str | None:
    """The date of a line that holds nothing but dates, times and labels (e.g. '13 May 2023, 00:01 | Updated: …')."""
    dates = find(text)
    if not dates:
        return None
    rest = text
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    return dates[0][2] if _DATELINE_REST.match(rest.strip()) else None


def _iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None
