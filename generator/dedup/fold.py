"""Fold exact and near duplicates into their canonical article; never lose one.

Candidates come from an index of sentence keys (linear in the corpus), so only articles that share
sentences are compared; rapidfuzz then confirms how much of the shorter text the longer one holds.
Two reports of the same event share a few quotes; a republished copy shares nearly every sentence.
Articles are compared on their cleaned bodies, and they must also match without the sentences found
in SPREAD or more articles (a footer or menu line the cleaner let through, a stock phrase): site
chrome never makes two articles one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from ftfy.fixes import uncurl_quotes
from rapidfuzz import fuzz, process

from generator.model import Article, Duplicate, Entry
from generator.reading.chrome import SPREAD

NEAR = 0.8  # share of the shorter article's sentences found in the longer one
MIN_LENGTH_RATIO = 0.5  # a brief quoted inside a long feature is not a copy of it
SENTENCE_MATCH = 90  # rapidfuzz ratio for two sentences to count as the same one
_MIN_WORDS = 5


@dataclass(frozen=True)
class _Print:
    article: Article
    sentences: tuple[str, ...]
    text: str


def normalise(text: str) -> str:
    """Case, quote style, punctuation and spacing do not make a text different."""
    return " ".join(re.sub(r"[\W_]+", " ", uncurl_quotes(text).casefold()).split())


def sentences(article: Article) -> tuple[str, ...]:
    found = []
    for paragraph in article.paragraphs:
        for sentence in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘'])", paragraph):
            key = normalise(sentence)
            if len(key.split()) >= _MIN_WORDS:
                found.append(key)
    return tuple(found)


def overlap(shorter: _Print, longer: _Print, common: frozenset[str] = frozenset()) -> float:
    """Share of the shorter print's sentences that the longer one holds (fuzzily), leaving out
    the ``common`` ones (in SPREAD or more articles) unless the print is nothing else."""
    own = [s for s in shorter.sentences if s not in common] or shorter.sentences
    if not own:
        return 1.0 if shorter.text == longer.text else 0.0
    exact = set(longer.sentences)
    found = 0
    for sentence in own:
        if sentence in exact or process.extractOne(
            sentence, longer.sentences, scorer=fuzz.ratio, score_cutoff=SENTENCE_MATCH
        ):
            found += 1
    return found / len(own)


def _candidates(prints: list[_Print]) -> set[tuple[int, int]]:
    """Pairs sharing at least two sentences: the only ones worth comparing."""
    index: dict[str, set[int]] = defaultdict(set)
    for number, item in enumerate(prints):
        for sentence in item.sentences:
            index[sentence].add(number)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        if len(holders) > 50:  # a stock phrase, not a sign of copying
            continue
        for pair in combinations(sorted(holders), 2):
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


def deduplicate(articles: list[Article]) -> list[Entry]:
    """Articles -> entries: one per story, each listing the copies folded into it."""
    prints = [_Print(a, sentences(a), normalise(" ".join(a.paragraphs))) for a in articles]
    spread = Counter(s for p in prints for s in set(p.sentences))
    common = frozenset(s for s, n in spread.items() if n >= SPREAD)
    parent = list(range(len(prints)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in sorted(_candidates(prints)):
        if is_duplicate(prints[a], prints[b], common):
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
    return overlap(shorter, longer) >= NEAR and overlap(shorter, longer, common) >= NEAR
