"""Train the stance model on passages and sentences and write it, byte for byte reproducibly.

    python bench/train_stance.py [--data ../shared/data] [--out generator/claims/models]
    python bench/train_stance.py --sample tests/data        # the test fixtures, from the final split

The data and its splits are bench/stance_data.py's: FNC-1 (a headline against the passage of a
news body that bears on it, ``stance.passage``), Emergent's development half (a claim against one
headline) and Climate-FEVER (a claim against one sentence), split by claim group. The model is
fitted on the whole development pool with the RECIPE below (every choice in it made by the
cross-validated mean, bench/bench_stance.py --cv) and scored on the final split, for the card
only: stance-card.json gets those figures beside the cross-validation means bench_stance.py wrote
to stance-cv.json.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse
import dataclasses
import hashlib
import io
import json
import math
import sys
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import stance_data  # noqa: E402
from stance_data import CLIMATE, EMERGENT, FNC, NEI, Pair  # noqa: E402

from generator.claims import stance  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MODELS = ROOT / "generator" / "claims" / "models"
CV_FILE = "stance-cv.json"  # cross-validation means, written by bench_stance.py --cv, read into the card
VOCABULARY = 5000
SEED = 0

CUES = ("denial", "hedge", "attribution", "confirmation", "negation", "question")
FEATURES = (
    "tfidf_cosine", "word_jaccard", "claim_words_found", "idf_coverage", "lead_coverage", "bigrams_found",
    "claim_has_number", "numbers_found", "bm25", "best_sentence_coverage", "top_sentences_coverage",
    "sentences_half_covered", "log_words", "log_sentences",
    *(f"{cue}_share" for cue in CUES), *(f"{cue}_near" for cue in CUES),
    *(f"{cue}_best_sentence" for cue in CUES), *(f"{cue}_in_claim" for cue in CUES),
)
FEATURE_GROUPS = {  # what a recipe may drop, by name
    "length": ("log_words", "log_sentences"),
    "cue_share": tuple(f"{cue}_share" for cue in CUES),
    "cue_near": tuple(f"{cue}_near" for cue in CUES),
    "cue_best": tuple(f"{cue}_best_sentence" for cue in CUES),
    "cue_claim": tuple(f"{cue}_in_claim" for cue in CUES),
    "numbers": ("claim_has_number", "numbers_found"),
}


@dataclass(frozen=True)
class Recipe:
    """Every modelling choice of the shipped model, each made by the cross-validated mean
    (bench/bench_stance.py --cv --try FIELD=VALUE cross-validates a variant beside it)."""

    sets: tuple[str, ...] = (FNC, EMERGENT, CLIMATE)  # trained on
    nei: str = "discuss"  # Climate-FEVER's NOT_ENOUGH_INFO trained as: discuss, unrelated, or drop
    repeat: tuple[tuple[str, int], ...] = (("agree", 2), ("disagree", 3))  # each pair of the class shown this many times
    set_repeat: tuple[tuple[str, int], ...] = (("emergent", 3),)  # … and each pair of the set this many times
    drop: tuple[str, ...] = ()  # FEATURE_GROUPS left out (their weights are zero)
    hidden: int = 50
    epochs: int = 30
    alpha: float = 1e-4
    members: int = 5  # networks from seeds SEED, SEED + 1, …; probabilities averaged

    def with_(self, text: str) -> Recipe:
        """This recipe with one field changed, from ``field=value`` (tuples as JSON lists)."""
        field, _, value = text.partition("=")
        kind = {f.name: f.type for f in dataclasses.fields(self)}
        if field not in kind:
            sys.exit(f"no recipe field {field!r}; fields: {', '.join(kind)}")
        parsed = json.loads(value) if value[:1] in "[{" or value.replace(".", "", 1).replace("e-", "", 1).isdigit() else value
        if isinstance(parsed, dict):
            parsed = tuple(sorted(parsed.items()))
        elif isinstance(parsed, list):
            parsed = tuple(tuple(p) if isinstance(p, list) else p for p in parsed)
        return dataclasses.replace(self, **{field: parsed})

    def describe(self) -> dict:
        return {f.name: (dict(v) if f.name in ("repeat", "set_repeat") else list(v) if isinstance(v, tuple) else v)
                for f in dataclasses.fields(self) for v in [getattr(self, f.name)]}


RECIPE = Recipe()


def read(data: Path) -> tuple[dict[int, str], list[tuple[str, int, str]]]:
    """FNC-1's bodies by id and (headline, body id, stance) rows (the folder holding train_bodies.csv)."""
    return stance_data.read_fnc(data)


