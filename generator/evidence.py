"""Find the sentences that bear on each tracked claim, with stance and claimant.

Claims are indexed by the opening letters of their key terms, so a sentence is only checked
against the claims whose terms it could contain: the cost grows with sentences, not claims x sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator import claimants, quantities
from generator.model import Claim, Entry, Evidence, Position

DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed)?|refut(?:e|es|ed)|rebuff(?:s|ed)?|"
    r"push(?:ed|ing)? back against|do(?:es)? not correspond to reality|not true|untrue|false)\b",
    re.I,
)
HEDGE = re.compile(r"\b(?:if confirmed|unclear|could not be (?:independently )?verified|unverified|whether)\b", re.I)
_CLAUSE_BREAK = re.compile(r",? but |; |,? though |,? while |, which | following | after ", re.I)
_SUBORDINATE = re.compile(r" (?:following|after) ", re.I)  # "… pushing back against X following reported gains"
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bsq)(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])")
_KEY = 4  # letters of a term the index is keyed on


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """'advance*' matches any ending; other words and phrases match whole (’ and ' alike)."""
    parts = []
    for word in words:
        body = re.escape(word.rstrip("*")).replace("'", "['’]").replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if word.endswith("*") else r"\b"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.I)


@dataclass(frozen=True)
class _Compiled:
    claim: Claim
    groups: tuple[re.Pattern, ...]
    predicate: re.Pattern | None
    context: re.Pattern | None
    amounts: tuple[quantities.Quantity, ...]


def _compile(claim: Claim) -> _Compiled:
    return _Compiled(
        claim,
        tuple(_pattern(group) for group in claim.terms),
        _pattern(claim.predicate) if claim.predicate else None,
        _pattern(claim.context) if claim.context else None,
        tuple(q for text in claim.quantities for q in quantities.find(text)),
    )


class Matcher:
    """Claims compiled once and indexed by the first letters of their first group's terms."""

    def __init__(self, claims: list[Claim], registry: claimants.Registry):
        self.registry = registry
        self.compiled = [_compile(c) for c in claims]
        self.index: dict[str, list[_Compiled]] = defaultdict(list)
        for item in self.compiled:
            for key in sorted({w.rstrip("*")[:_KEY].lower() for w in item.claim.terms[0]}):
                self.index[key].append(item)

    def candidates(self, sentence: str) -> list[_Compiled]:
        keys = {w[:_KEY] for w in re.findall(r"[a-z0-9]+", sentence.lower())}
        found = {id(c): c for key in sorted(keys) for c in self.index.get(key, ())}
        return sorted(found.values(), key=lambda c: c.claim.id)

    def article(self, entry: Entry) -> list[Evidence]:
        """Evidence for every claim in one article; 'he said' takes the previous speaker."""
        article = entry.article
        whole = " ".join((article.meta.title, *article.paragraphs))
        found, previous = [], None
        for number, paragraph in enumerate(article.paragraphs, start=1):
            for sentence in sentences(paragraph):
                stated = quantities.find(sentence)
                for item in self.candidates(sentence):
                    if item.context and not item.context.search(whole):
                        continue
                    positions = [g.search(sentence) for g in item.groups]
                    if not all(positions) or not quantities.compatible(list(item.amounts), stated):
                        continue
                    anchor = positions[0].start()
                    scope = max((m.end() for m in _SUBORDINATE.finditer(sentence, 0, anchor)), default=0)
                    claimant = claimants.attribute(sentence, anchor, self.registry, scope)
                    if claimant == claimants.PRONOUN:
                        claimant = previous
                    found.append(Evidence(
                        claim=item.claim.id, article=entry.slug, paragraph=number, quote=sentence,
                        stance=_stance(sentence, anchor, item), claimant=claimant,
                        outlet=article.meta.outlet, date=article.meta.date,
                    ))
                speaker = claimants.attribute(sentence, len(sentence), self.registry)
                if speaker and speaker != claimants.PRONOUN:
                    previous = speaker
        return found


def _stance(sentence: str, anchor: int, item: _Compiled) -> str:
    """disputes if its clause denies it, mentions if it hedges or lacks the predicate, else supports."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, anchor)), default=0)
    after = _CLAUSE_BREAK.search(sentence, anchor)
    clause = sentence[start: after.start() if after else len(sentence)]
    if DENIAL.search(clause):
        return "disputes"
    if HEDGE.search(clause) or (item.predicate and not item.predicate.search(sentence)):
        return "mentions"
    return "supports"


def match(entries: list[Entry], claims: list[Claim], registry: claimants.Registry) -> tuple[list[Evidence], list[Position]]:
    """Evidence for every claim across the canonical articles, claimant spellings merged,
    and each article's stance towards each claim it bears on."""
    matcher = Matcher(claims, registry)
    found = [e for entry in entries for e in matcher.article(entry)]
    names = claimants.canonical_names([e.claimant for e in found if e.claimant], registry)
    found = [
        Evidence(**{**e.__dict__, "claimant": names.get(e.claimant) if e.claimant else None})
        for e in found
    ]
    return found, positions(found)


def positions(found: list[Evidence]) -> list[Position]:
    """One stance per (claim, article): supports or disputes when the article takes only that
    side; an article that reports both sides, or only mentions the claim, mentions it."""
    grouped: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for item in found:
        grouped[(item.claim, item.article)].append(item)
    result = []
    for (claim, article), items in sorted(grouped.items()):
        stances = {e.stance for e in items}
        sides = stances - {"mentions"}
        stance = sides.pop() if len(sides) == 1 else "mentions"
        result.append(Position(
            claim=claim, article=article, stance=stance,
            claimants=tuple(sorted({e.claimant for e in items if e.claimant and e.stance == stance} or
                                   {e.claimant for e in items if e.claimant})),
            evidence=len(items), outlet=items[0].outlet, date=items[0].date,
            score=max(e.score for e in items),
        ))
    return result
