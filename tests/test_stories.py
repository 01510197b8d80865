"""Stories: different reports of one event grouped, on the seeds and on made-up reports of four events."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.stories import grouping
from tests.conftest import ROOT, SEEDS, build_into

REPORTS = yaml.safe_load((Path(__file__).parent / "fixtures/story-reports.yml").read_text(encoding="utf-8"))


def write_reports(articles: Path) -> dict[str, str]:
    """The fixture reports as Markdown files with front matter; file name -> gold event."""
    events = {}
    for number, report in enumerate(REPORTS):
        name = f"report-{number:02d}.md"
        front = {k: report[k] for k in ("title", "outlet", "date")}
        front["date"] = str(front["date"])
        (articles / name).write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n\n{report['text']}", encoding="utf-8")
        events[name] = report["event"]
    return events


def check(seeds: Path):
    return pipeline.check(pipeline.Paths(seeds, seeds.parent / "content", seeds.parent / "site", ROOT / "mkdocs.yml"))


def partition(archive, key) -> set[frozenset]:
    """The stories as sets of key(source file)."""
    source = {e.slug: e.article.source for e in archive.entries}
    return {frozenset(key(source[slug]) for slug in story.articles) for story in archive.stories}


def gold(events: dict[str, str]) -> set[frozenset]:
    return {frozenset(n for n, e in events.items() if e == event) for event in set(events.values())}


def test_seeds_bakhmut_reports_form_one_story_and_kharkiv_another(built):
    found = partition(built.archive, lambda source: source[:3])
    assert found == {frozenset({"000", "001", "002", "003"}), frozenset({"004"})}


def test_made_up_reports_group_by_event(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "articles").mkdir(parents=True)
    events = write_reports(seeds / "articles")
    assert partition(check(seeds), lambda source: source) == gold(events)


def test_made_up_events_stay_apart_from_the_seeds(seeds_copy):
    events = write_reports(seeds_copy / "articles")
    found = partition(check(seeds_copy), lambda source: source)
    assert gold(events) <= found
    bakhmut = {p.name for p in seeds_copy.glob("articles/00[0-3]*.txt")}
    assert any(bakhmut <= story for story in found), "the Bakhmut reports stay one story"


@pytest.mark.xfail(strict=True, reason="known weakness: among unrelated news, the war vocabulary the Kharkiv "
                   "report shares with the Bakhmut ones is as rare as 'Bakhmut', and seed 004 has no date")
def test_kharkiv_stays_apart_among_unrelated_news(seeds_copy):
    write_reports(seeds_copy / "articles")
    found = partition(check(seeds_copy), lambda source: source[:3])
    assert frozenset({"004"}) in found


def test_every_article_in_exactly_one_story(built):
    placed = [slug for story in built.archive.stories for slug in story.articles]
    assert sorted(placed) == sorted(e.slug for e in built.archive.entries)
    assert len({s.slug for s in built.archive.stories}) == len(built.archive.stories)


def test_story_articles_are_oldest_first(built):
    date = {e.slug: e.article.meta.date for e in built.archive.entries}
    for story in built.archive.stories:
        dated = [date[slug] for slug in story.articles if date[slug]]
        assert dated == sorted(dated)
        assert [slug for slug in story.articles if date[slug]] == list(story.articles[: len(dated)]), "undated last"


def test_grouping_is_deterministic_and_ignores_input_order(built):
    entries = list(built.archive.entries)
    assert grouping.group(entries) == grouping.group(entries) == grouping.group(entries[::-1])
    assert grouping.group(entries) == list(built.archive.stories)


def test_kept_features_give_the_same_stories_and_suggestions(seeds_copy, tmp_path):
    """Story features and what suggest reads of each article, kept by the first build and read
    back by the second, give what a build that keeps nothing gives."""
    from generator.claims import claimants, suggest
    from generator.engine.cache import Cache

    write_reports(seeds_copy / "articles")
    paths = pipeline.Paths(seeds_copy, tmp_path / "content", tmp_path / "site", ROOT / "mkdocs.yml")
    cold = pipeline.check(paths)
    kept = [pipeline.check(paths, pipeline.Run(cache=Cache(tmp_path / "cache", "v1"))) for _ in range(2)]
    assert list((tmp_path / "cache" / "v1").glob("stories.*.pickle")) and list((tmp_path / "cache" / "v1").glob("suggest.*.pickle"))
    assert len(cold.stories) >= 5 and cold.suggestions
    assert all(archive.stories == cold.stories and archive.suggestions == cold.suggestions for archive in kept)
    registry, _ = claimants.load_registry(paths.claimants)
    assert grouping.group(list(cold.entries)) == list(cold.stories)  # each article's features computed in place
    assert tuple(suggest.suggest(cold, registry.known)) == cold.suggestions  # what suggest reads, computed in place


def test_same_words_months_apart_discounted():
    """The same event words 90 days apart barely count: a story is bounded in time."""
    story = grouping._Group()
    day = 738000
    story.add([0], {"x": 1.0}, day, day + 2)
    assert grouping._discount(day + 4, day + 4, story) == 1.0
    assert grouping._discount(day + 92, day + 92, story) < 0.01
    assert grouping._discount(None, None, story) == 1.0


def test_story_pages_list_reports_and_claims(built):
    index = (built.paths.content / "stories/index.md").read_text(encoding="utf-8")
    for story in built.archive.stories:
        page = (built.paths.content / f"stories/{story.slug}.md").read_text(encoding="utf-8")
        assert f'href="{story.slug}/"' in index
        for slug in story.articles:
            assert f'href="../../articles/{slug}/"' in page
        assert (built.paths.site / "stories" / story.slug / "index.html").is_file()
    bakhmut = next(s for s in built.archive.stories if len(s.articles) == 4)
    page = (built.paths.content / f"stories/{bakhmut.slug}.md").read_text(encoding="utf-8")
    record = next(r for r in built.api("claims.json") if r["id"] == "russian-forces-retreated-north-of-bakhmut")
    held = [source["stance"] for source in record["sources"] if source["article"] in bakhmut.articles]
    counts = "".join(f'<td style="text-align: right;">{held.count(stance)}</td>' for stance in ("supports", "disputes", "both", "mentions"))
    assert held and f'<a href="../../claims/russian-forces-retreated-north-of-bakhmut/">' in page
    assert re.search(r'russian-forces-retreated-north-of-bakhmut/">[^<]*</a></td>' + re.escape(counts) + "</tr>", page)


def test_article_pages_link_to_the_rest_of_their_story(built):
    for story in built.archive.stories:
        for slug in story.articles:
            page = (built.paths.content / f"articles/{slug}.md").read_text(encoding="utf-8")
            others = [s for s in story.articles if s != slug]
            assert ("## Other reports of this story" in page) == bool(others)
            for other in others:
                assert f'href="../{other}/"' in page
            if others:
                assert f'href="../../stories/{story.slug}/"' in page
    html = built.html("000")
    assert 'href="../../stories/' in html


def test_articles_json_has_the_story_slug(built):
    story_of = {slug: s.slug for s in built.archive.stories for slug in s.articles}
    records = built.api("articles.json")
    assert {r["id"]: r["story"] for r in records} == story_of


def test_story_pages_escape_article_titles(seeds_copy, tmp_path):
    hostile = "<script>alert('story')</script> [link](javascript:alert(1)) Bakhmut Prigozhin Konashenkov"
    shutil.copy(SEEDS / "articles" / next(p.name for p in (SEEDS / "articles").glob("001*")), seeds_copy / "articles/copy.txt")
    text = (seeds_copy / "articles/copy.txt").read_text(encoding="utf-8")
    (seeds_copy / "articles/copy.txt").unlink()
    body = "\n\n".join(p for p in text.split("\n") if len(p) > 60)
    (seeds_copy / "articles/hostile.md").write_text(
        f"---\ntitle: {yaml.safe_dump(hostile).strip()}\noutlet: Test\n---\n\n{body.replace('Bakhmut', 'Bakhmut, again,')}",
        encoding="utf-8",
    )
    build = build_into(seeds_copy, tmp_path / "out")
    for path in itertools.chain((build.paths.site / "stories").rglob("*.html"), (build.paths.site / "articles").rglob("*.html")):
        assert "<script>alert('story')" not in path.read_text(encoding="utf-8"), path
