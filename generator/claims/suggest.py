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
from typing import Callable

from rapidfuzz import fuzz, process

from generator.claims import quantities
from generator.claims.corpus import Read, read
from generator.dedup.fold import normalise
from generator.model import UNKNOWN, Archive, Article, Claim

_QUOTE = re.compile(r"[“\"]([^“”\"]{20,300})[”\"]")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_EVENT = re.compile(r"\b(?:injur|kill|wound|hit|destroy|damag|captur|attack|explo|shell|strik|struck|died|dead)\w*", re.I)
SAME_AMOUNT = 0.02  # '95 kilometres' and '95 km' are one fact; '100 kilometres' is another
COMMON = 200  # paragraphs: a quote is looked for only through words rarer than that
QUOTE_MATCH = 88  # rapidfuzz partial_ratio for a quote to be found in another article
SPEAKER_MATCH = 90  # rapidfuzz partial_ratio for a name to be someone who makes claims
PROBES = 3  # a paragraph repeating a quote holds one of its rarest words, unless it misspells them all


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
class Offer:
    """What suggest reads of one article besides its claims reading: each paragraph normalised
    (where quotes are looked for), the names in the sentences that tell of an event, and its quotes
    of five words or more. A pure function of the article's title and paragraphs (its reading is
    one too), which a build may keep between runs and compute on other processes."""

    keys: tuple[str, ...]  # each paragraph normalised
    names: tuple[tuple[str, str, int], ...]  # (name, normalised, number of its sentence in the reading)
    quotes: tuple[tuple[str, str], ...]  # (“quote” as a label, normalised), in the order of the text


def offer(article: Article, reading: Read) -> Offer:
    names = tuple((name, normalise(name), number) for number, (_, sentence, _, _) in enumerate(reading.sentences)
                  if _EVENT.search(sentence) for name in _NAME.findall(sentence))
    quotes = tuple((f"“{quote.strip()}”", key) for paragraph in article.paragraphs for quote in _QUOTE.findall(paragraph)
                   if len((key := normalise(quote)).split()) >= 5)
    return Offer(tuple(normalise(paragraph) for paragraph in article.paragraphs), names, quotes)


def _outlet_key(source: Source) -> str:
    """Articles of unknown outlet count as separate outlets: nothing says they are the same."""
    return source.outlet if source.outlet != UNKNOWN else f"unknown:{source.article}"


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
            reads: list[Read] | None = None, offers: list[Offer] | None = None) -> list[Suggestion]:
    """Ranked candidate claims; ``registered`` are the claimant registry's names and aliases;
    ``reads`` and ``offers``: the entries' articles as corpus.read and ``offer`` read them, when
    the caller has them."""
    claimed = _claimed(archive.claims)
    speakers = sorted({normalise(n) for n in [e.claimant for e in archive.evidence if e.claimant] + list(registered)})
    known = _known(_covered_text(archive.claims), speakers)
    entries = archive.entries
    reads = reads if reads is not None else [read(entry.article) for entry in entries]
    offers = offers if offers is not None else [offer(entry.article, reading) for entry, reading in zip(entries, reads)]

    @cache
    def source(article: int, sentence: int) -> Source:
        paragraph, text = reads[article].sentences[sentence][:2]
        return Source(entries[article].slug, entries[article].article.meta.outlet, paragraph, text)

    facts: dict[str, set[Source]] = defaultdict(set)
    for i, offered in enumerate(offers):
        for name, key, sentence in offered.names:
            if not known(key):
                facts[name].add(source(i, sentence))
    amounts = [(amount, text, (i, sentence)) for i, reading in enumerate(reads)
               for sentence, stated in enumerate(reading.amounts) for amount, text in stated
               if not any(amount.close_to(c) for c in claimed[amount.kind])]
    label = _amount_labels(amounts)
    for amount, text, place in amounts:  # one fact per amount, whatever unit or spelling says it
        facts[label(amount)].add(source(*place))
    quoted = _quoted_in([normalise(e.quote) for e in archive.evidence])
    for text, sources in _quotes(offers, reads, source, quoted).items():
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

    @cache
    def quoted(key: str) -> bool:
        words = key.split()
        rarest = min(words[1:-1], key=lambda w: (len(holding.get(w, ())), w))  # keys have five words or more
        return (any(key in q for q in holding.get(rarest, ()))
                or any(q in key for w in set(words) for q in by_inner.get(w, ()))
                or any(q in key for q in short))

    return quoted


def _quotes(offers: list[Offer], reads: list[Read], source: Callable[[int, int], Source],
            quoted: Callable[[str], bool]) -> dict[str, set[Source]]:
    """Quoted words (five or more) found again, quoted or not, in other articles' paragraphs."""
    keys: dict[str, str] = {}  # label -> normalised quote
    for text, key in (q for offered in offers for q in offered.quotes):
        if not quoted(key):
            keys.setdefault(text, key)
    paragraphs = [(i, number, key) for i, offered in enumerate(offers) for number, key in enumerate(offered.keys, start=1)]
    words = {w for key in keys.values() for w in key.split()}
    index: dict[str, list[int]] = defaultdict(list)  # a word of a quote -> the paragraphs holding it, up to COMMON + 1
    for number, (_, _, key) in enumerate(paragraphs):
        for word in words.intersection(key.split()):
            index[word].append(number)
            if len(index[word]) > COMMON:  # a word in more paragraphs than that is never a probe: no need to count on
                words.discard(word)
    held = {key: [paragraphs[n] for n in _held(key, index, paragraphs)] for key in set(keys.values())}

    @cache
    def normalised(article: int, sentence: int) -> str:
        return normalise(reads[article].sentences[sentence][1])

    found: dict[str, set[Source]] = {}
    for text, key in keys.items():
        if len({i for i, _, _ in held[key]}) >= 2:  # the sentence of each paragraph that holds the quote's longest word
            rare = max(key.split(), key=len)
            found[text] = {source(i, n) for i, number, _ in held[key]
                           for n in [n for n, s in enumerate(reads[i].sentences) if s[0] == number
                                     and rare in normalised(i, n)][:1]}
    return found


def _held(key: str, index: dict[str, list[int]], paragraphs: list[tuple[int, int, str]]) -> list[int]:
    """The paragraphs that repeat a quote: those holding its longest word and close to it (or to a
    part of it), looked for only among those holding one of the quote's rarest words (the fewest
    paragraphs in the index, and at most COMMON): the cost per quote stays bounded."""
    rare = max(key.split(), key=len)
    probes = [w for w in sorted(set(key.split()), key=lambda w: (len(index.get(w, ())), w))[:PROBES]
              if len(index.get(w, ())) <= COMMON]  # words in more paragraphs than that are stock phrase

    candidates = {n: paragraphs[n][2] for n in set().union(*(index.get(w, ()) for w in probes)) if rare in paragraphs[n][2]}
    return [n for _, _, n in process.extract(key, candidates, scorer=fuzz.partial_ratio, score_cutoff=QUOTE_MATCH, limit=None)]
