"""`add`: saved pages, links (a local server), text files -> seed files that read back as written."""

from __future__ import annotations

import datetime
import html
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.cli import main
from generator.commands import add
from generator.model import Source
from generator.reading import clean, extract, ingest
from tests.conftest import SEED_ARTICLES, SEEDS

FIXTURES = Path(__file__).parent / "fixtures"
BRIDGE = FIXTURES / "harbour-bridge.html"
BRIDGE_NAME = "2024-03-07-harbour-bridge-reopens-after-eight-months-of-repairs.md"
CHROME = ["Accept all", "Subscribe", "Most read", "Ferry timetable", "Bridge repairs delayed", "All rights reserved",
          "Sign up now", "Photo: Tom Ellis", "By Maria Jensen", "Share"]


def run(seeds: Path, *inputs: str):
    return CliRunner().invoke(main, ["add", "--seeds", str(seeds), *inputs])


def front_matter_and_blocks(path: Path) -> tuple[dict, list[str]]:
    source = ingest.read(path, path.parent)
    assert isinstance(source, Source), source
    return source.front_matter, [b.text for b in source.blocks]


def article_files(seeds: Path) -> set[str]:
    return {p.name for p in (seeds / "articles").iterdir()}


# --- saved pages ------------------------------------------------------------------------------


def test_a_saved_page_becomes_a_seed_file_with_its_metadata_and_only_its_article(seeds_copy):
    result = run(seeds_copy, str(BRIDGE))
    assert result.exit_code == 0, result.output
    path = seeds_copy / "articles" / BRIDGE_NAME
    assert f"written to {path}" in result.stdout
    assert "not a duplicate of any article in the archive" in result.stdout
    assert "bears on no tracked claim" in result.stdout
    fields, blocks = front_matter_and_blocks(path)
    assert fields == {
        "title": "Harbour bridge reopens after eight months of repairs",
        "outlet": "Coastal Courier",
        "author": "Maria Jensen",
        "date": datetime.date(2024, 3, 7),
        "url": "https://coastal-courier.example/news/2024/03/harbour-bridge-reopens",
        "added": "harbour-bridge.html",
    }
    body = "\n".join(blocks)
    assert blocks[1].startswith("The swing bridge across Eastport harbour reopened to traffic on Thursday morning")
    assert blocks[-1].endswith("usually twice a day at high tide.")
    assert '"just in time for the spring"' in body and "£4.2 million" in body
    assert [chrome for chrome in CHROME if chrome in body] == []
    archive = pipeline.check(pipeline.Paths(seeds_copy, Path("c"), Path("s"), Path("m")))  # `added` is a known field
    [entry] = [e for e in archive.entries if e.article.source == BRIDGE_NAME]
    assert entry.article.meta.date == "2024-03-07" and entry.article.meta.outlet == "Coastal Courier"


def test_a_date_stated_only_in_the_page_text_names_the_file(seeds_copy):
    result = run(seeds_copy, str(FIXTURES / "text-dated.html"))
    assert result.exit_code == 0, result.output
    fields, blocks = front_matter_and_blocks(seeds_copy / "articles" / "2022-06-14-village-hall-roof-fund-reaches-its-target.md")
    assert str(fields["date"]) == "2022-06-14" and fields["title"] == "Village hall roof fund reaches its target"
    assert blocks[0].startswith("The appeal to repair the roof") and "“humbling”" in blocks[-1]
    assert not any("Quiz night" in b or "Privacy" in b for b in blocks)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_a_page_saved_in_another_encoding_reads_the_same(tmp_path, encoding):
    page = BRIDGE.read_text(encoding="utf-8").replace('charset="utf-8"', f'charset="{encoding}"')
    saved = tmp_path / "bridge.htm"
    saved.write_bytes(page.encode(encoding))
    assert extract.page(saved.read_bytes(), "bridge.htm") == extract.page(BRIDGE.read_bytes(), "harbour-bridge.html")


