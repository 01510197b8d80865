"""Find the sentences that bear on each tracked claim, with relevance, stance and claimant, and
each article's one stance towards each claim it bears on.

A sentence is evidence when it states the claim's kind of event, names the claim's actors, places
and things (in the sentence, or for names in its paragraph or article), covers most of the claim's
weight (statements.py) and states no incompatible amount. Articles bear on a claim when they cover
enough of it; the stance model reads their passage about it, only where its reading can change
what the page says.

Retrieval is indexed (corpus.py): an inverted index from stems to sentences gives each claim its
candidate articles, so the cost grows with the archive and the claims, not their product.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Set
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from generator.claims import claimants, clauses, digest, passages, quantities, sources, stance
from generator.claims.corpus import Corpus, Read, Sentence
from generator.claims.statements import Phrasing, Target, compile_claim, registry_aliases
from generator.model import Claim, Entry, Evidence, Position

THRESHOLD = 0.6  # share of the claim's weight a sentence must cover
BEARING = 0.2  # share of the claim's weight an article must cover to be read by the stance model
STATED = 0.4  # … to be searched for sentences stating it even when the model finds it unrelated
NEAR_NAME = 0.6  # a name found in the sentence's paragraph, not the sentence, counts this much
FAR_NAME = 0.4  # … found elsewhere in the article (or its title)
MENTION = 0.6  # share of a claim's weight, its event aside, a sentence naming its things must cover
RETRIEVE = 8  # a claim's rarest words looked up in the index
BRIEF = 4  # sentences: a shorter article is a brief, judged by its sentences rather than the model
# A report with no sentence stating the claim is a source only about the same event (Matcher.about, _in_time):
NAMED = 0.5  # it names this share of the claim's named things (by weight),
REST = 0.4  # covers this share of all the claim says beyond its actor,
EVENT_DAYS = 31  # and, dated, is no further than this from a dated report stating the claim;
RELATED = 0.5  # and the model's probability of it being unrelated is below this;
SURE = 0.05  # or, below this, when it states the event and amounts but names only SURE_NAMED
SURE_NAMED = 0.34  # of the claim's named things
SURE_REST = 0.3  # and covers SURE_REST of the rest;
BRIEF_BEARING = 0.3  # a brief must cover this share of the claim, and the model read it as related
BRIEF_RELATED = 0.05  # (its probability of unrelated below this); or cover BEARING, read as related
BRIEF_SURE = 0.001  # below this
BARE = 0.05  # a number a brief writes is a count of the claim within this share of it
FINDINGS = "findings"  # what a store keeps a claim's findings under (Matcher.findings)


@dataclass(frozen=True)
class Hit:
    score: float  # share of the phrasing's weight the sentence covers
    anchor: int  # index of the stem the claim is anchored on (its event, else its first word)
    mention: bool  # names the claim's things without stating its event: mentions it at most


def relevance(index: int, amounts: list[quantities.Quantity], phrasing: Phrasing, corpus: Corpus,
              actors: frozenset[str]) -> Hit | None:
    """How sentence ``index`` bears on the phrasing, or None when it cannot state the same fact."""
    sentence = corpus.sentences[index]
    stems = corpus.stem_set(index)
    events = corpus.events(index)
    stated = [events[e] for e in phrasing.events if e in events]
    anchor = min(stated) if stated else None
    if phrasing.events and not stated:
        thing = phrasing.distinctive
        if not (thing and thing.named and thing.stems & stems):
            return None  # neither states its event nor names its distinctive thing
    elif not stated and not phrasing.words & stems:
        return None
    paragraph, article = corpus.around(sentence)
    names = names_found = 0.0
    inside = 0  # things other than the actor named in the sentence itself
    found: list[float] = []
    for concept in phrasing.concepts:
        value = 0.0
        if concept.event:
            value = float(concept.event in events)
        elif concept.amount:
            value = float(any(q.close_to(concept.amount) for q in amounts))
            inside += value > 0
        elif concept.stems & stems:
            value = 1.0
            inside += not concept.stems & phrasing.subject and not concept.optional
            if anchor is None:
                anchor = next(i for i, s in enumerate(sentence.stems) if s in concept.stems)
        elif concept.named and concept.stems & paragraph:
            value = NEAR_NAME
        elif concept.named and concept.stems & article:
            value = FAR_NAME
        found.append(value)
        if concept.named and not concept.stems & phrasing.subject:
            names += concept.weight
            names_found += concept.weight if value else 0.0
    if names_found < names / 2 or anchor is None:
        return None  # the places and things it names are mostly absent from the article: another story
    if _other_actor(sentence, stems, anchor, phrasing, actors):
        return None
    if phrasing.events and not stated:
        own = phrasing.share([0.0 if c.event else f for c, f in zip(phrasing.concepts, found)])
        rest = _event_share(phrasing)
        thing = phrasing.distinctive
        if inside >= 2 and thing and thing.named and thing.stems & stems and own >= MENTION * (1 - rest):
            return Hit(round(own / 2, 3), anchor, True)
        return None
    return Hit(phrasing.share(found), anchor, False)


def bearing(stems: Set[str], events: Collection[str], amounts: list[quantities.Quantity], phrasing: Phrasing) -> float:
    """Share of the phrasing's weight an article covers anywhere in its text: whether it bears on the claim."""
    return phrasing.share([
        float(concept.event in events) if concept.event
        else float(any(q.close_to(concept.amount) for q in amounts)) if concept.amount
        else float(not concept.stems.isdisjoint(stems))
        for concept in phrasing.concepts
    ])


