"""Stable page names: date and title, ASCII, short; a clash is settled by the source path."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from generator.model import Entry

MAX_WORDS = 10


def slugify(text: str, max_words: int = MAX_WORDS) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:max_words]) or "untitled"


def article_slug(title: str, date: str | None) -> str:
    return f"{date or 'undated'}-{slugify(title)}"


def assign(entries: list[Entry]) -> list[Entry]:
    """Give each canonical article its slug; later sources (by path) with the same one get a suffix."""
    taken: set[str] = set()
    named = []
    for entry in sorted(entries, key=lambda e: e.article.source):
        article = entry.article
        slug = article_slug(article.meta.title, article.meta.date)
        if slug in taken:
            slug = f"{slug}-{hashlib.sha1(article.source.encode()).hexdigest()[:6]}"
        taken.add(slug)
        named.append(replace(entry, article=replace(article, slug=slug)))
    return named


def unique(names: list[str], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """A distinct slug per name (outlets, claimants, tags), none of them reserved; a clash gets a suffix from the name's hash."""
    slugs: dict[str, str] = {}
    taken = set(reserved)
    for name in sorted(set(names)):
        slug, digest, length = slugify(name), hashlib.sha1(name.encode()).hexdigest(), 6
        while slug in taken:
            slug, length = f"{slugify(name)}-{digest[:length]}", length + 1
        taken.add(slug)
        slugs[name] = slug
    return slugs
