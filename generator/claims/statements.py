"""A claim's statement (and aliases) as concepts: what a sentence must say to state the same fact.

Content words become concepts weighted by their rarity in the archive and expanded to the spellings
it uses (stems, name variants, registered aliases such as Kyiv for Ukraine); event words become a
kind of event (terms.EVENTS) that absorbs paraphrase; amounts are read with their units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from generator.claims import claimants, quantities, terms
from generator.claims.corpus import Corpus
from generator.model import Claim


@dataclass(frozen=True)
class Concept:
    """One thing a claim names: the stems that state it in this archive, and its weight."""

    word: str
    stems: frozenset[str]
    weight: float
    named: bool  # a proper name: may be found in the paragraph or article instead of the sentence
    event: str | None = None  # the kind of event, for event words (matched by terms.events_in)
    amount: quantities.Quantity | None = None  # an amount, matched by value in any unit
    optional: bool = False  # counts when found, is not missed when absent


@dataclass(frozen=True)
class Phrasing:
    """A claim's statement or one of its aliases, as concepts."""

    text: str
    concepts: tuple[Concept, ...]
    events: tuple[str, ...]  # the kinds of event stated (that the matcher knows); a sentence needs one
    subject: frozenset[str]  # stems of the names before the first event: who acts

    @cached_property
    def words(self) -> frozenset[str]:
        """Every stem any of its word concepts may be stated by."""
        return frozenset(s for c in self.concepts if not c.event for s in c.stems)

    @cached_property
    def distinctive(self) -> Concept | None:
        """Its rarest word that is neither its event nor its actor: what it is about."""
        words = [c for c in self.concepts if c.stems and not c.event and not c.optional and not c.stems & self.subject]
        return max(words, key=lambda c: (c.weight, c.word)) if words else None

    @cached_property
    def openers(self) -> frozenset[str]:
        """Stems a sentence that bears on it (evidence.relevance) holds one of: the first stems of
        its kinds of event's phrases and its distinctive word if a name, or without events its words."""
        if not self.events:
            return self.words
        thing = self.distinctive
        named = thing.stems if thing and thing.named else frozenset()
        return named.union(*(terms.EVENT_FIRST[event] for event in self.events))

    @cached_property
    def _shares(self) -> dict[tuple[float, ...], float]:
        return {}  # share() of each list of values seen: articles and sentences repeat few of them

    def share(self, found: list[float]) -> float:
        """Weighted share of the concepts found (each 0..1); an absent optional concept is not missed."""
        key = tuple(found)
        if key not in self._shares:
            total = sum(c.weight for c, f in zip(self.concepts, found) if f or not c.optional)
            self._shares[key] = sum(c.weight * f for c, f in zip(self.concepts, found)) / total if total else 0.0
        return self._shares[key]


@dataclass(frozen=True)
class Target:
    """A claim compiled against the archive."""

    claim: Claim
    phrasings: tuple[Phrasing, ...]
    amounts: tuple[quantities.Quantity, ...]


def registry_aliases(registry: claimants.Registry) -> dict[str, set[str]]:
    """stem of a one-word registered name -> the stems of its claimant's other one-word names
    ("ukrain" -> {"ukrain", "kyiv", "kiev"})."""
    groups: dict[str, set[str]] = defaultdict(set)
    for name, spellings in registry.groups:
        for spelling in spellings:
            words = [w for w, _, _ in terms.tokens(spelling) if w.casefold() not in terms.STOP]
            if len(words) == 1:
                groups[name].add(terms.stem(words[0]))
    table: dict[str, set[str]] = defaultdict(set)
    for stems in groups.values():
        for stem in stems:
            table[stem] |= stems
    return table


def _without_amounts(text: str) -> str:
    """The statement with its amounts' numbers taken out ('2 km' goes, 'six children' keeps 'children')."""
    for amount, said in quantities.find_with_text(text):
        if amount.kind in ("length", "area"):
            text = text.replace(said, " ", 1)
        else:
            text = text.replace(said, said.split(maxsplit=1)[1], 1)
    return text


HEADLINE_CASE = 0.6  # share of a statement's words, past its first, capitalised: a headline's casing


def _title_cased(words: list[str]) -> bool:
    """Whether most words past the first are capitalised ("Small Meteorite Hits Managua")."""
    later = [w for w in words[1:] if w.casefold() not in terms.STOP]
    return bool(later) and sum(w[0].isupper() for w in later) >= HEADLINE_CASE * len(later)


def phrasing(text: str, corpus: Corpus, aliases: dict[str, set[str]]) -> Phrasing:
    """A statement -> its concepts, each weighted by its rarity in the archive; an amount weighs
    as much as the rarest word (a phrasing without one also matches sentences without one)."""
    words = terms.tokens(_without_amounts(text))
    stems = [terms.stem(w) for w, _, _ in words]
    rarest = corpus.idf(frozenset())
    concepts = [Concept(said, frozenset(), rarest, False, amount=q) for q, said in quantities.find_with_text(text)]
    covered: set[int] = set()
    event_start = len(words)
    for name, start, end in terms.events_in(stems):
        if covered & set(range(start, end)) or any(c.event == name for c in concepts):
            covered |= set(range(start, end))
            continue
        covered |= set(range(start, end))
        first = terms.EVENT_FIRST[name]
        concepts.append(Concept(words[start][0], first, corpus.idf(first), False, name))
        event_start = min(event_start, start)
    actor: list[Concept] = []  # the words before the event name who acts: any of them identifies it
    seen: set[str] = set()
    headline = _title_cased([w for w, _, _ in words])
    for index, ((word, _, _), stem) in enumerate(zip(words, stems)):
        if index in covered or word.casefold() in terms.STOP or stem in seen or len(word) < 2:
            continue
        seen.add(stem)
        # a name if the archive capitalises it mid-sentence, or if it is capitalised and the archive
        # never has it (unless the statement is a headline in Title Case or capitals: that proves nothing)
        named = stem in corpus.proper or (word[0].isupper() and not headline and stem not in corpus.postings)
        spellings = corpus.variants(stem) if named else {stem}
        for spelling in list(spellings):
            spellings |= aliases.get(spelling, set())
        concept = Concept(word, frozenset(spellings), corpus.idf(frozenset(spellings)), named)
        (actor if index < event_start and covered else concepts).append(concept)
    subject = frozenset(s for c in actor if c.named for s in c.stems)
    for concept in actor:  # "Ukrainian troops": the name identifies the actor, "troops" only adds to it
        concepts.append(replace(concept, optional=bool(subject) and not concept.named))
    return Phrasing(text, tuple(concepts), tuple(c.event for c in concepts if c.event), subject)


def compile_claim(claim: Claim, corpus: Corpus, aliases: dict[str, set[str]]) -> Target:
    texts = (claim.statement, *claim.aliases)
    amounts = {q for text in texts for q in quantities.find(text)}
    return Target(claim, tuple(phrasing(t, corpus, aliases) for t in texts), tuple(sorted(amounts, key=lambda q: (q.kind, q.value))))
