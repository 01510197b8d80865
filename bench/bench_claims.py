"""Claim tracking measured on FNC-1: every headline tracked as a statement-only claim.

    .venv/bin/python bench/bench_claims.py [--data ../shared/data/fnc-1] [--bodies 300]

The bodies the stance model never saw (its held-out claim groups, `bench/train_stance.py`) become
articles, every headline paired with them becomes a claim with only `statement:`, and the
pipeline's per-source stances are read back as FNC-1 labels, by FNC-1's convention: supports in
the report's own words → agree, supports only through claimants (voice quoted), both sides and
mentions → discuss, disputes → disagree, no source → unrelated. Prints FNC-1's relative score, per-class
precision and recall, the confusion matrix and the time the claims stage took.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections import defaultdict
from pathlib import Path

import train_stance

from generator.claims import claimants, evidence
from generator.dedup import slugs
from generator.model import Article, Claim, Entry, Metadata

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("agree", "disagree", "discuss", "unrelated")


def as_label(position) -> str:
    """A source read by FNC-1's convention: a report carrying a claim only through others discusses it."""
    if position.stance == "supports":
        return "agree" if position.voice == "own" else "discuss"
    return "disagree" if position.stance == "disputes" else "discuss"


def load(data: Path, bodies: int) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """({body id: text}, [(headline, body id, label)]) for up to ``bodies`` held-out bodies."""
    texts, pairs = train_stance.read(data)
    _, held_out = train_stance.split(pairs)
    chosen = sorted({body for _, body, _ in held_out})[:bodies]
    keep = set(chosen)
    return {str(b): texts[b] for b in chosen}, [(h, str(b), label) for h, b, label in held_out if b in keep]


def entries_from(texts: dict[str, str]) -> list[Entry]:
    articles = []
    for body_id, text in sorted(texts.items(), key=lambda t: int(t[0])):
        paragraphs = tuple(" ".join(p.split()) for p in text.split("\n") if p.strip())
        articles.append(Article(f"{body_id}.txt", Metadata(title=f"Body {body_id}"), paragraphs, ()))
    return slugs.assign([Entry(a) for a in articles])


def score(gold: list[str], predicted: list[str]) -> float:
    """FNC-1's relative score: +0.25 related/unrelated right, +0.75 more for the exact related label."""
    def points(g: str, p: str) -> float:
        value = 0.25 if (g == "unrelated") == (p == "unrelated") else 0.0
        return value + (0.75 if g != "unrelated" and g == p else 0.0)
    best = sum(points(g, g) for g in gold)
    return sum(points(g, p) for g, p in zip(gold, predicted)) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/fnc-1")
    parser.add_argument("--bodies", type=int, default=300)
    options = parser.parse_args()
    texts, pairs = load(options.data, options.bodies)
    entries = entries_from(texts)
    headlines = sorted({h for h, _, _ in pairs})
    tracked = [Claim(id=f"claim-{n}", statement=h, source=f"claim-{n}.yml") for n, h in enumerate(headlines)]
    registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
    start = time.perf_counter()
    _, positions = evidence.match(entries, tracked, registry)
    seconds = time.perf_counter() - start
    by_claim = {c.id: c.statement for c in tracked}
    by_slug = {e.slug: e.article.source.removesuffix(".txt") for e in entries}
    stance = {(by_claim[p.claim], by_slug[p.article]): as_label(p) for p in positions}
    gold = [label for _, _, label in pairs]
    predicted = [stance.get((h, b), "unrelated") for h, b, _ in pairs]
    confusion: dict[tuple[str, str], int] = defaultdict(int)
    for g, p in zip(gold, predicted):
        confusion[(g, p)] += 1
    print(f"{len(texts)} bodies, {len(tracked)} statement-only claims, {len(pairs)} labelled pairs")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"claims stage {seconds:.1f} s")
    print(f"FNC-1 relative score: {score(gold, predicted):.3f}")
    print(f"{'':>10}" + "".join(f"{label:>11}" for label in LABELS) + "   recall")
    for g in LABELS:
        row = [confusion[(g, p)] for p in LABELS]
        print(f"{g:>10}" + "".join(f"{n:>11}" for n in row) + f"   {confusion[(g, g)] / max(1, sum(row)):.3f}")
    print(f"{'precision':>10}" + "".join(
        f"{confusion[(p, p)] / max(1, sum(confusion[(g, p)] for g in LABELS)):>11.3f}" for p in LABELS))
    false_links = sum(confusion[("unrelated", p)] for p in LABELS if p != "unrelated")
    print(f"false claim-article links: {false_links}")


if __name__ == "__main__":
    main()
