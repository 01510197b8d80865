"""Article metadata: front matter wins; otherwise inferred from the opening lines and credits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import islice

from generator.model import UNKNOWN, Block, DayMonth, Metadata
from generator.reading import chrome, credits, dates
from generator.reading.sentences import sentences

_LEADING_DATE = re.compile(r"^\s*(?:date\s*[:|]?\s*)?(\d{4}-\d{2}-\d{2})\s*[:|–—-]?\s+", re.I)
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|" \
         r"Nov(?:ember)?|Dec(?:ember)?)\b"  # a date after the name is no part of it ("By J.O. Haselhoef Apr 12, 2022")
_NAME = rf"[A-Z][\w'’.-]+(?:\s+(?:(?!{_MONTH})[A-Z][\w'’.-]+|de|van|von|der|al|bin|of(?=\s+[A-Z])))*"
_SITE = r"(?![\w-]+\.[a-z]{2,}\b)"  # nor is the site after a comma ("By Bob Yirka , Phys.org")
BYLINE = re.compile(rf"^[Bb]y:?\s+(?P<author>{_NAME}(?:\s*(?:,|and|&)\s*{_SITE}{_NAME})*)\s*[,|]?\s*(?P<rest>.*)$")
_OUTLET_CREDITS = [
    re.compile(r"\bWith reporting by (?P<outlet>[A-Z][\w/&.-]*(?: [A-Z][\w/&.-]*){0,3})['’]s\b"),
    # a short credit line ("Read more exclusive news from Political IQ."), not "… reporting from Kyiv when …"
    re.compile(r"^(?=(?:\S+\s+){0,11}\S+\s*$)(?:.*\s)?(?:news|stories|coverage|reporting|updates) from "
               r"(?P<outlet>[A-Z][\w/&.-]*(?: [A-Z][\w/&.-]*){0,3})\W*$"),
]
_SEPARATORS = re.compile(r"\s[|•/]\s")  # between the labels of a metadata line
# A paragraph opening with its dateline: a place in capitals or nothing, the date, then a dash, bracket or colon.
_DATELINE_OPENING = re.compile(r"\s*(?:[A-Z][A-Z .'-]*,?\s*)?")
_DATELINE_CLOSE = re.compile(r"\s*(?:\(|[-–—:|]|\d)")
OPENING = 8  # metadata lines are looked for among the first blocks only
MAX_OPENING = 120  # ... or, on a whole page, before its first paragraph of prose
HEADLINE_REACH = 8  # ... and the blocks after the headline, where the page prints it again further down


def headline_like(text: str) -> bool:
    """Short, with no full stop at the end: how headlines and cross-heads look."""
    words = text.split()
    return 3 <= len(words) <= 25 and not text.rstrip().endswith((".", ",", ";", ":")) and any(c.islower() for c in text)


def infer(blocks: list[Block], front_matter: dict) -> tuple[Metadata, dict[int, str]]:
    """(metadata, {block index: why it is metadata, not body}) for one article."""
    consumed: dict[int, str] = {}
    inferred = []
    fm_date = dates.parse(front_matter.get("date"))
    lines = range(_opening(blocks))
    dateline_date = _dateline(blocks, consumed, lines)

    title_date, title = _title(blocks, consumed, len(lines))
    later = _after_headline(consumed, len(lines), len(blocks))
    if front_matter.get("title"):
        if title.casefold() != str(front_matter["title"]).strip().casefold():
            consumed = {i: why for i, why in consumed.items() if why != "title"}  # another headline: body
        title = str(front_matter["title"]).strip()
    else:
        inferred.append("title")

    date = fm_date or title_date or dateline_date
    if not fm_date:
        date = date or _first_date(blocks, [*lines, *later])
        if date:
            inferred.append("date")

    author = str(front_matter.get("author") or "").strip() or _byline(blocks, consumed, [*lines, *later])
    if author and not front_matter.get("author"):
        inferred.append("author")

    outlet = str(front_matter.get("outlet") or "").strip() or _outlet(blocks)
    if outlet and not front_matter.get("outlet"):
        inferred.append("outlet")

    tags = front_matter.get("tags") or ()
    if isinstance(tags, str):
        tags = [t for t in (t.strip() for t in tags.split(",")) if t]
    meta = Metadata(
        title=title,
        outlet=outlet or UNKNOWN,
        author=author or UNKNOWN,
        date=date,
        url=(front_matter.get("url") or None),
        tags=tuple(sorted(set(tags))),
        language=str(front_matter.get("language") or "en"),
        inferred=tuple(inferred),
    )
    return meta, consumed


def with_undated_days(meta: Metadata, paragraphs: list[str]) -> Metadata:
    """An undated article's metadata with the days its title and body name without a year
    ("on Friday (May 12)"), for the stories stage to give a year (stories.dating); a dated
    article's metadata as it is. Only the cleaned text counts: a menu or teaser's "May 3" is gone."""
    if meta.date:
        return meta
    found = tuple(DayMonth(month, day, weekday, text)
                  for block in [meta.title, *paragraphs] for month, day, weekday, text in dates.days(block))
    return replace(meta, undated_days=found) if found else meta


def _title(blocks: list[Block], consumed: dict[int, str], opening: int) -> tuple[str | None, str]:
    """(date glued before the title, title).

    An opening headline or heading becomes the title and leaves the body; when the text opens with
    a lede instead, a cross-head just after it names the article (and stays in the body), else the
    lede's first sentence does.
    """
    texts = list(islice(((i, b) for i, b in enumerate(blocks) if any(c.isalnum() for c in b.text)
                         and (b.heading or not _byline_line(b.text))), 3))  # "By: Press Trust of India | …" names none
    for position, (index, block) in enumerate(texts):
        match = _LEADING_DATE.match(block.text)
        text = (block.text[match.end():] if match else block.text).strip()
        if position == 0 and (block.heading or headline_like(text)):
            consumed[index] = "title"
            return (match.group(1) if match else None), _page_headline(text, blocks, consumed, opening)
        if position > 0 and (block.heading or headline_like(text)):
            return None, text
    return None, _shorten(texts[0][1].text) if texts else "Untitled"


def _page_headline(title: str, blocks: list[Block], consumed: dict[int, str], opening: int) -> str:
    """A page title "Headline | Site" whose headline is printed again below (above the article,
    which on a whole pasted page may come after a long menu): the headline alone, and its
    repetition is no body text."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    for cut in range(len(parts) - 1, 0, -1):
        headline = " - ".join(parts[:cut])
        # past the opening lines, one word ("Ukraine | Live updates" and a tag line "Ukraine") is no headline
        for index, block in enumerate(blocks if len(headline.split()) > 1 else blocks[:opening]):
            if index not in consumed and block.text.strip() == headline:
                consumed[index] = "title (the page's headline)"
                return headline
    return title


