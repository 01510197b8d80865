"""The built site in a real browser: Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # screenshots, git-ignored
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/test installs it)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(_Quiet, directory=str(built.paths.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def _recorded(browser, width: int, height: int):
    """A page that records every request and every script error, checked when the test ends."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    assert page.errors == []
    hosts = {urlparse(url).hostname for url in page.requests if url.startswith("http")}
    assert hosts <= {"127.0.0.1"}, f"third-party requests: {hosts}"
    page.close()


@pytest.fixture
def page(browser):
    yield from _recorded(browser, 1280, 900)


@pytest.fixture
def phone(browser):
    """A 375 px wide screen, as on a small phone."""
    yield from _recorded(browser, 375, 740)


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def test_home_page_links_to_articles_and_claims(page, server, built):
    page.goto(server + "/")
    assert "5 articles" in page.inner_text("article")
    _screenshot(page, "home")
    entry = built.entry("003")
    page.click(f"a[href='articles/{entry.slug}/']")
    page.wait_for_url(f"**/articles/{entry.slug}/")
    assert page.inner_text("h1").rstrip("¶") == "Russia Denies Ukrainian Breakthrough in Bakhmut"


def test_paragraph_link_lands_on_the_highlighted_paragraph(page, server, built):
    evidence = next(e for e in built.archive.evidence if e.claim == "ukraine-liberated-17-sq-km-near-bakhmut")
    page.goto(server + "/claims/ukraine-liberated-17-sq-km-near-bakhmut/")
    page.click(f"a[href$='articles/{evidence.article}/#p-{evidence.paragraph}']")
    target = page.locator(f"#p-{evidence.paragraph}")
    target.wait_for()
    assert page.evaluate(f"document.querySelector('#p-{evidence.paragraph}').matches(':target')")
    box, viewport = target.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < viewport["height"]
    assert "17.3 sq. km" in target.inner_text()


def test_claim_page_shows_the_bar_and_one_row_per_source(page, server, built):
    record = next(r for r in built.api("claims.json") if r["id"] == "ukraine-broke-through-near-bakhmut")
    page.goto(server + "/claims/ukraine-broke-through-near-bakhmut/")
    text = page.inner_text("article")
    assert re.search(r"Supported by \d+ sources?, disputed by \d+", text)
    for stance, count in record["counts"].items():  # one row per source, in the class of its stance
        assert page.locator(f"article .evidence--{stance}").count() == count
    bar = page.locator("article .stance-bar").first
    assert bar.is_visible() and bar.bounding_box()["width"] > 50
    for stance, count in record["counts"].items():  # the bar's parts are in proportion to the sources
        part = bar.locator(f".stance-bar__part--{stance}")
        assert part.count() == (1 if count else 0)
    widths = {s: bar.locator(f".stance-bar__part--{s}").bounding_box()["width"] for s, n in record["counts"].items() if n}
    total = sum(record["counts"].values())
    for stance, width in widths.items():
        assert abs(width / sum(widths.values()) - record["counts"][stance] / total) < 0.1
    rows = page.locator("article .evidence")
    assert rows.count() == len(record["sources"])
    for source in record["sources"]:
        row = page.locator(f"article .evidence:has(a[href='../../articles/{source['article']}/'])")
        assert row.count() == 1
        assert source["stance"] in row.locator(".stance-badge").inner_text()
        assert source["outlet"] in row.inner_text()
        assert row.locator("a:text-matches('Read in context')").count() >= 1
    assert page.locator(".claim-timeline li").count() >= 1
    _screenshot(page, "claim")


def test_read_in_context_highlights_the_paragraph(page, server, built):
    record = next(r for r in built.api("claims.json") if r["id"] == "ukraine-advanced-2-km-near-bakhmut")
    page.goto(server + "/claims/ukraine-advanced-2-km-near-bakhmut/")
    link = page.locator("a:text-matches('Read in context')").first
    href = link.get_attribute("href")
    assert any(href == f"../../{item['link']}" for item in record["evidence"])
    link.click()
    anchor = href.split("#")[1]
    page.wait_for_url(f"**#{anchor}")
    target = page.locator(f"#{anchor}")
    other = page.locator(f".article-paragraph:not(#{anchor})").first
    style = "e => getComputedStyle(e).backgroundColor + ' ' + getComputedStyle(e).outlineStyle"
    assert target.evaluate(style) != other.evaluate(style), "the linked paragraph is highlighted"
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    _screenshot(page, "article")


