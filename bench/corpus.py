"""The benchmark's corpus: news articles made of real news sentences, with planted near-duplicates
and planted claim evidence, the same for the same seed.

The sentences are FNC-1's news bodies (``../shared/data/fnc-1/train_bodies.csv``, 1,683 bodies,
with the headlines of ``train_stances.csv``) when that folder is there, else the repository's own
sample of FNC-1 bodies (``tests/data/fnc-heldout-sample.jsonl``, 69 bodies, what CI uses). Bodies
that repeat another body's sentences (FNC-1 holds reprints of one report) are left out, and so
are the sentences of a body that repeat one of its own (as dedup compares them), so the only
copies in the corpus are the planted ones.

- An article is about half of one body's sentences in their order, then a few runs of sentences
  of bodies on the same story (bodies FNC-1 relates to a headline of the first), in paragraphs of
  one to three sentences; a headline related to its body as title, an outlet, an author and a
  date over eight months in front matter. No two articles share half of the shorter one's
  sentences.
- ``DUPLICATES`` (5 %) of the articles are syndicated copies of another: a paragraph dropped or
  one added, quotes restyled, a sentence's "said" made "says", a new title, outlet, author, date
  a day or two later. Each (original, copy) pair is recorded.
- Claims are FNC-1 headlines (one per story in turn, then a second, ...), written as a sentence
  (a word keeps its capital where the bodies capitalise it mid-sentence more often than not) and
  tracked with their statement only. Each claim is stated in ``PLANTED`` articles (on its story
  where the archive has them, else any): the statement as the outlet's own sentence, "X said
  that …" or "According to X, …", added to one of the first paragraphs. Each (claim, article)
  pair is recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.reading.sentences import sentences as split_sentences
from generator.dedup.fold import SENTENCE_MATCH, normalise
from generator.dedup.fold import sentences as fold_sentences
from generator.model import Article as Cleaned
from generator.model import Metadata

ROOT = Path(__file__).resolve().parent.parent
FNC1 = ROOT.parent / "shared" / "data" / "fnc-1"
SAMPLE = ROOT / "tests" / "data" / "fnc-heldout-sample.jsonl"

DUPLICATES = 0.05  # share of the articles that are planted copies of another
PLANTED = 3  # articles stating each claim
MAX_SHARED = 0.5  # two articles share less than this share of the shorter one's sentences
REPEATED_BODY = 0.3  # a body with this share of its sentences in a body kept before is a reprint
START = dt.date(2014, 9, 1)  # FNC-1's reports are from the autumn and winter of 2014-15
DAYS = 240
RELATED = ("agree", "discuss", "disagree")

OUTLETS = [f"{town} {kind}" for town in ("Bristol", "Dayton", "Leeds", "Perth", "Halifax", "Fresno", "Dundee",
                                          "Toledo", "Cork", "Tulsa", "Reno", "Exeter", "Albany", "Boise")
           for kind in ("Herald", "Courier", "Gazette", "Tribune", "Post")]
GIVEN = ["Anna", "James", "Maria", "David", "Sofia", "Michael", "Laura", "Peter", "Grace", "Daniel", "Helen",
         "Samuel", "Clara", "Thomas", "Nadia", "Robert", "Irene", "Oliver", "Ruth", "Victor"]
FAMILY = ["Keller", "Novak", "Okafor", "Lindqvist", "Moreau", "Haddad", "Brennan", "Castillo", "Ito", "Fischer",
          "Kowalski", "Adeyemi", "Larsen", "Romano", "Duarte", "Whitfield", "Sato", "Mbeki", "Quinn", "Varga"]
SPEAKERS = ["officials", "police", "a government spokesman", "the company", "a senior official", "witnesses",
            "a spokeswoman", "local media"]


@dataclass(frozen=True)
class Body:
    id: str
    sentences: tuple[str, ...]
    headlines: tuple[str, ...]  # headlines FNC-1 relates to this body (agree, discuss, disagree)


@dataclass
class Article:
    name: str  # file name in seeds/articles/
    title: str
    outlet: str
    author: str
    date: str
    paragraphs: list[str]
    body: str  # the FNC-1 body most of its sentences come from
    copy_of: str | None = None

    def markdown(self) -> str:
        import yaml

        front = yaml.safe_dump({"title": self.title, "outlet": self.outlet, "author": self.author, "date": self.date},
                               allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{front}---\n\n" + "\n\n".join(self.paragraphs) + "\n"


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str


@dataclass
class Corpus:
    articles: list[Article]
    claims: list[Claim]
    duplicates: list[tuple[str, str]]  # (original, copy) file names
    evidence: list[tuple[str, str, str]]  # (claim id, article file name, the sentence planted)
    extra: Article  # one more article, not in the archive: the incremental build adds it
    data: str  # where the sentences came from
    bodies: int  # bodies used
    stats: dict = field(default_factory=dict)


def load(data: str = "auto") -> tuple[list[Body], str]:
    """FNC-1's bodies ("fnc1"), the repository's sample of them ("sample"), or the first found ("auto")."""
    if data == "fnc1" or data == "auto" and (FNC1 / "train_bodies.csv").is_file():
        with open(FNC1 / "train_bodies.csv", encoding="utf-8", newline="") as handle:
            texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
        headlines: dict[str, list[str]] = defaultdict(list)
        with open(FNC1 / "train_stances.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["Stance"] in RELATED:
                    headlines[row["Body ID"]].append(row["Headline"])
        raw = [(key, texts[key], headlines.get(key, [])) for key in sorted(texts, key=int)]
        source = "FNC-1 train_bodies.csv"
    elif data in ("sample", "auto"):
        rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
        raw = [(str(r["body_id"]), r["body"], [h for h, stance in r["pairs"] if stance in RELATED]) for r in rows]
        source = f"{SAMPLE.relative_to(ROOT)}"
    else:
        raise ValueError(f"unknown data {data!r}: fnc1, sample or auto")
    bodies, seen = [], set()
    for key, text, related in raw:
        found = _once([s for line in text.splitlines() for s in split_sentences(" ".join(line.split()))
                       if 5 <= len(s.split()) <= 80 and s[-1] in ".!?\"”’'"])
        keys = {normalise(s) for s in found}
        if len(found) < 4 or len(keys & seen) >= REPEATED_BODY * len(keys):
            continue
        seen |= keys
        bodies.append(Body(key, found, tuple(dict.fromkeys(related))))
    return bodies, source


def _keys(sentences: list[str]) -> set[str]:
    """The sentence keys dedup compares (fold.sentences: its own split, normalised, five words or more)."""
    return set(fold_sentences(Cleaned("", Metadata(title=""), tuple(sentences), ())))


def _once(sentences: list[str]) -> tuple[str, ...]:
    """A body's sentences less those repeating an earlier one as dedup would see it (some FNC-1
    bodies hold their story twice, once with "Islamic State", once with "ISIS")."""
    from rapidfuzz import fuzz, process

    kept, keys = [], []
    for sentence in sentences:
        key = normalise(sentence)
        if not process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=SENTENCE_MATCH):
            kept.append(sentence)
            keys.append(key)
    return tuple(kept)


class _Case:
    """Which words the bodies capitalise mid-sentence (names) and which they write in lower case."""

    def __init__(self, bodies: list[Body]):
        self.upper, self.lower = Counter(), Counter()
        for body in bodies:
            for sentence in body.sentences:
                for word in re.findall(r"[A-Za-z][\w'’-]*", sentence)[1:]:
                    (self.upper if word[0].isupper() else self.lower)[word.casefold()] += 1

    def sentence(self, headline: str) -> str:
        """A headline as a sentence: a word keeps its capital where the bodies keep it, a full stop."""
        text = re.sub(r"\s*\([^)]*\)", "", " ".join(headline.split())).strip(" .:;,-–—")
        words = text.split(" ")
        for number, word in enumerate(words[1:], start=1):
            key = word.casefold().strip("\"“”‘’'.,;:!")
            if word[:1].isupper() and not word.isupper() and self.lower[key] >= self.upper[key]:
                words[number] = word[0].lower() + word[1:]
        text = " ".join(words)
        keep = any(c.isupper() for c in words[0][1:])  # iPhone, eBay
        return (text if keep else text[0].upper() + text[1:]) + "."

    def inside(self, sentence: str) -> str:
        """A sentence as the rest of another one: its first word lower-cased unless it is a name."""
        first, _, rest = sentence.partition(" ")
        key = first.casefold()
        if first.isupper() or self.upper[key] >= self.lower[key] and (self.upper[key] or first == "I"):
            return sentence
        return f"{first[0].lower()}{first[1:]} {rest}"


def _claimable(headline: str) -> bool:
    words = headline.split()
    return (6 <= len(words) <= 22 and "?" not in headline and ":" not in " ".join(words[:3])
            and headline[0] not in "\"“‘'" and "|" not in headline and not headline.isupper())


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    paragraphs, at = [], 0
    while at < len(sentences):
        size = rng.choices((1, 2, 3), (0.3, 0.45, 0.25))[0]
        paragraphs.append(" ".join(sentences[at:at + size]))
        at += size
    return paragraphs


class _Maker:
    def __init__(self, bodies: list[Body], rng: random.Random):
        self.bodies, self.rng = bodies, rng
        self.by_id = {b.id: b for b in bodies}
        self.topic: dict[str, list[Body]] = defaultdict(list)  # headline -> its bodies
        for body in bodies:
            for headline in body.headlines:
                self.topic[headline].append(body)
        self.all_headlines = sorted({h for b in bodies for h in b.headlines}) or ["News of the day"]
        self.index: dict[str, list[int]] = defaultdict(list)  # sentence key -> articles holding it
        self.keys: list[set[str]] = []
        self.order = list(bodies)
        rng.shuffle(self.order)
        self.retries = 0

    def _related(self, body: Body) -> list[Body]:
        near = {b.id: b for h in body.headlines for b in self.topic[h] if b.id != body.id}
        return [near[k] for k in sorted(near)]

    def _draft(self, body: Body) -> list[str]:
        """About half of the body's sentences in their order, then runs of two to five sentences of
        one to three bodies on the same story (their share of the body's more when it has none)."""
        rng = self.rng
        related = self._related(body)
        count = len(body.sentences)
        share = rng.uniform(0.35, 0.6) if related else rng.uniform(0.4, 0.75)
        chosen = sorted(rng.sample(range(count), max(3, min(count, 20, round(share * count)))))
        sentences = [body.sentences[n] for n in chosen]
        for other in rng.sample(related, min(len(related), rng.randint(1, 3))):
            start = rng.randrange(len(other.sentences))
            sentences += other.sentences[start:start + rng.randint(2, 5)]
        return sentences

    def _shared(self, keys: set[str]) -> float:
        shared: Counter[int] = Counter()
        for key in keys:
            shared.update(self.index.get(key, ()))
        return max((n / min(len(keys), len(self.keys[other])) for other, n in shared.items()), default=0.0)

    def original(self, number: int) -> Article:
        """A new article, mostly the sentences of the next body in turn, sharing less than
        MAX_SHARED of its sentences with any article made before."""
        rng = self.rng
        for attempt in range(60):
            body = self.order[(number + attempt // 6) % len(self.order)]
            sentences = self._draft(body)
            keys = _keys(sentences)
            if keys and self._shared(keys) < MAX_SHARED:
                break
            self.retries += 1
        else:
            raise RuntimeError(f"article {number}: no combination of sentences new enough; use fewer articles "
                               f"or more bodies (--data fnc1)")
        own = len(self.keys)
        self.keys.append(keys)
        for key in keys:
            self.index[key].append(own)
        title = rng.choice(body.headlines or self.all_headlines)
        date = START + dt.timedelta(days=rng.randrange(DAYS))
        return Article("", " ".join(title.split()), rng.choice(OUTLETS), f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                       date.isoformat(), _paragraphs(rng, sentences), body.id)

    def copy(self, original: Article) -> Article:
        """A syndicated copy: a paragraph dropped or added, quotes restyled, new title, outlet, date."""
        rng = self.rng
        paragraphs = list(original.paragraphs)
        if len(paragraphs) > 4 and rng.random() < 0.5:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        else:
            other = rng.choice(self.bodies)
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), rng.choice(other.sentences))
        if rng.random() < 0.7:
            curly = any(q in " ".join(paragraphs) for q in "“”’")
            table = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"}) if curly else None
            paragraphs = [p.translate(table) if table else re.sub(r'"([^"]*)"', r"“\1”", p) for p in paragraphs]
        said = [n for n, p in enumerate(paragraphs) if " said " in p]
        if said:
            n = rng.choice(said)
            paragraphs[n] = paragraphs[n].replace(" said ", " says ", 1)
        body = self.by_id[original.body]
        titles = [h for h in body.headlines if h != original.title] or [f"{original.title} (report)"]
        date = dt.date.fromisoformat(original.date) + dt.timedelta(days=rng.randint(0, 2))
        outlet = rng.choice([o for o in OUTLETS if o != original.outlet])
        return Article("", " ".join(rng.choice(titles).split()), outlet, rng.choice((f"{outlet} staff", "Wire staff")),
                       date.isoformat(), paragraphs, original.body, copy_of=original.name)


def make(articles: int, claims: int = 0, seed: int = 1, data: str = "auto") -> Corpus:
    """``articles`` article files (DUPLICATES of them planted copies) and ``claims`` claims, each
    stated in PLANTED articles; the same for the same arguments."""
    bodies, source = load(data)
    rng = random.Random(seed)
    maker = _Maker(bodies, rng)
    copies = round(articles * DUPLICATES)
    originals = [maker.original(n) for n in range(articles - copies + 1)]
    extra = originals.pop()
    names = [f"{n:05d}.md" for n in range(articles)]
    rng.shuffle(names)
    for article, name in zip(originals, names):
        article.name = name
    extra.name = f"{articles:05d}-new.md"

    case = _Case(bodies)
    on_body: dict[str, list[Article]] = defaultdict(list)
    for article in originals:
        on_body[article.body].append(article)
    tracked, planted, used = [], [], Counter()
    for headline in _headlines(maker, claims, rng, case):
        statement = case.sentence(headline)
        claim = Claim(f"claim-{len(tracked) + 1:04d}", statement)
        tracked.append(claim)
        story = sorted({a.name: a for b in maker.topic[headline] for a in on_body[b.id]}.values(), key=lambda a: a.name)
        targets = [a for a in rng.sample(story, len(story)) if used[a.name] < 2][:PLANTED]
        while len(targets) < min(PLANTED, len(originals)):
            other = rng.choice(originals)
            if other not in targets and used[other.name] < 2:
                targets.append(other)
        for article in targets:
            used[article.name] += 1
            sentence = _stated(rng, statement, case)
            at = rng.randrange(min(3, len(article.paragraphs)))
            article.paragraphs[at] = f"{article.paragraphs[at]} {sentence}"
            planted.append((claim.id, article.name, sentence))

    chosen = rng.sample(originals, copies)
    copied = []
    for original, name in zip(chosen, names[len(originals):]):
        copy = maker.copy(original)
        copy.name = name
        copied.append(copy)
    everything = sorted(originals + copied, key=lambda a: a.name)
    return Corpus(everything, tracked, [(a.copy_of, a.name) for a in copied], planted, extra, source,
                  len({a.body for a in everything}), {"retries": maker.retries, "bodies available": len(bodies)})


def _headlines(maker: _Maker, count: int, rng: random.Random, case: _Case) -> list[str]:
    """``count`` claimable headlines, from as many stories as there are: one headline of each story
    (a body and those on its story) in turn, then a second, and so on; no two the same statement."""
    bodies = list(maker.bodies)
    rng.shuffle(bodies)
    chosen, seen, claimed = [], set(), Counter()
    for round_ in range(1, 1000):
        added = False
        for body in bodies:
            if len(chosen) == count:
                return chosen
            story = [body.id] + [b.id for b in maker._related(body)]
            if max(claimed[b] for b in story) >= round_:
                continue
            fresh = [h for h in body.headlines if _claimable(h) and normalise(case.sentence(h)) not in seen]
            if fresh:
                headline = rng.choice(fresh)
                seen.add(normalise(case.sentence(headline)))
                chosen.append(headline)
                claimed[body.id] += 1
                added = True
        if not added:
            break
    return chosen


def _stated(rng: random.Random, statement: str, case: _Case) -> str:
    """The statement as an article would carry it: the outlet's own words, or a source's."""
    form = rng.randrange(3)
    if form == 0:
        return statement
    lowered = case.inside(statement)
    speaker = rng.choice(SPEAKERS)
    if form == 1:
        return f"{speaker[0].upper() + speaker[1:]} said that {lowered}"
    return f"According to {speaker}, {lowered}"


def write(corpus: Corpus, seeds: Path) -> None:
    """The corpus as a seeds folder: articles/*.md with front matter, claims/*.yml."""
    import yaml

    (seeds / "articles").mkdir(parents=True, exist_ok=True)
    (seeds / "claims").mkdir(parents=True, exist_ok=True)
    for article in corpus.articles:
        (seeds / "articles" / article.name).write_text(article.markdown(), encoding="utf-8")
    for claim in corpus.claims:
        (seeds / "claims" / f"{claim.id}.yml").write_text(
            yaml.safe_dump({"statement": claim.statement}, allow_unicode=True, width=1000), encoding="utf-8")
