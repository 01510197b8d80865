"""Fold exact and near duplicates into their canonical article; never lose one.

Each article is first reduced to its print (``fingerprint``: its sentence keys, a digest and the
length of its normalised body), a pure function of its paragraphs that the pipeline computes on
the workers and keeps in the cache. Candidates are the pairs whose shorter article shares at least
VERBATIM of its sentences word for word with the longer one, counted for every pair at once by one
sparse product of the articles' sentence sets (sentences in more than STOCK articles left out:
stock phrases are no sign of copying); only they are compared. rapidfuzz then confirms how much
of the shorter text the longer one holds, stopping at the first sentence too many that it lacks.
Two reports of the same event share a few quotes; a republished copy shares nearly every sentence.
Articles are compared on their cleaned bodies, and they must also match without the sentences
found in SPREAD or more articles (a footer or menu line the cleaner let through, a stock phrase):
site chrome never makes two articles one. An article made of nothing but such sentences is a copy
only of one that holds every one of them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, combinations

import numpy as np
from ftfy.fixes import uncurl_quotes
from rapidfuzz import fuzz, process
from scipy import sparse

from generator.model import Article, Duplicate, Entry
from generator.reading.chrome import SPREAD

NEAR = 0.8  # share of the shorter article's sentences found in the longer one
MIN_LENGTH_RATIO = 0.5  # a brief quoted inside a long feature is not a copy of it
SENTENCE_MATCH = 90  # rapidfuzz ratio for two sentences to count as the same one
STOCK = 50  # a sentence in more articles than this is a stock phrase, no sign of copying
VERBATIM = 0.2  # share of the shorter article's sentences a copy holds word for word, to be compared at all
_MIN_WORDS = 5
_BOUNDARY = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"'])")  # on uncurled text: the quote style moves no boundary
_NON_WORD = re.compile(r"[\W_]+")
_ASCII_WORD = bytes(ord(c.lower()) if c.isalnum() else ord(" ") for c in map(chr, range(128))).ljust(256)  # _NON_WORD on ASCII


@dataclass(frozen=True)
class Print:
    """What dedup compares of one article: its sentence keys in order, and its normalised body's
    digest (equal digests: an exact copy) and length."""

    sentences: tuple[str, ...]
    digest: bytes
    length: int

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self.sentences)


def normalise(text: str) -> str:
    """Case, quote style, punctuation and spacing do not make a text different."""
    if text.isascii():  # the same words, by a byte table: a fourth of the time
        return " ".join(text.encode("ascii").translate(_ASCII_WORD).decode("ascii").split())
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _pieces(paragraphs: tuple[str, ...]) -> list[str]:
    """Every piece of the body between sentence boundaries, normalised (empty ones included)."""
    return [normalise(piece) for paragraph in paragraphs
            for piece in _BOUNDARY.split(paragraph if paragraph.isascii() else uncurl_quotes(paragraph))]


def _long(pieces: list[str]) -> tuple[str, ...]:
    return tuple(piece for piece in pieces if piece.count(" ") >= _MIN_WORDS - 1)


def sentences(article: Article) -> tuple[str, ...]:
    """The sentence keys dedup compares: each sentence normalised, those of five words or more."""
    return _long(_pieces(article.paragraphs))


def fingerprint(paragraphs: tuple[str, ...]) -> Print:
    """An article's print, from its cleaned paragraphs."""
    pieces = _pieces(paragraphs)
    text = " ".join(piece for piece in pieces if piece)  # normalise(" ".join(paragraphs)), piece by piece
    return Print(_long(pieces), hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest(), len(text))


@dataclass(frozen=True)
class _Side:
    """A print as one side of a comparison: its sentence set, the sentences that count when the
    common ones are left out (all of them when it is nothing else, ``only_common``), and what
    fuzzy lookups in it found so far (another article holding the same sentence asks again)."""

    print: Print
    keys: frozenset[str]
    own: tuple[str, ...]
    only_common: bool
    fuzzy: dict[str, bool]


def _side(item: Print, common: frozenset[str]) -> _Side:
    own = tuple(s for s in item.sentences if s not in common)
    return _Side(item, item.keys, own or item.sentences, bool(item.sentences) and not own, {})


def overlap(shorter: Print, longer: Print) -> float:
    """Share of the shorter print's sentences that the longer one holds (fuzzily)."""
    if not shorter.sentences:
        return 1.0 if shorter.digest == longer.digest else 0.0
    keys = longer.keys
    return sum(_holds(sentence, keys, longer) for sentence in shorter.sentences) / len(shorter.sentences)


def _holds(sentence: str, keys: frozenset[str], longer: Print) -> bool:
    return sentence in keys or process.extractOne(
        sentence, longer.sentences, scorer=fuzz.ratio, score_cutoff=SENTENCE_MATCH) is not None


