"""Render pages and data files from templates: a pure function from the archive to {path: text}.

Every value that comes from an article is escaped on output (HTML and Markdown punctuation become
character references), so article text can neither run script nor restyle the page.
"""

from __future__ import annotations

import html
import json
from collections import Counter

import jinja2
from markupsafe import Markup

from generator.model import UNKNOWN, Archive, Article, Entry

_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\\`*_{}[]#|~=^$"}


def escape(value: object) -> str:
    """Text safe in Markdown and in HTML elements (attribute values go through ``href``)."""
    if isinstance(value, Markup):
        return value
    return "" if value is None else str(value).translate(_ESCAPES)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        finalize=escape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["href"] = lambda url: Markup(html.escape(url, quote=True))
    env.filters["yaml_str"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    env.filters["html_title"] = lambda value: str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return env


ENV = _environment()


def page_path(entry: Entry) -> str:
    return f"articles/{entry.slug}.md"


def page_url(entry: Entry) -> str:
    return f"articles/{entry.slug}/"


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def render(archive: Archive) -> dict[str, str]:
    """Every generated file under content/, keyed by its path there."""
    entries = sorted(archive.entries, key=lambda e: (e.article.meta.date or "", e.slug), reverse=True)
    files = {page_path(e): ENV.get_template("article.md.j2").render(entry=e, article=e.article) for e in entries}
    counts = {
        "files": len(archive.entries) + sum(len(e.duplicates) for e in entries) + len(archive.skipped),
        "articles": len(entries),
        "duplicates": sum(len(e.duplicates) for e in entries),
        "skipped": len(archive.skipped),
        "outlets": len({e.article.meta.outlet for e in entries} - {UNKNOWN}),
    }
    files["index.md"] = ENV.get_template("home.md.j2").render(entries=entries, counts=counts)
    files["articles/index.md"] = ENV.get_template("articles.md.j2").render(
        by_date=_by_date(entries), counts=counts
    )
    files["contributing.md"] = ENV.get_template("contributing.md.j2").render()
    files["api/articles.json"] = _dump([_article_record(e) for e in entries])
    files["api/build-report.json"] = _dump(build_report(archive))
    return files


def _by_date(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.article.meta.date or "Undated", []).append(entry)
    return list(groups.items())


def _article_record(entry: Entry) -> dict:
    meta = entry.article.meta
    return {
        "id": entry.slug,
        "title": meta.title,
        "outlet": meta.outlet,
        "author": meta.author,
        "date": meta.date,
        "url": meta.url,
        "tags": list(meta.tags),
        "page": page_url(entry),
        "source_files": [entry.article.source] + [d.article.source for d in entry.duplicates],
        "duplicates": [
            {"file": d.article.source, "outlet": d.article.meta.outlet, "url": d.article.meta.url,
             "title": d.article.meta.title, "kind": d.kind, "similarity": d.similarity}
            for d in entry.duplicates
        ],
    }


def _cleaning(article: Article) -> dict:
    return {
        "encoding": article.encoding,
        "repairs": list(article.repairs),
        "inferred": list(article.meta.inferred),
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed],
    }


def build_report(archive: Archive) -> dict:
    """Every input file and its fate: an article page, a duplicate folded into one, or skipped."""
    files = []
    for entry in archive.entries:
        files.append({"file": entry.article.source, "fate": "article", "page": page_url(entry), **_cleaning(entry.article)})
        for dup in entry.duplicates:
            files.append({
                "file": dup.article.source, "fate": "duplicate", "canonical": entry.article.source,
                "page": page_url(entry), "kind": dup.kind, "similarity": dup.similarity, **_cleaning(dup.article),
            })
    for skipped in archive.skipped:
        files.append({"file": skipped.path, "fate": "skipped", "reason": skipped.reason})
    fates = Counter(f["fate"] for f in files)
    return {"files": sorted(files, key=lambda f: f["file"]), "summary": dict(sorted(fates.items()))}
