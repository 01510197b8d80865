"""Train the stance model on FNC-1's training split and write it, byte for byte reproducibly.

    python bench/train_stance.py [--data ../shared/data/fnc-1] [--out generator/models]

Whole bodies are held out (a fixed split by Body ID: the bodies whose SHA-256 of the id falls in the
lowest 15 %), the model is trained on the rest, then scored on the held-out bodies through the
same code that loads the shipped files; the figures go into the model card (stance-card.json).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse
import csv
import hashlib
import io
import json
import math
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import stance  # noqa: E402

HELD_OUT_PERCENT = 15
VOCABULARY = 5000
HIDDEN = 100
EPOCHS = 12
ALPHA = 1e-4
SEED = 0


def read(data: Path) -> tuple[dict[int, str], list[tuple[str, int, str]]]:
    """Bodies by id and (headline, body id, stance) rows, as published."""
    with open(data / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
    with open(data / "train_stances.csv", encoding="utf-8", newline="") as handle:
        pairs = [(row["Headline"], int(row["Body ID"]), row["Stance"]) for row in csv.DictReader(handle)]
    return bodies, pairs


def held_out(body_id: int) -> bool:
    return int(hashlib.sha256(str(body_id).encode()).hexdigest(), 16) % 100 < HELD_OUT_PERCENT


def vocabulary_meta(bodies: dict[int, str], pairs: list) -> dict:
    """Vocabulary (most frequent non-stop words), IDF and mean length, from the training bodies only."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = sorted(ENGLISH_STOP_WORDS)
    stop_set = frozenset(stop)
    documents = [bodies[i] for i in sorted({b for _, b, _ in pairs})] + sorted({h for h, _, _ in pairs})
    counts, df = Counter(), Counter()
    lengths = []
    for doc in documents:
        words = [w for w in stance.tokens(doc) if w not in stop_set]
        counts.update(words)
        df.update(set(words))
        lengths.append(len(words))
    terms = [t for t, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:VOCABULARY]]
    n = len(documents)
    idf = {t: round(math.log((1 + n) / (1 + d)) + 1, 4) for t, d in sorted(df.items()) if d >= 2}
    return {
        "terms": terms,
        "idf": idf,
        "default_idf": round(math.log(1 + n) + 1, 4),
        "stop_words": stop,
        "mean_length": round(sum(lengths) / len(lengths), 4),
    }


def train(bodies: dict[int, str], pairs: list) -> tuple[dict, np.ndarray]:
    """(model JSON, flat float32 weights) fitted on the given pairs."""
    from scipy import sparse
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    meta = vocabulary_meta(bodies, pairs)
    vocab = stance.Model.from_files({**meta, "mean": [], "scale": [], "shape": [0, 0, 0]}, np.zeros(0)).vocab
    tf, dense = stance.features([h for h, _, _ in pairs], [bodies[b] for _, b, _ in pairs], vocab)
    mean = np.round(dense.mean(axis=0), 6)
    spread = np.round(dense.std(axis=0), 6)
    spread[spread == 0] = 1.0
    x = sparse.hstack([tf, sparse.csr_matrix((dense - mean) / spread)], format="csr")
    y = np.array([stance.LABELS.index(s) for _, _, s in pairs])
    net = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,), alpha=ALPHA, max_iter=EPOCHS, early_stopping=False,
        batch_size=200, learning_rate_init=1e-3, random_state=SEED, shuffle=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit(x, y)
    assert list(net.classes_) == [0, 1, 2, 3]
    weights = np.concatenate([a.astype(np.float32).ravel() for pair in zip(net.coefs_, net.intercepts_) for a in pair])
    meta |= {"labels": list(stance.LABELS), "mean": mean.tolist(), "scale": spread.tolist(),
             "shape": [x.shape[1], HIDDEN, len(stance.LABELS)]}
    return meta, weights


def model_bytes(meta: dict, weights: np.ndarray) -> tuple[bytes, bytes]:
    """The two shipped files: sorted JSON and a plain .npy (no zip, no timestamps)."""
    text = json.dumps(meta, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    buffer = io.BytesIO()
    np.save(buffer, weights, allow_pickle=False)
    return text.encode("utf-8"), buffer.getvalue()


def evaluate(model: stance.Model, bodies: dict[int, str], pairs: list) -> dict:
    """Relative FNC score, per-class precision/recall and confusion matrix on the given pairs."""
    probabilities = model.predict([h for h, _, _ in pairs], [bodies[b] for _, b, _ in pairs])
    return stance.report([s for _, _, s in pairs], [stance.LABELS[i] for i in probabilities.argmax(axis=1)])


def card(split: dict, figures: dict) -> dict:
    return {
        "model": "one hidden layer (100 ReLU units) over claim and text term frequencies, TF-IDF cosine, overlap and cue features",
        "training_data": "FNC-1 training split (Fake News Challenge stage 1, 2017; headlines from the Emergent project, bodies from real news articles): 49,972 headline-body pairs, 1,683 bodies",
        "split": split,
        "held_out": figures,
        "published_test_scores": {"FNC-1 baseline": 79.53, "UCL Machine Reading": 81.72, "Athene": 81.97, "SOLAT in the SWEN (winner)": 82.02},
        "failure_modes": [
            "disagree is rare in the training data (1.7 % of pairs): refutations are often read as discuss",
            "agree and discuss are confused when a body repeats a claim with attribution but no hedge",
            "trained on English news headlines: claim statements phrased very differently, other languages and other domains are untested",
            "held-out bodies still share headlines (claims) with training bodies, so the figures are optimistic for claims never seen",
            "a single sentence is a shorter text than any training body: per-sentence stance is an extrapolation",
        ],
        "not_for": [
            "deciding whether a claim is true: it reads how a text positions itself towards the claim, not the facts",
            "moderating or ranking people or outlets",
            "texts in languages other than English",
        ],
    }


def build(data: Path) -> tuple[bytes, bytes, bytes]:
    """(model JSON, weights .npy, card JSON) as bytes, from the data folder."""
    bodies, pairs = read(data)
    train_pairs = [p for p in pairs if not held_out(p[1])]
    test_pairs = [p for p in pairs if held_out(p[1])]
    meta, weights = train(bodies, train_pairs)
    model_json, model_npy = model_bytes(meta, weights)
    model = stance.Model.from_files(json.loads(model_json), np.load(io.BytesIO(model_npy), allow_pickle=False))
    split = {
        "rule": f"a body is held out when int(sha256(str(Body ID)), 16) % 100 < {HELD_OUT_PERCENT}",
        "train_bodies": len({b for _, b, _ in train_pairs}),
        "train_pairs": len(train_pairs),
        "held_out_bodies": len({b for _, b, _ in test_pairs}),
        "held_out_pairs": len(test_pairs),
        "held_out_labels": dict(sorted(Counter(s for _, _, s in test_pairs).items())),
    }
    card_json = json.dumps(card(split, evaluate(model, bodies, test_pairs)), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return model_json, model_npy, card_json.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "fnc-1")
    parser.add_argument("--out", type=Path, default=ROOT / "generator" / "models")
    args = parser.parse_args(argv)
    model_json, model_npy, card_json = build(args.data)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / stance.MODEL_JSON).write_bytes(model_json)
    (args.out / stance.MODEL_WEIGHTS).write_bytes(model_npy)
    (args.out / stance.CARD).write_bytes(card_json)
    print(card_json.decode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
