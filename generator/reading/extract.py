"""Article text and metadata from a web page, saved or fetched, with trafilatura (htmldate for dates)."""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin

import htmldate
import trafilatura

from generator.model import Skipped
from generator.reading import clean, dates, ingest

USER_AGENT = "news-claim-tracker/0.1 (python -m generator add; one page per request)"
TIMEOUT = 20  # seconds, for connecting and for each read
MAX_BYTES = 20_000_000
MIN_WORDS = 10  # an article has at least one paragraph this long; menus and forms do not
HTML_TYPES = ("text/html", "application/xhtml+xml")
_TAG = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|main|div|p|h1|title)\b", re.I)



@dataclass(frozen=True)
class Extracted:
    """An article's body paragraphs and what is known of it, ready to be written as a seed file."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None  # yyyy-mm-dd
    url: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None


def fetch(url: str) -> tuple[bytes, str] | Skipped:
    """(the page's bytes, its final URL after redirects), or why it could not be fetched."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(HTML_TYPES)})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            kind = response.headers.get_content_type() if response.headers.get("Content-Type") else None
            if kind and kind not in HTML_TYPES:  # without a type, page() looks for HTML tags
                return Skipped(url, f"not HTML: the server sent '{kind}'")
            data = response.read(MAX_BYTES + 1)
            final = response.geturl()
    except urllib.error.HTTPError as err:
        return Skipped(url, f"HTTP status {err.code} ({err.reason})")
    except urllib.error.URLError as err:
        return Skipped(url, f"network error: {getattr(err.reason, 'strerror', None) or err.reason}")
    except (TimeoutError, OSError, http.client.HTTPException) as err:
        return Skipped(url, f"network error: {str(err) or type(err).__name__}")
    except ValueError as err:
        return Skipped(url, f"not a valid link ({err})")
    if len(data) > MAX_BYTES:
        return Skipped(url, f"page larger than {MAX_BYTES // 1_000_000} MB")
    return data, final


def page(data: bytes, name: str, url: str | None = None) -> Extracted | Skipped:
    """A page's HTML -> its article: body paragraphs, title, author, date, outlet and canonical URL."""
    text, encoding = ingest.decode(data)
    if not _TAG.search(text[:200_000]):
        return Skipped(name, "not HTML: no HTML tags in it")
    if encoding.startswith("utf-16"):
        data = text.encode("utf-8")  # trafilatura guesses 8-bit encodings from the bytes and the meta tags
    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    paragraphs = [_text(line) for line in (document.text or "").split("\n")] if document else []
    paragraphs = [p for p in paragraphs if p]
    if not any(len(p.split()) >= MIN_WORDS for p in paragraphs):
        return Skipped(name, "no article text found in the page (only menus, forms or short lines)")
    title = _text(document.title)
    if title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:] or paragraphs  # the headline is the title, not the body
    date = dates.parse(document.date) or htmldate.find_date(data, extensive_search=True, original_date=True, url=url)
    return Extracted(
        paragraphs=tuple(paragraphs),
        title=title,
        outlet=_text(document.sitename),
        author=_text(document.author),
        date=dates.parse(date),
        url=_canonical(document.url, url),
    )


def _text(value: str | None) -> str | None:
    """Text as ingest will read it back: mojibake repaired, spaces normalised; None when empty."""
    return (clean.normalise_space(ingest.repair(value)[0]) or None) if value else None


def _canonical(found: str | None, fetched: str | None) -> str | None:
    """The page's canonical URL (relative ones resolved), else the fetched one; only http(s)."""
    url = urljoin(fetched or "", found) if found else fetched
    return url if url and re.match(r"https?://[^\s/]", url) else None
