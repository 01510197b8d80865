"""The stance model reading each candidate source's passage about a claim.

A job's features are a pure function of the claim's statement, the article's text and the
evidence sentences the passage is built around, so they are computed in batches that a caller may
send to other processes (``mapper``) and kept between builds (``store``, under a hash of those
three). An article's jobs, with and without evidence sentences, go in one batch, so it is read
once. The model then reads the features in fixed batches of the sorted jobs, the same whether they
were computed now or kept: the probabilities are the same bytes however many workers computed
them and whatever was kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from generator.claims import digest, stance

BATCH = 512  # (claim, article) pairs read in one go by one worker (an article's all together), and by the model
AS_STANCE = {"agree": "supports", "disagree": "disputes", "discuss": "mentions"}
KIND = "stance"  # what a store keeps a pair's features under

Mapper = Callable[[Callable, Sequence], list]
Reading = tuple[float, dict[str, float]]  # (probability unrelated, {stance: probability})
Job = tuple[str, int, frozenset[str]]  # (claim, article, the sentences stating the claim in it, where known)


class Store(Protocol):
    """Where results are kept between builds by kind and key (the engine's cache): here a pair's
    features, as bytes; a claim's findings (evidence.Matcher.findings)."""

    def get(self, kind: str, wanted: str) -> object | None: ...

    def put(self, kind: str, wanted: str, value: object) -> None: ...


def in_process(function: Callable, items: Sequence) -> list:
    return [function(item) for item in items]


@dataclass(frozen=True)
class Batch:
    statements: tuple[str, ...]  # the claim of each pair
    entries: tuple[int, ...]  # the article of each pair
    anchors: tuple[frozenset[str], ...]  # the sentences stating the claim in it, where known
    texts: tuple[tuple[int, str], ...]  # (article, its text) for the articles of the batch


def read(jobs: list[Job], statements: dict[str, str], texts: dict[int, str], mapper: Mapper = in_process,
         store: Store | None = None) -> dict[Job, Reading]:
    """(claim, article, anchors) -> what the model reads in the article's passage about the claim:
    around the sentences stating it (``anchors``, when known) and the sentences closest to the
    claim, never the whole report. An article's jobs are read together, whatever their anchors."""
    ordered = sorted(set(jobs), key=lambda job: (job[1], job[0], sorted(job[2])))  # an article's jobs together
    digests = {entry: digest.digest(texts[entry]) for entry in {job[1] for job in ordered}}
    # what a pair's features depend on: the statement, the article's text (its digest), the anchors
    keys = [digest.digest(digests[entry], statements[claim], *sorted(anchors)) for claim, entry, anchors in ordered]
    rows: list[bytes | None] = [store.get(KIND, k) for k in keys] if store else [None] * len(ordered)
    missing = [i for i, row in enumerate(rows) if row is None]
    batches = []
    for chunk in _by_article([ordered[i] for i in missing]):
        batches.append(Batch(
            statements=tuple(statements[claim] for claim, _, _ in chunk),
            entries=tuple(entry for _, entry, _ in chunk),
            anchors=tuple(anchors for _, _, anchors in chunk),
            texts=tuple((entry, texts[entry]) for entry in sorted({entry for _, entry, _ in chunk})),
        ))
    computed = (row for features in mapper(_features, batches) for row in features)
    for i, row in zip(missing, computed):
        rows[i] = row.tobytes()
        if store:
            store.put(KIND, keys[i], rows[i])
    model = stance.Model.load()
    probabilities = [p for start in range(0, len(rows), BATCH)
                     for p in model.probabilities(np.array([np.frombuffer(r) for r in rows[start:start + BATCH]]))]
    return {job: (float(p[0]), {AS_STANCE[label]: float(q) for label, q in zip(stance.LABELS, p) if label in AS_STANCE})
            for job, p in zip(ordered, probabilities)}


def _by_article(jobs: list[Job]) -> list[list[Job]]:
    """The jobs (sorted by article) in runs of BATCH or a few more: an article's jobs in one run,
    so that it is read once."""
    runs: list[list[Job]] = []
    for job in jobs:
        if not runs or len(runs[-1]) >= BATCH and runs[-1][-1][1] != job[1]:
            runs.append([])
        runs[-1].append(job)
    return runs


def _features(batch: Batch) -> np.ndarray:
    """The features of a batch's pairs; a passage that several claims share is built once."""
    model = stance.Model.load()
    readings = {entry: stance.reading(text, model.vocab.stop) for entry, text in batch.texts}
    built: dict[tuple[int, tuple[int, ...]], stance._Text] = {}
    passages = []
    for statement, entry, anchors in zip(batch.statements, batch.entries, batch.anchors):
        lines = stance.passage_lines(statement, readings[entry], model.vocab, anchors)
        if (entry, lines) not in built:
            built[(entry, lines)] = stance.passage_text(readings[entry], lines)
        passages.append(built[(entry, lines)])
    return stance.features(list(batch.statements), passages, model.vocab)
