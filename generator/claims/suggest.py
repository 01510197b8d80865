"""Candidate claims: facts that canonical articles from different outlets repeat (an amount, a
name, a quoted sentence) but that no tracked claim covers, ranked by how many outlets repeat them.

Nothing is compared pairwise, so the cost grows with the archive, not its square: amounts are
grouped by kind and sorted by value, names are checked once each, and a quote is compared only
with the paragraphs holding its longest word or one of its rarest (an inverted index over words).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterator

from rapidfuzz import fuzz, process

from generator.claims import quantities
from generator.claims.corpus import Read, read
from generator.dedup.fold import normalise
from generator.model import UNKNOWN, Archive, Claim, Entry

_QUOTE = re.compile(r"[“\"]([^“”\"]{20,300})[”\"]")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_EVENT = re.compile(r"\b(?:injur|kill|wound|hit|destroy|damag|captur|attack|explo|shell|strik|struck|died|dead)\w*", re.I)
SAME_AMOUNT = 0.02  # '95 kilometres' and '95 km' are one fact; '100 kilometres' is another
COMMON = 200  # paragraphs: a quote is looked for only through words rarer than that
QUOTE_MATCH = 88  # rapidfuzz partial_ratio for a quote to be found in another article
SPEAKER_MATCH = 90  # rapidfuzz partial_ratio for a name to be someone who makes claims
PROBES = 3  # a paragraph repeating a quote holds one of its rarest words, unless it misspells them all

Place = tuple[str, int]  # (article slug, paragraph number)


@dataclass(frozen=True)
class Source:
    article: str  # slug
    outlet: str
    paragraph: int
    sentence: str


@dataclass(frozen=True)
class Suggestion:
    facts: tuple[str, ...]  # what is repeated: "95 kilometres", "Viktor Volodatsky", a quote
    statement: str  # the shortest sentence stating it, as a starting point for a claim
    sources: tuple[Source, ...]

    @property
    def outlets(self) -> int:
        return len({_outlet_key(s) for s in self.sources})


@dataclass(frozen=True)
class _Paragraph:
    place: Place
    text: str  # as written, where quotes are found
    key: str  # normalised, where quotes are looked for
    sources: tuple[Source, ...]  # its sentences


def _outlet_key(source: Source) -> str:
    """Articles of unknown outlet count as separate outlets: nothing says they are the same."""
    return source.outlet if source.outlet != UNKNOWN else f"unknown:{source.article}"


def _paragraphs(entry: Entry, reading: Read, amounts: list) -> Iterator[_Paragraph]:
    """The article's paragraphs with their sentences; the amounts of each sentence go to ``amounts``."""
    by_paragraph: dict[int, list[Source]] = defaultdict(list)
    for (number, sentence, _, _), stated in zip(reading.sentences, reading.amounts):
        source = Source(entry.slug, entry.article.meta.outlet, number, sentence)
        by_paragraph[number].append(source)
        amounts.extend((amount, text, source) for amount, text in stated)
    for number, paragraph in enumerate(entry.article.paragraphs, start=1):
        yield _Paragraph((entry.slug, number), paragraph, normalise(paragraph), tuple(by_paragraph[number]))


def _covered_text(claims: tuple[Claim, ...]) -> str:
    """Every word the tracked claims use: their statements and aliases."""
    return normalise(" ".join([c.statement for c in claims] + [a for c in claims for a in c.aliases]))


def _claimed(claims: tuple[Claim, ...]) -> dict[str, list[quantities.Quantity]]:
    """The amounts tracked claims state, by kind: read from their statements and aliases."""
    found: dict[str, list[quantities.Quantity]] = defaultdict(list)
    for claim in claims:
        for amount in (q for text in (claim.statement, *claim.aliases) for q in quantities.find(text)):
            found[amount.kind].append(amount)
    return found


def suggest(archive: Archive, registered: tuple[str, ...] = (), minimum_outlets: int = 2,
            reads: list[Read] | None = None) -> list[Suggestion]:
    """Ranked candidate claims; ``registered`` are the claimant registry's names and aliases;
    ``reads``: the entries' articles as corpus.read reads them, when the caller has them."""
    claimed = _claimed(archive.claims)
    speakers = sorted({normalise(n) for n in [e.claimant for e in archive.evidence if e.claimant] + list(registered)})
    known = _known(_covered_text(archive.claims), speakers)
    reads = reads if reads is not None else [read(entry.article) for entry in archive.entries]
    stated: list[tuple[quantities.Quantity, str, Source]] = []
    paragraphs = [p for entry, article in zip(archive.entries, reads) for p in _paragraphs(entry, article, stated)]

    facts: dict[str, set[Source]] = defaultdict(set)
    amounts = [(amount, text, source) for amount, text, source in stated
               if not any(amount.close_to(c) for c in claimed[amount.kind])]
    for source in (s for paragraph in paragraphs for s in paragraph.sources):
        if _EVENT.search(source.sentence):
            for name in _NAME.findall(source.sentence):
                if not known(normalise(name)):
                    facts[name].add(source)
    label = _amount_labels(amounts)
    for amount, text, source in amounts:  # one fact per amount, whatever unit or spelling says it
        facts[label(amount)].add(source)
    quoted = _quoted_in([normalise(e.quote) for e in archive.evidence])
    for text, sources in _quotes(paragraphs, quoted).items():
        facts[text] |= sources

    grouped: dict[frozenset, list[str]] = defaultdict(list)
    for text, sources in facts.items():
        if len({_outlet_key(s) for s in sources}) >= minimum_outlets:
            grouped[frozenset(sources)].append(text)
    found = [
        Suggestion(tuple(sorted(labels)), min((s.sentence for s in group), key=lambda t: (len(t), t)),
                   tuple(sorted(group, key=lambda s: (s.article, s.paragraph, s.sentence))))
        for group, labels in grouped.items()
    ]
    return sorted(found, key=lambda s: (-s.outlets, -len(s.sources), s.facts))