def test_text_that_looks_like_markup_reads_back_exactly_as_extracted(seeds_copy):
    expected = extract.page((FIXTURES / "hostile.html").read_bytes(), "hostile.html")
    assert expected.paragraphs[0].startswith("# This line starts with a hash")
    assert any("<script>" in p for p in expected.paragraphs)
    result = run(seeds_copy, str(FIXTURES / "hostile.html"))
    assert result.exit_code == 0, result.output
    [path] = (seeds_copy / "articles").glob("2023-11-02-*.md")
    _, blocks = front_matter_and_blocks(path)
    assert blocks == list(expected.paragraphs)
    archive = pipeline.check(pipeline.Paths(seeds_copy, Path("c"), Path("s"), Path("m")))
    [entry] = [e for e in archive.entries if e.article.source == path.name]
    assert entry.article.paragraphs == expected.paragraphs  # and the cleaner keeps every one of them


# --- the Markdown written reads back as the same paragraphs ----------------------------------

MARKUP = st.sampled_from(
    list("#*_-+>=<`~[]()!&;:\\|.0123456789 aZé\t\u00a0") + ["&amp;", "&#35;", "<b>", "```", "1. ", "2) ", "- ", "***", "---"]
)


def _paragraphs(raw: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Paragraphs as add writes them: repaired and normalised as ingest would read them."""
    return raw.map(lambda text: clean.normalise_space(ingest.repair(text)[0])).filter(bool)


PARAGRAPH = _paragraphs(st.text() | st.lists(MARKUP, min_size=1, max_size=40).map("".join))
# ingest repairs a whole file at once with ftfy, which may read a rare pair of Latin-1 letters and
# punctuation ('»Ä', '”é') as mojibake in one context and not in another; whole files are therefore
# drawn from ASCII markup, curly punctuation and non-Latin letters, which cannot look like mojibake.
PLAIN_PARAGRAPH = _paragraphs(st.lists(MARKUP.filter(lambda c: c.isascii()) | st.sampled_from(["’", "“", "”", "—", "Київ", "Αθήνα"]),
                                       min_size=1, max_size=40).map("".join))


@settings(max_examples=500, deadline=None)
@given(PARAGRAPH)
def test_any_paragraph_escaped_as_markdown_reads_back_unchanged(paragraph):
    blocks = ingest.markdown_blocks(add.markdown_text(paragraph), 1)
    assert [b.text for b in blocks] == [paragraph]


@settings(max_examples=100, deadline=None)
@given(st.lists(PLAIN_PARAGRAPH, min_size=1, max_size=5), PLAIN_PARAGRAPH, PLAIN_PARAGRAPH)
def test_a_whole_seed_file_reads_back_with_its_fields_and_paragraphs(tmp_path_factory, paragraphs, title, author):
    folder = tmp_path_factory.mktemp("articles")
    article = extract.Extracted(tuple(paragraphs), title=title, author=author, date="2023-05-12",
                                url="https://example.org/a?b=1#c")
    path = add.write(article, "---\nadded: x\n...", folder)
    fields, blocks = front_matter_and_blocks(path)
    assert blocks == paragraphs
    assert (fields["title"], fields["author"], str(fields["date"])) == (title, author, "2023-05-12")
    assert fields["added"] == "---\nadded: x\n..."


# --- text files ---------------------------------------------------------------------------------


def test_text_and_markdown_files_are_cleaned_and_written(seeds_copy, tmp_path):
    txt = tmp_path / "ferry.txt"
    txt.write_text(
        "Ferry strike called off after late-night talks\n\nBy Jane Doe\n\n"
        "A strike by ferry crews planned for Friday has been called off after talks that ran past midnight.\n\n"
        "Read more: Ferry timetable changes from April\n\n"
        "The union said its members would vote on the new offer next week.\n",
        encoding="utf-8",
    )
    md = tmp_path / "notes.md"
    md.write_text(
        "---\ntitle: Council backs new cycle lanes\ndate: 2024-02-01\ntags: [transport]\n---\n\n"
        "Councillors voted *in favour* of three new cycle lanes on Tuesday, by 31 votes to 12.\n\n"
        "The first lane, along the __seafront__, should open in the summer.\n",
        encoding="utf-8",
    )
    result = run(seeds_copy, str(txt), str(md))
    assert result.exit_code == 0, result.output
    fields, blocks = front_matter_and_blocks(seeds_copy / "articles" / "undated-ferry-strike-called-off-after-late-night-talks.md")
    assert fields == {"title": "Ferry strike called off after late-night talks", "author": "Jane Doe", "added": "ferry.txt"}
    assert blocks == [
        "A strike by ferry crews planned for Friday has been called off after talks that ran past midnight.",
        "The union said its members would vote on the new offer next week.",
    ]
    fields, blocks = front_matter_and_blocks(seeds_copy / "articles" / "2024-02-01-council-backs-new-cycle-lanes.md")
    assert fields["tags"] == ["transport"] and fields["added"] == "notes.md"
    assert blocks == [
        "Councillors voted in favour of three new cycle lanes on Tuesday, by 31 votes to 12.",
        "The first lane, along the seafront, should open in the summer.",
    ]


# --- never overwrite, never escape the folder ----------------------------------------------------


def test_an_existing_file_is_never_overwritten(seeds_copy):
    taken = seeds_copy / "articles" / BRIDGE_NAME
    taken.write_text("a contributor's own file\n", encoding="utf-8")
    first, second = run(seeds_copy, str(BRIDGE)), run(seeds_copy, str(BRIDGE))
    assert first.exit_code == second.exit_code == 0
    assert taken.read_text(encoding="utf-8") == "a contributor's own file\n"
    stem = BRIDGE_NAME.removesuffix(".md")
    assert f"written to {seeds_copy / 'articles' / f'{stem}-2.md'}" in first.stdout
    assert f"written to {seeds_copy / 'articles' / f'{stem}-3.md'}" in second.stdout
    assert f"duplicate of {stem}-2.md (exact copy" in second.stdout


@pytest.mark.parametrize(
    "title", ["../../outside", "..", "/etc/passwd", "a/../../b\\..\\c", "\x00", "....", "~root", "x" * 400, "é " * 300]
)
def test_the_file_name_cannot_leave_the_articles_folder(tmp_path, title):
    folder = tmp_path / "seeds" / "articles"
    path = add.write(extract.Extracted(("Body text of the article.",), title=title, date="../2023-05-12"), "x", folder)
    assert path.parent == folder and path.resolve().parent == folder.resolve()
    assert path.name.endswith(".md") and not path.name.startswith(".") and len(path.name) <= add.MAX_STEM + 3


def test_the_same_page_given_twice_is_written_twice_and_the_second_reported_as_a_copy(seeds_copy):
    result = run(seeds_copy, str(BRIDGE), str(BRIDGE))
    assert result.exit_code == 0, result.output
    stem = BRIDGE_NAME.removesuffix(".md")
    first, second = (line for line in result.stdout.splitlines() if "written to" in line)
    assert first.endswith(f"{stem}.md") and second.endswith(f"{stem}-2.md")
    copies = [line for line in result.stdout.splitlines() if line.startswith("  duplicate")]
    assert len(copies) == 2 and all(f"{stem}" in line and "exact copy" in line for line in copies)


# --- duplicates and claims ------------------------------------------------------------------------


def test_a_copy_of_a_seed_is_reported_as_its_duplicate_with_the_claims_it_bears_on(seeds_copy, tmp_path):
    seed = SEED_ARTICLES[1]
    paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    page = BRIDGE.read_text(encoding="utf-8")
    start, end = page.index('<article class="story">'), page.index("</article>")
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    copy = tmp_path / "republished.html"
    copy.write_text(page[:start] + f"<article>{body}" + page[end:], encoding="utf-8")  # the site's chrome around it

    original = pipeline.check(pipeline.Paths(SEEDS, Path("c"), Path("s"), Path("m")))
    [entry] = [e for e in original.entries if e.article.source == seed.name]
    claims = {p.claim for p in original.positions if p.article == entry.slug}
    assert claims  # the seed bears on tracked claims

    result = run(seeds_copy, str(copy))
    assert result.exit_code == 0, result.output
    [duplicate] = [line for line in result.stdout.splitlines() if line.startswith("  duplicate")]
    assert seed.name in duplicate
    assert f"bears on {len(claims)} tracked claim(s)" in result.stdout
    named = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ")}
    assert named == claims


def test_a_page_the_build_would_clean_away_is_written_and_said_to_be_skipped(seeds_copy, tmp_path):
    promo = tmp_path / "promo.html"
    promo.write_text(
        "<html><head><title>Morning briefing</title></head><body><article><p>Sign up for the morning briefing "
        "and get the best stories of the day in your inbox before breakfast.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run(seeds_copy, str(promo))
    assert result.exit_code == 0, result.output
    assert "the build skips it: nothing left after cleaning" in result.stdout


def test_an_archive_with_problems_elsewhere_still_gets_the_article_and_says_so(seeds_copy):
    (seeds_copy / "articles" / "broken.md").write_text("---\ntitel: typo\n---\nText of the article.\n", encoding="utf-8")
    result = run(seeds_copy, str(BRIDGE))
    assert result.exit_code == 0, result.output
    assert (seeds_copy / "articles" / BRIDGE_NAME).is_file()
    assert "the archive could not be checked (1 problem(s): run `python -m generator check`)" in result.stdout


# --- links, from a local server ---------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    pages = {
        "/news/harbour-bridge": (200, "text/html; charset=utf-8", BRIDGE.read_bytes()),
        "/gazette/roof": (200, "text/html", (FIXTURES / "text-dated.html").read_bytes()),
        "/report.pdf": (200, "application/pdf", b"%PDF-1.4\n"),
        "/untyped": (200, None, BRIDGE.read_bytes()),
        "/news/2021/05/03/pier-lights": (200, "text/html", (FIXTURES / "pier-lights.html").read_bytes()),
    }
    agents: list[str] = []

    def do_GET(self):
        self.agents.append(self.headers.get("User-Agent", ""))
        status, kind, data = self.pages.get(self.path, (404, "text/html", b"<html><body>Not found</body></html>"))
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_link_is_fetched_and_written_with_its_canonical_url(seeds_copy, server):
    url = f"{server}/news/harbour-bridge"
    result = run(seeds_copy, url)
    assert result.exit_code == 0, result.output
    fields, blocks = front_matter_and_blocks(seeds_copy / "articles" / BRIDGE_NAME)
    assert fields["added"] == url
    assert fields["url"] == "https://coastal-courier.example/news/2024/03/harbour-bridge-reopens"
    assert _Handler.agents[-1] == extract.USER_AGENT


def test_a_page_without_a_canonical_url_keeps_the_link_it_was_fetched_from(seeds_copy, server):
    url = f"{server}/gazette/roof"
    assert run(seeds_copy, url).exit_code == 0
    fields, _ = front_matter_and_blocks(seeds_copy / "articles" / "2022-06-14-village-hall-roof-fund-reaches-its-target.md")
    assert fields["url"] == fields["added"] == url


def test_a_page_served_without_a_content_type_is_read_when_it_is_html(seeds_copy, server):
    assert run(seeds_copy, f"{server}/untyped").exit_code == 0
    assert (seeds_copy / "articles" / BRIDGE_NAME).is_file()


def test_a_date_only_the_fetched_link_states_is_found_by_htmldate(seeds_copy, server):
    url = f"{server}/news/2021/05/03/pier-lights"
    assert extract.page((FIXTURES / "pier-lights.html").read_bytes(), "pier-lights.html").date is None
    assert run(seeds_copy, url).exit_code == 0
    fields, _ = front_matter_and_blocks(seeds_copy / "articles" / "2021-05-03-pier-lights-back-on-after-a-month-in-the-dark.md")
    assert fields["url"] == "https://bayside-echo.example/news/pier-lights" and fields["added"] == url
    assert str(fields["date"]) == "2021-05-03"


def _refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/story"


@pytest.mark.parametrize(
    "make_input, message",
    [
        (lambda server: f"{server}/gone", "HTTP status 404"),
        (lambda server: f"{server}/report.pdf", "not HTML: the server sent 'application/pdf'"),
        (lambda server: _refused_url(), "network error: Connection refused"),
        (lambda server: str(FIXTURES / "not-html.html"), "not HTML"),
        (lambda server: str(FIXTURES / "no-article.html"), "no article text found"),
        (lambda server: str(FIXTURES / "missing.html"), "file not found"),
        (lambda server: str(FIXTURES / "report.pdf"), "unsupported file type '.pdf'"),
        (lambda server: "ftp://example.org/story", "unsupported link"),
    ],
)
def test_each_failure_is_one_line_naming_the_input_and_nothing_is_written(seeds_copy, server, make_input, message):
    before = article_files(seeds_copy)
    item = make_input(server)
    result = run(seeds_copy, item)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"{item}: ") and message in result.stderr
    assert "Traceback" not in result.output and "<html" not in result.stderr
    assert article_files(seeds_copy) == before


def test_one_failure_among_several_inputs_still_adds_the_rest(seeds_copy, server):
    result = run(seeds_copy, f"{server}/gone", str(BRIDGE))
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{server}/gone: HTTP status 404")
    assert (seeds_copy / "articles" / BRIDGE_NAME).is_file()
