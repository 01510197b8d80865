"""Benchmark `suggest` alone on synthetic archives of growing size.

    .venv/bin/python bench/bench_suggest.py [--sizes 1000 2000 5000 10000]

Articles come from `bench_pipeline.corpus()` (seed paragraphs recombined, ~10% near-duplicates).
There every seed paragraph, quotes and all, recurs in ~15% of all articles, so what `suggest` finds
grows with the square of the archive; `--as-corpus` times that. By default each run of STORY articles
gets a vocabulary of its own (`varied`), as in a real archive, where a few outlets repeat a story.
The archive (cleaned, deduplicated, claims matched) is built first; only `suggest` is timed.
Prints CPU seconds per size, the growth against the previous size and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # bench_pipeline, and this checkout's generator/

from bench_pipeline import ROOT, corpus  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.claims import claimants, evidence, suggest, tracked  # noqa: E402
from generator.dedup import fold, slugs  # noqa: E402
from generator.reading import clean, ingest  # noqa: E402

SYLLABLES = ["ka", "ro", "vin", "tel", "mar", "os", "lu", "zen", "dra", "pol", "shi", "ven", "bor", "ga", "nel"]
STORY = 4  # articles per story: outlets repeat a story's facts, names and quotes, not other stories'


def varied(texts: list[str], seed: int = 2) -> list[str]:
    """Give each run of STORY articles a vocabulary of its own: half of its longer words (names,
    places, rarer words) become coined words, the same throughout the story."""
    rng = random.Random(seed)
    out: list[str] = []
    for number, text in enumerate(texts):
        if number % STORY == 0:
            coined: dict[str, str] = {}

        def swap(match: re.Match) -> str:
            word = match.group(0)
            if word.lower() not in coined:
                fresh = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))
                coined[word.lower()] = fresh if rng.random() < 0.5 else word.lower()
            new = coined[word.lower()]
            return new.title() if word[0].isupper() else new

        out.append(re.sub(r"\b[A-Za-z]{5,}\b", swap, text))
    return out


def archive(count: int, tmp: Path, stories: bool = True) -> tuple[pipeline.Archive, tuple[str, ...]]:
    articles = Path(tmp) / "articles"
    articles.mkdir()
    texts = varied(corpus(count)) if stories else corpus(count)
    for number, text in enumerate(texts):
        (articles / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    claims, _ = tracked.load(ROOT / "seeds/claims")
    registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
    entries = slugs.assign(fold.deduplicate([clean.clean(ingest.read(p, articles)) for p in ingest.discover(articles)]))
    found, _ = evidence.match(entries, claims, registry)
    return pipeline.Archive(entries=tuple(entries), claims=tuple(claims), evidence=tuple(found)), registry.known


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--as-corpus", action="store_true", help="corpus() as it is, without story vocabularies")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    previous = None
    for size in options.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            built, known = archive(size, Path(tmp), not options.as_corpus)
        start = time.process_time()  # CPU time: the machine is shared, wall time varies with its load
        found = suggest.suggest(built, known)
        seconds = time.process_time() - start
        growth = "" if previous is None else (f"  x{seconds / previous[1]:.1f} time for x{size / previous[0]:.1f} articles")
        print(f"  {size:>6} articles ({len(built.entries)} canonical): suggest {seconds:7.2f} s, "
              f"{len(found)} suggestions{growth}", flush=True)
        previous = (size, seconds)


if __name__ == "__main__":
    main()