def _known(covered_text: str, speakers: list[str]) -> Callable[[str], bool]:
    """Whether a name is one a tracked claim already uses, or someone who makes claims (not a
    fact in itself); each name is checked once."""

    @cache
    def known(name: str) -> bool:
        return (
            len(name.split()) < 2
            or name in covered_text
            or process.extractOne(name, speakers, scorer=fuzz.partial_ratio, score_cutoff=SPEAKER_MATCH) is not None
        )

    return known


def _amount_labels(amounts) -> Callable[[quantities.Quantity], str]:
    """The words that label each amount: amounts of a kind sorted by value, the smallest of each
    run of close ones names the run; an amount takes the smallest label close to it."""
    labels: dict[str, list[tuple[float, str]]] = defaultdict(list)  # kind -> (value, words), ascending
    for amount, text, _ in sorted(amounts, key=lambda a: (a[0].kind, a[0].value, a[1])):
        run = labels[amount.kind]
        if not run or not quantities.Quantity(amount.kind, run[-1][0]).close_to(amount, SAME_AMOUNT):
            run.append((amount.value, text))  # the last label is the largest: if any is close, it is
    values = {kind: [value for value, _ in run] for kind, run in labels.items()}

    def label(amount: quantities.Quantity) -> str:
        run = labels[amount.kind]
        start = bisect_left(values[amount.kind], amount.value * (1 - SAME_AMOUNT) * (1 - 1e-9))
        return next(run[i][1] for i in range(start, len(run))
                    if quantities.Quantity(amount.kind, run[i][0]).close_to(amount, SAME_AMOUNT))

    return label


def _quoted_in(evidence_quotes: list[str]) -> Callable[[str], bool]:
    """Whether a (normalised) quote is part of an evidence quote, or holds one: a tracked claim
    covers it. Quotes are looked up by words: the words inside a text that holds another are
    whole words of both."""
    holding: dict[str, list[str]] = defaultdict(list)  # word -> evidence quotes with that word
    short: list[str] = []  # evidence quotes of two words or fewer, which have no whole word inside
    for quote in set(evidence_quotes):
        words = quote.split()
        for word in set(words):
            holding[word].append(quote)
        if len(words) <= 2:
            short.append(quote)
    inner = {quote: min(quote.split()[1:-1], key=lambda w: (len(holding[w]), w))
             for quote in set(evidence_quotes) if len(quote.split()) > 2}
    by_inner: dict[str, list[str]] = defaultdict(list)  # an evidence quote under its rarest inner word
    for quote, word in inner.items():
        by_inner[word].append(quote)

    def quoted(key: str) -> bool:
        words = key.split()
        rarest = min(words[1:-1], key=lambda w: (len(holding.get(w, ())), w))  # keys have five words or more
        return (any(key in q for q in holding.get(rarest, ()))
                or any(q in key for w in set(words) for q in by_inner.get(w, ()))
                or any(q in key for q in short))

    return quoted


def _quotes(paragraphs: list[_Paragraph], quoted: Callable[[str], bool]) -> dict[str, set[Source]]:
    """Quoted words (five or more) found again, quoted or not, in other articles' paragraphs."""
    keys: dict[str, str] = {}  # label -> normalised quote
    for paragraph in paragraphs:
        for quote in _QUOTE.findall(paragraph.text):
            key = normalise(quote)
            if len(key.split()) >= 5 and not quoted(key):
                keys.setdefault(f"“{quote.strip()}”", key)
    words = {w for key in keys.values() for w in key.split()}
    index: dict[str, list[int]] = defaultdict(list)  # a word of a quote -> the paragraphs holding it
    for number, paragraph in enumerate(paragraphs):
        for word in words.intersection(paragraph.key.split()):
            index[word].append(number)
    held = {key: _held(key, index, paragraphs) for key in set(keys.values())}

    found: dict[str, set[Source]] = {}
    for text, key in keys.items():
        if len({p.place[0] for p in held[key]}) >= 2:  # the sentence of each paragraph that holds the quote's longest word
            rare = max(key.split(), key=len)
            found[text] = {s for p in held[key] for s in [s for s in p.sources if rare in normalise(s.sentence)][:1]}
    return found


def _held(key: str, index: dict[str, list[int]], paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """The paragraphs that repeat a quote: those holding its longest word and close to it (or to a
    part of it), looked for only among those holding one of the quote's rarest words (the fewest
    paragraphs in the index, and at most COMMON): the cost per quote stays bounded."""
    rare = max(key.split(), key=len)
    probes = [w for w in sorted(set(key.split()), key=lambda w: (len(index.get(w, ())), w))[:PROBES]
              if len(index.get(w, ())) <= COMMON]  # words in more paragraphs than that are stock phrase

    candidates = {n: paragraphs[n].key for n in set().union(*(index.get(w, ()) for w in probes)) if rare in paragraphs[n].key}
    matches = process.extract(key, candidates, scorer=fuzz.partial_ratio, score_cutoff=QUOTE_MATCH, limit=None)
    return [paragraphs[n] for _, _, n in matches]
