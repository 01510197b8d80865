"""Sum up a claim's evidence: sources per stance, claimants per side, first report, a verdict."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.model import STANCES, Claim, Evidence

RATINGS = {  # verdict -> (schema.org ratingValue on a 1-5 scale, alternateName)
    "supported": (5, "Supported by every source that takes a side"),
    "contested": (3, "Contested: sources support and dispute it"),
    "disputed": (1, "Disputed by every source that takes a side"),
    "unrated": (2, "Mentioned, no source takes a side"),
    "no-evidence": (0, "No evidence yet"),
}


@dataclass(frozen=True)
class Summary:
    claim: Claim
    evidence: tuple[Evidence, ...]  # in stance order, then date, article, paragraph
    sources: dict[str, int]  # stance -> number of articles taking it
    claimants: dict[str, tuple[str, ...]]  # stance -> names
    first_reported: str | None
    verdict: str

    @property
    def contest(self) -> tuple:
        """Sort key: most contested first (both sides strong), then most sourced."""
        return (-min(self.sources["supports"], self.sources["disputes"]), -sum(self.sources.values()), self.claim.id)

    @property
    def rating(self) -> tuple[int, str]:
        return RATINGS[self.verdict]

    def by_stance(self) -> list[tuple[str, list[Evidence]]]:
        return [(s, [e for e in self.evidence if e.stance == s]) for s in STANCES]


def summarise(claim: Claim, evidence: list[Evidence]) -> Summary:
    mine = sorted(
        (e for e in evidence if e.claim == claim.id),
        key=lambda e: (STANCES.index(e.stance), e.date or "9999", e.article, e.paragraph),
    )
    articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for item in mine:
        articles[item.stance].add(item.article)
        if item.claimant:
            names[item.stance].add(item.claimant)
    sources = {s: len(articles[s]) for s in STANCES}
    if sources["supports"] and sources["disputes"]:
        verdict = "contested"
    elif sources["supports"]:
        verdict = "supported"
    elif sources["disputes"]:
        verdict = "disputed"
    else:
        verdict = "unrated" if mine else "no-evidence"
    dates = [e.date for e in mine if e.date]
    return Summary(
        claim=claim,
        evidence=tuple(mine),
        sources=sources,
        claimants={s: tuple(sorted(names[s])) for s in STANCES},
        first_reported=min(dates) if dates else None,
        verdict=verdict,
    )
