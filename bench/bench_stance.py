"""Held-out-body validation of the SHIPPED stance model on FNC-1's training split.

    python bench/bench_stance.py [--data ../shared/data/fnc-1] [--retrain]

Prints the FNC-1 relative score, per-class precision and recall and the confusion matrix on the
held-out bodies and claims (the split of bench/train_stance.py). With --retrain, trains again into a temporary
folder and exits 1 unless the model files are byte-identical to the shipped ones.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

import train_stance

from generator.claims import stance

SHIPPED = train_stance.ROOT / "generator" / "claims" / "models"


def show(figures: dict) -> None:
    print(f"pairs {figures['pairs']}  relative score {figures['relative_score']:.2f} %  accuracy {figures['accuracy']:.4f}")
    print(f"{'class':<10} {'precision':>9} {'recall':>7}")
    for label in stance.LABELS:
        c = figures["classes"][label]
        print(f"{label:<10} {c['precision']:>9.4f} {c['recall']:>7.4f}")
    print("confusion (rows truth, columns predicted)")
    print(" " * 10 + "".join(f"{p:>10}" for p in stance.LABELS))
    for t in stance.LABELS:
        print(f"{t:<10}" + "".join(f"{figures['confusion'][t][p]:>10}" for p in stance.LABELS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=train_stance.ROOT.parent / "shared" / "data" / "fnc-1")
    parser.add_argument("--retrain", action="store_true", help="retrain and check the files are byte-identical")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bodies, pairs = train_stance.read(args.data)
    held = train_stance.split(pairs)[1]
    started = time.perf_counter()
    figures = train_stance.evaluate(stance.Model.load(), bodies, held)
    print(f"held-out bodies {len({b for _, b, _ in held})}, predicted in {time.perf_counter() - started:.1f} s")
    show(figures)
    if not args.retrain:
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        train_stance.main(["--data", str(args.data), "--out", folder])
        different = [
            name for name in (stance.MODEL_JSON, stance.MODEL_WEIGHTS, stance.CARD)
            if (Path(folder) / name).read_bytes() != (SHIPPED / name).read_bytes()
        ]
    print(f"retrained in {time.perf_counter() - started:.1f} s: " + (f"DIFFERENT {different}" if different else "byte-identical"))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
