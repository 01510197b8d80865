"""Find calendar dates in article text: ISO, '13 May 2023', 'May 12, 2023'; and days named without a year."""

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
MONTH_NAMES = frozenset(_MONTHS)  # "january", "jan", "sept", …
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
]
# What may surround a date on a line that is only a dateline: times, weekdays, "Updated:", separators.
_DATELINE_REST = re.compile(  # each piece one way only (whole words, one separator at a time): no backtracking blow-up
    r"^(?:(?:published|updated|posted|last updated|date|on|at|gmt|bst|utc|et|am|pm|mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*\b\.?|\d{1,2}[:.]\d{2}|[\s,|:;/()\-–—])*$",
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


# Day and month without a year: "on Friday (May 12)", "on May 12", "12 May", "Friday, May 12".
# Month and weekday names must be capitalised here ("may" is a verb), full or abbreviated.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES = {name: number for number, name in enumerate(WEEKDAYS)} | {
    name: number for number, names in enumerate(
        [("mon",), ("tue", "tues"), ("wed",), ("thu", "thur", "thurs"), ("fri",), ("sat",), ("sun",)]) for name in names}
# An abbreviated weekday needs its full stop: "Fri. May 12", never "The Sun, May 12".
_CAPITALISED = "|".join([n.capitalize() for n in WEEKDAYS]
                        + [n.capitalize() + r"\." for n in sorted(set(_WEEKDAY_NAMES) - set(WEEKDAYS), key=len, reverse=True)])
_WEEKDAY_BEFORE = r"(?:\b(?P<weekday>" + _CAPITALISED + r"),?\s*(?P<paren>\()?\s*(?:the\s+)?)?"
_FULL_MONTHS = [m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_CAP_MONTH = (r"\b(?P<month>(?:" + "|".join(m.capitalize() for m in _FULL_MONTHS) + r")\b|(?:"
              + "|".join(m.capitalize() for m in sorted(set(_MONTHS) - set(_FULL_MONTHS), key=len, reverse=True))
              + r")\b\.?)")  # an abbreviation may keep its full stop: "Sept. 12"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_NO_YEAR = r"(?![,.]?\s*'?\d)"  # neither a year nor more digits follow ("May 12, 2023" is a full date)
_DAY_PATTERNS = [
    re.compile(_WEEKDAY_BEFORE + _CAP_MONTH + r"\s+" + _DAY + _NO_YEAR),  # May 12
    re.compile(_WEEKDAY_BEFORE + r"(?<![\d,.])\b" + _DAY + r"\s+(?:of\s+)?" + _CAP_MONTH + _NO_YEAR),  # 12 May
]
# Context in which a day does not date the report: another year, a deadline, the future.
_OTHER_YEAR = re.compile(
    r"\b(?:last|next|previous|following|coming|that) year\b|\byears? (?:ago|earlier|before|later|after)\b"
    r"|\b(?:1[89]|20)\d{2}\b|\banniversary\b", re.I)
_DEADLINE = re.compile(
    r"\b(?:until|till|by|before|ahead of|from|starting|through|next|due|no later than|deadline(?: of)?)\s+(?:on\s+)?(?:the\s+)?$",
    re.I)
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would|is to|are to|is due|are due|expected|scheduled|planned|plans|plan to|set to"
    r"|going to|upcoming|next)\b|\w['’]ll\b", re.I)
_REPORTED = re.compile(
    r"\b(?:said|says|announced|reported|told|confirmed|claimed|wrote|tweeted|stated|added|adding|denied|acknowledged"
    r"|insisted|warned|admitted|posted|published)\s+(?:on\s+)?$", re.I)
_CLAUSE_START = re.compile(r".*[,;:(—–]|^", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z\"“‘'])")


def days(text: str) -> list[tuple[int, int, int | None, str]]:
    """Every day and month in ``text`` named without a year that may date the report, as
    (month, day, weekday or None, the words as written), in order of position.

    Left out: days inside full dates; days another year is said to frame ("last year", "in 2019",
    "anniversary" in the same sentence); deadlines ("until May 20", "by 12 May"); and days in
    future-tense context ("talks will resume on May 20"), unless a reporting verb precedes them
    ("said on May 12 it would ..."). A day is not checked against any calendar here (no year yet),
    except that it exists in some year (29 February does).
    """
    taken = [(start, end) for start, end, _ in find(text)]
    found = []
    for pattern in _DAY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if match.group("paren") and text[end:end + 1] == ")":
                end += 1
            if any(s < end and start < e for s, e in taken + [(f[4], f[5]) for f in found]):
                continue
            month, day = _MONTHS[match.group("month").lower().rstrip(".")], int(match.group("day"))
            if day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
                continue
            if not _dates_the_report(text, start, end):
                continue
            weekday = match.group("weekday")
            found.append((month, day, _WEEKDAY_NAMES[weekday.lower().rstrip(".")] if weekday else None,
                          text[start:end].strip(), start, end))
    return [f[:4] for f in sorted(found, key=lambda f: f[4])]


def _dates_the_report(text: str, start: int, end: int) -> bool:
    """Whether the day at text[start:end] is one the report tells of, in its own year and in the past."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start + 1)), default=0)
    following = _SENTENCE_END.search(text, end)
    sentence = text[sentence_start:following.start() if following else len(text)]
    if _OTHER_YEAR.search(sentence):
        return False
    before = text[sentence_start:start]
    if _DEADLINE.search(before):
        return False
    clause = before[_CLAUSE_START.match(before).end():]
    if _FUTURE.search(" ".join(clause.split()[-8:])):
        return False
    after = " ".join(text[end:following.start() if following else len(text)].split()[:4])
    return not (_FUTURE.search(after) and not _REPORTED.search(before))