def _other_actor(sentence: Sentence, stems: Set[str], anchor: int, phrasing: Phrasing, actors: frozenset[str]) -> bool:
    """The event is done by someone else: the claim's actor is absent from the sentence (its
    ``stems``) and another registered actor (a government, a capital) is named before the event, in its clause."""
    if not phrasing.subject or phrasing.subject & stems:
        return False
    known = set().union(*(c.stems for c in phrasing.concepts))
    position = sentence.starts[anchor]
    clause = max((m.end() for m in clauses.CLAUSE_START.finditer(sentence.text, 0, position)), default=0)
    return any(s in actors and s not in known and start >= clause
               for s, start in zip(sentence.stems[:anchor], sentence.starts))


@dataclass(frozen=True)
class Findings:
    """What one claim's matching finds before the stance model reads: the articles bearing on it
    (entry -> share of the claim it covers), the sentences stating it, and for each article
    bearing on it with none, the probability of unrelated the model must read below (about)."""

    claim: str
    bearing: dict[int, float]
    stating: list[Evidence]
    told: dict[int, float]


def _better(hit: Hit, other: Hit) -> bool:
    return (not hit.mention, hit.score) > (not other.mention, other.score)


class Matcher:
    """Claims compiled against one archive; finds, for each claim, its evidence sentences."""

    def __init__(self, entries: list[Entry], claims: list[Claim], registry: claimants.Registry,
                 reads: list[Read] | None = None):
        self.corpus = Corpus(entries, reads)
        self.registry = registry
        aliases = registry_aliases(registry)
        self.actors = frozenset(v for stem in aliases for v in self.corpus.variants(stem))
        self.targets = [compile_claim(c, self.corpus, aliases) for c in sorted(claims, key=lambda c: c.id)]
        self.denials = {c.id: bool(stance.DENIES.search(c.statement)) for c in claims}  # "Russia denied that …"
        self.negations = {c.id: len(clauses.NEGATED.findall(c.statement)) for c in claims}
        self._facts: dict[int, tuple[frozenset[str], list[quantities.Quantity]]] = {}
        self._written: dict[int, frozenset[float]] = {}
        self._told: dict[tuple[int, tuple[float, ...], bool], float] = {}
        self._claim_keys: dict[str, str] = {}  # claim id -> _claim_key()
        self._shared = digest.digest(registry, self.actors)  # what every claim's findings read

    def amounts(self, index: int) -> list[quantities.Quantity]:
        return list(self.corpus.amounts[index])

    def brief(self, entry: int) -> bool:
        """Whether an article is a brief: fewer than BRIEF sentences (a headline, a wire snippet)."""
        return len(self.corpus.by_entry.get(entry, ())) < BRIEF

    def _article_facts(self, entry: int) -> tuple[frozenset[str], list[quantities.Quantity]]:
        """(kinds of event, amounts) stated anywhere in an article."""
        if entry not in self._facts:
            events, amounts = set(), []
            for index in self.corpus.by_entry.get(entry, ()):
                events.update(self.corpus.events(index))
                amounts += self.amounts(index)
            self._facts[entry] = (frozenset(events), amounts)
        return self._facts[entry]

    def retrieved(self, phrasing: Phrasing) -> list[int]:
        """The articles that may bear on a phrasing: those naming one of its RETRIEVE rarest words."""
        words = sorted((c for c in phrasing.concepts if c.stems and not c.event and not c.optional),
                       key=lambda c: (-c.weight, c.word))[:RETRIEVE]
        return self.corpus.articles_with(frozenset(s for c in words for s in c.stems))

    def bearings(self, target: Target) -> dict[int, float]:
        """entry -> how much of the claim the article covers, for the articles that bear on it."""
        found: dict[int, float] = {}
        for phrasing in target.phrasings:
            entries = self.retrieved(phrasing)
            for entry, value in zip(entries, self.coverage(phrasing, entries)):
                if value >= BEARING and value > found.get(entry, 0.0):
                    found[entry] = value
        return found

    def findings(self, target: Target, store: passages.Store | None = None) -> Findings:
        """What the claim's matching finds before the stance model reads. A ``store`` keeps it at
        two levels, under digests of all they read (the compiled claim with its word weights, the
        registry, the actors' spellings; an article's slug, outlet, date and text): which articles
        bear on the claim, while the articles its words retrieve are the same; and each article's
        evidence sentences and what ``about`` asks of it, so that a claim one more article
        touches reads that article alone, and only a changed claim reads them all again."""
        if store is None:
            return self._find(target, self.bearings(target))
        pool = sorted(set().union(*(self.retrieved(p) for p in target.phrasings)))
        whole = digest.digest(self._claim_key(target), "".join(map(self._identities.__getitem__, pool)))
        kept = store.get(FINDINGS, whole)
        bearing = {pool[i]: value for i, value in kept} if kept is not None else self.bearings(target)
        keys = {entry: self._pair_key(target, entry) for entry in sorted(bearing)}
        each = {entry: store.get(FINDINGS, key) for entry, key in keys.items()}  # (its evidence, told)
        missing = [entry for entry, found in each.items() if found is None]
        if missing:
            fresh = self._find(target, {entry: bearing[entry] for entry in missing})
            stating = defaultdict(list)
            for item in fresh.stating:
                stating[item.article].append(item)
            for entry in missing:
                each[entry] = (tuple(stating[self.corpus.entries[entry].slug]), fresh.told.get(entry, 0.0))
                store.put(FINDINGS, keys[entry], each[entry])
        if kept is None:
            at = {entry: i for i, entry in enumerate(pool)}
            store.put(FINDINGS, whole, tuple((at[entry], value) for entry, value in bearing.items()))
        return Findings(target.claim.id, bearing, [item for stating, _ in each.values() for item in stating],
                        {entry: told for entry, (_, told) in each.items() if told})

    def _find(self, target: Target, bearing: dict[int, float]) -> Findings:
        """The findings in the articles bearing on the claim (``bearing``)."""
        articles = sorted(bearing)
        stating = self.evidence(target, articles)
        stated = {e.article for e in stating}
        unstated = [entry for entry in articles if self.corpus.entries[entry].slug not in stated]
        briefs = {entry for entry in unstated if self.brief(entry)}
        told = {entry: below for entry, below in zip(unstated, self.about(target, unstated, briefs)) if below}
        return Findings(target.claim.id, bearing, stating, told)

    def _claim_key(self, target: Target) -> str:
        """The digest of all a claim's findings read besides the articles: the compiled claim, the
        registry, the actors' spellings."""
        if target.claim.id not in self._claim_keys:
            self._claim_keys[target.claim.id] = digest.digest(target, self._shared)
        return self._claim_keys[target.claim.id]

    def _pair_key(self, target: Target, entry: int) -> str:
        """What the claim's findings in one article are kept under."""
        return self._claim_key(target) + self._identities[entry]

    @cached_property
    def _identities(self) -> list[str]:
        """All of each article that matching reads: its slug, outlet, date (in evidence) and text."""
        return [digest.digest(e.slug, e.article.meta.outlet, e.article.meta.date or "", e.article.meta.title,
                              *e.article.paragraphs) for e in self.corpus.entries]

    def stated(self, phrasing: Phrasing, entries: list[int]) -> list[tuple[float, ...]]:
        """Which of the phrasing's concepts each article states anywhere (1.0 or 0.0 each): its kind
        of event, an amount close to its amount, one of its stems (title included); a concept at a time."""
        if not entries:
            return []
        columns = []
        for concept in phrasing.concepts:
            if concept.event:
                columns.append([concept.event in self._article_facts(e)[0] for e in entries])
            elif concept.amount:
                columns.append([any(q.close_to(concept.amount) for q in self._article_facts(e)[1]) for e in entries])
            else:
                columns.append(self.corpus.holding(concept.stems)[entries])
        return list(map(tuple, np.column_stack(columns).astype(float).tolist()))

    def coverage(self, phrasing: Phrasing, entries: list[int]) -> list[float]:
        """bearing() of each of the articles."""
        return [phrasing.share(row) for row in self.stated(phrasing, entries)]

    def closest(self, target: Target, entry: int) -> tuple[int, str] | None:
        """(paragraph, sentence) of the article that covers most of the claim."""
        best, where = 0.0, None
        for index in self.corpus.by_entry.get(entry, ()):
            sentence = self.corpus.sentences[index]
            stems, events = self.corpus.stem_set(index), self.corpus.events(index)
            if not any(p.words & stems for p in target.phrasings):
                continue
            value = max(bearing(stems, events, self.amounts(index), p) for p in target.phrasings)
            if value > best:
                best, where = value, (sentence.paragraph, sentence.text)
        return where

    def passage(self, target: Target, entry: int, store: passages.Store | None) -> tuple[int, str] | None:
        """closest(), kept in ``store`` beside the claim's findings in the article."""
        if store is None:
            return self.closest(target, entry)
        key = self._pair_key(target, entry) + ":closest"
        kept = store.get(FINDINGS, key)
        if kept is None:
            kept = (self.closest(target, entry),)
            store.put(FINDINGS, key, kept)
        return kept[0]

    def about(self, target: Target, entries: list[int], briefs: Set[int]) -> list[float]:
        """How sure the stance model must be that each report, none of whose sentences states the
        claim, tells of the same thing: the probability of unrelated it must read below (0: it
        cannot be a source). RELATED when for one phrasing the report states an amount close to the
        claim's and, unless it is a brief (a headline words things its own way), states its kind of
        event, names most of its places, people and things (NAMED of their weight) and covers REST
        of all it says beyond its actor; SURE when it names fewer of them (SURE_NAMED, SURE_REST)."""
        told = [0.0] * len(entries)
        for phrasing in target.phrasings:
            for i, row in enumerate(self.stated(phrasing, entries)):
                if entries[i] in briefs:
                    row = self._counted(phrasing, entries[i], row)
                key = (id(phrasing), row, entries[i] in briefs)  # articles repeat few rows
                if key not in self._told:
                    self._told[key] = _tells(phrasing, row, key[2])
                told[i] = max(told[i], self._told[key])
        return told

    def _counted(self, phrasing: Phrasing, entry: int, row: tuple[float, ...]) -> tuple[float, ...]:
        """A brief's ``row`` with the claim's amounts all stated or all not. A headline words
        things its own way ("Student, 9," for "a 9 year old", "gold 4,000" for "between 4,000 and
        5,000") or leaves the amounts out: it states them when it writes no number, or writes one
        close to one of them (a count as any number within BARE of it, whatever it says is counted)."""
        if entry not in self._written:
            self._written[entry] = quantities.numbers(
                " ".join(self.corpus.sentences[i].text for i in self.corpus.by_entry.get(entry, ())))
        written, measured = self._written[entry], self._article_facts(entry)[1]
        amounts = [c.amount for c in phrasing.concepts if c.amount]
        stated = not written or any(any(quantities.near(a.value, n, BARE) for n in written) if a.count
                                    else any(q.close_to(a) for q in measured) for a in amounts)
        return tuple(float(stated) if c.amount else v for c, v in zip(phrasing.concepts, row))

    def evidence(self, target: Target, articles: list[int]) -> list[Evidence]:
        """The sentences stating the claim in the given articles."""
        best: dict[int, Hit] = {}
        for phrasing in target.phrasings:
            least = _least_share(phrasing)
            for entry, covered in zip(articles, self.coverage(phrasing, articles)):
                if covered < least - 1e-9:
                    continue  # a sentence covers no more of the claim than its article does
                for index in self.corpus.by_entry[entry]:
                    if phrasing.openers.isdisjoint(self.corpus.sentences[index].stems):
                        continue  # relevance() would find nothing
                    hit = relevance(index, self.amounts(index), phrasing, self.corpus, self.actors)
                    if hit and (hit.mention or hit.score >= THRESHOLD) and (index not in best or _better(hit, best[index])):
                        best[index] = hit
        return [
            self._evidence(target.claim, index, hit)
            for index, hit in sorted(best.items())
            if quantities.compatible(list(target.amounts), self.amounts(index))
        ]

    def _evidence(self, claim: Claim, index: int, hit: Hit) -> Evidence:
        sentence = self.corpus.sentences[index]
        article = self.corpus.entries[sentence.entry]
        position = sentence.starts[hit.anchor]
        scope = max((m.end() for m in clauses.SUBORDINATE.finditer(sentence.text, 0, position)), default=0)
        claimant = claimants.attribute(sentence.text, position, self.registry, scope)
        if claimant == claimants.PRONOUN:
            claimant = self._previous_speaker(index)
        unnamed = claimant == claimants.UNNAMED  # "a ministry spokesman said": quoted, naming no one
        claimant = None if unnamed else claimant
        start = max((m.end() for m in clauses.CLAUSE_BREAK.finditer(sentence.text, 0, position)), default=0)
        negations = self.negations[claim.id] if self.brief(sentence.entry) else None
        side = "mentions" if hit.mention else clauses.clause_stance(sentence.text, position, self.denials[claim.id], negations)
        attributed = claimant is None and (unnamed or bool(clauses.UNNAMED.search(sentence.text, start, position)
                                                           or clauses.TRAILING.search(sentence.text, position)))
        if side == "disputes" and claimant and clauses.denied_before(sentence.text, position, sentence.text.find(claimant)):
            claimant, attributed = None, False  # the report's own denial of what its speaker asserts
        return Evidence(
            claim=claim.id, article=article.slug, paragraph=sentence.paragraph, quote=sentence.text, stance=side,
            claimant=claimant, outlet=article.article.meta.outlet, date=article.article.meta.date,
            score=round(min(hit.score, 1.0), 3), attributed=attributed,
        )

    def _previous_speaker(self, index: int) -> str | None:
        """'he said': the last speaker named in the same article before this sentence."""
        entry = self.corpus.sentences[index].entry
        for earlier in range(index - 1, max(-1, index - 6), -1):
            sentence = self.corpus.sentences[earlier]
            if sentence.entry != entry:
                return None
            speaker = claimants.attribute(sentence.text, len(sentence.text), self.registry)
            if speaker and speaker not in (claimants.PRONOUN, claimants.UNNAMED):
                return speaker
        return None


