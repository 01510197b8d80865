"""Plain data passed forward between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field

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
class Metadata:
    title: str
    outlet: str = UNKNOWN
    author: str = UNKNOWN
    date: str | None = None  # ISO yyyy-mm-dd
    url: str | None = None
    tags: tuple[str, ...] = ()
    language: str = "en"
    inferred: tuple[str, ...] = ()  # names of the fields inferred from the text


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
class Archive:
    """The output of ingest -> clean -> dedup: what the later stages render."""

    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...] = field(default=())
