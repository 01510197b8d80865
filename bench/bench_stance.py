"""Stance model figures per set and class: the shipped model on the final split, or cross-validated.

    python bench/bench_stance.py [--data ../shared/data]          # shipped model, final split
    python bench/bench_stance.py --cv [--write] [--try FIELD=VALUE;...]...
    python bench/bench_stance.py --retrain

Splits are bench/stance_data.py's, by claim group. Without options, scores the SHIPPED model on the
final split (held out from training and from every modelling choice; the card's "final" figures).
--cv cross-validates train_stance.RECIPE over the development pool (5 folds by claim group: each
fold's model fitted, vocabulary included, on the other folds) and prints the means over folds;
--write stores them in generator/claims/models/stance-cv.json, which the card reads. Each --try
cross-validates a variant of the recipe too (e.g. --try 'hidden=50' --try 'nei=unrelated;epochs=40')
and a last table compares them by train_stance.selection. --retrain trains again into a temporary
folder and exits 1 unless the three files are byte-identical to the shipped ones.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse
import datetime as dt
import hashlib
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import stance_data
import train_stance
from stance_data import CLIMATE, EMERGENT, FNC

from generator.claims import stance

NAMES = {FNC: "FNC-1 (headline vs passage of a body)", EMERGENT: "Emergent dev (claim vs headline, pairs given)",
         CLIMATE: "Climate-FEVER (claim vs Wikipedia sentence)"}


def show(set_: str, figures: dict, spread: dict | None = None) -> None:
    """One set's figures; spread: the standard deviation over folds of each figure, if cross-validated."""
    def sd(*keys: str) -> str:
        if spread is None:
            return ""
        value = spread
        for key in keys:
            value = value[key]
        return f" ±{value:.3f}" if value < 1 else f" ±{value:.2f}"

    head = f"{NAMES[set_]}: pairs {figures['pairs']}  accuracy {figures['accuracy']:.4f}{sd('accuracy')}"
    if set_ == FNC:
        head += f"  relative score {figures['relative_score']:.2f} %{sd('relative_score')}"
    print(head + f"  macro F1 {figures['macro_f1']:.4f}{sd('macro_f1')}")
    classes = list(figures["classes"])
    print(f"  {'class':<10} {'precision':>16} {'recall':>16} {'F1':>8}")
    for label in classes:
        c = figures["classes"][label]
        mark = "   <- disagree" if label == "disagree" else ""
        print(f"  {label:<10} {c['precision']:>9.4f}{sd('classes', label, 'precision'):<7} "
              f"{c['recall']:>9.4f}{sd('classes', label, 'recall'):<7} {c['f1']:>8.4f}{mark}")
    print("  confusion (rows truth, columns answer" + (", summed over folds)" if spread else ")"))
    print("  " + " " * 10 + "".join(f"{p:>10}" for p in classes))
    for t in classes:
        print(f"  {t:<10}" + "".join(f"{figures['confusion'][t][p]:>10}" for p in classes))


def _numbers(figures: dict, path: tuple = ()) -> dict[tuple, float]:
    out = {}
    for key, value in figures.items():
        if isinstance(value, dict) and key != "confusion":
            out |= _numbers(value, (*path, key))
        elif isinstance(value, (int, float)) and key != "pairs":
            out[(*path, key)] = value
    return out


def _nest(flat: dict[tuple, float]) -> dict:
    tree: dict = {}
    for keys, value in flat.items():
        node = tree
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
    return tree


def summary(per_fold: list[dict]) -> tuple[dict, dict]:
    """(means over folds of every figure, confusion matrices and pairs summed; standard deviations)."""
    flat = [_numbers(f) for f in per_fold]
    mean = _nest({k: round(statistics.fmean(f[k] for f in flat), 4) for k in flat[0]})
    spread = _nest({k: round(statistics.pstdev(f[k] for f in flat), 4) for k in flat[0]})
    for set_ in per_fold[0]:
        if set_ == "selection":
            continue
        mean[set_]["pairs"] = sum(f[set_]["pairs"] for f in per_fold)
        mean[set_]["confusion"] = {t: {p: sum(f[set_]["confusion"][t][p] for f in per_fold) for p in row}
                                   for t, row in per_fold[0][set_]["confusion"].items()}
        for key in ("labels",):
            if key in per_fold[0][set_]:
                mean[set_][key] = per_fold[0][set_][key]
    return mean, spread


