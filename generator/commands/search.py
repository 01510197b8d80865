"""Search the archive from the terminal: a lunr index over the articles' text and the tracked claims."""

from __future__ import annotations

from dataclasses import dataclass

from lunr import lunr
from lunr.exceptions import BaseLunrException

from generator.errors import GeneratorError
from generator.model import Archive
from generator.site.render import page_url


@dataclass(frozen=True)
class Hit:
    """One search result: a page of the site and what identifies it."""

    title: str
    outlet: str  # "tracked claim" for a claim page
    date: str | None  # an article's date; a claim's first report
    path: str  # the page's path in the site, e.g. articles/<slug>/
    score: float

    def __str__(self) -> str:
        return f"{self.title}\n   {self.outlet} · {self.date or 'undated'} · {self.path}"


def _documents(archive: Archive) -> dict[str, dict]:
    """Every article and claim page as a lunr document keyed by its page path."""
    documents = {}
    for entry in archive.entries:
        meta = entry.article.meta
        documents[page_url(entry)] = {"title": meta.title, "body": "\n".join(entry.article.paragraphs),
                                      "outlet": meta.outlet, "date": meta.date}
    for claim in archive.claims:
        dates = [p.date for p in archive.positions if p.claim == claim.id and p.date]
        documents[f"claims/{claim.id}/"] = {"title": claim.statement, "body": "\n".join((*claim.aliases, claim.notes)),
                                            "outlet": "tracked claim", "date": min(dates, default=None)}
    return documents


def search(archive: Archive, query: str, limit: int = 10) -> list[Hit]:
    """The best pages for the query, best first (lunr query syntax: +must, -must-not, word~1, title:word)."""
    documents = _documents(archive)
    index = lunr(ref="path", fields=[{"field_name": "title", "boost": 3}, "body"],
                 documents=[{"path": path, **doc} for path, doc in documents.items()])
    try:
        found = index.search(query)
    except BaseLunrException as err:
        raise GeneratorError(f"cannot search for {query!r}: {err}") from None
    return [Hit(documents[r["ref"]]["title"], documents[r["ref"]]["outlet"], documents[r["ref"]]["date"],
                r["ref"], r["score"]) for r in found[:limit]]
