"""`add`: articles from files and links -> seed files in seeds/articles/, and what the archive makes of them.

Text files go through ingest and clean; web pages (saved or fetched) through `extract`. Each article
is written as Markdown with YAML front matter, its text escaped so that ingest reads back exactly
the paragraphs written. Then the archive is checked to say which article each one copies and which
tracked claims it bears on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from generator import pipeline
from generator.dedup import slugs
from generator.errors import InputErrors
from generator.model import UNKNOWN, Archive, Claim, Skipped, Source
from generator.reading import clean, dates, extract, ingest
from generator.reading.extract import Extracted
from generator.site import render

TEXT_SUFFIXES = ingest.ARTICLE_SUFFIXES
HTML_SUFFIXES = (".html", ".htm")
MAX_STEM = 100  # characters: file systems allow 255 bytes a name
_INLINE = re.compile(r"[\\`*_\[\]<]|&(?=#?\w+;)")  # emphasis, code, links, HTML, entities
_LINE_START = re.compile(r"^(?:\d{1,9}[.)]|[#>+\-~])")  # headings, quotes, lists, fences


@dataclass(frozen=True)
class Report:
    """One article written, and what the archive makes of it."""

    input: str
    path: Path  # the file written
    copy_of: str | None = None  # the article it is folded into, with how
    copies: tuple[str, ...] = ()  # articles already there that are folded into it
    claims: tuple[tuple[Claim, str], ...] = ()  # (claim, stance) for each tracked claim it bears on
    note: str | None = None  # the build skips it, or the archive could not be checked


def add(inputs: list[str], seeds: Path) -> list[Report | Skipped]:
    """Read every input, write each article found into seeds/articles/, then check the archive."""
    folder = seeds / "articles"
    outcomes: list[tuple[str, Path] | Skipped] = [_add_one(item, folder) for item in inputs]
    written = [o for o in outcomes if not isinstance(o, Skipped)]
    archive, problem = _check(seeds) if written else (None, None)
    return [o if isinstance(o, Skipped) else _report(*o, folder, archive, problem) for o in outcomes]


def _add_one(item: str, folder: Path) -> tuple[str, Path] | Skipped:
    found = read(item)
    if isinstance(found, Skipped):
        return Skipped(item, found.reason)
    try:
        return item, write(found, _provenance(item), folder)
    except OSError as err:
        return Skipped(item, f"cannot write into {folder} ({err.strerror or err})")


def read(item: str) -> Extracted | Skipped:
    """A path or an http(s) link -> the article in it, or why there is none."""
    if re.match(r"https?://", item, re.I):
        fetched = extract.fetch(item)
        return fetched if isinstance(fetched, Skipped) else extract.page(fetched[0], item, fetched[1])
    if re.match(r"[a-z][a-z0-9+.-]*://", item, re.I):
        return Skipped(item, "unsupported link: only http:// and https:// pages can be added")
    path = Path(item)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        kinds = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES)
        return Skipped(item, f"unsupported file type '{path.suffix}': add {kinds} files or http(s) links")
    if not path.is_file():
        return Skipped(item, "file not found")
    if suffix in HTML_SUFFIXES:
        try:
            return extract.page(path.read_bytes(), item)
        except OSError as err:
            return Skipped(item, f"cannot read the file ({err.strerror})")
    return _text_file(path)


def _text_file(path: Path) -> Extracted | Skipped:
    """A .txt or .md file read and cleaned as the build does."""
    source = ingest.read(path, path.parent)
    if isinstance(source, list):
        return Skipped(str(path), "; ".join(f"line {p.line}: {p.message}" if p.line else p.message for p in source))
    if not isinstance(source, Source):
        return source
    article = clean.clean(source)
    if not article.paragraphs:
        return Skipped(str(path), "nothing left after cleaning: every line was boilerplate")
    meta = article.meta
    return Extracted(
        paragraphs=article.paragraphs,
        title=meta.title,
        outlet=None if meta.outlet == UNKNOWN else meta.outlet,
        author=None if meta.author == UNKNOWN else meta.author,
        date=meta.date,
        url=meta.url,
        tags=meta.tags,
        language=None if meta.language == "en" else meta.language,
    )


def _provenance(item: str) -> str:
    """What `added` records: the link, or the file's name (not where it sat on someone's disk)."""
    return item if re.match(r"https?://", item, re.I) else Path(item).name


def markdown_text(paragraph: str) -> str:
    """One paragraph as Markdown that reads back as exactly this text: markup characters escaped."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), paragraph)
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text, count=1)


