"""Never a traceback, nothing lost: arbitrary text and bytes as article files, through the whole pipeline.

Each example writes a few files (.txt and .md, text with and without front matter, or raw bytes)
into a copy of the seeds, then runs ingest -> clean -> dedup -> claim matching and the build report.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.errors import InputErrors
from generator.model import Source
from generator.reading import chrome, clean, ingest
from generator.site import render
from tests.conftest import ROOT, SEEDS

FAST = settings(max_examples=20, deadline=5000, suppress_health_check=[HealthCheck.too_slow])

# Lines that look like pages: menus, sentences, headings, bylines, repeats; mixed with anything at all.
_LINES = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["Home", "Share", "By Ann Lee", "Read more: other story", "Photo: Reuters", "12:30 pm",
                     "We use cookies to improve your experience.", "", "---", "# Heading", "|", "Most read"]),
    st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{1,9}){4,25}[.!?]", fullmatch=True),
)
_TEXT = st.one_of(st.text(max_size=400), st.lists(_LINES, max_size=25).map("\n".join))
_FRONT = st.fixed_dictionaries(
    {}, optional={"title": st.text(max_size=40), "outlet": st.text(max_size=20), "author": st.text(max_size=20),
                  "date": st.sampled_from(["2023-05-12", "May 12, 2023", "not a date"])}
)


@st.composite
def article_file(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".txt", ".md"]))
    kind = draw(st.sampled_from(["text", "front matter", "bytes"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=400))
    text = draw(_TEXT)
    if kind == "front matter":
        text = f"---\n{yaml.safe_dump(draw(_FRONT), allow_unicode=True)}---\n{text}"
    return suffix, text.encode(draw(st.sampled_from(["utf-8", "utf-16"])), errors="surrogatepass")


def _with_files(files: list[tuple[str, bytes]]):
    """A temporary copy of the seeds with the files added as articles/fuzz-<n><suffix>."""
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(SEEDS, tmp / "seeds")
    names = []
    for number, (suffix, data) in enumerate(files):
        name = f"fuzz-{number}{suffix}"
        (tmp / "seeds/articles" / name).write_bytes(data)
        names.append(name)
    return tmp, names


@FAST
@given(st.lists(article_file(), min_size=1, max_size=3))
def test_any_files_build_without_a_traceback_and_every_file_is_accounted_for(files):
    tmp, names = _with_files(files)
    try:
        paths = pipeline.Paths(tmp / "seeds", tmp / "content", tmp / "site", ROOT / "mkdocs.yml")
        try:
            archive = pipeline.check(paths)
        except InputErrors as err:  # a contributor's mistake, reported by file and line
            assert err.problems and all(p.path in names for p in err.problems)
            return
        report = render.build_report(archive)
        reported = {f["file"] for f in report["files"]}
        assert set(names) <= reported
        assert all(f["fate"] != "skipped" or "internal error" not in f["reason"] for f in report["files"])
        assert len([e for e in archive.entries if e.article.source.startswith("0")]) == 5
    finally:
        shutil.rmtree(tmp)


@FAST
@given(st.lists(article_file(), min_size=1, max_size=3))
def test_every_line_is_kept_or_removed_with_a_reason(files):
    tmp, names = _with_files(files)
    try:
        folder = tmp / "seeds/articles"
        sources = [s for s in (ingest.read(folder / n, folder) for n in names) if isinstance(s, Source)]
        survey = chrome.survey(sources)
        for source in sources:
            article = clean.clean(source, survey)
            kept = set(article.paragraphs) | {r.text for r in article.removed}
            for block in source.blocks:
                text = clean.normalise_space(block.text)
                assert text in kept or clean.unpiped(text) in kept, f"{source.path}:{block.line} lost: {text!r}"
            assert all(r.reason for r in article.removed)
    finally:
        shutil.rmtree(tmp)


def _fail_on(prefix: str, monkeypatch) -> None:
    """Make the cleaner fail, as a bug would, on the seed whose name starts so."""
    original = clean.clean

    def failing(source, survey=chrome.EMPTY):
        if source.path.startswith(prefix):
            raise ValueError("boom")
        return original(source, survey)

    monkeypatch.setattr(clean, "clean", failing)


def test_a_bug_inside_one_article_is_one_line_naming_it_and_the_build_goes_on(seeds_copy, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main

    _fail_on("001", monkeypatch)
    result = CliRunner().invoke(main, ["check", "--seeds", str(seeds_copy), "--cache", ""])  # not the cleaned 001 of an earlier run
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "001_8bea9556a8aa52f0.txt: skipped: internal error (ValueError: boom): this is a bug, please report it" in result.output
    assert "OK: 4 article(s), 1 skipped." in result.output
    debug = CliRunner().invoke(main, ["check", "--seeds", str(seeds_copy), "--debug", "--cache", ""])
    assert isinstance(debug.exception, ValueError)


def _files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_bug_outside_any_article_stops_cleanly_and_leaves_content_and_site_as_they_were(seeds_copy, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main
    from generator.dedup import fold

    out = ["--seeds", str(seeds_copy), "--content", str(tmp_path / "content"), "--site", str(tmp_path / "site"),
           "--config", str(ROOT / "mkdocs.yml")]
    assert CliRunner().invoke(main, ["build", *out]).exit_code == 0
    before = _files(tmp_path / "content") | _files(tmp_path / "site")
    (seeds_copy / "articles/new.txt").write_text("A new article that would change the pages. It has two sentences.\n")

    def broken(*articles):
        raise KeyError("lost")

    monkeypatch.setattr(fold, "deduplicate", broken)
    result = CliRunner().invoke(main, ["build", *out])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "internal error (KeyError: 'lost'): this is a bug, please report it" in result.output
    assert _files(tmp_path / "content") | _files(tmp_path / "site") == before
    assert isinstance(CliRunner().invoke(main, ["build", *out, "--debug"]).exception, KeyError)


def test_a_site_that_fails_to_build_leaves_the_previous_site_whole(built, tmp_path):
    from generator.errors import GeneratorError
    from generator.site import builder

    content = tmp_path / "content"  # the seeds' pages and one with a broken link: --strict stops the build
    shutil.copytree(built.paths.content, content)
    (content / "broken.md").write_text("# Broken\n\n[gone](missing.md)\n", encoding="utf-8")
    target = tmp_path / "out" / "site"
    shutil.copytree(built.paths.site, target)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    try:
        builder.build(ROOT / "mkdocs.yml", content, target, None)
    except GeneratorError as err:
        assert "the site did not build: Aborted with 1 warnings in strict mode!" in str(err)
    else:
        raise AssertionError("the failed build was not reported")
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["site"], "the staging folder is gone"