def test_outlet_pages_list_their_articles(page, server, built):
    articles = built.api("articles.json")
    for outlet in sorted({a["outlet"] for a in articles}):
        page.goto(server + "/outlets/")
        page.click(f"article a:text-is('{'Unknown outlet' if outlet == 'unknown' else outlet}')")
        page.wait_for_selector("h1")
        text = page.inner_text("article")
        for article in articles:
            assert (article["title"] in text) == (article["outlet"] == outlet), (outlet, article["title"])


def test_claimant_page_lists_quotes_reached_from_a_claim(page, server, built):
    record = next(r for r in built.api("claims.json") if r["id"] == "ukraine-advanced-2-km-near-bakhmut")
    name = record["claimants"]["supports"][0]
    page.goto(server + "/claims/ukraine-advanced-2-km-near-bakhmut/")
    page.click(f".claim-summary a:text-is('{name}')")
    page.wait_for_selector("h1")
    assert page.inner_text("h1").rstrip("¶") == name
    quotes = [q.strip() for q in page.locator("article q").all_inner_texts()]
    theirs = {e["quote"] for r in built.api("claims.json") for e in r["evidence"] if e["claimant"] == name}
    assert quotes and set(quotes) <= theirs


def test_timeline_reaches_every_article_through_months_and_days(page, server, built):
    page.goto(server + "/timeline/")
    months = page.locator("article .timeline-months a").all_inner_texts()
    seen = ""
    for month in months:
        page.goto(server + "/timeline/")
        page.click(f"article .timeline-months a:text-is('{month}')")
        page.wait_for_selector("h1")
        days = page.locator("article li a").all_inner_texts() if month != "undated" else [None]
        for day in days:
            if day:
                page.goto(f"{server}/timeline/{month}/")
                page.click(f"article li a:text-is('{day}')")
                page.wait_for_selector("h1")
            seen += page.inner_text("article")
    for article in built.api("articles.json"):
        assert article["title"] in seen
    sources = sum(len(c["sources"]) for c in built.api("claims.json"))
    assert len(re.findall(r"\b(supports|disputes|both sides|mentions)\b", seen)) >= sources  # every source's stance, on its day


FITS = """() => document.documentElement.scrollWidth <= innerWidth
    && [...document.querySelectorAll('article *')].every(e => e.getBoundingClientRect().right <= innerWidth + 1)"""


@pytest.mark.parametrize("path", ["/", "/claims/", "/claims/ukraine-advanced-2-km-near-bakhmut/", "/outlets/", "/claimants/", "/timeline/"])
def test_phone_width_has_no_horizontal_scroll(phone, server, path):
    """Nothing is wider than the screen: not the page, nor a table or a long word inside it."""
    phone.goto(server + path)
    assert phone.evaluate(FITS)


def test_article_pages_on_a_phone_have_no_horizontal_scroll(phone, server, built):
    for article in built.api("articles.json"):
        phone.goto(server + "/" + article["page"])
        assert phone.evaluate(FITS), article["page"]
    _screenshot(phone, "article-phone")


def test_dark_mode_toggle(page, server):
    page.goto(server + "/")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.click("label.md-header__button[for^='__palette']:visible")
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}


@pytest.mark.parametrize("path", ["/", "/articles/{slug}/"])
def test_pages_link_the_feed_without_fetching_the_sitemap(page, server, built, path):
    """Material fetches sitemap.xml beside every link[rel=alternate]: the feed's head link must not be one."""
    page.goto(server + path.format(slug=built.entry("003").slug), wait_until="networkidle")
    assert [url for url in page.requests if urlparse(url).path.endswith("sitemap.xml")] == []
    head = page.locator("head link[type='application/atom+xml']")  # for feed readers: rel holds "alternate"
    assert head.count() == 1 and "alternate" in head.get_attribute("rel").split()
    footer = page.locator(".md-footer a[type='application/atom+xml']")  # for readers
    assert footer.is_visible()
    feeds = {page.evaluate("link => link.href", link.element_handle()) for link in (head, footer)}
    assert feeds == {server + "/feed.xml"}
    response = page.request.get(server + "/feed.xml")
    assert response.ok and "<feed xmlns=\"http://www.w3.org/2005/Atom\"" in response.text()
