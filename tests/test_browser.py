"""The built site in a real browser: Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import re

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
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


@pytest.fixture
def page(browser):
    """A page that records every request and every script error."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    assert page.errors == []
    hosts = {urlparse(url).hostname for url in page.requests if url.startswith("http")}
    assert hosts <= {"127.0.0.1"}, f"third-party requests: {hosts}"
    page.close()


def test_home_page_links_to_articles_and_claims(page, server, built, tmp_path):
    page.goto(server + "/")
    assert "5 articles" in page.inner_text("article")
    page.screenshot(path=tmp_path / "home.png", full_page=True)
    assert (tmp_path / "home.png").stat().st_size > 10_000
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


def test_claim_page_shows_evidence_by_stance(page, server, tmp_path):
    page.goto(server + "/claims/ukraine-broke-through-near-bakhmut/")
    text = page.inner_text("article")
    assert re.search(r"Supported by \d+ sources?, disputed by \d+", text)
    assert page.locator(".evidence--disputes").count() >= 2  # Moscow's denials, in seeds 001 and 002
    page.screenshot(path=tmp_path / "claim.png", full_page=True)
    assert (tmp_path / "claim.png").stat().st_size > 10_000
