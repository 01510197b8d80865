"""What bench_claims.py and bench_emergent.py share: run the claims stage on labelled pairs and
read each source back by the data set's own convention, then print the confusion table.

Scoring claims the shipped model was trained on would flatter it, and the final split is looked
at once; so the development figures are cross-validated: each development claim is scored with the
model fitted without its fold (bench/stance_data.py's folds, bench/train_stance.py's recipe),
trained on first use and kept in ``.cache/bench/``, the rules of the matcher being the same for all.

Both sets call a report that carries a claim only through someone else's words their middle class
(FNC-1 "discuss", Emergent "observing"), so a ``supports`` source is their "for" class only with
``voice: own``; a source carrying both sides, or mentioning the claim, is the middle class too.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import stance_data
import train_stance

from generator.claims import claimants, evidence, stance
from generator.model import Claim, Entry, Position

ROOT = Path(__file__).resolve().parent.parent
FOLD_MODELS = ROOT / ".cache" / "bench"


def as_label(position: Position, labels: tuple[str, str, str]) -> str:
    """A source as one of the set's (for, against, middle) labels."""
    agree, disagree, middle = labels
    if position.stance == "supports":
        return agree if position.voice == "own" else middle
    return disagree if position.stance == "disputes" else middle


def read_back(entries: list[Entry], tracked: list[Claim], labels: tuple[str, str, str]) -> tuple[dict, float]:
    """({(claim id, article source without .txt): label} for every source, seconds of the claims stage)."""
    registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
    start = time.perf_counter()
    _, positions = evidence.match(entries, tracked, registry)
    seconds = time.perf_counter() - start
    by_slug = {e.slug: e.article.source.removesuffix(".txt") for e in entries}
    return {(p.claim, by_slug[p.article]): as_label(p, labels) for p in positions}, seconds


def fold_model(data: stance_data.Data, k: int) -> stance.Model:
    """The model of fold k: the shipped recipe fitted on the development pool without fold k."""
    train, _ = stance_data.folds(data.development(), k)
    digest = hashlib.sha256(Path(stance.__file__).read_bytes() + Path(train_stance.__file__).read_bytes())
    for pair in train:
        digest.update(f"{pair.claim}\x00{pair.text}\x00{pair.label}\x01".encode())
    folder = FOLD_MODELS / f"fold{k}-{digest.hexdigest()[:16]}"
    if not (folder / stance.MODEL_WEIGHTS).is_file():
        print(f"fitting the model of fold {k} on {len(train)} pairs (kept in {folder})", flush=True)
        meta = train_stance.vocabulary_meta(train)
        meta, weights = train_stance.fit(train, train_stance.features(train, stance.Vocabulary.from_meta(meta)), meta)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in zip((stance.MODEL_JSON, stance.MODEL_WEIGHTS), train_stance.model_bytes(meta, weights)):
            (folder / name).write_bytes(content)
    meta = json.loads((folder / stance.MODEL_JSON).read_text(encoding="utf-8"))
    return stance.Model.from_files(meta, np.load(io.BytesIO((folder / stance.MODEL_WEIGHTS).read_bytes()), allow_pickle=False))


@contextmanager
def model_in_use(model: stance.Model | None) -> Iterator[None]:
    """The claims stage reads ``model`` instead of the shipped one (None: the shipped one)."""
    shipped = stance._shipped
    if model is not None:
        stance._shipped = lambda: model
    try:
        yield
    finally:
        stance._shipped = shipped


def print_confusion(pairs: list[tuple[str, str]], labels: tuple[str, ...], columns: tuple[str, ...]) -> None:
    """Rows the gold label, columns the answer, with each row's recall and each label's precision."""
    confusion: dict[tuple[str, str], int] = defaultdict(int)
    for gold, said in pairs:
        confusion[(gold, said)] += 1
    print(f"{'':>10}" + "".join(f"{c:>11}" for c in columns) + "   recall")
    for gold in labels:
        row = [confusion[(gold, said)] for said in columns]
        print(f"{gold:>10}" + "".join(f"{n:>11}" for n in row) + f"   {confusion[(gold, gold)] / max(1, sum(row)):.3f}")
    print(f"{'precision':>10}" + "".join(
        f"{confusion[(p, p)] / max(1, sum(confusion[(g, p)] for g in labels)):>11.3f}" for p in labels))
