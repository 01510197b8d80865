"""The generated pages and the built site: one page per seed, escaping, determinism (search: test_search.py)."""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT, SEED_ARTICLES, build_into


def test_one_page_per_seed_with_metadata_and_paragraph_anchors(built):
    pages = sorted(p.name for p in (built.paths.content / "articles").glob("*.md") if p.name != "index.md")
    assert len(pages) == 5
    page = built.page("000")
    assert "<dt>Author</dt><dd>Kieran Kelly</dd>" in page
    assert "<dt>Date</dt><dd>2023-05-13</dd>" in page
    assert '<p id="p-1" class="article-paragraph">' in page
    assert built.entry("000").slug == "2023-05-13-head-of-russias-wagner-group-admits-putins-soldiers-are-fleeing"
    paragraphs = re.findall(r'<p id="p-\d+" class="article-paragraph">(.*?)</p>', built.html("000"), re.S)
    assert len(paragraphs) == len(built.entry("000").article.paragraphs)
    assert not any("Picture:" in p or "Read more:" in p for p in paragraphs)


def test_articles_json_and_build_report(built):
    articles = built.api("articles.json")
    assert len(articles) == 5
    first = next(a for a in articles if a["source_files"] == ["000_23874c13fd955af0.txt"])
    assert first["author"] == "Kieran Kelly" and first["date"] == "2023-05-13"
    assert first["page"] == f"articles/{first['id']}/"
    report = built.api("build-report.json")
    assert sorted(f["file"] for f in report["files"]) == [p.name for p in SEED_ARTICLES]
    seed_003 = next(f for f in report["files"] if f["file"].startswith("003"))
    assert {"line": 34, "text": "Bush Does Interview Following Release Of Memoir",
            "reason": "teaser for an unrelated story"} in seed_003["removed"]


def test_home_and_index_pages_link_every_article(built):
    home = (built.paths.site / "index.html").read_text(encoding="utf-8")
    assert "5 articles" in home
    index = (built.paths.site / "articles/index.html").read_text(encoding="utf-8")
    for entry in built.archive.entries:
        assert f'href="../{entry.slug}/"' in index or f'href="{entry.slug}/"' in index


HOSTILE = """---
title: "</title><script>alert('title')</script>"
outlet: "<img src=x onerror=alert('outlet')>"
tags: ["<b onclick=alert('tag')>x</b>", "index", "../../../etc"]
url: "https://example.org/?q=\\"><script>alert('url')</script>"
---

# <script>alert('heading')</script>

A paragraph with <script>alert('body')</script> and <img src=x onerror=alert(1)> inside.

[click me](javascript:alert('link')) and ![img](javascript:alert(2)) and <a href="javascript:alert(3)">x</a>.

{: style="display:none" } a paragraph trying attr_list, *emphasis*, `code`, <style>body{display:none}</style>
"""


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self.found and self.found[-1][0] == "script":
            self.scripts.append(data)


def test_article_text_can_neither_run_script_nor_restyle_the_site(seeds_copy, tmp_path):
    (seeds_copy / "articles/hostile.md").write_text(HOSTILE, encoding="utf-8")
    build = build_into(seeds_copy, tmp_path / "out")
    html = build.html("hostile.md")
    parser = _Elements()
    parser.feed(html)
    assert parser.scripts and not any("alert" in script for script in parser.scripts)
    assert "<script>alert" not in html
    for tag, attrs in parser.found:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "javascript:" not in (attrs.get("href") or "") + (attrs.get("src") or ""), (tag, attrs)
        assert tag != "style", "article text added a style element"
        assert "display:none" not in (attrs.get("style") or "")
    paragraphs = [unescape(p) for p in re.findall(r'<p id="p-\d+" class="article-paragraph">(.*?)</p>', html, re.S)]
    assert any("<script>alert('body')</script>" in p for p in paragraphs), "the text is shown, as text"
    assert any("<script>alert('heading')</script>" in p for p in paragraphs), "raw HTML blocks are kept as text"
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script>" not in title and "&lt;/title&gt;" in title
    pages = [p for folder in ("outlets", "tags", "timeline") for p in (build.paths.site / folder).rglob("index.html")]
    pages += [build.paths.site / "index.html"]
    for page in pages:  # the outlet, its tags and the title reach these pages as text only
        parser = _Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not any(name.startswith("on") for _, attrs in parser.found for name in attrs), page
        assert not any("alert" in script for script in parser.scripts), page
    assert "Tags" in (build.paths.site / "tags/index.html").read_text(encoding="utf-8"), "a tag named 'index' has its own page"
    assert {p.parent.name for p in (build.paths.content / "tags").glob("*.md")} == {"tags"}, "tag pages stay in their folder"
    import xml.etree.ElementTree as ET

    titles = [e.findtext(f"{ATOM}title") for e in ET.parse(build.paths.site / "feed.xml").getroot().iter(f"{ATOM}entry")]
    assert "</title><script>alert('title')</script>" in titles


