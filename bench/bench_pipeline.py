"""Benchmark the pipeline stages on a synthetic corpus made from the seed articles.

    .venv/bin/python bench/bench_pipeline.py --articles 2000 [--site]

Articles recombine seed paragraphs with varied names and numbers; about 10% are near-duplicate
copies (a paragraph dropped, quotes restyled). Prints seconds per stage and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import tempfile
import time
from pathlib import Path

from generator import pipeline
from generator.claims import claimants, evidence, tracked
from generator.reading.sentences import sentences
from generator.dedup import fold, slugs
from generator.model import Claim
from generator.reading import chrome, clean, ingest
from generator.site import builder, render, write
from generator.stories import grouping

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Bakhmut", "Avdiivka", "Marinka", "Kreminna", "Vuhledar", "Robotyne", "Orikhiv", "Kupiansk", "Lyman"]
NAMES = ["Anna Koval", "Petro Shevchuk", "Olena Bondar", "Ivan Melnyk", "Maria Tkachenko", "Taras Lysenko"]


def corpus(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for path in sorted((ROOT / "seeds/articles").glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 80]
    texts = []
    for number in range(count):
        if texts and rng.random() < 0.1:  # a near-duplicate of an earlier article
            lines = rng.choice(texts).split("\n\n")
            del lines[rng.randrange(1, len(lines))]
            texts.append("\n\n".join(lines).replace("“", '"').replace("”", '"'))
            continue
        place, name = rng.choice(PLACES), rng.choice(NAMES)
        body = [re.sub(r"\d+(?:\.\d+)?", lambda m: str(rng.randint(1, 99)), p).replace("Bakhmut", place)
                for p in rng.sample(paragraphs, 12)]
        title = f"Report {number}: fighting near {place} as {name} speaks"
        texts.append("\n\n".join([title, f"By {name}", f"{rng.randint(1, 28)} May 2023", *body]))
    return texts


def statement_claims(count: int, seed: int = 2) -> list[Claim]:
    """Claims written as a contributor would: one sentence of the seeds each, statement only."""
    rng = random.Random(seed)
    found = []
    for path in sorted((ROOT / "seeds/articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [s for s in sentences(" ".join(text.split())) if 8 <= len(s.split()) <= 30]
    chosen = rng.sample(sorted(set(found)), min(count, len(set(found))))
    return [Claim(id=f"claim-{n:03d}", statement=s, source=f"claim-{n:03d}.yml") for n, s in enumerate(chosen)]


def timed(label: str, results: dict, function, *args):
    start = time.perf_counter()
    value = function(*args)
    results[label] = time.perf_counter() - start
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=0,
                        help="track this many statement-only claims (sentences of the corpus) instead of the seed claims")
    parser.add_argument("--site", action="store_true", help="also time the MkDocs build")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        (seeds / "articles").mkdir(parents=True)
        for number, text in enumerate(corpus(options.articles)):
            (seeds / "articles" / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        paths = pipeline.Paths(seeds, Path(tmp) / "content", Path(tmp) / "site", ROOT / "mkdocs.yml")
        claims, _ = tracked.load(ROOT / "seeds/claims")
        if options.claims:
            claims = statement_claims(options.claims)
        registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
        times: dict[str, float] = {}
        sources = timed("ingest", times, lambda: [ingest.read(p, paths.articles) for p in ingest.discover(paths.articles)])
        survey = chrome.survey(sources)
        articles = timed("clean", times, lambda: [clean.clean(s, survey) for s in sources])
        entries = timed("dedup", times, lambda: slugs.assign(fold.deduplicate(articles)))
        found, held = timed("claims", times, evidence.match, entries, claims, registry)
        grouped = timed("stories", times, grouping.group, entries)
        archive = pipeline.Archive(entries=tuple(entries), claims=tuple(claims), evidence=tuple(found),
                                   positions=tuple(held), stories=tuple(grouped))
        files = timed("render", times, render.render, archive, "bench", "https://example.org/bench/")
        timed("write", times, write.write, files, paths.content, pipeline.OWNED)
        if options.site:
            timed("mkdocs build", times, builder.build, paths.config, paths.content, paths.site, "0")
        pages = sorted((p.stat().st_size, p.name) for p in (paths.content / "claims").glob("*.md"))
    folded = sum(len(e.duplicates) for e in entries)
    print(f"{options.articles} articles, {folded} folded as duplicates (about 10% planted), {len(claims)} claims, "
          f"{len(found)} evidence sentences, {len(held)} sources; largest claim page {pages[-1][0] / 1024:.0f} KB of Markdown")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    for label, seconds in times.items():
        print(f"  {label:<13} {seconds:7.2f} s  {options.articles / seconds:9.0f} articles/s")
    print(f"  {'total':<13} {sum(times.values()):7.2f} s")


if __name__ == "__main__":
    main()
