"""Ways to browse the archive besides the article list: by outlet, claimant, tag and date.

Pure functions from the archive (and the claims' summaries) to small frozen records the templates
render; every list is in a fixed order, so pages come out byte-identical on every build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.claims.verdicts import Row, shortlist
from generator.dedup import slugs
from generator.model import SIDES, STANCES, UNKNOWN, Archive, Claim, Entry, Evidence, Position

TIMELINE_POINTS = 20  # a claim's timeline shows sources by day, else by month, else by year: at most this many points
UNDATED = "undated"


@dataclass(frozen=True)
class Names:
    """Page slugs for outlets, claimants and tags: distinct, ASCII, and never 'index' or 'page' (the
    folder of their index's later pages, ``claimants/page/2.md``)."""

    outlets: dict[str, str]
    claimants: dict[str, str]
    tags: dict[str, str]


@dataclass(frozen=True)
class Tally:
    """How many of a group's articles support, dispute or mention a claim."""

    claim: Claim
    counts: dict[str, int]  # stance -> articles


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    entries: tuple[Entry, ...]  # newest first
    claims: tuple[Tally, ...]  # most sources first


@dataclass(frozen=True)
class Said:
    """What one claimant said about one claim with one stance: the best quotes and how many more."""

    claim: Claim
    stance: str
    quotes: tuple[Evidence, ...]
    more: int


@dataclass(frozen=True)
class Claimant:
    name: str
    slug: str
    said: tuple[Said, ...]  # in stance order, then claim id

    def count(self, stance: str) -> int:
        return sum(len(s.quotes) + s.more for s in self.said if s.stance == stance)


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    entries: tuple[Entry, ...]  # newest first
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Activity:
    """A claim's sources on one day: how many took each stance, and which."""

    claim: Claim
    counts: dict[str, int]  # stance -> sources
    positions: tuple[Position, ...]  # by stance, outlet, article


@dataclass(frozen=True)
class Day:
    """One date of the timeline, with its own page: the articles published and the claims' sources that day."""

    date: str | None
    entries: tuple[Entry, ...]
    claims: tuple[Activity, ...]  # by claim id

    @property
    def key(self) -> str:
        return self.date or UNDATED

    @property
    def sources(self) -> int:
        return sum(len(a.positions) for a in self.claims)


@dataclass(frozen=True)
class Month:
    """A month of the timeline (or the undated articles), with a page listing its days."""

    key: str  # yyyy-mm, or "undated"
    days: tuple[Day, ...]  # newest first

    @property
    def articles(self) -> int:
        return sum(len(d.entries) for d in self.days)

    @property
    def sources(self) -> int:
        return sum(d.sources for d in self.days)


@dataclass(frozen=True)
class Moment:
    """One point of a claim's timeline: a date (or month) and the sources per stance."""

    when: str
    counts: dict[str, int]


def names(archive: Archive) -> Names:
    return Names(
        outlets=_slugs(e.article.meta.outlet for e in archive.entries),
        claimants=_slugs([e.claimant for e in archive.evidence if e.claimant] + [n for p in archive.positions for n in p.claimants]),
        tags=_slugs([t for e in archive.entries for t in e.article.meta.tags] + [t for c in archive.claims for t in c.tags]),
    )


def _slugs(values) -> dict[str, str]:
    return slugs.unique(list(values), reserved=frozenset({"index", "page"}))


def _newest_first(entries) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.article.meta.date or "", e.slug), reverse=True))


def _tallies(positions: list[Position], claims: dict[str, Claim]) -> tuple[Tally, ...]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SIDES, 0))
    for position in positions:
        counts[position.claim][position.stance] += 1
    ranked = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return tuple(Tally(claims[claim], tally) for claim, tally in ranked)


