"""Sum up a claim's evidence: sources per stance, claimants per side, first report, a verdict."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.model import STANCES, Claim, Evidence, Position

QUOTES = 3  # a page shows this many best quotes per source (claim page) or claim (claimant page); claims.json keeps them all

RATINGS = {  # verdict, from the quoted sentences -> (schema.org ratingValue on a 1-5 scale, alternateName)
    "supported": (5, "Supported by every quoted sentence that takes a side"),
    "contested": (3, "Contested: quoted sentences support it and dispute it"),
    "disputed": (1, "Disputed by every quoted sentence that takes a side"),
    "unrated": (2, "Mentioned, no quoted sentence takes a side"),
    "no-evidence": (0, "No evidence yet"),
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


@dataclass(frozen=True)
class Summary:
    claim: Claim
    evidence: tuple[Evidence, ...]  # in stance order, then date, article, paragraph
    rows: tuple[Row, ...]  # one per source, in stance order, then date, article
    sources: dict[str, int]  # stance -> number of articles taking it (one stance per article)
    sides: dict[str, int]  # stance -> number of articles with a sentence taking it (both sides count)
    claimants: dict[str, tuple[str, ...]]  # stance -> names
    first_reported: str | None
    verdict: str

    @property
    def contest(self) -> tuple:
        """Sort key: most contested first (both sides strong), then most sourced."""
        return (-min(self.sides["supports"], self.sides["disputes"]), -sum(self.sources.values()), self.claim.id)

    @property
    def rating(self) -> tuple[int, str]:
        return RATINGS[self.verdict]


def summarise(claim: Claim, evidence: list[Evidence], positions: list[Position]) -> Summary:
    mine = sorted(
        (e for e in evidence if e.claim == claim.id),
        key=lambda e: (STANCES.index(e.stance), e.date or "9999", e.article, e.paragraph),
    )
    quotes: dict[str, list[Evidence]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    for item in mine:
        quotes[item.article].append(item)
        if item.claimant:
            names[item.stance].add(item.claimant)
    held = sorted(
        (p for p in positions if p.claim == claim.id),
        key=lambda p: (STANCES.index(p.stance), p.date or "9999", p.article),
    )
    rows = []
    for position in held:
        best = sorted(quotes[position.article], key=lambda e: (-e.score, e.paragraph))
        rows.append(Row(position, *shortlist(best)))
    sources = {s: sum(p.stance == s for p in held) for s in STANCES}
    sides = {s: len({e.article for e in mine if e.stance == s}) for s in STANCES}
    if sides["supports"] and sides["disputes"]:
        verdict = "contested"
    elif sides["supports"]:
        verdict = "supported"
    elif sides["disputes"]:
        verdict = "disputed"
    else:
        verdict = "unrated" if mine else "no-evidence"
    dates = [e.date for e in mine if e.date]
    return Summary(
        claim=claim,
        evidence=tuple(mine),
        rows=tuple(rows),
        sources=sources,
        sides=sides,
        claimants={s: tuple(sorted(names[s])) for s in STANCES},
        first_reported=min(dates) if dates else None,
        verdict=verdict,
    )
