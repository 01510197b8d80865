"""Candidate claims: facts that canonical articles from different outlets repeat (an amount, a
name, a quoted sentence) but that no tracked claim covers, ranked by how many outlets repeat them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from generator import quantities
from generator.dedup import normalise
from generator.evidence import sentences
from generator.model import UNKNOWN, Archive, Entry

_QUOTE = re.compile(r"[“\"]([^“”\"]{20,300})[”\"]")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_EVENT = re.compile(r"\b(?:injur|kill|wound|hit|destroy|damag|captur|attack|explo|shell|strik|struck|died|dead)\w*", re.I)
SAME_AMOUNT = 0.02  # '95 kilometres' and '95 km' are one fact; '100 kilometres' is another
QUOTE_MATCH = 88  # rapidfuzz partial_ratio for a quote to be found in another article


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


def _outlet_key(source: Source) -> str:
    """Articles of unknown outlet count as separate outlets: nothing says they are the same."""
    return source.outlet if source.outlet != UNKNOWN else f"unknown:{source.article}"


def _sentences(entry: Entry):
    for number, paragraph in enumerate(entry.article.paragraphs, start=1):
        for sentence in sentences(paragraph):
            yield Source(entry.slug, entry.article.meta.outlet, number, sentence)


def _covered_words(archive: Archive) -> str:
    claims = archive.claims
    return normalise(" ".join([c.statement for c in claims] + [a for c in claims for a in c.aliases]))


def suggest(archive: Archive, registered: tuple[str, ...] = (), minimum_outlets: int = 2) -> list[Suggestion]:
    """Ranked candidate claims; ``registered`` are the claimant registry's names and aliases."""
    covered_text = _covered_words(archive)
    claimed = [q for c in archive.claims for text in (c.statement, *c.aliases) for q in quantities.find(text)]
    speakers = sorted({normalise(n) for n in [e.claimant for e in archive.evidence if e.claimant] + list(registered)})
    evidence_quotes = [normalise(e.quote) for e in archive.evidence]

    facts: dict[str, set[Source]] = defaultdict(set)
    amounts: list[tuple[quantities.Quantity, str, Source]] = []
    for entry in archive.entries:
        for source in _sentences(entry):
            for amount, text in quantities.find_with_text(source.sentence):
                if not any(amount.close_to(c) for c in claimed):
                    amounts.append((amount, text, source))
            if _EVENT.search(source.sentence):
                for name in _NAME.findall(source.sentence):
                    if not _known(normalise(name), covered_text, speakers):
                        facts[name].add(source)
    labels = _amount_labels(amounts)
    for amount, text, source in amounts:  # one fact per amount, whatever unit or spelling says it
        label = next((f for f, (q, _) in labels.items() if q.close_to(amount, SAME_AMOUNT)), text)
        facts[label].add(source)
    for label, sources in _quotes(archive, evidence_quotes).items():
        facts[label] |= sources

    grouped: dict[frozenset, list[str]] = defaultdict(list)
    for label, sources in facts.items():
        if len({_outlet_key(s) for s in sources}) >= minimum_outlets:
            grouped[frozenset(sources)].append(label)
    found = [
        Suggestion(tuple(sorted(labels)), min((s.sentence for s in group), key=lambda t: (len(t), t)),
                   tuple(sorted(group, key=lambda s: (s.article, s.paragraph, s.sentence))))
        for group, labels in grouped.items()
    ]
    return sorted(found, key=lambda s: (-s.outlets, -len(s.sources), s.facts))


def _known(name: str, covered_text: str, speakers: list[str]) -> bool:
    """A name a tracked claim already uses, or someone who makes claims (not a fact in itself)."""
    return (
        len(name.split()) < 2
        or name in covered_text
        or any(fuzz.partial_ratio(name, speaker) >= 90 for speaker in speakers)
    )


def _amount_labels(amounts) -> dict[str, tuple[quantities.Quantity, None]]:
    labels: dict[str, tuple[quantities.Quantity, None]] = {}
    for amount, text, _ in sorted(amounts, key=lambda a: (a[0].kind, a[0].value, a[1])):
        if not any(q.close_to(amount, SAME_AMOUNT) for q, _ in labels.values()):
            labels[text] = (amount, None)
    return labels


def _quotes(archive: Archive, evidence_quotes: list[str]) -> dict[str, set[Source]]:
    """Quoted words (five or more) found again, quoted or not, in other articles' paragraphs."""
    found: dict[str, set[Source]] = defaultdict(set)
    sources = [s for entry in archive.entries for s in _sentences(entry)]
    paragraphs = {(e.slug, n): normalise(p) for e in archive.entries for n, p in enumerate(e.article.paragraphs, start=1)}
    for entry in archive.entries:
        for number, paragraph in enumerate(entry.article.paragraphs, start=1):
            for quote in _QUOTE.findall(paragraph):
                key = normalise(quote)
                if len(key.split()) < 5 or any(key in q or q in key for q in evidence_quotes):
                    continue
                rare = max(key.split(), key=len)
                places = {place for place, text in paragraphs.items()
                          if rare in text and fuzz.partial_ratio(key, text) >= QUOTE_MATCH}
                if len({slug for slug, _ in places}) < 2:
                    continue
                for place in places:  # the sentence of each paragraph that holds the quote's rarest word
                    found[f"“{quote.strip()}”"].update(
                        [s for s in sources if (s.article, s.paragraph) == place and rare in normalise(s.sentence)][:1])
    return found
