"""Per-sentence stance: the matcher's clause cues against the stance model, on one sentence at a time.

    python bench/bench_sentence_stance.py [--data ../shared/data]

Two kinds of labelled sentence, both from the final split of bench/stance_data.py (claim groups
held out from the model's training and from every modelling choice):

- Emergent headlines: one sentence each, labelled against their claim (for / against / observing);
- FNC-1, which labels whole bodies, not sentences: the nearest thing to a labelled sentence is a
  body's sentence closest to the headline (the largest share of the headline's IDF weight, at
  least MINIMUM), labelled with the body's stance.

For each, this prints accuracy and confusion matrix of:

- the matcher's reading (clauses.py: the stance model's cues in the clause holding the claim);
- the shipped stance model reading the sentence alone (its most likely related stance);
- a logistic regression over the same clause and sentence cues, trained on the closest sentences
  of the development pool's bodies (class-balanced; FNC-1 only): what a sentence model learnt
  from these labels can do;
- always "discuss", the most frequent label.

The labels are weak (a body that reports a claim through a source is "discuss" in FNC-1, while
its closest sentence may assert it; the seed gold calls that "supports"), so these figures say
how far FNC-1 can teach per-sentence stance, not how right the matcher is. Emergent's labels
are the sentence's own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
from collections import Counter
from pathlib import Path

import numpy as np
import stance_data
import train_stance

from generator.claims import clauses, stance

MINIMUM = 0.4
SIDES = ("agree", "disagree", "discuss")
AS_LABEL = {"supports": "agree", "disputes": "disagree", "mentions": "discuss"}


def closest(headline: str, body: str, vocab: stance.Vocabulary) -> str | None:
    """The body's sentence covering most of the headline's IDF weight, if it covers MINIMUM."""
    weights = {t: vocab.weight(t) for t in stance._content(stance.tokens(headline), vocab.stop)}
    total = math.fsum(weights.values())
    scored = [(stance._coverage(weights, total, set(stance.tokens(s))), n, s) for n, s in enumerate(stance.split_sentences(body))]
    best = max(scored, key=lambda item: (item[0], -item[1]))
    return best[2] if best[0] >= MINIMUM else None


def anchor(headline: str, sentence: str, vocab: stance.Vocabulary) -> int:
    """Where the claim sits in the sentence: its rarest headline word (the matcher uses the event)."""
    words = set(stance.tokens(headline))
    found = [(vocab.weight(m.group().lower()), -m.start(), m.start()) for m in re.finditer(r"\w\w+", sentence) if m.group().lower() in words]
    return max(found)[2] if found else 0


def sentences(bodies: dict[int, str], pairs: list, vocab: stance.Vocabulary) -> list[tuple[str, str, str]]:
    """(headline, closest sentence, body stance) for the related pairs."""
    rows = []
    for headline, body, label in pairs:
        if label != "unrelated" and (sentence := closest(headline, bodies[body], vocab)):
            rows.append((headline, sentence, label))
    return rows


def cues(headline: str, sentence: str, vocab: stance.Vocabulary) -> list[float]:
    """The cues in the clause holding the claim, then in the whole sentence, then in the headline."""
    return [*stance.cue_counts(clauses.clause(sentence, anchor(headline, sentence, vocab))),
            *stance.cue_counts(sentence), *stance.cue_counts(headline)]


def show(name: str, truth: list[str], predicted: list[str]) -> None:
    matrix = Counter(zip(truth, predicted))
    right = sum(matrix[(s, s)] for s in SIDES)
    print(f"\n{name}: accuracy {right / len(truth):.3f}")
    print(" " * 10 + "".join(f"{p:>10}" for p in SIDES))
    for t in SIDES:
        print(f"{t:<10}" + "".join(f"{matrix[(t, p)]:>10}" for p in SIDES))


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=train_stance.DATA, help="folder holding fnc-1/, emergent-dev/, climate-fever/")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {dt.date.today().isoformat()}")
    bodies, pairs = train_stance.read(args.data / "fnc-1")
    training, held = train_stance.split(pairs, args.data)
    model = stance.Model.load()
    train_rows, rows = sentences(bodies, training, model.vocab), sentences(bodies, held, model.vocab)
    learnt = LogisticRegression(max_iter=2000, class_weight="balanced").fit(
        np.array([cues(h, s, model.vocab) for h, s, _ in train_rows]), [label for _, _, label in train_rows])
    headlines = [(p.claim, p.text, p.label) for p in train_stance.load(args.data).final() if p.set == stance_data.EMERGENT]
    fnc_title = (f"FNC-1 closest sentences (coverage >= {MINIMUM}) of the final split's bodies; "
                 f"the regression learns from {len(train_rows)} of the development bodies")
    for title, chosen in ((f"Emergent headlines of the final split ({len({h for h, _, _ in headlines})} claims)", headlines),
                          (fnc_title, rows)):
        truth = [label for _, _, label in chosen]
        print(f"\n=== {title}: {len(chosen)} sentences {dict(sorted(Counter(truth).items()))}")
        show("matcher (clause cues)", truth,
             [AS_LABEL[clauses.clause_stance(s, anchor(h, s, model.vocab))] for h, s, _ in chosen])
        probabilities = model.predict([h for h, _, _ in chosen], [s for _, s, _ in chosen])
        show("stance model on the sentence alone", truth,
             [max(SIDES, key=lambda side: p[stance.LABELS.index(side)]) for p in probabilities])
        show("logistic regression over the cues", truth,
             list(learnt.predict(np.array([cues(h, s, model.vocab) for h, s, _ in chosen]))))
        show("always discuss", truth, ["discuss"] * len(chosen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