def test_non_http_links_are_refused(seeds_copy, tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    (seeds_copy / "articles/bad-url.md").write_text("---\nurl: javascript:alert(1)\n---\nText here.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--seeds", str(seeds_copy)])
    assert result.exit_code == 1
    assert "bad-url.md:2: url 'javascript:alert(1)' must start with http:// or https://" in result.output


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seeds_give_byte_identical_content_and_site(built, tmp_path):
    again = build_into(built.paths.seeds, tmp_path / "again")
    assert _tree(again.paths.content) == _tree(built.paths.content)
    assert _tree(again.paths.site) == _tree(built.paths.site)


def test_build_with_bad_input_names_the_file_and_line_and_writes_nothing(seeds_copy, tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    (seeds_copy / "articles/broken.md").write_text("---\ntitle: ok\ndate: [2023\n---\nText.\n", encoding="utf-8")
    content = tmp_path / "content"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds_copy), "--content", str(content),
                                       "--site", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert re.search(r"broken\.md:\d+: front matter is not valid YAML", result.output)
    assert "Traceback" not in result.output
    assert not content.exists()


# Browsing pages, feeds and page size. Expectations come from the seeds' own data (api/*.json).

class _Links(HTMLParser):
    """Every link in a page's article body: (href, text)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def _body(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def _links(built, page: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(_body((built.paths.site / page / "index.html").read_text(encoding="utf-8")))
    return parser.links


def _linked(built, index: str, name: str) -> str:
    """The folder of the page an index links to under the given name."""
    href = next(href for href, text in _links(built, index) if text == name)
    return f"{index}/{href.strip('/')}"


def test_outlet_pages_list_their_articles_and_claims(built):
    articles = built.api("articles.json")
    claims = built.api("claims.json")
    for outlet in {a["outlet"] for a in articles}:
        page = _linked(built, "outlets", "Unknown outlet" if outlet == "unknown" else outlet)
        linked = {href.split("/")[-2] for href, _ in _links(built, page) if href.startswith("../../articles/")}
        assert linked == {a["id"] for a in articles if a["outlet"] == outlet}, outlet
        bears = {c["id"] for c in claims for s in c["sources"] if s["outlet"] == outlet}
        assert {href.split("/")[-2] for href, _ in _links(built, page) if href.startswith("../../claims/")} == bears


def test_claimant_pages_show_their_quotes_with_paragraph_links(built):
    said: dict[str, list[dict]] = {}
    for claim in built.api("claims.json"):
        for item in claim["evidence"]:
            if item["claimant"]:
                said.setdefault(item["claimant"], []).append({**item, "claim": claim["id"]})
    assert {"Hanna Maliar", "Yevgeny Prigozhin", "Russia"} <= set(said)
    for name, items in said.items():
        folder = _linked(built, "claimants", name)
        html = _body((built.paths.site / folder / "index.html").read_text(encoding="utf-8"))
        shown = [unescape(q) for q in re.findall(r"<q>(.*?)</q>", html, re.S)]
        assert shown and set(shown) <= {i["quote"] for i in items}, name
        for item in items:
            group = [i for i in items if (i["claim"], i["stance"]) == (item["claim"], item["stance"])]
            assert sum(q in shown for q in {i["quote"] for i in group}) >= min(3, len({i["quote"] for i in group}))
        links = {href for href, _ in _links(built, folder)}
        assert any(f"../../{i['link']}" in links for i in items), name


def test_tag_and_timeline_pages(built):
    tagged = {t for c in built.api("claims.json") for t in c["tags"]}
    assert tagged, "the seed claims have tags"
    for tag in tagged:
        claims = {href.split("/")[-2] for href, _ in _links(built, _linked(built, "tags", tag)) if href.startswith("../../claims/")}
        assert claims == {c["id"] for c in built.api("claims.json") if tag in c["tags"]}
    articles = built.api("articles.json")
    for article in articles:  # index -> month -> day -> article
        day = article["date"] or "undated"
        if article["date"]:
            assert f"../{day}/" in {href for href, _ in _links(built, f"timeline/{day[:7]}")}
        linked = {href.split("/")[-2] for href, _ in _links(built, f"timeline/{day}") if href.startswith("../../articles/")}
        assert article["id"] in linked
    months = [href.strip("/") for href, _ in _links(built, "timeline") if not href.startswith("#")]
    undated = ["undated"] if any(not a["date"] for a in articles) else []
    assert months == sorted({a["date"][:7] for a in articles if a["date"]}, reverse=True) + undated


def _site_url() -> str:
    import yaml

    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_is_atom_with_absolute_links_and_article_dates(built):
    import xml.etree.ElementTree as ET

    site_url = _site_url()
    feed = ET.parse(built.paths.site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    articles = built.api("articles.json")
    assert len(entries) == len(articles)
    dates = {f"{site_url}{a['page']}": a["date"] for a in articles}
    newest = max(d for d in dates.values() if d)
    assert feed.findtext(f"{ATOM}updated") == f"{newest}T00:00:00Z"
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link in dates and entry.findtext(f"{ATOM}id") == link
        assert entry.findtext(f"{ATOM}updated") == f"{dates[link] or newest}T00:00:00Z"
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}author/{ATOM}name")
    home = (built.paths.site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="feed.xml"' in home
    for claim in built.api("claims.json"):
        claim_feed = ET.parse(built.paths.site / "claims" / f"{claim['id']}.xml").getroot()
        links = [e.find(f"{ATOM}link").get("href") for e in claim_feed.findall(f"{ATOM}entry")]
        assert len(links) == len(claim["sources"]) and all(link.startswith(site_url) for link in links)


def _copies(archive, count: int):
    """The seed archive with every article copied under `count` other outlets, evidence and positions too."""
    from dataclasses import replace

    entries, evidence, positions = list(archive.entries), list(archive.evidence), list(archive.positions)
    for number in range(count):
        outlet, suffix = f"Outlet {number}", f"-copy-{number}"
        for entry in archive.entries:
            meta = replace(entry.article.meta, outlet=outlet)
            entries.append(replace(entry, article=replace(entry.article, slug=entry.slug + suffix, meta=meta), duplicates=()))
        evidence += [replace(e, article=e.article + suffix, outlet=outlet) for e in archive.evidence]
        positions += [replace(p, article=p.article + suffix, outlet=outlet) for p in archive.positions]
    return replace(archive, entries=tuple(entries), evidence=tuple(evidence), positions=tuple(positions))


def test_claim_pages_stay_under_100_kb_however_many_sources(built, tmp_path):
    from generator import pipeline
    from generator.site import builder, render, write

    archive = _copies(built.archive, 60)
    content, out = tmp_path / "content", tmp_path / "site"
    write.write(render.render(archive, "Size test", _site_url()), content, pipeline.OWNED)
    builder.build(ROOT / "mkdocs.yml", content, out, None)
    records = {r["id"]: r for r in json.loads((content / "api/claims.json").read_text(encoding="utf-8"))}
    biggest = max(records.values(), key=lambda r: len(r["sources"]))
    assert len(biggest["sources"]) > 200
    for claim_id, record in records.items():
        html = (out / "claims" / claim_id / "index.html").read_text(encoding="utf-8")
        assert len(html.encode()) < 100_000, (claim_id, len(html.encode()))
        print(claim_id, len(record["sources"]), "sources:", len(html.encode()), "bytes")
        assert html.count('class="evidence evidence--') <= 3 * render.ROWS_PER_STANCE
    html = (out / "claims" / biggest["id"] / "index.html").read_text(encoding="utf-8")
    hidden = len(biggest["sources"]) - html.count('class="evidence evidence--')
    assert hidden > 0 and sum(int(n) for n in re.findall(r"And (\d+) more sources?, all in", html)) == hidden


def test_home_lists_the_newest_stories_only_when_there_are_some(built):
    from dataclasses import replace

    from generator.model import Story
    from generator.site import render

    home = render.render(replace(built.archive, stories=()), "x", _site_url())["index.md"]
    assert "Newest stories" not in home and "stories/" not in home
    dated = sorted((e for e in built.archive.entries if e.article.meta.date), key=lambda e: e.article.meta.date)
    old, new = Story("old-story", "Old <b>story</b>", (dated[0].slug,)), Story("new-story", "New story", (dated[-1].slug,))
    home = render.render(replace(built.archive, stories=(old, new)), "x", _site_url())["index.md"]
    section = home[home.index("## Newest stories"):]
    assert section.index('href="stories/new-story/"') < section.index('href="stories/old-story/"')
    assert "Old &#60;b&#62;story&#60;/b&#62;" in section


def test_claim_timeline_groups_by_day_month_or_year_to_stay_small():
    import datetime as dt

    from generator.claims.verdicts import Row
    from generator.model import Position
    from generator.site import browse

    def rows(days: int, step: int):
        start = dt.date(2023, 1, 1)
        return tuple(Row(Position("c", f"a{n}", ("supports", "disputes")[n % 2], (), 1, "o",
                                  (start + dt.timedelta(days=n * step)).isoformat()), (), 0) for n in range(days))

    assert [m.when for m in browse.claim_timeline(rows(3, 1))] == ["2023-01-01", "2023-01-02", "2023-01-03"]
    by_month = browse.claim_timeline(rows(60, 1))
    assert [m.when for m in by_month] == ["2023-01", "2023-02", "2023-03"]
    assert sum(sum(m.counts.values()) for m in by_month) == 60
    by_year = browse.claim_timeline(rows(40, 30))
    assert [m.when for m in by_year] == ["2023", "2024", "2025", "2026"]
    undated = browse.claim_timeline(rows(2, 1) + (Row(Position("c", "x", "mentions", (), 1, "o", None), (), 0),))
    assert undated[-1].when == "undated" and undated[-1].counts["mentions"] == 1


def test_the_other_reports_heading_is_a_heading_of_its_own(built):
    """The story's other reports sit under their own heading: the paragraph after it is not swallowed
    into the heading, its anchor or the table of contents."""
    html = built.html("001")
    assert '<h2 id="other-reports-of-this-story">Other reports of this story' in html
    heading = html[html.index('id="other-reports-of-this-story"'):]
    assert heading.index("</h2>") < heading.index("Part of the story")
