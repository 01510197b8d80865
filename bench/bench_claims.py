"""Claim tracking measured on FNC-1: every headline tracked as a statement-only claim.

    .venv/bin/python bench/bench_claims.py [--data ../shared/data] [--bodies 300] [--split development|final]

FNC-1 bodies become articles, every headline paired with them becomes a claim with only
`statement:`, and the pipeline's per-source stances are read back as FNC-1 labels by FNC-1's
convention (bench/through_pipeline.py): supports in the report's own words → agree, supports only
through claimants (voice quoted), both sides and mentions → discuss, disputes → disagree, no source
→ unrelated. Prints FNC-1's relative score, per-class precision and recall, the confusion matrix and
the time the claims stage took.

``--split development`` (the default) takes bodies of the development pool (bench/stance_data.py),
each fold's bodies read with the model fitted without that fold (bench/through_pipeline.py), so
that the matcher's rules can be tuned on them. ``final`` takes the final split's bodies, which nothing was
trained or tuned on: score it once, for the figures the docs quote.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
from collections import defaultdict
from pathlib import Path

import stance_data
import train_stance
from through_pipeline import fold_model, model_in_use, print_confusion, read_back

from generator.dedup import slugs
from generator.model import Article, Claim, Entry, Metadata

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("agree", "disagree", "discuss", "unrelated")


def load(pooled: stance_data.Data, bodies: int, split: str) -> dict[int, list[stance_data.Pair]]:
    """The FNC-1 pairs of up to ``bodies`` bodies of the split (chosen in hash order), by fold: the
    development pool's by their body's cross-validation fold, the final split's all as fold -1."""
    pairs = [p for p in (pooled.final() if split == "final" else pooled.development()) if p.set == stance_data.FNC]
    ordered = sorted({p.body for p in pairs}, key=lambda b: hashlib.sha256(str(b).encode()).hexdigest())
    keep = set(ordered[:bodies])
    by_fold: dict[int, list[stance_data.Pair]] = defaultdict(list)
    for pair in pairs:
        if pair.body in keep:
            by_fold[-1 if split == "final" else stance_data.fold(pair.group)].append(pair)
    return by_fold


def read_fold(pairs: list[stance_data.Pair], model) -> tuple[list[str], float]:
    """The label read back for each pair, its bodies as articles and its headlines as claims."""
    texts = {str(p.body): p.text for p in pairs}
    headlines = sorted({p.claim for p in pairs})
    tracked = [Claim(id=f"claim-{n}", statement=h, source=f"claim-{n}.yml") for n, h in enumerate(headlines)]
    id_of = {c.statement: c.id for c in tracked}
    with model_in_use(model):
        said, seconds = read_back(entries_from(texts), tracked, ("agree", "disagree", "discuss"))
    return [said.get((id_of[p.claim], str(p.body)), "unrelated") for p in pairs], seconds


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
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--split", choices=("development", "final"), default="development")
    options = parser.parse_args()
    pooled = train_stance.load(options.data)
    by_fold = load(pooled, options.bodies, options.split)
    development = options.split == "development"
    gold, predicted, seconds = [], [], 0.0
    for k, pairs in sorted(by_fold.items()):
        said, took = read_fold(pairs, fold_model(pooled, k) if development else None)
        gold += [p.label for p in pairs]
        predicted += said
        seconds += took
    bodies = len({p.body for pairs in by_fold.values() for p in pairs})
    claims = sum(len({p.claim for p in pairs}) for pairs in by_fold.values())
    print(f"{bodies} bodies ({options.split} split{', each fold read by its own model' if development else ''}), "
          f"{claims} statement-only claims, {len(gold)} labelled pairs")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"claims stage {seconds:.1f} s in all")
    print(f"FNC-1 relative score: {score(gold, predicted):.3f}")
    print_confusion(list(zip(gold, predicted)), LABELS, LABELS)
    print(f"false claim-article links: {sum(g == 'unrelated' and p != 'unrelated' for g, p in zip(gold, predicted))}")


if __name__ == "__main__":
    main()