def _opening(blocks: list[Block]) -> int:
    """How many blocks may hold metadata: the first OPENING, or all before the first paragraph
    of prose on a whole pasted page (menus come first there)."""
    prose = (i for i, b in enumerate(blocks) if len(b.text.split()) >= 25 and not chrome.link_like(b.text))
    first_prose = next(prose, len(blocks))
    return min(max(OPENING, first_prose), MAX_OPENING, len(blocks))


def _shorten(text: str) -> str:
    """A title from a lede: its first sentence, cut at a late comma or after 14 words."""
    sentence = (sentences(text) or [text.strip()])[0].rstrip(".")  # not cut at "Two U.S. soldiers"
    words = sentence.split()
    if len(words) <= 14:
        return sentence
    head = sentence[: sentence.rfind(",")] if "," in sentence else ""
    if 6 <= len(head.split()) <= 20:
        return head
    return " ".join(words[:14]) + "…"


def _after_headline(consumed: dict[int, str], opening: int, count: int) -> range:
    """The HEADLINE_REACH blocks after the headline when the page prints it again past its opening
    lines (a whole page: menus and teasers first), where its byline and date are. Their date is
    read, not taken out of the text: the chrome pass reads a time stamp with its neighbours."""
    again = next((i for i, why in consumed.items() if why == "title (the page's headline)"), None)
    return range(0) if again is None else range(max(opening, again + 1), min(count, again + 1 + HEADLINE_REACH))


def _dateline(blocks: list[Block], consumed: dict[int, str], lines: Iterable[int]) -> str | None:
    found = None
    for index in lines:
        date = dates.dateline(blocks[index].text)
        if date:
            consumed[index] = "dateline (metadata)"
            found = found or date
    return found


def _first_date(blocks: list[Block], lines: Iterable[int]) -> str | None:
    """The first date of a metadata line ("Posted on May 12, 2023 by admin") or opening a paragraph
    ("KYIV, May 12, 2023 (Reuters) -"); not one a sentence tells of ("born on February 6, 1962",
    "the anniversary of the Sept. 11, 2001, attacks", "to be released on March 25, 2016")."""
    for index in lines:
        text = blocks[index].text
        for start, end, found in dates.find(text):
            if not _prose(text) or _DATELINE_OPENING.fullmatch(text[:start]) and _DATELINE_CLOSE.match(text, end):
                return found
    return None


def _prose(text: str) -> bool:
    """A paragraph of sentences, whose dates are what it tells of; not a line of labels and
    separators ("By Cat Lafuente / June 12, 2020 9:49 am EST / Updated: …")."""
    return chrome.sentence_like(text) and not _SEPARATORS.search(text)


def _byline(blocks: list[Block], consumed: dict[int, str], lines: Iterable[int]) -> str | None:
    """"By Name", "by: Name", or "By" alone on its line with the name on the next (a whole page)."""
    for index in lines:
        text = blocks[index].text
        split = text.strip(" :").casefold() == "by" and index + 1 < len(blocks)
        if split:
            text = f"By {blocks[index + 1].text}"
        match = _byline_line(text)
        if match and not (split and match.group("rest").strip()):
            consumed[index] = "byline (metadata)"
            if split:
                consumed[index + 1] = "byline (metadata)"
            author = re.sub(r"(?<=\w\w)(?<!\bJr)(?<!\bSr)\.$", "", match.group("author"))  # "By Tatyana Turner."
            for other, earlier in enumerate(blocks[:OPENING]):
                if earlier.text.strip() == author:
                    consumed[other] = "byline (metadata)"
            return author
    return None


def _byline_line(text: str) -> re.Match | None:
    """The BYLINE match of a line that is a byline: short ("By X | City | Posted: …" may run longer),
    and not a sentence going on after the name."""
    match = BYLINE.match(text)
    if match and (len(text.split()) <= 12 or text[: match.start("rest")].rstrip().endswith("|")) \
            and not match.group("rest").strip(" .")[:1].islower():
        return match
    return None


def _outlet(blocks: list[Block]) -> str | None:
    """The outlet the last credit names: "With reporting by …", "… from Reuters", a copyright line."""
    for block in reversed(blocks):
        for pattern in _OUTLET_CREDITS:
            match = pattern.search(block.text)
            if match:
                return re.split(r"(?<=\w\w)\.\s", match.group("outlet"))[0].rstrip(".")  # "BBC. The BBC is…"
        found = credits.owner(block.text)
        if found:
            return found
    return None
