"""The stance model reading each candidate source's passage about a claim.

A pair's features are a pure function of the claim's statement, the article's text and the
evidence sentences the passage is built around, so they are computed in batches that a caller may
send to other processes (``mapper``) and kept between builds (``store``, under a hash of those
three). The model then reads the features in fixed batches of the sorted pairs, the same whether
they were computed now or kept: the probabilities are the same bytes however many workers computed
them and whatever was kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from generator.claims import stance

BATCH = 512  # (claim, article) pairs read in one go by one worker (an article's all together), and by the model
AS_STANCE = {"agree": "supports", "disagree": "disputes", "discuss": "mentions"}
KIND = "stance"  # what a store keeps a pair's features under

Mapper = Callable[[Callable, Sequence], list]
Reading = tuple[float, dict[str, float]]  # (probability unrelated, {stance: probability})


class Store(Protocol):
    """Where features are kept between builds (the engine's cache)."""

    def get(self, kind: str, wanted: str) -> bytes | None: ...

    def put(self, kind: str, wanted: str, value: bytes) -> None: ...


def in_process(function: Callable, items: Sequence) -> list:
    return [function(item) for item in items]


@dataclass(frozen=True)
class Batch:
    statements: tuple[str, ...]  # the claim of each pair
    entries: tuple[int, ...]  # the article of each pair
    anchors: tuple[frozenset[str], ...]  # the sentences stating the claim in it, where known
    texts: tuple[tuple[int, str], ...]  # (article, its text) for the articles of the batch


def read(pairs: list[tuple[str, int]], statements: dict[str, str], texts: dict[int, str], mapper: Mapper = in_process,
         anchors: dict[tuple[str, int], set[str]] | None = None, store: Store | None = None) -> dict[tuple[str, int], Reading]:
    """(claim, article) -> what the model reads in the article's passage about the claim: its
    evidence sentences (``anchors``) and the sentences closest to the claim, never the whole report."""
    anchors = anchors or {}
    ordered = sorted(pairs, key=lambda p: (p[1], p[0]))  # an article's pairs together: it is read once per batch
    digests = {entry: hashlib.sha256(texts[entry].encode("utf-8")).digest() for entry in {entry for _, entry in ordered}}
    keys = [_key(statements[claim], digests[entry], anchors.get((claim, entry), ())) for claim, entry in ordered]
    rows: list[bytes | None] = [store.get(KIND, k) for k in keys] if store else [None] * len(ordered)
    missing = [i for i, row in enumerate(rows) if row is None]
    batches = []
    for chunk in _by_article([ordered[i] for i in missing]):
        batches.append(Batch(
            statements=tuple(statements[claim] for claim, _ in chunk),
            entries=tuple(entry for _, entry in chunk),
            anchors=tuple(frozenset(anchors.get(pair, ())) for pair in chunk),
            texts=tuple((entry, texts[entry]) for entry in sorted({entry for _, entry in chunk})),
        ))
    computed = (row for features in mapper(_features, batches) for row in features)
    for i, row in zip(missing, computed):
        rows[i] = row.tobytes()
        if store:
            store.put(KIND, keys[i], rows[i])
    model = stance.Model.load()
    probabilities = [p for start in range(0, len(rows), BATCH)
                     for p in model.probabilities(np.array([np.frombuffer(r) for r in rows[start:start + BATCH]]))]
    return {pair: (float(p[0]), {AS_STANCE[label]: float(q) for label, q in zip(stance.LABELS, p) if label in AS_STANCE})
            for pair, p in zip(ordered, probabilities)}


def _by_article(pairs: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """The pairs (sorted by article) in runs of BATCH or a few more: an article's pairs in one run,
    so that it is read once."""
    runs: list[list[tuple[str, int]]] = []
    for pair in pairs:
        if not runs or len(runs[-1]) >= BATCH and runs[-1][-1][1] != pair[1]:
            runs.append([])
        runs[-1].append(pair)
    return runs


def _key(statement: str, digest: bytes, anchors) -> str:
    """What a pair's features depend on: the statement, the article's text (its digest), the anchors."""
    parts = hashlib.sha256(digest)
    for part in (statement, *sorted(anchors)):
        data = part.encode("utf-8")
        parts.update(len(data).to_bytes(8, "big") + data)
    return parts.hexdigest()[:32]


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
