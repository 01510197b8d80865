"""Group different reports of the same event into stories.

Each article becomes a sparse vector of its distinctive features: words weighted by how rare they
are in this archive (IDF), with names, places, numbers and quoted phrases counting extra. Articles
are taken oldest first; each joins the story whose centroid it is most similar to, discounted by
the gap in days to the story's dates, or starts a new story. Candidate stories are found through an
index of rare features (only the most recent stories holding each feature are looked at), so the
cost grows about linearly with the archive. Same input, same stories.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter, mul

from generator.dedup.slugs import article_slug
from generator.model import Article, Entry, Story

JOIN = 0.3  # least discounted cosine similarity to join a story
MERGE = 0.3  # least discounted cosine similarity between two stories' centroids to merge them
MERGE_ROUNDS = 4
KEEP = 100  # features kept per article vector
CENTROID = 200  # features kept per story centroid
PROBES = 12  # strongest features of an article (or centroid) used to find candidate stories
RECENT = 40  # stories looked at per probed feature (the most recent ones)
CANDIDATES = 10  # of those, stories compared: the ones sharing most probed features
GRACE_DAYS = 3  # reports this close to a story's dates are not discounted
HALF_LIFE_DAYS = 10  # beyond that, similarity halves every so many days
BOOST = {"name": 4.0, "number": 1.5, "quote": 2.0, "title": 1.3}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")
_QUOTE = re.compile(r"[“\"]([^”\"]{20,300})[”\"]")
_SENTENCE_START = ("", ".", "!", "?", ":", ";", '"', "“", "(")  # a capital after these starts a sentence
_STOP = frozenset("""
a about above after again against all almost also although am among an and another any are around as at
back be because been before being below between both but by can could did do does doing done down during
each either else even ever every few for from further had has have having he her here hers him his how
however i if in into is it its itself just last least less like made make many may me might more most much
must my near never new next no nor not now of off often on once one only or other our out over own per
perhaps rather said same says say see seen she should since so some still such than that the their them
then there these they this those though through to too under until up upon us very was we were what when
where whether which while who whom whose why will with within without would yet you your monday tuesday
wednesday thursday friday saturday sunday today yesterday tomorrow week weeks day days month months year
years time times mr mrs ms dr according told reported report reports news via two three four five six seven
eight nine ten first second third get got go going went come came take took well way people
""".split())
_MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())


@dataclass
class _Group:
    """A story being built: its members (entry indexes), summed vectors, centroid and date range."""

    members: list[int] = field(default_factory=list)
    weights: Counter = field(default_factory=Counter)
    first: int | None = None  # day numbers of the oldest and newest dated member
    last: int | None = None
    _centroid: dict | None = None  # made when first read after a change

    @property
    def centroid(self) -> dict:
        if self._centroid is None:
            self._centroid = _unit(_top(self.weights, CENTROID))
        return self._centroid

    def add(self, members: list[int], weights: dict, first: int | None, last: int | None) -> None:
        self.members += members
        self.weights.update(weights)
        if len(self.weights) > 4 * CENTROID:  # keep the strongest: the weak tail would hardly reach the centroid
            self.weights = Counter(_top(self.weights, 2 * CENTROID))
        self._centroid = None
        if first is not None:
            self.first = first if self.first is None else min(first, self.first)
            self.last = last if self.last is None else max(last, self.last)


def features(article: Article) -> Counter:
    """Counts of an article's words, names, numbers and quoted phrases, each keyed ``kind\0text``
    (``_key``; keys sort as the pairs (kind, text) would): a pure function of its title and
    paragraphs, which a build may keep between runs and compute on other processes."""
    found: list[str] = []
    for text, in_title in [(article.meta.title, True)] + [(p, False) for p in article.paragraphs]:
        for match in _WORD.finditer(text):
            token = match.group()
            keys = _token(token)
            if keys is None:
                continue
            word, name, title = keys
            if name is not None and token[0].isupper():
                start = match.start()
                if text[max(0, start - 3): start].rstrip()[-1:] not in _SENTENCE_START:
                    word = name
            found.append(word)
            if in_title and title is not None:
                found.append(title)
        for quote in _QUOTE.findall(text):
            words = [w.lower() for w in _WORD.findall(quote)]
            found.extend(_key("quote", " ".join(words[i:i + 4])) for i in range(len(words) - 3))
    return Counter(found)


def _key(kind: str, text: str) -> str:
    return f"{kind}\0{text}"


@functools.lru_cache(maxsize=65536)
def _token(token: str) -> tuple[str, str | None, str | None] | None:
    """A token's keys: as a word or number, as a name, in a title; None when it does not count.
    Kept per token, so each key is one string whose hash is computed once."""
    lower = token.lower().replace("’", "'")
    if lower in _STOP or lower in _MONTHS or (len(lower) < 3 and not token[0].isdigit()):
        return None
    if token[0].isdigit():
        return _key("number", token.replace(",", "").rstrip(".")), None, None
    stem = _stem(lower)
    return _key("word", stem), _key("name", stem), _key("title", stem)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Crude plural and possessive folding: "Russia's" -> "russia", "troops" -> "troop"."""
    word = word.removesuffix("'s").removesuffix("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _vectors(counted: list[Counter]) -> list[dict]:
    """Unit-length TF-IDF vectors, IDF from the archive itself, each truncated to its KEEP strongest
    features. A feature of one article matches nothing and is left out; the others are numbered in
    the order of their keys, so a number breaks a tie between weights as its key would."""
    df = Counter(chain.from_iterable(counted))
    shared = sorted(key for key, n in df.items() if n > 1)
    number = {key: n for n, key in enumerate(shared)}
    total = len(counted)
    idf = [math.log((total + 1) / df[key]) for key in shared]
    boost = [BOOST.get(key.partition("\0")[0], 1.0) for key in shared]
    vectors = []
    for counts in counted:
        weights = {}
        for key, n in counts.items():
            i = number.get(key)
            if i is not None:
                weights[i] = n * idf[i] * boost[i]
        vectors.append(_unit(_top(weights, KEEP)))
    return vectors


def _ranked(weights: dict) -> list[tuple]:
    """The items strongest first, ties in key order."""
    items = sorted(weights.items(), key=itemgetter(0))
    items.sort(key=itemgetter(1), reverse=True)  # stable: equal weights stay in key order
    return items


def _top(weights: dict, count: int) -> dict:
    if len(weights) > count:
        cut = sorted(weights.values(), reverse=True)[count - 1]  # the count-th weight
        weights = {k: w for k, w in weights.items() if w >= cut}
    return dict(_ranked(weights)[:count])


def _unit(weights: dict) -> dict:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items() if w > 0}


