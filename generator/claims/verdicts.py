"""Sum up a claim's sources: how many take each stance, claimants per side, first report, and a
verdict line read from those same counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Summary:
    claim: Claim
    evidence: tuple[Evidence, ...]  # in stance order, then date, article, paragraph
    rows: tuple[Row, ...]  # one per source, in SIDES order, then date, article
    sources: dict[str, int]  # SIDES -> number of sources taking it (one stance per source)
    claimants: dict[str, tuple[str, ...]]  # "supports" / "disputes" -> who asserts / denies it in the listed sources
    first_reported: str | None
    verdict: str

    @property
    def contest(self) -> tuple:
        """Sort key: most contested first (both sides strong), then most sourced."""
        backing, denying = self.sources["supports"] + self.sources["both"], self.sources["disputes"] + self.sources["both"]
        return (-min(backing, denying), -sum(self.sources.values()), self.claim.id)

    @property
    def line(self) -> str:
        return VERDICTS[self.verdict]


def carried(position: Position) -> str:
    """How a source carries the claim, in words (feeds, the terminal; pages link the names)."""
    if position.voice == "own":
        return "in its own words"
    if position.stance == "both":
        return f"quoting {', '.join(position.claimants) or 'others'} (asserting) and {', '.join(position.deniers) or 'others'} (denying)"
    return f"quoting {', '.join(position.claimants) or 'others'}"


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
    )
