"""Pages stay small however large the archive: long lists are cut into pages linked to each other
(generator/site/pages.py), lists beside other things are cut short with "and N more".

The archive is the seeds' copied many times over (new slugs, outlets, months, tags, claims and
one story holding every copy), so every list grows; not a timed test.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator import pipeline
from generator.model import Duplicate, Story
from generator.site import builder, render, write
from tests.conftest import ROOT

ARTICLE_BYTES, CLAIM_BYTES, PAGE_BYTES = 40_000, 100_000, 200_000
SITE_URL = "https://example.github.io/news-archive/"


def _month(date: str | None, shift: int) -> str | None:
    if not date:
        return None
    year, month = int(date[:4]), int(date[5:7]) + shift
    return f"{year + (month - 1) // 12:04d}-{(month - 1) % 12 + 1:02d}{date[7:]}"


def grown(archive, copies: int, claim_copies: int = 4):
    """The archive with every article copied ``copies`` times: copy c under "Outlet c", c % 4 months
    later (every 9th copy undated), tagged, bearing on claim copy c % claim_copies; each seed story
    holds all its copies, each suggestion all its copies' sentences, the first article 25 copies."""
    entries, evidence, positions = [], [], []
    slug_of: dict[tuple[str, int], str] = {}
    for c in range(copies):
        for entry in archive.entries:
            meta = entry.article.meta
            date = None if c % 9 == 8 else _month(meta.date, c % 4)
            slug = f"{date or 'undated'}-copy-{c}-{entry.slug.split('-', 3)[-1]}"
            slug_of[entry.slug, c] = slug
            meta = replace(meta, outlet=f"Outlet {c}", date=date, tags=("every copy", f"copy {c % 3}"), date_basis=None)
            entries.append(replace(entry, article=replace(entry.article, slug=slug, meta=meta, source=f"copy-{c}/{entry.article.source}")))
        claim = lambda claim_id: f"{claim_id}-{c % claim_copies}"  # noqa: E731
        evidence += [replace(e, article=slug_of[e.article, c], claim=claim(e.claim), outlet=f"Outlet {c}",
                             date=_month(e.date, c % 4) if c % 9 != 8 else None) for e in archive.evidence]
        positions += [replace(p, article=slug_of[p.article, c], claim=claim(p.claim), outlet=f"Outlet {c}",
                              date=_month(p.date, c % 4) if c % 9 != 8 else None) for p in archive.positions]
    first = entries[0]
    entries[0] = replace(first, duplicates=tuple(Duplicate(replace(first.article, source=f"copy/{n}.txt"), "near", 0.9) for n in range(25)))
    date_of = {e.slug: e.article.meta.date or "9999" for e in entries}
    stories = [Story(s.slug, s.title, tuple(sorted((slug_of[a, c] for c in range(copies) for a in s.articles), key=lambda x: (date_of[x], x))))
               for s in archive.stories]
    claims = [replace(c, id=f"{c.id}-{j}", statement=f"{c.statement} ({j})", source=f"{c.id}-{j}.yml")
              for c in archive.claims for j in range(claim_copies)]
    suggestions = [replace(s, sources=tuple(replace(x, article=slug_of[x.article, c]) for c in range(copies) for x in s.sources))
                   for s in archive.suggestions for _ in range(4)]
    return replace(archive, entries=tuple(entries), evidence=tuple(evidence), positions=tuple(positions), stories=tuple(stories),
                   claims=tuple(sorted(claims, key=lambda c: c.id)), suggestions=tuple(suggestions))


def _site(archive, out: Path) -> tuple[dict[str, str], Path]:
    files = render.render(archive, "Scale test", SITE_URL)
    write.write(files, out / "content", pipeline.OWNED)
    builder.build(ROOT / "mkdocs.yml", out / "content", out / "site", None, processes=2)
    return files, out / "site"


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def _url(path: str) -> str:
    """The site URL of a content page (directory URLs), from the root."""
    stem = path[:-3]
    return "" if stem == "index" else stem[:-5] if stem.endswith("/index") else stem + "/"


