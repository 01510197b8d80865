"""Benchmark `suggest` alone on synthetic archives of growing size.

    .venv/bin/python bench/bench_suggest.py [--sizes 1000 2000 5000 10000]

Articles come from `bench_pipeline.corpus()` (seed paragraphs recombined, ~10% near-duplicates);
half of them also get a paragraph of fresh vocabulary: made-up names hit by events and a made-up
quote that two or three articles repeat, so the archive's vocabulary and quotes grow with its size.
The archive (cleaned, deduplicated, claims matched) is built first; only `suggest` is timed.
Prints seconds per size, the growth against the previous size and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # bench_pipeline, and this checkout's generator/

from bench_pipeline import ROOT, corpus  # noqa: E402

from generator import claimants, claims, clean, dedup, evidence, ingest, pipeline, slugs, suggest  # noqa: E402

SYLLABLES = ["ka", "ro", "vin", "tel", "mar", "os", "lu", "zen", "dra", "pol", "shi", "ven", "bor", "ga", "nel"]
WORDS = ["supplies", "bridge", "convoy", "depot", "border", "winter", "harvest", "railway", "shelter",
         "council", "pipeline", "harbour", "volunteers", "generators", "checkpoint", "evacuation"]


def _coined(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def varied(texts: list[str], seed: int = 2) -> list[str]:
    """Give half the articles a paragraph of their own vocabulary, its quote shared with a neighbour."""
    rng = random.Random(seed)
    out, quote = [], ""
    for number, text in enumerate(texts):
        if number % 2:
            out.append(text)
            continue
        if number % 6 == 0:  # a new quote every third varied article, so two or three repeat it
            quote = " ".join(rng.choice(WORDS + [_coined(rng, 3)]) for _ in range(rng.randint(6, 12)))
        name = f"{_coined(rng, 2).title()} {_coined(rng, 3).title()}"
        place = _coined(rng, 3).title()
        paragraph = (f"{name} was injured when the {rng.choice(WORDS)} near {place} was hit, said "
                     f"{_coined(rng, 2).title()} {_coined(rng, 2).title()}: \"{quote.capitalize()}\", "
                     f"after {rng.randint(2, 900)} {rng.choice(WORDS)} were damaged.")
        head, _, body = text.partition("\n\n")
        out.append(f"{head}\n\n{paragraph}\n\n{body}")
    return out


def archive(count: int, tmp: Path) -> tuple[pipeline.Archive, tuple[str, ...]]:
    articles = Path(tmp) / "articles"
    articles.mkdir()
    for number, text in enumerate(varied(corpus(count))):
        (articles / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    tracked, _ = claims.load(ROOT / "seeds/claims")
    registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
    entries = slugs.assign(dedup.deduplicate([clean.clean(ingest.read(p, articles)) for p in ingest.discover(articles)]))
    found, _ = evidence.match(entries, tracked, registry)
    return pipeline.Archive(entries=tuple(entries), claims=tuple(tracked), evidence=tuple(found)), registry.known


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    previous = None
    for size in options.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            built, known = archive(size, Path(tmp))
        start = time.perf_counter()
        found = suggest.suggest(built, known)
        seconds = time.perf_counter() - start
        growth = "" if previous is None else (f"  x{seconds / previous[1]:.1f} time for x{size / previous[0]:.1f} articles")
        print(f"  {size:>6} articles ({len(built.entries)} canonical): suggest {seconds:7.2f} s, "
              f"{len(found)} suggestions{growth}", flush=True)
        previous = (size, seconds)


if __name__ == "__main__":
    main()