def match(entries: list[Entry], claims: list[Claim], registry: claimants.Registry,
          mapper: passages.Mapper = passages.in_process, store: passages.Store | None = None,
          reads: list[Read] | None = None) -> tuple[list[Evidence], list[Position]]:
    """Evidence for every claim across the canonical articles, claimant spellings merged, and each
    article's one stance towards each claim it is a source of: the side its evidence sentences
    take, read with the stance model's reading of its passage about the claim (passages.py, in
    batches given to ``mapper``, e.g. a process pool; their features and each claim's findings
    kept in ``store``).
    ``reads``: the entries' articles as corpus.read reads them, when the caller has them."""
    matcher = Matcher(entries, claims, registry, reads)
    findings = [matcher.findings(target, store) for target in matcher.targets]
    candidates = {(f.claim, entry): value for f in findings for entry, value in f.bearing.items()}
    stating = [e for f in findings for e in f.stating]
    # The model reads a passage with no evidence around it only where that can change the outcome: a
    # pair covering less than STATED counts its sentences only when the model finds it related, and a
    # pair with none is a source only when it tells of the same thing (about) and the model agrees.
    told = {(f.claim, entry): below for f in findings for entry, below in f.told.items()}
    statements = {c.id: c.statement for c in claims}
    number = {e.slug: n for n, e in enumerate(entries)}
    quotes: dict[tuple[str, int], set[str]] = defaultdict(set)  # (claim, entry) -> the sentences stating it
    for item in stating:
        quotes[(item.claim, number[item.article])].add(item.quote)
    stated = quotes.keys()
    briefs = {n for n in range(len(entries)) if matcher.brief(n)}
    targets = {t.claim.id: t for t in matcher.targets}
    weak = sorted(pair for pair in candidates if pair in stated and candidates[pair] < STATED or pair in told)
    around = {pair: frozenset(found_in) for pair, found_in in quotes.items()}  # read again, around its evidence sentences
    jobs = [(*pair, frozenset()) for pair in weak] + [(*pair, a) for pair, a in around.items()]
    texts = {entry: "\n".join((entries[entry].article.meta.title, *entries[entry].article.paragraphs))
             for entry in sorted({entry for _, entry, _ in jobs})}  # only the articles the model reads
    readings = passages.read(jobs, statements, texts, mapper, store)
    found = [e for e in stating if candidates[(e.claim, number[e.article])] >= STATED
             or readings[(e.claim, number[e.article], frozenset())][0] < RELATED]
    names = claimants.canonical_names([e.claimant for e in found if e.claimant], registry)
    found = [replace(e, claimant=names.get(e.claimant) if e.claimant else None) for e in found]
    grouped: dict[tuple[str, str], list[Evidence]] = defaultdict(list)  # (claim, article slug) -> its sentences
    for item in found:
        grouped[(item.claim, item.article)].append(item)
    read = {pair: readings[(*pair, frozenset())] for pair in weak}
    read |= {(claim, number[slug]): readings[(claim, number[slug], around[(claim, number[slug])])] for claim, slug in grouped}
    dated = defaultdict(set)  # claim -> days of the articles with a sentence stating it
    for (claim, slug), items in grouped.items():
        dated[claim].update(_day(e.date) for e in items if e.date)
    days = {claim: sorted(found) for claim, found in dated.items()}
    result = []
    for (claim, entry), (unrelated, likely) in sorted(read.items()):
        items = grouped.get((claim, entries[entry].slug), [])
        if not items and (unrelated >= told.get((claim, entry), 0.0)
                          or entry in briefs and not _brief_source(candidates[(claim, entry)], unrelated)
                          or not _in_time(entries[entry].article.meta.date, days.get(claim, []))):
            continue
        passage = None if items else matcher.passage(targets[claim], entry, store)
        if items or passage:
            relevance_ = max(candidates[(claim, entry)], 1.0 - unrelated)
            result.append(sources.source((claim, entry), items, likely, entries[entry], relevance_, passage,
                                  matcher.negations[claim] if entry in briefs else None))
    return found, result


