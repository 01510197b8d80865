"""The generated pages and the built site: one page per seed, escaping, determinism (search: test_search.py)."""

from __future__ import annotations

import hashlib
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import SEED_ARTICLES, build_into


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
