"""Fold exact and near duplicates into their canonical article; never lose one.

Candidates come from an index of sentence keys (linear in the corpus), so only articles that share
sentences are compared; rapidfuzz then confirms how much of the shorter text the longer one holds,
stopping at the first sentence too many that it lacks. Two reports of the same event share a few
quotes; a republished copy shares nearly every sentence. Articles are compared on their cleaned
bodies, and they must also match without the sentences found in SPREAD or more articles (a footer
or menu line the cleaner let through, a stock phrase): site chrome never makes two articles one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from ftfy.fixes import uncurl_quotes
from rapidfuzz import fuzz, process

from generator.model import Article, Duplicate, Entry
from generator.reading.chrome import SPREAD

NEAR = 0.8  # share of the shorter article's sentences found in the longer one
MIN_LENGTH_RATIO = 0.5  # a brief quoted inside a long feature is not a copy of it
SENTENCE_MATCH = 90  # rapidfuzz ratio for two sentences to count as the same one
STOCK = 50  # a sentence in more articles than this is a stock phrase, no sign of copying
_MIN_WORDS = 5
_BOUNDARY = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"'])")  # on uncurled text: the quote style moves no boundary
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class _Print:
    article: Article
    sentences: tuple[str, ...]  # its sentence keys, in order
    text: str  # the whole body, normalised
    keys: frozenset[str]  # the distinct sentence keys


def normalise(text: str) -> str:
    """Case, quote style, punctuation and spacing do not make a text different."""
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _keys(article: Article) -> list[str]:
    """Every piece of the body between sentence boundaries, normalised (empty ones included)."""
    return [normalise(piece) for paragraph in article.paragraphs for piece in _BOUNDARY.split(uncurl_quotes(paragraph))]


def sentences(article: Article) -> tuple[str, ...]:
    """The sentence keys dedup compares: each sentence normalised, those of five words or more."""
    return tuple(key for key in _keys(article) if key.count(" ") >= _MIN_WORDS - 1)


def _print(article: Article) -> _Print:
    keys = _keys(article)
    found = tuple(key for key in keys if key.count(" ") >= _MIN_WORDS - 1)
    return _Print(article, found, " ".join(key for key in keys if key), frozenset(found))  # the text: normalise(body)


def overlap(shorter: _Print, longer: _Print, common: frozenset[str] = frozenset()) -> float:
    """Share of the shorter print's sentences that the longer one holds (fuzzily), leaving out
    the ``common`` ones (in SPREAD or more articles) unless the print is nothing else."""
    own = [s for s in shorter.sentences if s not in common] or shorter.sentences
    if not own:
        return 1.0 if shorter.text == longer.text else 0.0
    return sum(_holds(sentence, longer) for sentence in own) / len(own)


def _holds(sentence: str, longer: _Print) -> bool:
    return sentence in longer.keys or process.extractOne(
        sentence, longer.sentences, scorer=fuzz.ratio, score_cutoff=SENTENCE_MATCH) is not None


def _holds_nearly(own: list[str] | tuple[str, ...], longer: _Print) -> bool:
    """``overlap(...) >= NEAR`` for the ``own`` sentences, given up at the first miss that rules it out."""
    missed = 0
    for sentence in own:
        if not _holds(sentence, longer):
            missed += 1
            if (len(own) - missed) / len(own) < NEAR:
                return False
    return bool(own)


def _candidates(prints: list[_Print]) -> set[tuple[int, int]]:
    """Pairs sharing at least two sentences: the only ones worth comparing."""
    index: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(prints):
        for sentence in item.keys:
            index[sentence].append(number)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        if len(holders) > STOCK:
            continue
        for pair in combinations(holders, 2):
            shared[pair] += 1
    by_text: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(prints):
        by_text[item.text].append(number)
    exact = {pair for group in by_text.values() for pair in combinations(group, 2)}
    return exact | {pair for pair, count in shared.items() if count >= 2 or _short(prints, pair)}


def _short(prints: list[_Print], pair: tuple[int, int]) -> bool:
    return min(len(prints[n].sentences) for n in pair) <= 2


def _canonical_order(article: Article) -> tuple:
    """The fullest first, then the earliest (undated last), then by file name."""
    return (-article.length, article.meta.date or "9999-99-99", article.source)


def _common(prints: list[_Print]) -> frozenset[str]:
    """The sentences found in SPREAD or more articles."""
    spread: dict[str, int] = defaultdict(int)
    for item in prints:
        for sentence in item.keys:
            spread[sentence] += 1
    return frozenset(s for s, n in spread.items() if n >= SPREAD)


def deduplicate(articles: list[Article]) -> list[Entry]:
    """Articles -> entries: one per story, each listing the copies folded into it."""
    prints = [_print(a) for a in articles]
    common = _common(prints)
    parent = list(range(len(prints)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in sorted(_candidates(prints)):
        if root(a) != root(b) and is_duplicate(prints[a], prints[b], common):  # one group already: nothing to learn
            parent[root(a)] = root(b)

    groups: dict[int, list[_Print]] = defaultdict(list)
    for number, item in enumerate(prints):
        groups[root(number)].append(item)
    entries = []
    for members in groups.values():
        members.sort(key=lambda p: _canonical_order(p.article))
        head = members[0]
        copies = tuple(
            Duplicate(p.article, "exact" if p.text == head.text else "near", round(overlap(p, head), 3))
            for p in members[1:]
        )
        entries.append(Entry(head.article, copies))
    return sorted(entries, key=lambda e: e.article.source)


def is_duplicate(a: _Print, b: _Print, common: frozenset[str] = frozenset()) -> bool:
    if a.text == b.text:
        return True
    shorter, longer = sorted((a, b), key=lambda p: len(p.text))
    if len(shorter.text) < MIN_LENGTH_RATIO * len(longer.text):
        return False
    own = [s for s in shorter.sentences if s not in common] or shorter.sentences
    return _holds_nearly(shorter.sentences, longer) and _holds_nearly(own, longer)
