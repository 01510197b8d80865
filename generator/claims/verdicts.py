"""Sum up a claim's sources: how many take each stance, claimants per side, first report, and a
verdict line read from those same counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from generator.claims import quantities
from generator.model import SIDES, STANCES, Claim, Evidence, Position

QUOTES = 3  # a page shows this many best quotes per source (claim page) or claim (claimant page); claims.json keeps them all

VERDICTS = {  # read from the sources' stances -> the line shown beside their counts
    "contested": "Contested: sources support it and sources dispute it",
    "supported": "Supported: sources support it, none disputes it",
    "disputed": "Disputed: sources dispute it, none supports it",
    "unrated": "Mentioned only: no source takes a side",
    "no-evidence": "No source yet",
}


@dataclass(frozen=True)
class Row:
    """One source on a claim page: its stance, its best quotes and how many more it has."""

    position: Position
    quotes: tuple[Evidence, ...]
    more: int


def shortlist(ranked: list[Evidence]) -> tuple[tuple[Evidence, ...], int]:
    """(the first QUOTES of ranked quotes, how many more there are)."""
    return tuple(ranked[:QUOTES]), max(0, len(ranked) - QUOTES)


DIFFER = 0.15  # two figures of one kind further apart than this share of the larger are flagged


@dataclass(frozen=True)
class Figure:
    """An amount one source gives for the claim, with the words and the sentence that state it."""

    words: str
    value: float
    evidence: Evidence


@dataclass(frozen=True)
class Discrepancy:
    """Sources giving different amounts of one kind for the same claim ("2 km" against "up to 1.5 km")."""

    kind: str
    figures: tuple[Figure, ...]  # one per source and amount, smallest first


def discrepancies(claim: Claim, evidence: list[Evidence]) -> tuple[Discrepancy, ...]:
    """Where the claim's sources disagree on its amounts: per kind of amount the claim states, the
    figures its evidence sentences give, when two sources' figures differ by more than DIFFER."""
    kinds = {q.kind for text in (claim.statement, *claim.aliases) for q in quantities.find(text)}
    found: dict[str, dict[tuple[str, float], Figure]] = defaultdict(dict)
    for item in evidence:
        for quantity, words in quantities.find_with_text(item.quote):
            if quantity.kind in kinds:
                found[quantity.kind].setdefault((item.article, round(quantity.value, 3)), Figure(words, quantity.value, item))
    result = []
    for kind, figures in sorted(found.items()):
        ranked = sorted(figures.values(), key=lambda f: (f.value, f.evidence.article, f.evidence.paragraph))
        apart = [(low, high) for low, high in ((ranked[0], _last(ranked, ranked[0])), (_first(ranked, ranked[-1]), ranked[-1]))
                 if low and high and high.value - low.value > DIFFER * high.value]
        if apart:
            result.append(Discrepancy(kind, tuple(ranked)))
    return tuple(result)


def _first(ranked: list[Figure], other: Figure) -> Figure | None:
    return next((f for f in ranked if f.evidence.article != other.evidence.article), None)


def _last(ranked: list[Figure], other: Figure) -> Figure | None:
    return _first(ranked[::-1], other)


@dataclass(frozen=True)
class Summary:
    claim: Claim
    evidence: tuple[Evidence, ...]  # in stance order, then date, article, paragraph
    rows: tuple[Row, ...]  # one per source, in SIDES order, then date, article
    sources: dict[str, int]  # SIDES -> number of sources taking it (one stance per source)
    claimants: dict[str, tuple[str, ...]]  # "supports" / "disputes" -> who asserts / denies it in the listed sources
    first_reported: str | None
    verdict: str
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def contest(self) -> tuple:
        """Sort key: most contested first (both sides strong), then most sourced."""
        backing, denying = self.sources["supports"] + self.sources["both"], self.sources["disputes"] + self.sources["both"]
        return (-min(backing, denying), -sum(self.sources.values()), self.claim.id)

    @property
    def line(self) -> str:
        return VERDICTS[self.verdict]


def carried(position: Position, name: Callable[[str], str] = str) -> str:
    """How a source carries the claim: in its own words, or quoting whom (for "both": who asserts,
    who denies), "unnamed sources" where the report names none; each claimant as ``name`` writes
    it (the pages link them)."""
    def quoting(names: tuple[str, ...], nobody: str) -> str:
        return ", ".join(map(name, names)) or nobody

    if position.voice == "own":
        return "in its own words"
    if position.stance == "both":
        return f"quoting {quoting(position.claimants, 'others')} (asserting) and {quoting(position.deniers, 'others')} (denying)"
    return f"quoting {quoting(position.claimants, 'unnamed sources')}"


def verdict(sources: dict[str, int]) -> str:
    """The verdict the source counts give: both sides present, one side, mentions only, or none."""
    backing, denying = sources["supports"] + sources["both"], sources["disputes"] + sources["both"]
    if backing and denying:
        return "contested"
    if backing or denying:
        return "supported" if backing else "disputed"
    return "unrated" if sources["mentions"] else "no-evidence"


def summarise(claim: Claim, evidence: list[Evidence], positions: list[Position]) -> Summary:
    mine = sorted(
        (e for e in evidence if e.claim == claim.id),
        key=lambda e: (STANCES.index(e.stance), e.date or "9999", e.article, e.paragraph),
    )
    quotes: dict[str, list[Evidence]] = defaultdict(list)
    for item in mine:
        quotes[item.article].append(item)
    held = sorted(
        (p for p in positions if p.claim == claim.id),
        key=lambda p: (SIDES.index(p.stance), p.date or "9999", p.article),
    )
    rows = []
    for position in held:
        best = sorted(quotes[position.article], key=lambda e: (-e.score, e.paragraph))
        rows.append(Row(position, *shortlist(best)))
    sources = {s: sum(p.stance == s for p in held) for s in SIDES}
    asserted = {n for p in held if p.stance in ("supports", "both") for n in p.claimants}
    denied = {n for p in held if p.stance == "disputes" for n in p.claimants} | {n for p in held for n in p.deniers}
    dates = [p.date for p in held if p.date]
    return Summary(
        claim=claim,
        evidence=tuple(mine),
        rows=tuple(rows),
        sources=sources,
        claimants={"supports": tuple(sorted(asserted)), "disputes": tuple(sorted(denied))},
        first_reported=min(dates) if dates else None,
        verdict=verdict(sources),
        discrepancies=discrepancies(claim, [e for e in mine if e.article in {p.article for p in held}]),
    )