def _links(site: Path, url: str) -> set[str]:
    """The site URLs (from the root, no fragment) that the page at ``url`` links to in its content."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    parser = _Hrefs()
    parser.feed(html[html.index('<article class="md-content__inner'):html.index("</article>")])
    base = "http://site/" + url
    found = set()
    for href in parser.hrefs:
        target = urlsplit(urljoin(base, href))
        if target.netloc == "site":
            found.add(target.path.lstrip("/"))
    return found


# A part of a list and the page that lists it (pages.py names them so)
_PARTS = [
    (re.compile(r"^claims-to-track/\d+\.md$"), lambda m: "claims-to-track.md"),
    (re.compile(r"^([a-z-]+)/page/\d+\.md$"), lambda m: f"{m[1]}/index.md"),
    (re.compile(r"^articles/(\d{4}-\d\d|undated)(/\d+)?\.md$"), lambda m: "articles/index.md"),
    (re.compile(r"^(outlets|tags|claimants|stories|timeline)/([^/]+)/.+\.md$"), lambda m: f"{m[1]}/{m[2]}.md"),
]


def _index_of(path: str) -> str | None:
    for pattern, index in _PARTS:
        found = pattern.match(path)
        if found:
            return index(found)
    return None


@pytest.fixture(scope="module")
def small_pages(built, tmp_path_factory):
    """The grown archive with small pages, so every kind of list is cut into several."""
    patch = pytest.MonkeyPatch()
    for name, value in {"ARTICLES_PER_PAGE": 12, "ROWS_PER_PAGE": 5, "SUGGESTIONS_PER_PAGE": 3, "QUOTES_PER_PAGE": 8}.items():
        patch.setattr(render, name, value)
    try:
        yield _site(grown(built.archive, 30), tmp_path_factory.mktemp("small-pages"))
    finally:
        patch.undo()


def test_every_part_of_a_list_is_reached_from_its_index(small_pages):
    files, site = small_pages
    lists: dict[str, set[str]] = {}
    for path in files:
        index = _index_of(path) if path.endswith(".md") else None
        if index:
            lists.setdefault(index, {index}).add(path)
    kinds = {index.split("/")[0] for index in lists}
    assert {"articles", "claims", "claims-to-track.md", "outlets", "claimants", "tags", "stories", "timeline"} <= kinds, kinds
    assert any(re.match(r"articles/\d{4}-\d\d/\d+\.md$", p) for p in files), "a long month has pages of its own"
    assert any(p.startswith("articles/undated/") for p in files)
    for index, members in sorted(lists.items()):
        urls = {_url(p): p for p in members}
        seen, queue = {_url(index)}, deque([_url(index)])
        while queue:  # follow links between the list's own pages only
            for target in _links(site, queue.popleft()) & urls.keys() - seen:
                seen.add(target)
                queue.append(target)
        assert seen == urls.keys(), (index, sorted(urls.keys() - seen))
        for url in urls:  # each part links back to the list's index and to its neighbours
            if url != _url(index):
                assert _url(index) in _links(site, url), (url, index)


def test_every_page_is_reached_from_the_navigation(small_pages):
    """The navigation lists the indexes only; every other page is reached from them by links."""
    import yaml

    files, site = small_pages
    nav = [_url(next(iter(item.values()))) for item in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]]
    assert all(url.count("/") <= 1 for url in nav)
    pages = {_url(p) for p in files if p.endswith(".md")}
    seen, queue = set(nav), deque(nav)
    while queue:
        for target in _links(site, queue.popleft()) & pages - seen:
            seen.add(target)
            queue.append(target)
    assert pages - seen == set()


def test_page_sizes_stay_bounded(built, tmp_path):
    archive = grown(built.archive, 60)
    files, site = _site(archive, tmp_path)
    articles = {e.slug for e in archive.entries}
    claims = {c.id for c in archive.claims}
    assert any(p.startswith("articles/2023-") and p.count("/") == 1 and len(p) == len("articles/2023-05.md") for p in files)
    sizes = {}
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        top, _, name = folder.partition("/")
        kind = "article" if top == "articles" and name in articles else "claim" if top == "claims" and name in claims else "page"
        sizes.setdefault(kind, []).append((page.stat().st_size, folder))
    limits = {"article": ARTICLE_BYTES, "claim": CLAIM_BYTES, "page": PAGE_BYTES}
    for kind, found in sizes.items():
        biggest = max(found)
        print(kind, len(found), "pages, the largest", biggest)
        assert biggest[0] <= limits[kind], (kind, biggest)
    assert len(sizes["article"]) == len(articles) and len(sizes["claim"]) == len(claims)
    page = files[render.page_path(archive.entries[0])]
    assert f"and {25 - render.ARTICLE_COPIES} more copies, all in <a href=\"../../api/articles.json\">" in page
    assert re.search(r"<li>and \d+ more, all on <a href=\"../../stories/[a-z0-9-]+/\">the story's page</a>", page)


def test_an_article_page_does_not_grow_with_the_archive(built):
    """The same article's page in an archive of 100 and of 600 articles: as many lines (its story's
    nearest reports may be others), no more bytes but for its counts and neighbours' titles."""
    small, large = (render.render(grown(built.archive, copies), "x", SITE_URL) for copies in (20, 120))
    for entry in grown(built.archive, 1).entries:
        path = render.page_path(entry)
        assert small[path].count("\n") == large[path].count("\n"), path
        assert len(large[path]) <= 1.05 * len(small[path]), (path, len(small[path]), len(large[path]))


