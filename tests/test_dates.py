"""Dates inferred from the story: a report naming "on Friday (May 12)" but no year takes the year
from its story's dated reports, or else from the weekday; on the seeds and on reports made up here."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap

import pytest

from generator import pipeline
from generator.model import DayMonth, Metadata
from generator.reading import dates, metadata
from generator.stories import dating
from tests.conftest import ROOT

FRIDAY, TUESDAY = 4, 1


# --- reading: days named without a year -------------------------------------------------------

@pytest.mark.parametrize("sentence, found", [
    ("Russia, on Friday (May 12) acknowledged that some of its forces had fallen back.", [(5, 12, FRIDAY, "Friday (May 12)")]),
    ("Konashenkov said at a news briefing on May 12 that Russian forces had moved.", [(5, 12, None, "May 12")]),
    ("The ministry said on Friday, 12 May, that it had repelled 26 attacks.", [(5, 12, FRIDAY, "Friday, 12 May")]),
    ("Fri. May 12: what we know so far.", [(5, 12, FRIDAY, "Fri. May 12")]),
    ("He left on 3 March and came back on Sunday, the 5th of March.",
     [(3, 3, None, "3 March"), (3, 5, 6, "Sunday, the 5th of March")]),
    ("He said on May 12 it would withdraw.", [(5, 12, None, "May 12")]),  # a reporting verb: past
    ("Leap days exist: Feb 29 was a Thursday.", [(2, 29, None, "Feb 29")]),
])
def test_days_named_without_a_year_are_found(sentence, found):
    assert dates.days(sentence) == found


@pytest.mark.parametrize("sentence", [
    "The offensive began on 12 May 2023, the ministry said.",  # a full date: the dateline's business
    "It was reported on May 12, 2023 in Kyiv.",
    "Talks will resume on May 20.",  # the future
    "The union gave the company until 20 May to improve its offer.",  # a deadline
    "Russia invaded on February 24 last year.",  # another year
    "Russia invaded on February 24, 2022, and the war goes on.",
    "Officials may 12 times revise the figure.",  # "may", the verb
    "Nothing happened on February 30.",  # no such day
])
def test_days_that_do_not_date_the_report_are_left_out(sentence):
    assert dates.days(sentence) == []


def test_an_abbreviated_weekday_needs_its_full_stop():
    assert dates.days("The Sun, May 12 edition, and the Mon May 12 list.") == [(5, 12, None, "May 12"), (5, 12, None, "May 12")]


def test_a_dated_article_keeps_its_metadata_as_it_is():
    meta = Metadata(title="Talks", date="2023-05-20")
    assert metadata.with_undated_days(meta, ["Crews walked out on Friday (May 12)."]) is meta
    undated = metadata.with_undated_days(Metadata(title="Talks"), ["Crews walked out on Friday (May 12)."])
    assert undated.undated_days == (DayMonth(5, 12, FRIDAY, "Friday (May 12)"),) and undated.date is None


# --- stories: the year ----------------------------------------------------------------------------

STORY = (dt.date(2023, 5, 12), dt.date(2023, 5, 13))
WINDOW = (dt.date(2022, 5, 12), dt.date(2024, 5, 13))


def test_the_year_closest_to_the_story_and_the_latest_day_wins():
    days = (DayMonth(5, 11, None, "May 11"), DayMonth(5, 12, None, "May 12"), DayMonth(5, 11, None, "May 11"))
    assert dating.estimate(days, STORY, WINDOW) == (dt.date(2023, 5, 12), "story")


def test_a_day_across_new_year_takes_the_year_before():
    assert dating.from_story(DayMonth(12, 30), (dt.date(2023, 1, 3), dt.date(2023, 1, 4))) == dt.date(2022, 12, 30)


def test_a_day_far_from_the_story_gives_no_date():
    assert dating.from_story(DayMonth(8, 20), STORY) is None  # 99 days after the story, 265 before it
    assert dating.estimate((DayMonth(8, 20, None, "August 20"),), STORY, WINDOW) == (None, None)


def test_a_weekday_the_story_contradicts_gives_no_date():
    assert dating.from_story(DayMonth(5, 12, TUESDAY), STORY) is None  # 12 May 2023 was a Friday


def test_a_weekday_alone_gives_the_one_year_near_the_archive():
    assert dating.estimate((DayMonth(5, 12, FRIDAY, "Friday, May 12"),), None, WINDOW) == (dt.date(2023, 5, 12), "weekday")


def test_an_ambiguous_or_impossible_weekday_gives_no_date():
    wide = (dt.date(2016, 1, 1), dt.date(2024, 1, 1))
    assert dating.from_weekday(DayMonth(5, 12, FRIDAY), wide) is None  # a Friday in 2017 and in 2023
    assert dating.from_weekday(DayMonth(5, 12, TUESDAY), WINDOW) is None  # Thursday, Friday, Sunday in 2022-2024
    assert dating.from_weekday(DayMonth(5, 12), WINDOW) is None  # no weekday named
    assert dating.estimate((DayMonth(5, 12, FRIDAY),), None, None) == (None, None)  # no dated article at all


# --- the seeds ------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed, said", [("001", "Friday (May 12)"), ("002", "May 12")])
def test_seed_reports_saying_may_12_are_dated_from_their_story(built, seed, said):
    entry = built.entry(seed)
    meta = entry.article.meta
    assert (meta.date, meta.date_basis) == ("2023-05-12", "story") and "date" in meta.inferred
    assert entry.slug.startswith("2023-05-12-")
    assert said in [d.text for d in meta.undated_days]
    page = built.page(seed)
    assert (f"<dt>Date</dt><dd>2023-05-12 (inferred from its story: the text says “{said}”, without a year; "
            "the year is that of the story's dated reports)</dd>") in page
    assert re.search(r"; inferred: [a-z, ]*\bdate\b[a-z, ]*</summary>", page)


def test_seed_kharkiv_report_stays_undated_and_dated_seeds_are_untouched(built):
    kharkiv = built.entry("004").article.meta
    assert (kharkiv.date, kharkiv.date_basis, kharkiv.undated_days) == (None, None, ())
    assert built.entry("004").slug.startswith("undated-")
    for seed, date in (("000", "2023-05-13"), ("003", "2023-05-12")):
        meta = built.entry(seed).article.meta
        assert (meta.date, meta.date_basis, meta.undated_days) == (date, None, ())
        assert f"<dt>Date</dt><dd>{date}</dd>" in built.page(seed)


def test_seed_dates_reach_the_timeline_the_index_and_the_claims(built):
    content = built.paths.content
    undated = (content / "timeline/undated.md").read_text(encoding="utf-8")
    day = (content / "timeline/2023-05-12.md").read_text(encoding="utf-8")
    for seed in ("001", "002"):
        slug = built.entry(seed).slug
        assert slug not in undated
        assert f'<a href="../../articles/{slug}/">{built.entry(seed).article.meta.title}</a> — {built.entry(seed).article.meta.outlet} (date inferred from its story)</li>' in day
        assert f'<a href="{slug}/">' in (content / "articles/index.md").read_text(encoding="utf-8").split("## 2023-05-12")[1].split("## ")[0]
    assert built.entry("004").slug in undated
    for record in built.api("articles.json"):
        assert (record["date"] is None) == record["id"].startswith("undated-")
    date = {e.slug: e.article.meta.date for e in built.archive.entries}
    sources = [s for claim in built.api("claims.json") for s in claim["sources"]]
    assert all(s["date"] == date[s["article"]] for s in sources)
    inferred = {built.entry(seed).slug for seed in ("001", "002")}
    assert {s["article"] for s in sources} & inferred == inferred, "the premise: both are claim sources"
    assert all(p.date == date[p.article] for p in built.archive.positions)
    assert all(e.date == date[e.article] for e in built.archive.evidence)
    first = {claim["id"]: claim["first_reported"] for claim in built.api("claims.json")}
    assert first["britain-will-supply-storm-shadow-missiles"] == "2023-05-12"  # seed 002, dated from its story


def test_seed_story_lists_its_reports_oldest_first_with_the_inferred_dates(built):
    bakhmut = next(s for s in built.archive.stories if built.entry("001").slug in s.articles)
    date = {e.slug: e.article.meta.date for e in built.archive.entries}
    assert [date[slug] for slug in bakhmut.articles] == ["2023-05-12", "2023-05-12", "2023-05-12", "2023-05-13"]
    assert "<li>2023-05-12 (inferred), " in built.page("003")


# --- made-up reports through the pipeline ---------------------------------------------------------

REPORTS = {
    "ferry-1.md": """\
        ---
        title: Portsmouth ferry crews walk out over pay
        outlet: South Coast Echo
        date: 2023-03-30
        ---

        Crews on the Solent Link ferries from Portsmouth walked out at dawn in a 48-hour strike over pay, the Maritime Workers Alliance said.

        Union organiser Dana Whitcombe said the company's offer of 3.5 per cent was "an insult to people who kept the island connected through the pandemic". Solent Link cancelled all sailings to Fishbourne and Ryde.
        """,
    # dated by its front matter, and it names a day without a year: untouched
    "ferry-2.md": """\
        ---
        title: Solent Link ferries idle for a second day
        outlet: Island Courier
        date: 2023-03-31
        ---

        No Solent Link ferry left Portsmouth for a second day, after crews walked out on Thursday (March 30) in the strike called by the Maritime Workers Alliance.

        Dana Whitcombe, the union's organiser, said members would not accept 3.5 per cent. Passengers for Fishbourne and Ryde were told to use the hovercraft.
        """,
    # undated: the latest day it tells of, March 31 (not the talks "will resume on April 12")
    "ferry-3.txt": """\
        Ferry strike leaves island cut off

        Solent Link ferry crews in Portsmouth walked out on Thursday (March 30), the Maritime Workers Alliance said, cancelling every sailing to Fishbourne and Ryde.

        Union organiser Dana Whitcombe said on March 31 that the 3.5 per cent offer was "an insult to people who kept the island connected through the pandemic". Talks will resume on April 12.
        """,
    # undated, in the ferry story, but its only day is months from the story's dates: stays undated
    "ferry-4.txt": """\
        Why Solent Link ferry crews are striking

        The Maritime Workers Alliance first balloted Solent Link crews in Portsmouth on August 20, when Dana Whitcombe warned of a strike over the 3.5 per cent offer.

        Sailings to Fishbourne and Ryde have been cancelled, and the union says members "kept the island connected through the pandemic".
        """,
    # undated, a story of its own: Friday, April 7 is 2023, the one such Friday near the archive's dates
    "library.txt": """\
        Kelmscott library reopens after flood repairs

        The Kelmscott town library reopened on Friday, April 7, eleven months after a burst water main ruined its ground floor and most of its children's books.

        Head librarian Priya Anand said volunteers had catalogued 14,000 donated books while the building was closed.
        """,
    # undated: April 8 was a Friday, Saturday, Monday in 2022-2024, never a Tuesday: stays undated
    "museum.txt": """\
        Tram museum gets a new roof

        The Dunmore tram museum unveiled its new glass roof on Tuesday, April 8, after a fundraising drive by the Dunmore Tramway Society.

        Curator Osric Bell said the 1910 open-top tram would be restored next.
        """,
}


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    root = tmp_path_factory.mktemp("dates")
    (root / "seeds/articles").mkdir(parents=True)
    for name, text in REPORTS.items():
        (root / "seeds/articles" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    paths = pipeline.Paths(root / "seeds", root / "content", root / "site", ROOT / "mkdocs.yml")
    archive = pipeline.generate(paths)
    return paths, archive, {e.article.source: e for e in archive.entries}


def test_made_up_reports_are_grouped_as_written(made_up):
    _, archive, by_source = made_up
    ferry = {by_source[f"ferry-{n}"].slug for n in ("1.md", "2.md", "3.txt", "4.txt")}
    assert ferry in [set(s.articles) for s in archive.stories], "the premise: the ferry reports are one story"
    by_slug = {e.slug: e for e in archive.entries}
    library = by_source["library.txt"].slug
    story = next(s for s in archive.stories if library in s.articles)
    others = [by_slug[slug].article.meta for slug in story.articles if slug != library]
    assert all(meta.date is None for meta in others), "the premise: no report of the library's story has a date of its own"


def test_made_up_dates(made_up):
    _, _, by_source = made_up
    found = {source: (e.article.meta.date, e.article.meta.date_basis) for source, e in by_source.items()}
    assert found == {
        "ferry-1.md": ("2023-03-30", None),
        "ferry-2.md": ("2023-03-31", None),
        "ferry-3.txt": ("2023-03-31", "story"),
        "ferry-4.txt": (None, None),
        "library.txt": ("2023-04-07", "weekday"),
        "museum.txt": (None, None),
    }
    assert by_source["ferry-2.md"].article.meta.undated_days == ()
    assert "date" in by_source["library.txt"].article.meta.inferred
    assert "date" not in by_source["ferry-4.txt"].article.meta.inferred


def test_made_up_pages_say_how_the_date_was_inferred(made_up):
    paths, _, by_source = made_up
    page = (paths.content / "articles" / f"{by_source['library.txt'].slug}.md").read_text(encoding="utf-8")
    assert ("<dt>Date</dt><dd>2023-04-07 (inferred from the weekday: the text says “Friday, April 7”, without a year; "
            "near the archive's dates, only in 2023 does that day fall on that weekday)</dd>") in page
    day = (paths.content / "timeline/2023-04-07.md").read_text(encoding="utf-8")
    assert f"{by_source['library.txt'].slug}/\">" in day and "</a> — unknown (date inferred from the weekday)</li>" in day
    undated = (paths.content / "timeline/undated.md").read_text(encoding="utf-8")
    assert by_source["museum.txt"].slug in undated and by_source["ferry-4.txt"].slug in undated
    assert by_source["ferry-3.txt"].slug not in undated
    records = {r["id"]: r for r in json.loads((paths.content / "api/articles.json").read_text(encoding="utf-8"))}
    assert records[by_source["ferry-3.txt"].slug]["date"] == "2023-03-31"


def test_inferring_dates_is_deterministic(made_up):
    paths, archive, _ = made_up
    again = pipeline.check(paths)
    assert again.entries == archive.entries and again.stories == archive.stories


def test_a_dateline_built_to_backtrack_is_read_at_once():
    """Article text is untrusted: a run of separators after a date once took exponential time to reject."""
    assert dates.dateline("May 12, 2023" + ", " * 40 + "and then the rest") is None
    assert dates.dateline("Published: 10:00am, 20 Jan, 2020") == "2020-01-20"
