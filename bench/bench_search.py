"""Benchmark search as a reader meets it: bytes downloaded and seconds before the first result.

    python -m bench.bench_search --articles 2000 10000
    python -m bench.bench_search --site /tmp/x/site --query "Days Darkness December" --runs 3

Builds a synthetic archive (bench_pipeline.corpus, the seed claims tracked) into a temporary
folder, serves site/ on 127.0.0.1 (gzip-compressed as GitHub Pages serves it, then uncompressed)
and opens its search page with a query in headless chromium,
in a fresh browser context (empty cache); or, with --site, a site already built. Prints the
figures, the machine and its load average.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import platform
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench.bench_pipeline import ROOT, corpus
from generator import pipeline

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RESULT = ".search-results__link"
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg"}


@dataclass(frozen=True)
class FirstResult:
    """What a reader's browser fetched before the first search result showed."""

    downloaded: int  # bytes over the wire: headers and (compressed) bodies, page and assets included
    requests: int
    seconds: float  # from opening the search page to the first result on screen, as Playwright sees it
    in_page: float  # the same by the page's own clock: navigation start to the first result in the DOM
    hrefs: tuple[str, ...]  # the results listed then
    fetched: tuple[str, ...]  # the path of each request finished by then, in the order they finished


_OBSERVE = f"""new MutationObserver((_, observer) => {{
  if (document.querySelector({RESULT!r})) {{ window.firstResult = performance.now(); observer.disconnect(); }}
}}).observe(document, {{subtree: true, childList: true}});"""


def first_result(page, base_url: str, query: str) -> FirstResult:
    """Open the search page with the query on a fresh page and wait for the first result."""
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.add_init_script(_OBSERVE)
    start = time.perf_counter()
    page.goto(f"{base_url}/search.html?q={quote(query)}")
    page.wait_for_selector(RESULT, timeout=10_000)
    seconds = time.perf_counter() - start
    hrefs = page.eval_on_selector_all(RESULT, "links => links.map(link => link.getAttribute('href'))")
    done = list(finished)
    in_page = page.evaluate("window.firstResult") / 1000
    return FirstResult(sum(_bytes(request) for request in done), len(done), seconds, in_page, tuple(hrefs),
                       tuple(urlsplit(request.url).path for request in done))


def _bytes(request) -> int:
    """Headers and body as received; chromium reports no body size for a worker's script, so count its body."""
    sizes, response = request.sizes(), request.response()
    body = sizes["responseBodySize"]
    if body <= 0 and response is not None and not 300 <= response.status < 400:
        body = len(response.body())
    return max(sizes["responseHeadersSize"], 0) + max(body, 0)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Pages(_Quiet):
    """Serves as GitHub Pages does: text files gzip-compressed for a browser that accepts it
    (Pagefind's index chunks and WebAssembly are compressed files already)."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, compress: bool = False) -> Iterator[str]:
    """folder served on 127.0.0.1 (a free port) for the duration, compressed as GitHub Pages does
    or not at all; yields its base URL."""
    handler = _Pages if compress else _Quiet
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def build(count: int, folder: Path) -> pipeline.Paths:
    """A synthetic archive of count articles, with the seed claims tracked, built into folder."""
    seeds = folder / "seeds"
    (seeds / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "seeds/claims", seeds / "claims")
    shutil.copy(ROOT / "seeds/claimants.yml", seeds / "claimants.yml")
    for number, text in enumerate(corpus(count)):
        (seeds / "articles" / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    paths = pipeline.Paths(seeds, folder / "content", folder / "site", ROOT / "mkdocs.yml")
    pipeline.build(paths)
    return paths


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def probe(browser, site: Path, query: str, runs: int, label: str) -> None:
    """Print the first result's figures for site, served gzip-compressed then uncompressed."""
    for compress in (True, False):
        probes = []
        with serve(site, compress) as base_url:
            for _ in range(runs):
                context = browser.new_context()
                probes.append(first_result(context.new_page(), base_url, query))
                context.close()
        seconds = sorted(probe.seconds for probe in probes)
        in_page = sorted(probe.in_page for probe in probes)
        print(f"{label}, served {'gzip-compressed' if compress else 'uncompressed'}: first result "
              f"for {query!r} after {max(p.downloaded for p in probes) / 1e6:.2f} MB "
              f"({probes[0].requests} requests), in {in_page[len(in_page) // 2]:.2f} s by the page's clock "
              f"({in_page[0]:.2f}-{in_page[-1]:.2f} s), {seconds[len(seconds) // 2]:.2f} s as Playwright waits "
              f"(median of {len(seconds)}); {len(probes[0].hrefs)} results")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--site", type=Path, help="probe this built site/ instead of building archives")
    parser.add_argument("--query", default="a rout and not a regrouping")
    parser.add_argument("--runs", type=int, default=5, help="searches per archive, each with an empty cache")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        if options.site:
            probe(browser, options.site, options.query, options.runs, str(options.site))
        for count in [] if options.site else options.articles:
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                paths = build(count, Path(tmp))
                built = time.perf_counter() - start
                probe(browser, paths.site, options.query, options.runs, f"{count} articles")
                index = _size(paths.site / "pagefind")
            print(f"{count} articles: built in {built:.0f} s, Pagefind index {index / 1e6:.1f} MB on disk")
        browser.close()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
