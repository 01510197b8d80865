"""Dates inferred from the story: an undated report that names a day and month without a year
("on Friday (May 12)") takes the year from its story's dated reports, or else from the weekday.

The rule, per undated article with such days (``Metadata.undated_days``, found by reading):

1. Story. When the article's story has dated reports (dated by front matter or by their own text),
   each day is given the year that puts it closest to those reports' dates (no distance when it
   falls between the first and the last), kept only when it lands within WINDOW_DAYS of them and
   on the weekday named with it, if any. Two equally close years (a story spanning more than a
   year) give none.
2. Weekday. When the story has no dated report, a day named with its weekday ("Friday, May 12")
   takes the one year, within the span of the archive's dated articles (its middle 90 %) widened
   by MARGIN_DAYS each side, in which that day falls on that weekday. None or several: no year.
   (A story with dated reports that placed every day far from them is not overruled by a weekday:
   those days are about something else, say an anniversary.)
3. The article's date is the latest day so dated: a report tells of events up to the day it was
   written, so the latest day it names is the best estimate of its date, and a lower bound.

Limits: a report written the next day ("on Friday", published Saturday) is dated a day early; a
day named for the future that reading did not recognise as such (reading leaves out "will",
"until", "by" ... contexts) dates it late; weekdays alone ("on Friday") and relative days
("yesterday") give nothing. The article is marked: "date" in ``inferred`` and ``date_basis``
"story" or "weekday", so pages say the date was inferred and how. Articles with a date (front
matter, or a full date in their text) are never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.model import DayMonth, Entry

WINDOW_DAYS = 60  # a day further than this from every dated report of its story is not the report's day
MARGIN_DAYS = 366  # the weekday's year is looked for this far around the archive's dated articles
TRIM = 0.05  # the share of dated articles left out at each end of the archive's span (old pieces, typos)


def infer(entries: list[Entry], clusters: list[list[int]]) -> list[Entry]:
    """The entries (same order), each undated one that names days without a year dated when its
    story or a weekday gives the year; ``clusters`` holds each story's entry indexes."""
    window = archive_window(entries)
    dated = list(entries)
    for members in clusters:
        days = sorted(_day(entries[i].article.meta.date) for i in members if entries[i].article.meta.date)
        span = (days[0], days[-1]) if days else None
        for i in members:
            meta = entries[i].article.meta
            if meta.date or not meta.undated_days:
                continue
            date, basis = estimate(meta.undated_days, span, window)
            if date:
                article = entries[i].article
                meta = replace(meta, date=date.isoformat(), inferred=meta.inferred + ("date",), date_basis=basis)
                dated[i] = replace(entries[i], article=replace(article, meta=meta))
    return dated


def estimate(days: tuple[DayMonth, ...], span: tuple[dt.date, dt.date] | None,
             window: tuple[dt.date, dt.date] | None) -> tuple[dt.date | None, str | None]:
    """(date, "story" or "weekday") of a report naming ``days``, its story's dated reports spanning
    ``span`` and the archive's ``window``; (None, None) when neither gives a year."""
    if span:
        found = [d for d in (from_story(day, span) for day in days) if d]
        return (max(found), "story") if found else (None, None)
    if window:
        found = [d for d in (from_weekday(day, window) for day in days) if d]
        return (max(found), "weekday") if found else (None, None)
    return None, None


def from_story(day: DayMonth, span: tuple[dt.date, dt.date]) -> dt.date | None:
    """The day in the year closest to the story's dated reports, if close enough and unambiguous."""
    first, last = span
    distances = sorted(
        (max(0, (first - when).days, (when - last).days), when)
        for when in _in_years(day, range(first.year - 1, last.year + 2))
    )
    if not distances or distances[0][0] > WINDOW_DAYS or (len(distances) > 1 and distances[1][0] == distances[0][0]):
        return None
    when = distances[0][1]
    return when if day.weekday is None or when.weekday() == day.weekday else None


def from_weekday(day: DayMonth, window: tuple[dt.date, dt.date]) -> dt.date | None:
    """The one date in the window where the day falls on the weekday named with it, if there is one."""
    if day.weekday is None:
        return None
    low, high = window
    found = [when for when in _in_years(day, range(low.year, high.year + 1))
             if low <= when <= high and when.weekday() == day.weekday]
    return found[0] if len(found) == 1 else None


def archive_window(entries: list[Entry]) -> tuple[dt.date, dt.date] | None:
    """The span of the archive's dated articles (their middle, without TRIM at each end), widened by MARGIN_DAYS."""
    days = sorted(_day(e.article.meta.date) for e in entries if e.article.meta.date)
    if not days:
        return None
    cut = int(len(days) * TRIM)
    margin = dt.timedelta(days=MARGIN_DAYS)
    return days[cut] - margin, days[len(days) - 1 - cut] + margin


def _in_years(day: DayMonth, years: range) -> list[dt.date]:
    found = []
    for year in years:
        try:
            found.append(dt.date(year, day.month, day.day))
        except ValueError:  # 29 February of a common year
            continue
    return found


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)
