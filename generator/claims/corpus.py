"""The archive's sentences as the claim matcher reads them: split, stemmed, indexed once.

Each article is read on its own (``read``: its sentences, stems, amounts and the kinds of event
each sentence states, a pure function of its title and paragraphs, which a build may keep between
runs and compute on other processes); the corpus joins them into an inverted index from stems to
sentences, inverse sentence frequencies ("Ukraine" weighs less than "Berkhivka"), which stems the
archive capitalises (names) and the spellings of a name it uses.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from generator.claims import quantities, terms
from generator.model import Article, Entry
from generator.reading.sentences import sentences

COUNT_DIGITS = 2  # of the sentence counts a word's weight is read from
NAME_MATCH = 85  # rapidfuzz ratio for two spellings of a name (Bakhmut / Bahkmut)


def _rounded(count: int) -> int:
    return round(count, COUNT_DIGITS - len(str(count))) if count else 0


class Sentence(NamedTuple):  # a tuple: the archive has hundreds of thousands, made every build
    entry: int  # index into the entries
    paragraph: int  # 1-based
    text: str
    stems: tuple[str, ...]
    starts: tuple[int, ...]  # character offset of each stem's word


@dataclass(frozen=True)
class Read:
    """One article as the matcher reads it."""

    sentences: tuple[tuple[int, str, tuple[str, ...], tuple[int, ...]], ...]  # (paragraph, text, stems, starts)
    amounts: tuple[tuple[tuple[quantities.Quantity, str], ...], ...]  # (amount, the words stating it) of each sentence
    capitals: tuple[tuple[str, int, int], ...]  # (stem, times capitalised, times seen) past a sentence's first word
    title: frozenset[str]  # the title's stems
    events: tuple[tuple[tuple[str, int], ...], ...]  # (kind of event, index of the first stem stating it) of each sentence


def read(article: Article) -> Read:
    found, capital = [], defaultdict(lambda: [0, 0])
    for paragraph_no, paragraph in enumerate(article.paragraphs, start=1):
        for text in sentences(paragraph):
            words = terms.tokens(text)
            stems = tuple(terms.stem(w) for w, _, _ in words)
            found.append((paragraph_no, text, stems, tuple(s for _, s, _ in words)))
            for position, (word, _, _) in enumerate(words[1:], start=1):
                counts = capital[stems[position]]
                counts[0] += word[0].isupper()
                counts[1] += 1
    return Read(tuple(found), tuple(tuple(quantities.find_with_text(text)) for _, text, _, _ in found),
                tuple((stem, upper, seen) for stem, (upper, seen) in capital.items()),
                frozenset(terms.stem(w) for w, _, _ in terms.tokens(article.meta.title)),
                tuple(tuple({n: start for n, start, _ in reversed(terms.events_in(list(stems)))}.items())
                      for _, _, stems, _ in found))


class Corpus:
    """The archive's sentences, stemmed once, with an inverted index and the statistics matching
    needs; ``reads`` are the entries' articles read (``read``), when the caller has them."""

    def __init__(self, entries: list[Entry], reads: list[Read] | None = None):
        self.entries = entries
        self.reads = reads if reads is not None else [read(entry.article) for entry in entries]
        self.sentences: list[Sentence] = []
        self.amounts: list[tuple[quantities.Quantity, ...]] = []  # of each sentence
        self._stated: list[tuple[tuple[str, int], ...]] = []  # the kinds of event of each sentence (Read.events)
        self.postings: dict[str, list[int]] = defaultdict(list)
        capital: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for number, article in enumerate(self.reads):
            for paragraph_no, text, stems, starts in article.sentences:
                index = len(self.sentences)
                self.sentences.append(Sentence(number, paragraph_no, text, stems, starts))
                for stem in set(stems):
                    self.postings[stem].append(index)
            self.amounts.extend(tuple(amount for amount, _ in stated) for stated in article.amounts)
            self._stated.extend(article.events)
            for stem, upper, seen in article.capitals:
                counts = capital[stem]
                counts[0] += upper
                counts[1] += seen
        self.proper = frozenset(stem for stem, (upper, seen) in capital.items() if upper > seen / 2)
        self.vocabulary = sorted(self.postings)
        self._events: dict[int, dict[str, int]] = {}
        self._variants: dict[str, frozenset[str]] = {}
        self._stem_sets: dict[int, frozenset[str]] = {}
        self._articles: dict[str, frozenset[int]] = {}
        self._masks: dict[frozenset[str], np.ndarray] = {}

    def holders(self, stems: frozenset[str]) -> set[int]:
        return {i for s in stems for i in self.postings.get(s, ())}

    def articles_with(self, stems: frozenset[str]) -> list[int]:
        """The entries with a sentence holding one of the stems, in order."""
        for stem in stems - self._articles.keys():
            self._articles[stem] = frozenset(self.sentences[i].entry for i in self.postings.get(stem, ()))
        return sorted(frozenset().union(*(self._articles[s] for s in stems)))

    def holding(self, stems: frozenset[str]) -> np.ndarray:
        """Which entries hold one of the stems anywhere, title included (a mask over the entries)."""
        if stems not in self._masks:
            mask = np.zeros(len(self.entries), dtype=bool)
            for stem in stems:
                mask[self._titled.get(stem, [])] = True
                mask[self._entry_of[self.postings.get(stem, [])]] = True
            self._masks[stems] = mask
        return self._masks[stems]

    @cached_property
    def _entry_of(self) -> np.ndarray:
        """The entry of each sentence."""
        return np.array([sentence.entry for sentence in self.sentences], dtype=np.int64)

    @cached_property
    def _titled(self) -> dict[str, list[int]]:
        """stem -> the entries whose title holds it."""
        found: dict[str, list[int]] = defaultdict(list)
        for number, article in enumerate(self.reads):
            for stem in article.title:
                found[stem].append(number)
        return found

    def stem_set(self, index: int) -> frozenset[str]:
        """The stems of one sentence, as a set."""
        if index not in self._stem_sets:
            self._stem_sets[index] = frozenset(self.sentences[index].stems)
        return self._stem_sets[index]

    def idf(self, stems: frozenset[str]) -> float:
        """Inverse sentence frequency: 'Ukraine' weighs less than 'Berkhivka'. Both counts are read
        to COUNT_DIGITS significant digits: one more article changes the weight of the rare words
        it holds, not of every word, so that most claims' findings can be kept (Matcher.findings)."""
        return math.log((self._size + 1) / (_rounded(len(self.holders(stems))) + 1)) + 1

    @cached_property
    def _size(self) -> int:
        return _rounded(len(self.sentences))

    @cached_property
    def _by_opening(self) -> dict[str, list[str]]:
        """The vocabulary by first two letters: misspellings keep them (Bakhmut / Bahkmut)."""
        grouped: dict[str, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            grouped[word[:2]].append(word)
        return grouped

    def variants(self, stem: str) -> frozenset[str]:
        """Spellings of a name in the archive: Ukrain/Ukrainian, Bakhmut/Bahkmut, Zelensky/Zelenskyy."""
        if stem not in self._variants:
            self._variants[stem] = self._spellings(stem)
        return self._variants[stem]

    def _spellings(self, stem: str) -> frozenset[str]:
        if len(stem) < 5:
            return frozenset({stem})
        found = {stem}
        found.update(word for word, _, _ in process.extract(
            stem, self._by_opening.get(stem[:2], []), scorer=fuzz.ratio, score_cutoff=NAME_MATCH, limit=20))
        for word in self.vocabulary[bisect.bisect_left(self.vocabulary, stem[:5]):]:
            if not word.startswith(stem[:5]):
                break
            if (word.startswith(stem) or stem.startswith(word)) and abs(len(word) - len(stem)) <= 4:
                found.add(word)
        return frozenset(found)

    def events(self, index: int) -> dict[str, int]:
        """{kind of event: index of the first stem stating it} in one sentence."""
        if index not in self._events:
            self._events[index] = dict(self._stated[index])
        return self._events[index]

    @cached_property
    def _context(self) -> dict[tuple[int, int], frozenset[str]]:
        """(entry, paragraph) -> the paragraph's stems; (entry, 0) -> the whole article's, title included."""
        grouped: dict[tuple[int, int], set[str]] = defaultdict(set)
        for sentence in self.sentences:
            grouped[(sentence.entry, sentence.paragraph)].update(sentence.stems)
            grouped[(sentence.entry, 0)].update(sentence.stems)
        for number, article in enumerate(self.reads):
            grouped[(number, 0)].update(article.title)
        return {key: frozenset(value) for key, value in grouped.items()}

    def article_stems(self, entry: int) -> frozenset[str]:
        return self._context.get((entry, 0), frozenset())

    @cached_property
    def by_entry(self) -> dict[int, list[int]]:
        """entry -> indices of its sentences."""
        grouped: dict[int, list[int]] = defaultdict(list)
        for index, sentence in enumerate(self.sentences):
            grouped[sentence.entry].append(index)
        return grouped

    def around(self, sentence: Sentence) -> tuple[frozenset[str], frozenset[str]]:
        """(stems of the sentence's paragraph, stems of its article)."""
        return (self._context.get((sentence.entry, sentence.paragraph), frozenset()),
                self._context.get((sentence.entry, 0), frozenset()))