def _tells(phrasing: Phrasing, row: tuple[float, ...], brief: bool) -> float:
    """Matcher.about for one phrasing, from which of its concepts an article states (``row``)."""
    concepts = phrasing.concepts
    rest = [i for i, c in enumerate(concepts) if not c.stems & phrasing.subject and not c.optional]
    named = [i for i in rest if concepts[i].named]

    def share(chosen: list[int]) -> float:
        total = sum(concepts[i].weight for i in chosen)
        return sum(concepts[i].weight for i in chosen if row[i]) / total if total else 1.0

    if not all(row[i] for i in rest if concepts[i].amount or concepts[i].event and not brief):
        return 0.0
    if brief or share(named) >= NAMED and share(rest) >= REST:
        return RELATED
    return SURE if share(named) >= SURE_NAMED and share(rest) >= SURE_REST else 0.0


def _least_share(phrasing: Phrasing) -> float:
    """The least share of the phrasing an article can cover and hold a sentence that relevance()
    accepts as evidence: THRESHOLD, or for a sentence naming its things without its event, MENTION
    of what it says beyond the event."""
    return min(THRESHOLD, MENTION * (1 - _event_share(phrasing))) if phrasing.events else THRESHOLD


def _event_share(phrasing: Phrasing) -> float:
    """Share of the phrasing's weight its kinds of event carry."""
    return sum(c.weight for c in phrasing.concepts if c.event) / max(1e-9, sum(c.weight for c in phrasing.concepts))


def _brief_source(covered: float, unrelated: float) -> bool:
    """Whether a brief none of whose sentences states the claim may be a source: a headline words
    things its own way, so the less of the claim it covers, the surer the model must be it is related."""
    return covered >= BRIEF_BEARING and unrelated < BRIEF_RELATED or unrelated < BRIEF_SURE


def _in_time(date: str | None, days: list[int]) -> bool:
    """Whether a report, when dated, falls within EVENT_DAYS of a dated report stating the claim
    (``days``: theirs, sorted)."""
    if not (date and days):
        return True
    day = _day(date)
    at = bisect.bisect_left(days, day)
    return min(abs(day - d) for d in days[max(0, at - 1):at + 1]) <= EVENT_DAYS


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()
