"""Atom feeds: the newest articles, and each claim's sources; absolute links from the site's URL.

Dates come from the articles, never from the clock: an entry is updated on its article's date, an
undated article on the feed's date (the newest article's), and a feed on its newest entry's.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.claims.verdicts import Summary, carried
from generator.model import UNKNOWN, Entry

ENTRIES = 50  # the site feed holds the newest articles only


@dataclass(frozen=True)
class Item:
    title: str
    link: str  # absolute
    date: str | None  # yyyy-mm-dd
    author: str
    summary: str  # clipped by the template
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    title: str
    self_link: str  # absolute URL of the feed
    page_link: str  # absolute URL of the page it follows
    updated: str  # yyyy-mm-dd
    items: tuple[Item, ...]


def _author(entry: Entry, site_name: str) -> str:
    meta = entry.article.meta
    return next((name for name in (meta.outlet, meta.author) if name != UNKNOWN), site_name)


def _updated(dates, fallback: str) -> str:
    return max((d for d in dates if d), default=fallback)


def articles(entries: list[Entry], site_name: str, site_url: str, newest: str) -> Feed:
    """The newest articles, dated ones first (newest first), then undated ones."""
    ranked = _newest_first(entries, lambda e: e.article.meta.date, lambda e: e.slug)
    items = tuple(
        Item(
            title=e.article.meta.title,
            link=f"{site_url}articles/{e.slug}/",
            date=e.article.meta.date,
            author=_author(e, site_name),
            summary=e.article.paragraphs[0],
            tags=e.article.meta.tags,
        )
        for e in ranked[:ENTRIES]
    )
    return Feed(site_name, f"{site_url}feed.xml", site_url, _updated((i.date for i in items), newest), items)


def claim(summary: Summary, by_slug: dict[str, Entry], site_url: str, newest: str) -> Feed:
    """A claim's sources, each with its stance and best quote, linked to the quoted paragraph."""
    items = []
    for row in summary.rows:
        position, best = row.position, row.quotes[0] if row.quotes else None
        paragraph = f"#p-{best.paragraph}" if best else ""
        items.append(Item(
            title=f"{position.outlet}: {position.stance}, {carried(position)} — {by_slug[position.article].article.meta.title}",
            link=f"{site_url}articles/{position.article}/{paragraph}",
            date=position.date,
            author=position.outlet if position.outlet != UNKNOWN else ", ".join(position.claimants) or UNKNOWN,
            summary=best.quote if best else "",
        ))
    items = _newest_first(items, lambda i: i.date, lambda i: i.link)
    page = f"{site_url}claims/{summary.claim.id}/"
    return Feed(summary.claim.statement, f"{site_url}claims/{summary.claim.id}.xml", page,
                _updated((i.date for i in items), newest), tuple(items[:ENTRIES]))


def _newest_first(things: list, date, tie) -> list:
    """Dated things newest first, then undated ones; ties broken by ``tie``."""
    dated = sorted((t for t in things if date(t)), key=lambda t: (date(t), tie(t)), reverse=True)
    return dated + sorted((t for t in things if not date(t)), key=tie)