def _fold_features(train: list, test: list, meta: dict, cache: Path | None, k: int) -> np.ndarray:
    """Features of train + test under the fold's vocabulary (read from the cache folder when it holds them)."""
    vocab = stance.Vocabulary.from_meta(meta)
    digest = hashlib.sha256(Path(stance.__file__).read_bytes())
    digest.update(json.dumps([meta["terms"], meta["idf"]]).encode())
    for p in train + test:
        digest.update(f"{p.claim}\x00{p.text}\x01".encode())
    key = digest.hexdigest()[:16]
    path = cache / f"fold{k}-{key}.npy" if cache else None
    if path and path.is_file():
        return np.load(path, allow_pickle=False)
    x = train_stance.features(train + test, vocab)
    if path:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, x, allow_pickle=False)
    return x


def cross_validate(data: stance_data.Data, recipes: list[train_stance.Recipe], cache: Path | None = None) -> list[dict]:
    """For each recipe, {"recipe", "folds", "mean", "sd", "selection_by_fold"} over the development pool."""
    development = data.development()
    per_fold: list[list[dict]] = [[] for _ in recipes]
    scored: list[list] = [[] for _ in recipes]  # out-of-fold (pair, probabilities) of each recipe
    for k in range(stance_data.FOLDS):
        started = time.perf_counter()
        train, test = stance_data.folds(development, k)
        meta = train_stance.vocabulary_meta(train)
        x = _fold_features(train, test, meta, cache, k)
        featured = time.perf_counter() - started
        for n, recipe in enumerate(recipes):
            model = train_stance.as_model(*train_stance.fit(train, x[: len(train)], meta, recipe))
            said = train_stance.probabilities(model, x[len(train):])
            scored[n] += zip(test, said)
            figures = train_stance.score(test, said)
            figures["selection"] = train_stance.selection(figures)
            per_fold[n].append(figures)
        print(f"fold {k}: {len(train)} training pairs, {len(test)} scored; features {featured:.0f} s, "
              f"{len(recipes)} recipe(s) {time.perf_counter() - started - featured:.0f} s", flush=True)
    results = []
    for recipe, folds, pairs in zip(recipes, per_fold, scored):
        mean, spread = summary(folds)
        results.append({"recipe": recipe.describe(), "folds": stance_data.FOLDS, "mean": mean, "sd": spread,
                        "selection_by_fold": [f["selection"] for f in folds], "disagree_by_probability": by_probability(pairs)})
    return results


THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def by_probability(scored: list) -> dict:
    """Per set, pooled over the folds' out-of-fold answers: precision and recall of "disagree" when
    it is said only where its probability reaches each threshold (what a caller acting on a
    confident refutation gets)."""
    table = {}
    for set_ in stance_data.SETS:
        rows = [(p.label == "disagree", float(q[stance.LABELS.index("disagree")])) for p, q in scored if p.set == set_]
        real = sum(truth for truth, _ in rows)
        table[set_] = {}
        for t in THRESHOLDS:
            said = [truth for truth, q in rows if q >= t]
            table[set_][f"{t:.1f}"] = {"said": len(said), "precision": round(sum(said) / len(said), 4) if said else 0.0,
                                       "recall": round(sum(said) / real, 4) if real else 0.0}
    return table


def show_thresholds(table: dict) -> None:
    print("disagree said only at probability >= t (out-of-fold, pooled): precision / recall (times said)")
    print(f"  {'set':<14}" + "".join(f"{'t = ' + t:>22}" for t in table[FNC]))
    for set_, row in table.items():
        print(f"  {set_:<14}" + "".join(f"{c['precision']:>9.3f} /{c['recall']:>6.3f} ({c['said']:>4})" for c in row.values()))


