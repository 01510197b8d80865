"""Build and serve the MkDocs site from content/, then index it for search with Pagefind."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs import config as mkdocs_config
from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException

from generator.errors import GeneratorError


def _config(config_file: Path, content: Path, site: Path | None, strict: bool):
    overrides = {"docs_dir": str(content.resolve()), "strict": strict}
    if site is not None:
        overrides["site_dir"] = str(site.resolve())
    return mkdocs_config.load_config(config_file=str(config_file), **overrides)


class _TolerantLoader(yaml.SafeLoader):
    """Safe YAML that reads mkdocs.yml's !!python/name and !ENV tags as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _settings(config_file: Path) -> dict:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError) as err:
        raise GeneratorError(f"{config_file}: cannot read the MkDocs configuration ({err})") from None
    return data if isinstance(data, dict) else {}


def url(config_file: Path) -> str:
    """The site_url from mkdocs.yml, ending in '/': feeds need absolute links."""
    value = str(_settings(config_file).get("site_url") or "")
    if not value.startswith(("https://", "http://")):
        raise GeneratorError(f"{config_file}: set site_url to the address the site is published at, "
                             "e.g. https://<user>.github.io/<repository>/ (the feeds need absolute links)")
    return value.rstrip("/") + "/"


def name(config_file: Path) -> str:
    """The site_name from mkdocs.yml, for pages that name the site (ClaimReview author)."""
    data = _settings(config_file)
    return str((data or {}).get("site_name") or "News archive")


# Article metadata, a claim's summary table, the cleaning report and the claims box are not article text,
# nor are the titles of its story's other reports and its copies (a search for a title would find every
# report listing it; at 10,000 articles they were a quarter of Pagefind's memory).
NOT_INDEXED = (".article-meta", ".claim-summary", ".claims-box", ".cleaning-report", ".paragraph-anchor", ".headerlink",
               ".story-reports", ".article-copies")


PROCESSES = min(2, os.cpu_count() or 1)  # MkDocs' page work on this many cores (parallel.py)


def build(config_file: Path, content: Path, site: Path, build_date: str | None, processes: int = PROCESSES) -> None:
    """mkdocs build --strict into a staging folder beside site/ (its hook on_post_build indexes it for
    search), swapped in only when complete; the pages' dates come from the corpus, never from the clock.
    MkDocs runs in a process of its own, so its memory is not added to the generator's."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    environment = dict(os.environ)
    if build_date and "SOURCE_DATE_EPOCH" not in environment:
        environment["SOURCE_DATE_EPOCH"] = build_date
    package_root = str(Path(__file__).resolve().parents[2])  # where `generator` is, for the child to import it
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, (package_root, environment.get("PYTHONPATH"))))
    command = [sys.executable, "-m", "generator.site.builder", str(config_file), str(content), str(staging), str(processes)]
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
        if done.stderr:
            sys.stderr.write(done.stderr)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise GeneratorError(f"{config_file}: the site did not build: {reason}")
        if site.is_dir():
            shutil.rmtree(site)
        staging.rename(site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _build_here(config_file: Path, content: Path, site: Path, processes: int) -> int:
    """The child's side of build(): MkDocs, its warnings on stderr, the reason on the last line when it fails."""
    from generator.site import onemarkdown, parallel

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        with parallel.in_parallel(processes), onemarkdown.one_instance():
            mkdocs_build.build(_config(config_file, content, site, strict=True))
    except (MkDocsException, SystemExit) as err:
        print(err, file=sys.stderr)
        return 1
    except GeneratorError as err:  # from the hook: the search index
        print(err, file=sys.stderr)
        return 1
    return 0


_ID = re.compile(r'<[a-z][a-z0-9]*\s[^>]*?\bid="([^"]*)"')


def on_page_content(html: str, page, **_) -> str:
    """MkDocs hook: the ids of the HTML blocks rawhtml.py set aside, for MkDocs' anchor checks (it
    collects ids by parsing the Markdown's raw HTML, which no longer holds them)."""
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(_ID.findall(html))
    return html


def on_env(env, **_):
    """MkDocs hook: a fresh cache each build for the parts of pages rendered once per folder (overrides/main.html)."""
    env.globals["folder_cache"] = {}
    return env


# What Pagefind reads instead of the site: a copy of each page it indexes holding only what it reads
# (the page's <html> tag, title and data-pagefind-body), a third of the bytes; the same index in about
# half the time. Written beside the pages by on_post_page, removed once indexed. Its elements keep an
# id only on headings: Pagefind stores the text of every element with an id as an anchor, and its UI
# links results to headings only (an article's paragraphs, ¶1 ..., were its text twice over).
SEARCH_PAGES = ".pagefind-pages"
_BODY = "<div data-pagefind-body>"
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_NOT_HEADING_ID = re.compile(r'(<(?!h[1-6][\s>])[a-z][a-z0-9]*\b[^>]*?) id="[^"]*"')
# Pagefind's allocator (jemalloc) hands freed memory back at once: a tenth off its peak, for a few per cent of CPU
PAGEFIND_ENVIRONMENT = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}


def on_post_page(output: str, page, config, **_) -> str:
    """MkDocs hook: the copy Pagefind reads of a page it indexes (see SEARCH_PAGES)."""
    body = output.find(_BODY)
    if body >= 0:
        start = output.index("<html")
        html = output[start:output.index(">", start) + 1]
        title = _TITLE.search(output)
        content = _NOT_HEADING_ID.sub(r"\1", output[body:output.rindex("</article>")])
        copy = Path(config.site_dir, SEARCH_PAGES, page.file.dest_uri)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(f"<!doctype html>\n{html}<head>{title.group(0) if title else ''}</head><body>{content}</body></html>\n",
                        encoding="utf-8")
    return output


def on_post_build(config, **_) -> None:
    """MkDocs hook (mkdocs.yml `hooks:`): index every build, `serve`'s previews included."""
    index(Path(config.site_dir))


def index(site: Path) -> None:
    """Pagefind's chunked search index into site/pagefind/: only the data-pagefind-body of article and
    claim pages, read from their copies in site/.pagefind-pages/, which go once it is built."""
    excluded = [arg for selector in NOT_INDEXED for arg in ("--exclude-selectors", selector)]
    pages = site / SEARCH_PAGES
    pages.mkdir(exist_ok=True)  # an empty site: Pagefind says it found nothing to index
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(site / "pagefind"),
               "--silent", *excluded]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              env={**os.environ, **PAGEFIND_ENVIRONMENT})
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if done.returncode != 0:
        raise GeneratorError(f"{site}: the search index did not build: {(done.stderr or done.stdout).strip()}")


def serve(config_file: Path, content: Path, address: str) -> None:
    """Live preview of content/ (regenerate with `build` to see seed changes)."""
    try:
        mkdocs_serve.serve(str(config_file), docs_dir=str(content.resolve()), dev_addr=address)
    except MkDocsException as err:
        raise GeneratorError(f"{config_file}: {err}") from None


if __name__ == "__main__":  # build()'s child process
    sys.exit(_build_here(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])))