def outlets(archive: Archive, slug_of: dict[str, str]) -> tuple[Outlet, ...]:
    """Every outlet with its articles and the claims they bear on; the unknown outlet last."""
    claims = {c.id: c for c in archive.claims}
    entries: dict[str, list[Entry]] = defaultdict(list)
    for entry in archive.entries:
        entries[entry.article.meta.outlet].append(entry)
    outlet_of = {e.slug: e.article.meta.outlet for e in archive.entries}
    positions: dict[str, list[Position]] = defaultdict(list)
    for position in archive.positions:
        positions[outlet_of.get(position.article, position.outlet)].append(position)
    found = [Outlet(name, slug, _newest_first(entries[name]), _tallies(positions[name], claims)) for name, slug in slug_of.items()]
    return tuple(sorted(found, key=lambda o: (o.name == UNKNOWN, o.name.casefold(), o.slug)))


def claimants(archive: Archive, slug_of: dict[str, str]) -> tuple[Claimant, ...]:
    """Every claimant with the best quotes of what they asserted, disputed or only mentioned."""
    claims = {c.id: c for c in archive.claims}
    grouped: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for item in archive.evidence:
        if item.claimant:
            grouped[item.claimant, item.stance, item.claim].append(item)
    found = []
    for name, slug in slug_of.items():
        said = []
        for stance in STANCES:
            for claim in sorted(claims):
                items = sorted(grouped.get((name, stance, claim), ()), key=lambda e: (-e.score, e.date or "9999", e.article, e.paragraph))
                if items:
                    said.append(Said(claims[claim], stance, *shortlist(items)))
        found.append(Claimant(name, slug, tuple(said)))
    return tuple(sorted(found, key=lambda c: (c.name.casefold(), c.slug)))


def tags(archive: Archive, slug_of: dict[str, str]) -> tuple[Tag, ...]:
    entries: dict[str, list[Entry]] = defaultdict(list)
    for entry in archive.entries:
        for tag in dict.fromkeys(entry.article.meta.tags):
            entries[tag].append(entry)
    claims: dict[str, list[Claim]] = defaultdict(list)
    for claim in archive.claims:
        for tag in dict.fromkeys(claim.tags):
            claims[tag].append(claim)
    found = [Tag(name, slug, _newest_first(entries[name]), tuple(claims[name])) for name, slug in slug_of.items()]
    return tuple(sorted(found, key=lambda t: (t.name.casefold(), t.slug)))


def months(archive: Archive) -> tuple[Month, ...]:
    """The timeline: articles and claim sources by date, newest month first, undated last."""
    claims = {c.id: c for c in archive.claims}
    entries: dict[str | None, list[Entry]] = defaultdict(list)
    for entry in archive.entries:
        entries[entry.article.meta.date].append(entry)
    positions: dict[str | None, dict[str, list[Position]]] = defaultdict(lambda: defaultdict(list))
    for position in archive.positions:
        positions[position.date][position.claim].append(position)
    days: dict[str, list[Day]] = defaultdict(list)
    for date in sorted(set(entries) | set(positions), key=lambda d: d or "", reverse=True):
        activity = tuple(
            Activity(claims[claim], {s: sum(p.stance == s for p in held) for s in SIDES},
                     tuple(sorted(held, key=lambda p: (SIDES.index(p.stance), p.outlet, p.article))))
            for claim, held in sorted(positions[date].items())
        )
        days[date[:7] if date else UNDATED].append(Day(date, _newest_first(entries[date]), activity))
    return tuple(Month(key, tuple(group)) for key, group in days.items())


def claim_timeline(rows: tuple[Row, ...]) -> tuple[Moment, ...]:
    """When each source of a claim took its stance, oldest first: by day, month or year, whichever fits."""
    dates = {r.position.date for r in rows if r.position.date}
    width = next((w for w in (10, 7) if len({d[:w] for d in dates}) <= TIMELINE_POINTS), 4)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SIDES, 0))
    for row in rows:
        when = row.position.date[:width] if row.position.date else UNDATED
        counts[when][row.position.stance] += 1
    return tuple(Moment(when, counts[when]) for when in sorted(counts, key=lambda w: (w == UNDATED, w)))