def seed_file(article: Extracted, added: str) -> str:
    """The text of a seed file: YAML front matter (safe_dump), then the escaped paragraphs."""
    date = dates.parse(article.date)
    fields = {
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": dt.date.fromisoformat(date) if date else None,
        "url": article.url,
        "tags": list(article.tags) or None,
        "language": article.language,
        "added": added,
    }
    front_matter = yaml.safe_dump(
        {key: value for key, value in fields.items() if value}, sort_keys=False, allow_unicode=True, width=10_000
    )
    paragraphs = [Markup(markdown_text(p)) for p in article.paragraphs]
    template = render.ENV.get_template("seed-article.md.j2")
    return template.render(front_matter=Markup(front_matter.rstrip("\n")), paragraphs=paragraphs)


def write(article: Extracted, added: str, folder: Path) -> Path:
    """Write the article as `<date>-<slug>.md` in ``folder``; an existing name gets -2, -3, …"""
    folder.mkdir(parents=True, exist_ok=True)
    stem = slugs.article_slug(article.title or article.paragraphs[0], dates.parse(article.date))[:MAX_STEM].rstrip("-")
    text = seed_file(article, added)
    number = 1
    while True:
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(text)
            return path
        except FileExistsError:
            number += 1


def _check(seeds: Path) -> tuple[Archive | None, str | None]:
    paths = pipeline.Paths(seeds, Path("content"), Path("site"), Path("mkdocs.yml"))
    try:
        return pipeline.check(paths), None
    except InputErrors as err:
        return None, f"the archive could not be checked ({len(err.problems)} problem(s): run `python -m generator check`)"


def _report(item: str, path: Path, folder: Path, archive: Archive | None, problem: str | None) -> Report:
    """Find the written file in the checked archive: its entry, the copies, the claims."""
    if archive is None:
        return Report(item, path, note=problem)
    name = path.relative_to(folder).as_posix()
    skipped = [s.reason for s in archive.skipped if s.path == name]
    if skipped:
        return Report(item, path, note=f"the build skips it: {skipped[0]}")
    for entry in archive.entries:
        folded = [d for d in entry.duplicates if d.article.source == name]
        if entry.article.source != name and not folded:
            continue
        claims = {c.id: c for c in archive.claims}
        bearing = tuple((claims[p.claim], p.stance) for p in archive.positions if p.article == entry.slug)
        if folded:
            how = f"{folded[0].kind} copy, {folded[0].similarity:.0%} similar"
            return Report(item, path, copy_of=f"{entry.article.source} ({how})", claims=bearing)
        copies = tuple(f"{d.article.source} ({d.kind} copy, {d.similarity:.0%} similar)" for d in entry.duplicates)
        return Report(item, path, copies=copies, claims=bearing)
    return Report(item, path, note="the build does not list it (please report this as a bug)")


def describe(outcome: Report | Skipped) -> list[str]:
    """What `add` prints for one input: a failure in one line, or where it went and what it bears on."""
    if isinstance(outcome, Skipped):
        return [f"{outcome.path}: {outcome.reason}"]
    lines = [f"{outcome.input}: written to {outcome.path}"]
    if outcome.note:
        return lines + [f"  {outcome.note}"]
    if outcome.copy_of:
        lines.append(f"  duplicate of {outcome.copy_of}: the build folds it into that article")
    for copy in outcome.copies:
        lines.append(f"  duplicate: {copy} is the same article, folded into this one")
    if not outcome.copy_of and not outcome.copies:
        lines.append("  not a duplicate of any article in the archive")
    if not outcome.claims:
        lines.append("  bears on no tracked claim")
    else:
        lines.append(f"  bears on {len(outcome.claims)} tracked claim(s):")
        lines += [f"    {claim.id} ({stance}): {claim.statement}" for claim, stance in outcome.claims]
    return lines