def _holds_nearly(own: tuple[str, ...], longer: _Side, share: float = NEAR) -> bool:
    """``overlap(...) >= share`` for the ``own`` sentences, given up at the first miss that rules it out."""
    missed = 0
    for sentence in own:
        if sentence in longer.keys:
            continue
        held = longer.fuzzy.get(sentence)
        if held is None:
            held = longer.fuzzy[sentence] = _holds(sentence, longer.keys, longer.print)
        if not held:
            missed += 1
            if (len(own) - missed) / len(own) < share:
                return False
    return bool(own)


def is_duplicate(a: _Side, b: _Side) -> bool:
    if a.print.digest == b.print.digest:
        return True
    shorter, longer = (a, b) if a.print.length <= b.print.length else (b, a)
    if shorter.print.length < MIN_LENGTH_RATIO * longer.print.length:
        return False
    if shorter.only_common:  # the check without common sentences has nothing to leave out: the longer holds them all
        return _holds_nearly(shorter.own, longer, 1.0)
    return _holds_nearly(shorter.own, longer) and _holds_nearly(shorter.print.sentences, longer)


def _candidates(prints: list[Print], spread: Counter) -> list[tuple[int, int]]:
    """The pairs worth comparing, sorted: exact copies, and the pairs whose shorter print (of equal
    lengths, the first) is at least MIN_LENGTH_RATIO of the longer and has VERBATIM of its sentences
    in it word for word, stock phrases left out. ``spread``: in how many prints each sentence is."""
    column = {sentence: n for n, sentence in enumerate(s for s, count in spread.items() if count <= STOCK)}
    size = np.array([len(item.sentences) for item in prints], np.int64)
    columns = np.array([column.get(sentence, -1) for item in prints for sentence in item.sentences], np.int64)
    rows = np.repeat(np.arange(len(prints)), size)[columns >= 0]
    counts = sparse.csr_matrix((np.ones(len(rows), np.int32), (rows, columns[columns >= 0])),
                               shape=(len(prints), len(column)))
    held = sparse.csr_matrix((np.ones(counts.nnz, np.int32), counts.indices, counts.indptr), shape=counts.shape)
    shared = (counts @ held.T).tocoo()  # [a, b]: how many of a's sentences b holds (a sentence twice in a counts twice)
    a, b = shared.row, shared.col
    length = np.array([item.length for item in prints], np.int64)
    shorter = (length[a] < length[b]) | ((length[a] == length[b]) & (a < b))
    keep = shorter & (length[a] >= MIN_LENGTH_RATIO * length[b]) & (shared.data >= VERBATIM * size[a])
    pairs = {(min(x, y), max(x, y)) for x, y in zip(a[keep].tolist(), b[keep].tolist())}
    by_digest: dict[bytes, list[int]] = defaultdict(list)
    for number, item in enumerate(prints):
        by_digest[item.digest].append(number)
    return sorted(pairs.union(*(combinations(group, 2) for group in by_digest.values())))


def _canonical_order(article: Article) -> tuple:
    """The fullest first, then the earliest (undated last), then by file name."""
    return (-article.length, article.meta.date or "9999-99-99", article.source)


def deduplicate(articles: list[Article], prints: list[Print] | None = None) -> list[Entry]:
    """Articles (and their prints, if made already) -> entries: one per story, each listing the
    copies folded into it."""
    prints = prints or [fingerprint(a.paragraphs) for a in articles]
    spread = Counter(chain.from_iterable(item.keys for item in prints))
    common = frozenset(s for s, n in spread.items() if n >= SPREAD)  # the sentences found in SPREAD or more articles
    pairs = _candidates(prints, spread)
    sides = {n: _side(prints[n], common) for n in set(chain.from_iterable(pairs))}  # only the compared ones
    parent = list(range(len(prints)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in pairs:
        if root(a) != root(b) and is_duplicate(sides[a], sides[b]):  # one group already: nothing to learn
            parent[root(a)] = root(b)

    groups: dict[int, list[int]] = defaultdict(list)
    for number in range(len(prints)):
        groups[root(number)].append(number)
    entries = []
    for members in groups.values():
        if len(members) > 1:  # the key reads the whole article: only where there is a choice
            members.sort(key=lambda n: _canonical_order(articles[n]))
        head = prints[members[0]]
        copies = tuple(
            Duplicate(articles[n], "exact" if prints[n].digest == head.digest else "near", round(overlap(prints[n], head), 3))
            for n in members[1:]
        )
        entries.append(Entry(articles[members[0]], copies))
    return sorted(entries, key=lambda e: e.article.source)
