"""Each source's one stance towards a claim, its voice and its claimants: from its evidence
sentences when it has any, read with the stance model's reading of the passage around them, else
from the model's reading of its passage about the claim."""

from __future__ import annotations

from functools import lru_cache

from generator.claims import clauses, stance
from generator.model import Entry, Evidence, Position
from generator.reading.sentences import sentences


def _model_side(likely: dict[str, float], sentence: str) -> str:
    """The model's most likely stance of a passage no sentence of which states the claim, read
    around ``sentence``; not disputes when that sentence's only denial cue turns down a person or a
    plan ("was dismissed from service": the model counts every "dismissed", the rules do not)."""
    sides = [side for side in likely
             if side != "disputes" or stance.DENIES.search(sentence) or not stance.DENIAL.search(sentence)]
    return max(sides, key=lambda side: (likely[side], side))


def sentence_side(items: list[Evidence]) -> tuple[str, str, list[Evidence]]:
    """(stance, voice, the sentences that decide it) of a source from its evidence sentences: its
    own words decide when it states the claim itself (a report asserting it while quoting a denial
    supports it), else the sentences carrying it through claimants; "both" when they take both sides."""
    taking = [e for e in items if e.stance != "mentions"]
    own = [e for e in taking if not e.claimant and not e.attributed]
    deciding = own or taking
    sides = {e.stance for e in deciding}
    stance = "both" if len(sides) > 1 else sides.pop() if sides else "mentions"
    quoted = bool(deciding) and not own or not deciding and all(e.claimant or e.attributed for e in items)
    return stance, "quoted" if quoted else "own", deciding


CAVEAT_REACH = 2  # a "could not be verified" sentence covers its own paragraph and this many before it


@lru_cache(maxsize=8192)
def caveats(paragraphs: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """(paragraph, sentence) of each sentence saying what the report carries could not be verified."""
    return tuple((number, sentence) for number, paragraph in enumerate(paragraphs, start=1)
                 if stance.UNVERIFIED.search(paragraph) for sentence in sentences(paragraph)
                 if stance.UNVERIFIED.search(sentence))


def _caveat(deciding: list[Evidence], found: tuple[tuple[int, str], ...]) -> tuple[int, str] | None:
    """The caveat covering the deciding sentence that states the claim best, if one does: the
    source then only mentions the claim."""
    best = max(deciding, key=lambda e: (e.score, -e.paragraph), default=None)
    return next(((p, s) for p, s in found if best and p - CAVEAT_REACH <= best.paragraph <= p), None)


def _names(items: list[Evidence], stance_: str) -> tuple[str, ...]:
    return tuple(sorted({e.claimant for e in items if e.claimant and e.stance == stance_}))


def source(pair: tuple[str, int], items: list[Evidence], likely: dict[str, float], entry: Entry,
            relevance_: float, passage: tuple[int, str] | None, negations: int | None) -> Position:
    """One source's stance, voice and claimants: from its evidence sentences when it has any (the
    model reading the passage around them may turn a supporting source's voice to quoted, except in
    a brief, whose sentence is all there is), else from the model's reading of its passage.
    ``negations``: the claim's own count of negations when the article is a brief, else None."""
    meta, brief = entry.article.meta, negations is not None
    if items:
        side, voice, deciding = sentence_side(items)
        if not brief and side == "supports" and voice == "own" and _reports(likely):
            voice = "quoted"  # asserting it or reporting it: a denial in its own words stays its own
        caveat = _caveat(deciding, caveats(entry.article.paragraphs)) if side != "mentions" else None
        named = {"both": _names(deciding, "supports")}.get(side) or _names(deciding, side) or \
            tuple(sorted({e.claimant for e in items if e.claimant}))
        return Position(
            claim=pair[0], article=entry.slug, stance="mentions" if caveat else side, claimants=named,
            evidence=len(items), outlet=meta.outlet, date=meta.date,
            score=round(max([relevance_] + [e.score for e in items]), 3), voice=voice,
            deniers=_names(deciding, "disputes") if side == "both" else (), caveat=caveat,
        )
    if brief and passage:
        side, voice = brief_side(passage[1], likely, negations)
    else:
        side, voice = _model_side(likely, passage[1] if passage else ""), "own"
        side = "mentions" if side == "supports" and _reports(likely) else side
    return Position(claim=pair[0], article=entry.slug, stance=side, claimants=(), evidence=0, voice=voice,
                    outlet=meta.outlet, date=meta.date, score=round(relevance_, 3), passage=passage)


def _reports(likely: dict[str, float]) -> bool:
    """Whether the model reads a report's passage as reporting the claim rather than asserting it,
    with the weight its training gave agreeing pairs undone (each was shown ``Model.shown`` times):
    most reports carry a claim without asserting it, as FNC-1's bodies do. It decides between
    those two only: a source the model reads as disputing stays so, and none becomes so by it."""
    return likely["mentions"] > likely["supports"] / stance.Model.load().shown.get("agree", 1.0)


def brief_side(sentence: str, likely: dict[str, float], negations: int) -> tuple[str, str]:
    """(stance, voice) of a brief none of whose sentences states the claim in its words (a headline
    words it its own way): its closest sentence's cues when it denies or hedges, else the model's
    reading; quoted when that sentence attributes what it carries."""
    side = ("disputes" if stance.DENIES.search(sentence) else "mentions" if clauses.hedged(sentence)
            else "disputes" if clauses.negates(sentence, negations) else _model_side(likely, sentence))
    return side, "quoted" if stance.ATTRIBUTION.search(sentence) or clauses.TRAILING.search(sentence) else "own"
