"""The stance model reading each candidate source's passage about a claim, in batches that a
caller may send to other processes (``mapper``): the batches depend only on the pairs, so the
probabilities are the same however many workers read them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from generator.claims import stance

BATCH = 512  # (claim, article) pairs read in one go by one worker
AS_STANCE = {"agree": "supports", "disagree": "disputes", "discuss": "mentions"}

Mapper = Callable[[Callable, Sequence], list]
Reading = tuple[float, dict[str, float]]  # (probability unrelated, {stance: probability})


def in_process(function: Callable, items: Sequence) -> list:
    return [function(item) for item in items]


@dataclass(frozen=True)
class Batch:
    statements: tuple[str, ...]  # the claim of each pair
    entries: tuple[int, ...]  # the article of each pair
    anchors: tuple[frozenset[str], ...]  # the sentences stating the claim in it, where known
    texts: tuple[tuple[int, str], ...]  # (article, its text) for the articles of the batch


def read(pairs: list[tuple[str, int]], statements: dict[str, str], texts: dict[int, str], mapper: Mapper = in_process,
         anchors: dict[tuple[str, int], set[str]] | None = None) -> dict[tuple[str, int], Reading]:
    """(claim, article) -> what the model reads in the article's passage about the claim: its
    evidence sentences (``anchors``) and the sentences closest to the claim, never the whole report."""
    anchors = anchors or {}
    ordered = sorted(pairs, key=lambda p: (p[1], p[0]))  # an article's pairs together: it is read once per batch
    batches = []
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start:start + BATCH]
        batches.append(Batch(
            statements=tuple(statements[claim] for claim, _ in chunk),
            entries=tuple(entry for _, entry in chunk),
            anchors=tuple(frozenset(anchors.get(pair, ())) for pair in chunk),
            texts=tuple((entry, texts[entry]) for entry in sorted({entry for _, entry in chunk})),
        ))
    rows = [row for probabilities in mapper(_read_batch, batches) for row in probabilities]
    return {pair: (float(p[0]), {AS_STANCE[label]: float(q) for label, q in zip(stance.LABELS, p) if label in AS_STANCE})
            for pair, p in zip(ordered, rows)}


def _read_batch(batch: Batch) -> np.ndarray:
    model = stance.Model.load()
    readings = {entry: stance.reading(text, model.vocab.stop) for entry, text in batch.texts}
    passages = [stance.passage_text(readings[entry], stance.passage_lines(statement, readings[entry], model.vocab, anchors))
                for statement, entry, anchors in zip(batch.statements, batch.entries, batch.anchors)]
    return model.predict(list(batch.statements), passages)