def compare(results: list[dict], labels: list[str]) -> None:
    print("\nrecipes by cross-validated mean (selection = mean of FNC-1 relative score, Emergent accuracy, "
          "Climate-FEVER macro F1, disagree F1 averaged over the sets)")
    print(f"{'recipe':<60}{'select':>7}{'FNC rel':>8}{'dis P':>6}{'dis R':>6}{'Em acc':>7}{'dis P':>6}{'dis R':>6}"
          f"{'CF mF1':>7}{'dis P':>6}{'dis R':>6}")
    for label, result in zip(labels, results):
        m = result["mean"]
        row = [m["selection"], m[FNC]["relative_score"]]
        cells = f"{label[:59]:<60}{row[0]:>7.2f}{row[1]:>8.2f}"
        for set_, head in ((FNC, None), (EMERGENT, "accuracy"), (CLIMATE, "macro_f1")):
            if head:
                cells += f"{100 * m[set_][head]:>7.2f}"
            d = m[set_]["classes"]["disagree"]
            cells += f"{d['precision']:>6.2f}{d['recall']:>6.2f}"
        print(cells)


def heading() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.system()}, "
          f"Python {platform.python_version()}; {dt.date.today().isoformat()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=train_stance.DATA, help="folder holding fnc-1/, emergent-dev/, climate-fever/")
    parser.add_argument("--cv", action="store_true", help="cross-validate the recipe over the development pool")
    parser.add_argument("--try", dest="variants", action="append", default=[], metavar="FIELD=VALUE;...",
                        help="also cross-validate the recipe with these fields changed")
    parser.add_argument("--write", action="store_true", help=f"with --cv: write the recipe's means to {train_stance.CV_FILE}")
    parser.add_argument("--cache", type=Path, help="with --cv: keep each fold's features in this folder between runs")
    parser.add_argument("--retrain", action="store_true", help="retrain and check the files are byte-identical")
    args = parser.parse_args(argv)
    heading()
    data = train_stance.load(args.data)
    if args.cv:
        recipes = [train_stance.RECIPE]
        for variant in args.variants:
            recipe = train_stance.RECIPE
            for change in filter(None, variant.split(";")):
                recipe = recipe.with_(change.strip())
            recipes.append(recipe)
        started = time.perf_counter()
        results = cross_validate(data, recipes, args.cache)
        print(f"cross-validation: {stance_data.FOLDS} folds by claim group over the development pool "
              f"(the final split left out), {time.perf_counter() - started:.0f} s")
        for label, result in zip(["recipe (train_stance.RECIPE)", *args.variants], results):
            print(f"\n== {label}: means over folds (± standard deviation); selection {result['mean']['selection']:.2f} "
                  f"(folds: {', '.join(f'{s:.2f}' for s in result['selection_by_fold'])})")
            for set_ in stance_data.SETS:
                show(set_, result["mean"][set_], result["sd"][set_])
            show_thresholds(result["disagree_by_probability"])
        if len(results) > 1:
            compare(results, ["recipe", *args.variants])
        if args.write:
            result = results[0] | {"machine": f"{platform.machine()}, {os.cpu_count()} cores",
                                   "date": dt.date.today().isoformat(), "rule": "means over the folds (confusion: summed)"}
            result.pop("sd")
            (train_stance.MODELS / train_stance.CV_FILE).write_text(
                json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"written to {train_stance.MODELS / train_stance.CV_FILE}")
        return 0
    final = data.final()
    started = time.perf_counter()
    figures = train_stance.evaluate(stance.Model.load(), final)
    print(f"final split (held out from training and from every modelling choice): {len(final)} pairs, "
          f"predicted in {time.perf_counter() - started:.1f} s")
    for set_ in stance_data.SETS:
        show(set_, figures[set_])
    if not args.retrain:
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        train_stance.main(["--data", str(args.data), "--out", folder])
        different = [name for name in (stance.MODEL_JSON, stance.MODEL_WEIGHTS, stance.CARD)
                     if (Path(folder) / name).read_bytes() != (train_stance.MODELS / name).read_bytes()]
    print(f"retrained in {time.perf_counter() - started:.1f} s: " + (f"DIFFERENT {different}" if different else "byte-identical"))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