def _cosine(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def _day(date: str | None) -> int | None:
    return dt.date.fromisoformat(date).toordinal() if date else None


def _discount(first: int | None, last: int | None, group: _Group) -> float:
    """1 within GRACE_DAYS of the story's dates, then halving every HALF_LIFE_DAYS; 1 when either is undated."""
    if first is None or group.first is None:
        return 1.0
    gap = max(0, group.first - last, first - group.last) - GRACE_DAYS
    return 0.5 ** (gap / HALF_LIFE_DAYS) if gap > 0 else 1.0


def _probes(vector: dict) -> list:
    return [k for k, _ in _ranked(vector)[:PROBES]]


def _candidates(vector: dict, index: dict, allowed=None) -> list[int]:
    """The CANDIDATES groups sharing most of the vector's probe features (recent holders only),
    of those ``allowed`` (default: all)."""
    shared = Counter(chain.from_iterable(index.get(key, ())[-RECENT:] for key in _probes(vector)))
    if allowed is not None:
        shared = {g: n for g, n in shared.items() if allowed(g)}
    return [g for g, _ in _ranked(shared)[:CANDIDATES]]


def _best(vector: dict, first: int | None, last: int | None, candidates, groups: list[_Group], threshold: float):
    """The candidate group most similar to the vector, if any reaches the threshold."""
    best, best_score = None, threshold
    for g in candidates:
        score = _cosine(vector, groups[g].centroid) * _discount(first, last, groups[g])
        if score > best_score:
            best, best_score = g, score
    return best


def _cluster(entries: list[Entry], vectors: list[dict]) -> list[list[int]]:
    """Indexes of the entries in each group: one pass oldest first (undated last), then merges."""
    days = [_day(e.article.meta.date) for e in entries]
    order = sorted(range(len(entries)), key=lambda i: (days[i] is None, days[i] or 0, entries[i].slug))
    groups: list[_Group] = []
    index: dict[int, list[int]] = defaultdict(list)  # feature -> groups holding it, oldest first
    for i in order:
        candidates = _candidates(vectors[i], index)
        best = _best(vectors[i], days[i], days[i], candidates, groups, JOIN)
        if best is None:
            best = len(groups)
            groups.append(_Group())
        groups[best].add([i], vectors[i], days[i], days[i])
        for key in vectors[i]:
            holders = index[key]
            if not holders or holders[-1] != best:
                holders.append(best)
    return [g.members for g in _merge(groups)]


def _merge(groups: list[_Group]) -> list[_Group]:
    """Fold together groups whose centroids are similar enough, until none are."""
    for _ in range(MERGE_ROUNDS):
        index: dict[int, list[int]] = defaultdict(list)
        for g, group in enumerate(groups):
            for key in _probes(group.centroid):
                index[key].append(g)
        merged = False
        alive = [True] * len(groups)
        for g, group in enumerate(groups):
            if not alive[g]:
                continue
            candidates = _candidates(group.centroid, index, lambda h: h != g and alive[h])
            best = _best(group.centroid, group.first, group.last, candidates, groups, MERGE)
            if best is not None:
                other = groups[best]
                group.add(other.members, other.weights, other.first, other.last)
                alive[best], merged = False, True
        groups = [group for g, group in enumerate(groups) if alive[g]]
        if not merged:
            break
    return groups


def group(entries: list[Entry]) -> list[Story]:
    """Every canonical article in exactly one story; stories ordered by their oldest article."""
    return stories(entries, clusters(entries))


def clusters(entries: list[Entry], counted: list[Counter] | None = None) -> list[tuple[list[int], int]]:
    """Each story as (indexes of its entries, index of the one whose title names it); ``counted``:
    the entries' ``features``, when the caller has them."""
    counted = counted if counted is not None else [features(e.article) for e in entries]
    _token.cache_clear()  # its keys serve one archive's counts
    vectors = _vectors(counted)
    return [(members, _representative(members, vectors)) for members in _cluster(entries, vectors)]


def stories(entries: list[Entry], found: list[tuple[list[int], int]]) -> list[Story]:
    """The stories of ``clusters(entries)``, named and ordered by the entries' dates and slugs as they
    are now (the same entries, in the same order, perhaps since dated: stories.dating)."""
    named, taken = [], set()
    for members, representative in found:
        ordered = sorted(members, key=lambda i: (entries[i].article.meta.date or "9999", entries[i].slug))
        title = entries[representative].article.meta.title
        first_date = entries[ordered[0]].article.meta.date
        slug = base = article_slug(title, first_date)
        suffix = 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        taken.add(slug)
        named.append(Story(slug=slug, title=title, articles=tuple(entries[i].slug for i in ordered)))
    return named


def _representative(members: list[int], vectors: list[dict]) -> int:
    """The member closest to the story's centroid (ties: the first one grouped)."""
    centroid: Counter = Counter()
    for i in members:
        centroid.update(vectors[i])
    centroid_unit = _unit(dict(centroid))
    return max(members, key=lambda i: _cosine(vectors[i], centroid_unit))
