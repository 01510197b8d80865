"""Plain data passed forward between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Block:
    """A paragraph-sized piece of a source file, with the line it starts on."""

    line: int
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Source:
    """An article file as read from disk: decoded, front matter parsed, split into blocks."""

    path: str  # relative to the seeds folder, with forward slashes
    encoding: str
    front_matter: dict
    blocks: tuple[Block, ...]
    repairs: tuple[str, ...] = ()  # encoding repairs applied, e.g. "mojibake"


@dataclass(frozen=True)
class Removal:
    """A line the cleaner took out of an article, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class DayMonth:
    """A day and month the text names without a year ("on Friday (May 12)"): the year comes later, from the story."""

    month: int
    day: int
    weekday: int | None = None  # 0 = Monday ... 6 = Sunday, when the text names it with the day
    text: str = ""  # as written, e.g. "Friday (May 12)"


@dataclass(frozen=True)
class Metadata:
    title: str
    outlet: str = UNKNOWN
    author: str = UNKNOWN
    date: str | None = None  # ISO yyyy-mm-dd
    url: str | None = None
    tags: tuple[str, ...] = ()
    language: str = "en"
    inferred: tuple[str, ...] = ()  # names of the fields inferred from the text
    undated_days: tuple[DayMonth, ...] = ()  # of an undated article: days it names without a year, in text order
    date_basis: str | None = None  # "story" or "weekday" when the date's year was inferred (stories.dating)


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata, body paragraphs and what was removed."""

    source: str
    meta: Metadata
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...]
    encoding: str = "utf-8"
    repairs: tuple[str, ...] = ()
    slug: str = ""

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.paragraphs)


@dataclass(frozen=True)
class Duplicate:
    """A copy folded into its canonical article."""

    article: Article
    kind: str  # "exact" or "near"
    similarity: float  # 0..1


@dataclass(frozen=True)
class Entry:
    """A canonical article with the copies folded into it."""

    article: Article
    duplicates: tuple[Duplicate, ...] = ()

    @property
    def slug(self) -> str:
        return self.article.slug


@dataclass(frozen=True)
class Skipped:
    """An input file that became no article, with the reason."""

    path: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    """An editor's checked verdict on a claim (its file's optional 'verdict:'), not a count of sources."""

    rating: str  # one of tracked.VERDICTS, e.g. "mostly-false"
    reasoning: str
    source: str  # http(s) link to the evidence the editor relied on
    by: str = ""  # the editor; empty: the site
    date: str | None = None  # ISO yyyy-mm-dd


@dataclass(frozen=True)
class Claim:
    """A tracked claim from seeds/claims/<id>.yml: a statement, and other phrasings of it."""

    id: str
    statement: str
    source: str  # the YAML file
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    verdict: Verdict | None = None  # an editor's verdict, published as schema.org ClaimReview


STANCES = ("supports", "disputes", "mentions")  # of one sentence
SIDES = ("supports", "disputes", "both", "mentions")  # of one source: "both" carries the claim and its denial
VOICES = ("own", "quoted")  # a source states the claim in its own words, or only through claimants


@dataclass(frozen=True)
class Evidence:
    """One sentence of one article bearing on one claim."""

    claim: str  # claim id
    article: str  # article slug
    paragraph: int  # 1-based, the page anchor is #p-N
    quote: str
    stance: str  # one of STANCES
    claimant: str | None  # who asserts or disputes it; None when the outlet reports it as fact
    outlet: str
    date: str | None
    score: float = 0.0  # relevance to the claim, 0..1: quotes are ranked by it
    attributed: bool = False  # carried through unnamed sources ("reports emerged that …"), not the outlet's own words


@dataclass(frozen=True)
class Position:
    """One source (a canonical article) and its single stance towards one claim: what every page says of the pair."""

    claim: str  # claim id
    article: str  # article slug
    stance: str  # one of SIDES
    claimants: tuple[str, ...]  # who carries its stance (for "both": who asserts the claim)
    evidence: int  # number of evidence sentences
    outlet: str
    date: str | None
    score: float = 0.0  # how strongly the article bears on the claim, 0..1
    passage: tuple[int, str] | None = None  # (paragraph, sentence) the stance was read from, when no sentence states it
    voice: str = "own"  # one of VOICES
    deniers: tuple[str, ...] = ()  # for "both": who disputes it
    caveat: tuple[int, str] | None = None  # (paragraph, sentence) saying the claim could not be verified


@dataclass(frozen=True)
class Story:
    """Different reports of the same event (not duplicates), grouped."""

    slug: str
    title: str
    articles: tuple[str, ...]  # article slugs, oldest first


@dataclass(frozen=True)
class Archive:
    """Everything the pipeline gathered before rendering: articles, claims and their evidence."""

    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    positions: tuple[Position, ...] = ()  # one per (claim, article) that bears on it
    stories: tuple[Story, ...] = ()
    suggestions: tuple = ()  # suggest.Suggestion: candidate claims nobody tracks yet
