"""Clean a source into an article: keep every sentence of the story, record what was removed and why.

Rules look at the shape of a line (a credit after "Picture:", a call to action, a read-more link,
a Title Case teaser after the story ended), not at the strings of particular outlets.
"""

from __future__ import annotations

import re
import unicodedata

from generator.model import Article, Block, Removal, Source
from generator.reading import chrome, metadata

_CREDIT = re.compile(
    r"(?:^|[.;|]\s*|\s)\(?(?:picture|photo(?:graph)?|image|credit|video|source|illustration)s?"
    r"(?:\s+credit)?\s*:\s*(?P<credit>[^.]{1,60})\)?\.?$",
    re.I,
)
_PICTURED = re.compile(r"\b(?:pictured|\(pictured\)|in this photo|is seen in)\b", re.I)
_RELATED = re.compile(r"^(?:read more|read also|also read|more from|related(?: articles?| stories)?|see also|watch)\b\s*[:|\-–—]?", re.I)
_PROMO_HEAD = re.compile(r"^(?:live (?:briefing|blog|updates?)|newsletter|sign up|subscribe|podcast|advertisement)\b", re.I)
_CALL_TO_ACTION = re.compile(
    r"\b(?:click here|sign up|subscribe (?:to|now|for)|in your (?:e-?mail|inbox)|don['’]t miss out|"
    r"follow us on|download (?:our|the) app|newsletter)\b",
    re.I,
)
_STRAY_PIPE = re.compile(r"(?<=\s)\|(?=\S)|^\|(?=\S)")


def normalise_space(text: str) -> str:
    """NFC, no-break and odd spaces as plain spaces, runs of spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.replace("\u00ad", "").split())


def unpiped(text: str) -> str:
    """A line without the stray table pipes of a pasted page."""
    return _STRAY_PIPE.sub("", text)


def clean(source: Source, survey: chrome.Survey = chrome.EMPTY) -> Article:
    """Source -> Article: metadata lines and boilerplate out, paragraphs in, every removal recorded.

    ``survey`` holds the lines that recur across the archive (`chrome.survey`, computed once).
    """
    blocks = [Block(b.line, normalise_space(b.text), b.heading) for b in source.blocks]
    meta, reasons = metadata.infer(blocks, source.front_matter)
    for index, block in enumerate(blocks):
        why = reasons.get(index) or _boilerplate(block.text, meta.author)
        if why:
            reasons[index] = why
    _mark_repeats(blocks, reasons)
    _mark_tail_teasers(blocks, reasons)
    _mark_chrome(blocks, reasons, survey, chrome.outlet_of(source))

    paragraphs, removed = [], []
    for index, block in enumerate(blocks):
        if reasons.get(index):
            removed.append(Removal(block.line, block.text, reasons[index]))
            continue
        text = unpiped(block.text)
        if text != block.text:
            removed.append(Removal(block.line, "|", "stray markup inside the line"))
        paragraphs.append(text)
    return Article(
        source=source.path,
        meta=metadata.with_undated_days(meta, paragraphs),
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        encoding=source.encoding,
        repairs=source.repairs,
    )


def _boilerplate(text: str, author: str) -> str | None:
    """Why a line on its own is not article text, or None if it is."""
    words = len(text.split())
    if not any(c.isalnum() for c in text):
        return "stray markup"
    if _RELATED.match(text):
        return "read-more link"
    if _PROMO_HEAD.match(text) or (_CALL_TO_ACTION.search(text) and words <= 60):
        return "promotion or newsletter call to action"
    credit = _CREDIT.search(text)
    if credit and len(credit.group("credit").split()) <= 8:
        return "photo caption or credit"
    if _PICTURED.search(text) and words <= 40 and len(re.findall(r"[.!?](?:\s|$)", text)) <= 1:
        return "photo caption"
    if author and text == author:
        return "byline (metadata)"
    return None


def _mark_repeats(blocks: list[Block], reasons: dict[int, str]) -> None:
    """Repeated lines: an exact repeat, a caption printed twice, a caption fused onto a paragraph."""
    for index in range(len(blocks) - 1):
        this, after = _key(blocks[index].text), _key(blocks[index + 1].text)
        if not this or not after:
            continue
        if this == after:
            reasons[index + 1] = reasons.get(index + 1) or "repeated line"
        elif after.startswith(this) and reasons.get(index + 1, "").startswith("photo caption"):
            reasons[index] = reasons.get(index) or "photo caption (printed twice)"
        elif this.endswith(after) and len(after) >= 40:
            reasons[index] = reasons.get(index) or "photo caption fused onto the paragraph after it"


def _mark_chrome(blocks: list[Block], reasons: dict[int, str], survey: chrome.Survey, outlet: str) -> None:
    """Whole-page chrome: lines repeated across the archive, link-like lines, and short or
    function-word-poor lines that only neighbour other chrome. A text with no line of prose is
    left alone (a brief)."""
    found: dict[int, str] = {}
    for index, block in enumerate(blocks):
        if reasons.get(index):
            continue
        if survey.repeated(outlet, block.text):
            found[index] = f"site chrome: line repeated in {chrome.SPREAD} or more articles of the archive"
        elif why := chrome.link_like(block.text):
            found[index] = why
    meta = {i for i, why in reasons.items() if why.endswith("(metadata)")}  # not body: chrome to their neighbours
    open_lines = [i for i in range(len(blocks)) if not reasons.get(i) or i in meta]
    classes = [chrome.BAD if i in found or i in meta else chrome.shape(blocks[i].text) for i in open_lines]
    if chrome.GOOD not in classes:
        return
    headings = [blocks[i].heading or metadata.headline_like(blocks[i].text) for i in open_lines]
    keep = chrome.resolve(classes, headings)
    apart = chrome.apart([len(blocks[i].text) if k else 0 for i, k in zip(open_lines, keep)])
    for index, kind, kept, away in zip(open_lines, classes, keep, apart):
        if index in meta:
            continue
        if not kept:
            reasons[index] = found.get(index) or _CHROME_REASONS[kind]
        elif away:
            reasons[index] = "site chrome: a little text set apart from the article by a run of chrome lines"
    reasons.update(found)


_CHROME_REASONS = {
    chrome.SHORT: "site chrome: short line among menus and links, outside the article text",
    chrome.NEAR: "site chrome: outside the article text, few function words",
    chrome.BAD: "site chrome: list or label text, few function words",
}


def _mark_tail_teasers(blocks: list[Block], reasons: dict[int, str]) -> None:
    """Title Case headlines after the story's last sentence are teasers for other stories;
    a body that is nothing but such lines is a brief, and stays."""
    teasers = []
    for index in range(len(blocks) - 1, -1, -1):
        if reasons.get(index):
            continue
        if not _title_case(blocks[index].text):
            reasons.update(dict.fromkeys(teasers, "teaser for an unrelated story"))
            return
        teasers.append(index)


def _title_case(text: str) -> bool:
    return metadata.headline_like(text) and chrome.title_case(text)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()