def claim_groups(pairs: list) -> tuple[dict[int, int], dict[str, int]]:
    return stance_data.claim_groups(pairs)


def split(pairs: list, data: Path = DATA) -> tuple[list, list]:
    """(development rows, final-split rows) of FNC-1 rows: the rows of final bodies, and the rows
    the shipped model may have learnt from (bench_claims.py and others score the final bodies)."""
    return stance_data.fnc_split(pairs, stance_data.read_emergent(data / "emergent-dev"),
                                 stance_data.read_climate(data / "climate-fever"))


def load(data: Path = DATA) -> stance_data.Data:
    return stance_data.load(data / "fnc-1", data / "emergent-dev", data / "climate-fever")


def vocabulary_meta(pairs: list[Pair]) -> dict:
    """Vocabulary (most frequent non-stop words), IDF and mean length, from the FNC-1 bodies and
    headlines of the given (training) pairs only."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = sorted(ENGLISH_STOP_WORDS)
    stop_set = frozenset(stop)
    fnc = [p for p in pairs if p.set == FNC]
    documents = [text for _, text in sorted({(p.body, p.text) for p in fnc})] + sorted({p.claim for p in fnc})
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


def texts(pairs: list[Pair], vocab: stance.Vocabulary) -> list:
    """What the model reads of each pair's text: the passage bearing on the claim, built as the
    pipeline builds it (claims/passages.py: each text read once, stance.passage_lines of it); a
    sentence or a short text is its own passage."""
    readings: dict[str, stance.Reading] = {}
    passages = []
    for p in pairs:
        if (read := readings.get(p.text)) is None:
            read = readings[p.text] = stance.reading(p.text, vocab.stop)
        passages.append(stance.passage_text(read, stance.passage_lines(p.claim, read, vocab)))
    return passages


def features(pairs: list[Pair], vocab: stance.Vocabulary) -> np.ndarray:
    return stance.features([p.claim for p in pairs], texts(pairs, vocab), vocab)


def trained_label(pair: Pair, recipe: Recipe) -> str | None:
    """The label a pair is trained with (None: not trained on)."""
    if pair.set not in recipe.sets:
        return None
    if pair.label == NEI:
        return None if recipe.nei == "drop" else recipe.nei
    return pair.label


def fit(pairs: list[Pair], x: np.ndarray, meta: dict, recipe: Recipe = RECIPE) -> tuple[dict, np.ndarray]:
    """(model JSON, flat float32 weights) fitted on the pairs, x their features under meta's vocabulary."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    labels = [trained_label(p, recipe) for p in pairs]
    rows = [i for i, label in enumerate(labels) if label]
    dropped = {name for group in recipe.drop for name in FEATURE_GROUPS[group]}
    kept = [i for i, name in enumerate(FEATURES) if name not in dropped]
    mean = np.round(x[rows].mean(axis=0), 6)
    spread = np.round(x[rows].std(axis=0), 6)
    spread[spread == 0] = 1.0
    mean[[i for i in range(len(FEATURES)) if i not in kept]] = 0.0
    spread[[i for i in range(len(FEATURES)) if i not in kept]] = 1.0
    y = np.array([stance.LABELS.index(labels[i]) for i in rows])
    repeat, set_repeat = dict(recipe.repeat), dict(recipe.set_repeat)
    shown = np.repeat(np.arange(len(rows)), [repeat.get(labels[i], 1) * set_repeat.get(pairs[i].set, 1) for i in rows])
    scaled = ((x[rows] - mean) / spread)[:, kept]
    arrays = []
    for seed in range(SEED, SEED + recipe.members):
        net = MLPClassifier(
            hidden_layer_sizes=(recipe.hidden,), alpha=recipe.alpha, max_iter=recipe.epochs, early_stopping=False,
            batch_size=200, learning_rate_init=1e-3, random_state=seed, shuffle=True,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            net.fit(scaled[shown], y[shown])
        assert list(net.classes_) == [0, 1, 2, 3]
        hidden_w = np.zeros((len(FEATURES), recipe.hidden))
        hidden_w[kept] = net.coefs_[0]
        for a in (hidden_w, net.intercepts_[0], net.coefs_[1], net.intercepts_[1]):
            arrays.append(a.astype(np.float32).ravel())
    meta = meta | {"labels": list(stance.LABELS), "mean": mean.tolist(), "scale": spread.tolist(), "shown": dict(recipe.repeat),
                   "shape": [len(FEATURES), recipe.hidden, len(stance.LABELS)], "members": recipe.members,
                   "features": list(FEATURES)}
    return meta, np.concatenate(arrays)


def model_bytes(meta: dict, weights: np.ndarray) -> tuple[bytes, bytes]:
    """The two shipped files: sorted JSON and a plain .npy (no zip, no timestamps)."""
    text = json.dumps(meta, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    buffer = io.BytesIO()
    np.save(buffer, weights, allow_pickle=False)
    return text.encode("utf-8"), buffer.getvalue()


def as_model(meta: dict, weights: np.ndarray) -> stance.Model:
    """The model exactly as it loads from its files (float32 weights, the JSON's rounding)."""
    model_json, model_npy = model_bytes(meta, weights)
    return stance.Model.from_files(json.loads(model_json), np.load(io.BytesIO(model_npy), allow_pickle=False))


# Figures. FNC-1: the competition's relative score and the four classes. Emergent: the pair is
# known to be related, so the most likely of agree / disagree / discuss is the answer (accuracy
# over for / against / observing, as the paper's 73 %). Climate-FEVER: agree = SUPPORTS,
# disagree = REFUTES, discuss or unrelated = NOT_ENOUGH_INFO.
CLASSES = {FNC: stance.LABELS, EMERGENT: ("agree", "disagree", "discuss"), CLIMATE: ("agree", "disagree", NEI)}


def answers(set_: str, probabilities: np.ndarray) -> list[str]:
    if set_ == EMERGENT:
        return [stance.LABELS[1 + int(np.argmax(p[1:]))] for p in probabilities]
    said = [stance.LABELS[int(np.argmax(p))] for p in probabilities]
    return [NEI if set_ == CLIMATE and s in ("discuss", "unrelated") else s for s in said]


def table(set_: str, truth: list[str], said: list[str]) -> dict:
    """Pairs, accuracy, per-class precision / recall / F1, macro F1, confusion; FNC-1's relative score."""
    classes = CLASSES[set_]
    confusion = {t: {p: 0 for p in classes} for t in classes}
    for t, p in zip(truth, said):
        confusion[t][p] += 1
    per = {}
    for label in classes:
        hits = confusion[label][label]
        predicted = sum(confusion[t][label] for t in classes)
        real = sum(confusion[label].values())
        precision, recall = (hits / predicted if predicted else 0.0), (hits / real if real else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    figures = {
        "pairs": len(truth),
        "accuracy": round(sum(confusion[c][c] for c in classes) / len(truth), 4) if truth else 0.0,
        "macro_f1": round(sum(per[c]["f1"] for c in classes) / len(classes), 4),
        "classes": per,
        "confusion": confusion,
    }
    if set_ == FNC:
        figures["relative_score"] = stance.report(truth, said)["relative_score"]
    if set_ == EMERGENT:
        figures["labels"] = "agree = for, disagree = against, discuss = observing"
    if set_ == CLIMATE:
        figures["labels"] = "agree = SUPPORTS, disagree = REFUTES, nei = NOT_ENOUGH_INFO (read as discuss or unrelated)"
    return figures


def score(pairs: list[Pair], probabilities: np.ndarray) -> dict:
    """table() of each set among the pairs, from the model's probabilities."""
    result = {}
    for set_ in stance_data.SETS:
        index = [i for i, p in enumerate(pairs) if p.set == set_]
        if index:
            result[set_] = table(set_, [pairs[i].label for i in index], answers(set_, probabilities[index]))
    return result


def selection(figures: dict) -> float:
    """The one number recipes are compared by: the mean of FNC-1's relative score, Emergent's
    accuracy, Climate-FEVER's macro F1 and the disagree F1 averaged over the three sets (in %)."""
    disagree = sum(figures[s]["classes"]["disagree"]["f1"] for s in stance_data.SETS) / len(stance_data.SETS)
    return round((figures[FNC]["relative_score"] + 100 * figures[EMERGENT]["accuracy"]
                  + 100 * figures[CLIMATE]["macro_f1"] + 100 * disagree) / 4, 2)


def probabilities(model: stance.Model, x: np.ndarray) -> np.ndarray:
    """model.predict from features already computed with the model's vocabulary (cross-validation)."""
    scaled = (x - model.mean) / model.scale
    return sum(stance._forward(scaled, network) for network in model.networks) / len(model.networks)


def evaluate(model: stance.Model, pairs: list[Pair]) -> dict:
    return score(pairs, model.predict([p.claim for p in pairs], texts(pairs, model.vocab)))


SPLIT_RULE = (
    "by claim group, never by pair: an FNC-1 group is the bodies and headlines joined by related pairs; "
    "an Emergent claim whose article headlines are also FNC-1 headlines joins that group; Climate-FEVER "
    "claims worded alike are one group. The final split is every group with "
    f"int(sha256('{stance_data.FINAL_SALT}' + name), 16) % 100 below {stance_data.FINAL_PERCENT[FNC]} "
    f"(groups holding FNC-1 bodies) or {stance_data.FINAL_PERCENT[EMERGENT]} (the others), except the groups "
    "of the old held-out split, which earlier models were tuned on; it is scored for this card only, no choice is made on it, but every model trained so far was scored on it, so it is no longer unseen. "
    "The rest is the development pool: the shipped model's training data, and, cut into "
    f"{stance_data.FOLDS} folds by int(sha256('{stance_data.FOLD_SALT}' + name), 16) % {stance_data.FOLDS}, "
    "where every modelling choice was made by the cross-validated mean. FNC-1 pairs go with their body's "
    "group; training drops those whose headline's group is held out."
)


def facts(data: stance_data.Data, development: list[Pair], final: list[Pair]) -> dict:
    """Counts of pairs, groups and labels per set in each part."""
    def part(pairs: list[Pair]) -> dict:
        return {s: {"pairs": sum(p.set == s for p in pairs), "groups": data.groups(pairs, s),
                    **({"bodies": len({p.body for p in pairs if p.set == s})} if s == FNC else {}),
                    "labels": dict(sorted(Counter(p.label for p in pairs if p.set == s).items()))}
                for s in stance_data.SETS}

    return {"rule": SPLIT_RULE, "development": part(development), "final": part(final)}


TRAINING_DATA = {
    FNC: ("FNC-1 training split (Fake News Challenge stage 1, 2017; headlines written for Emergent's claims, bodies "
          "from real news articles): each headline against the passage of its body that bears on it"),
    EMERGENT: ("Emergent, development half (Ferreira & Vlachos 2016): a claim against one news headline; for = agree, "
               "against = disagree, observing = discuss"),
    CLIMATE: ("Climate-FEVER (Diggelmann et al. 2020): a claim about climate against one Wikipedia sentence; "
              "SUPPORTS = agree, REFUTES = disagree"),
}


def card(recipe: Recipe, split_facts: dict, cv: dict | None, final: dict) -> dict:
    cues = "denial, hedge, attribution, confirmation, negation, question"
    kept = [name for name in FEATURES if not any(name in FEATURE_GROUPS[g] for g in recipe.drop)]
    return {
        "model": (f"{recipe.members} networks of one hidden layer ({recipe.hidden} ReLU units each, seeds {SEED}-"
                  f"{SEED + recipe.members - 1}, probabilities averaged) over {len(kept)} features of the claim and "
                  f"the passage of the text that bears on it: TF-IDF cosine, word, bigram and number overlap, "
                  f"IDF-weighted coverage, BM25, and cue features ({cues})"),
        "reads": ("the passage of a text that bears on the claim (stance.passage: the sentences stating it and the "
                  f"{stance.PASSAGE_TOP} sentences covering most of it, each with {stance.PASSAGE_REACH} neighbour "
                  "on each side), or one sentence; a text of up to "
                  f"{stance.PASSAGE_TOP + 2 * stance.PASSAGE_REACH} sentences is its own passage"),
        "training_data": [TRAINING_DATA[s] + (f"; NOT_ENOUGH_INFO = {recipe.nei}" if s == CLIMATE and recipe.nei != "drop"
                                              else "; NOT_ENOUGH_INFO left out" if s == CLIMATE else "")
                          for s in recipe.sets],
        "recipe": recipe.describe(),
        "split": split_facts,
        "scoring": ("FNC-1: relative score (+0.25 related/unrelated right, +0.75 more for the exact stance of a "
                    "related pair) and the four classes; Emergent: the pair is known to be related, the most likely "
                    "of agree/disagree/discuss is the answer (accuracy over for/against/observing; the paper's "
                    "figure is 73 %); Climate-FEVER: agree = SUPPORTS, disagree = REFUTES, discuss or unrelated = "
                    "NOT_ENOUGH_INFO"),
        "cross_validation": cv,
        "final": final,
        "final_scored": ("once, by bench/train_stance.py when it wrote this model (deterministic: bench/bench_stance.py "
                         "prints the same figures)"),
        "published": {
            "FNC-1 test set, relative score (other bodies and claims, not available here)": {
                "FNC-1 baseline": 79.53, "UCL Machine Reading": 81.72, "Athene": 81.97, "SOLAT in the SWEN (winner)": 82.02},
            "Emergent, accuracy over for/against/observing (Ferreira & Vlachos 2016)": {"logistic regression, hand-made features": 73.0},
        },
        "failure_modes": failure_modes(final),
        "not_for": [
            "deciding whether a claim is true: it reads how a text positions itself towards the claim, not the facts",
            "moderating or ranking people or outlets",
            "texts in languages other than English",
            "whole multi-topic reports: it was trained and validated on passages and sentences; give it stance.passage",
        ],
    }


def failure_modes(final: dict) -> list[str]:
    """What goes wrong, each figure read from the final split's."""
    f, e, c = final[FNC], final[EMERGENT], final[CLIMATE]
    answered_nei = sum(row[NEI] for row in c["confusion"].values()) / c["pairs"]
    true_nei = sum(c["confusion"][NEI].values()) / c["pairs"]

    def pct(value: float) -> str:
        return f"{100 * value:.0f} %"

    def instead(figures: dict, label: str) -> str:
        row = {k: v for k, v in figures["confusion"][label].items() if k != label}
        return max(row, key=lambda k: (row[k], k))

    return [
        (f"refutations in news bodies are read worst: on the final split it finds {pct(f['classes']['disagree']['recall'])} "
         f"of the FNC-1 passages of refuting bodies (and {pct(f['classes']['disagree']['precision'])} of its disagree "
         f"answers there are right; most missed ones read as {instead(f, 'disagree')}) and "
         f"{pct(c['classes']['disagree']['recall'])} of Climate-FEVER's refuting sentences, against "
         f"{pct(e['classes']['disagree']['recall'])} of Emergent's debunking headlines, which mostly say so in words"),
        (f"agree and discuss are confused both ways: on the final split it finds {pct(f['classes']['agree']['recall'])} of "
         f"the FNC-1 passages of agreeing bodies (most missed ones read as {instead(f, 'agree')}), and only "
         f"{pct(f['classes']['agree']['precision'])} of its agree answers there are right "
         f"({f['confusion']['discuss']['agree']} discussing passages read as agree); on Emergent "
         f"{pct(e['classes']['discuss']['recall'])} of the observing headlines are read as such"),
        ("a refutation argued only through counter-evidence (maps, old photos), with no denial or negation words ('hoax', "
         "'denied', 'not true', 'did not'), reads as agree: it covers the claim's words and carries none of the cues"),
        ("a report that carries a claim through its source and quotes another party's denial of it ('Moscow denied "
         "...') reads as disagree, though the report itself takes no side; a caller should not turn a source's stance "
         "to disputes on this model's word alone (cross_validation.disagree_by_probability: how often a disagree "
         "answer of each probability is right)"),
        ("a sentence that contradicts a claim's content without denying it in words ('the ice sheet has grown' against "
         f"'the ice sheet is melting') is rarely read as disagree: Climate-FEVER's macro F1 on the final split is "
         f"{pct(c['macro_f1'])}; it answers not enough information for {pct(answered_nei)} of the sentences "
         f"({pct(true_nei)} are)"),
        ("FNC-1 labels whole bodies, not passages: each passage is trained and scored with its body's stance, also when "
         "the sentences that take that stance lie outside it"),
        ("trained on English news (2014-2015 rumours of the Emergent collection) and English Wikipedia sentences about "
         "climate; the final split's claims come from the same collections, so other news domains, claims phrased very "
         "differently and other languages may score lower"),
    ]


def cv_figures(folder: Path, recipe: Recipe) -> dict | None:
    """The cross-validation means bench_stance.py --cv wrote for this recipe, if it did."""
    path = folder / CV_FILE
    if not path.is_file():
        return None
    cv = json.loads(path.read_text(encoding="utf-8"))
    return cv if cv.get("recipe") == recipe.describe() else None


def build(data: Path, cv_folder: Path = MODELS, recipe: Recipe = RECIPE) -> tuple[bytes, bytes, bytes]:
    """(model JSON, weights .npy, card JSON) as bytes: fitted on the development pool, scored on the final split."""
    pooled = load(data)
    development, final = pooled.development(), pooled.final()
    meta = vocabulary_meta(development)
    vocab = stance.Vocabulary.from_meta(meta)
    meta, weights = fit(development, features(development, vocab), meta, recipe)
    model_json, model_npy = model_bytes(meta, weights)
    figures = evaluate(as_model(meta, weights), final)
    document = card(recipe, facts(pooled, development, final), cv_figures(cv_folder, recipe), figures)
    card_json = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return model_json, model_npy, card_json.encode("utf-8")


def samples(data: Path, fnc_budget: int = 350_000) -> dict[str, str]:
    """The test fixtures (JSON lines), from the final split: FNC-1 bodies with all their pairs, in
    hash order, until the byte budget; every final Emergent pair."""
    pooled = load(data)
    final = pooled.final()
    by_body: dict[int, list] = {}
    texts_: dict[int, str] = {}
    for p in final:
        if p.set == FNC:
            by_body.setdefault(p.body, []).append([p.claim, p.label])
            texts_[p.body] = p.text
    lines, size = [], 0
    for body in sorted(by_body, key=lambda b: hashlib.sha256(str(b).encode()).hexdigest()):
        line = json.dumps({"body_id": body, "body": texts_[body], "pairs": by_body[body]}, ensure_ascii=False) + "\n"
        if size + len(line.encode("utf-8")) > fnc_budget:
            break
        lines.append(line)
        size += len(line.encode("utf-8"))
    emergent = [json.dumps({"claim": p.claim, "headline": p.text, "label": p.label}, ensure_ascii=False) + "\n"
                for p in final if p.set == EMERGENT]
    return {"fnc-final-sample.jsonl": "".join(lines), "emergent-final-sample.jsonl": "".join(emergent)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding fnc-1/, emergent-dev/, climate-fever/")
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--cv-from", type=Path, default=MODELS, help=f"folder of {CV_FILE} (bench_stance.py --cv)")
    parser.add_argument("--sample", type=Path, help="write the final-split test fixtures into this folder instead of training")
    args = parser.parse_args(argv)
    if args.sample:
        args.sample.mkdir(parents=True, exist_ok=True)
        for name, text in samples(args.data).items():
            (args.sample / name).write_text(text, encoding="utf-8")
        return 0
    model_json, model_npy, card_json = build(args.data, args.cv_from)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / stance.MODEL_JSON).write_bytes(model_json)
    (args.out / stance.MODEL_WEIGHTS).write_bytes(model_npy)
    (args.out / stance.CARD).write_bytes(card_json)
    written = json.loads(card_json)
    print(f"model and card in {args.out}" + ("" if written["cross_validation"] else
          f"; no cross-validation figures for this recipe in {args.cv_from / CV_FILE} (bench/bench_stance.py --cv --write)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