def test_every_link_resolves(small_pages):
    """Every link of every page leads to a file of the site, and to an element with its #anchor:
    the links in HTML blocks too, which MkDocs does not check."""
    _, site = small_pages
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    checked = 0
    for page in sorted(site.rglob("*.html")):
        base = "http://site/" + page.relative_to(site).as_posix()
        parser = _Hrefs()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            target = urlsplit(urljoin(base, href))
            if target.netloc != "site":
                continue
            served = target.path.removeprefix(urlsplit(SITE_URL).path if href.startswith("/") else "/")  # 404.html links from the root
            path = site / served
            path = path / "index.html" if served.endswith("/") or not served else path
            assert path.is_file(), (page, href)
            if target.fragment and path.suffix == ".html":
                assert target.fragment in anchors(path), (page, href)
            checked += 1
    assert checked > 10_000


def test_search_indexes_the_article_and_claim_pages_only(small_pages):
    """Not a month of the articles list nor a page of the claims list, though they sit beside them."""
    import json

    files, site = small_pages
    own = [p for p in files if re.match(r"^articles/[^/]+-copy-\d+-[^/]+\.md$", p)  # grown()'s slugs
           or re.match(r"^claims/[^/]+\.md$", p) and p != "claims/index.md"]
    assert any(re.match(r"^articles/\d{4}-\d\d(/\d+)?\.md$", p) for p in files) and any(p.startswith("claims/page/") for p in files)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert [language["page_count"] for language in entry["languages"].values()] == [len(own)]
    assert not (site / builder.SEARCH_PAGES).exists()


def test_the_site_is_the_same_built_by_one_process(small_pages, tmp_path):
    """MkDocs' pages shared between two processes (parallel.py) or built in one: the same bytes."""
    import hashlib

    _, site = small_pages
    builder.build(ROOT / "mkdocs.yml", site.parent / "content", tmp_path / "site", None, processes=1)

    def tree(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}

    assert tree(tmp_path / "site") == tree(site)


def test_rendering_in_two_processes_gives_the_same_files(built):
    archive = grown(built.archive, 20)
    assert render.render(archive, "x", SITE_URL, processes=2) == render.render(archive, "x", SITE_URL, processes=1)
