"""The benchmark of issue #14: the whole build on a corpus of real news sentences, and how well it did.

    .venv/bin/python bench/run.py --articles 10000 --claims 300
    .venv/bin/python bench/run.py --articles 2000 --claims 100 --search --dedup-baseline
    .venv/bin/python bench/run.py --articles 2500 5000 10000 --claims 300   # and the ratio per doubling

The corpus (bench/corpus.py, a fixed seed) is written as seeds (articles/*.md with front matter,
claims/*.yml) into a temporary folder and built by the real pipeline (`pipeline.build`, or
`pipeline.generate` with --no-site). Printed: the machine, date and load average; per stage its
seconds, the process's peak memory when it ended and its count; dedup recall and precision against
the planted copies; claim-evidence recall against the planted sentences; site size, pages and the
largest page of each kind; with --search, the bytes a browser downloads before its first search
result (bench/bench_search.py's headless Chromium, gzip-served as GitHub Pages does); one new
article's incremental build, then one reworded claim's; with --dedup-baseline, all pairs compared with rapidfuzz's cdist.
Several sizes run one after another, each in a fresh process (so each peak is its own), then the
ratio per doubling. Not a timed test: tests/test_bench.py runs it small so that it cannot rot.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is a folder of the repository, not installed
    sys.path.insert(0, str(ROOT))

from bench import corpus as corpus_maker  # noqa: E402
from generator import pipeline  # noqa: E402
from generator.dedup.fold import normalise  # noqa: E402
from generator.engine.stages import Stages, peak_mb  # noqa: E402
from generator.engine.workers import cores, workers  # noqa: E402

BASELINE = 500  # articles whose all pairs cdist compares, extrapolated to the whole archive
SEARCH_RUNS = 3
MATCHED = 90  # rapidfuzz partial_ratio for an evidence quote to be the planted sentence


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000], help="archive sizes (default 10000)")
    parser.add_argument("--claims", type=int, default=300, help="statement-only claims tracked (default 300)")
    parser.add_argument("--workers", type=int, default=None, help="processes for the per-article work (default: every core)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", choices=("auto", "fnc1", "sample"), default="auto",
                        help="FNC-1's bodies from ../shared/data/fnc-1, the repository's sample of them, "
                             "or the first found (default)")
    parser.add_argument("--no-site", action="store_true", help="stop at content/: no MkDocs, no Pagefind")
    parser.add_argument("--search", action="store_true",
                        help="measure the first search in headless Chromium (needs /usr/bin/chromium and the site)")
    parser.add_argument("--dedup-baseline", type=int, nargs="?", const=BASELINE, default=0, metavar="N",
                        help=f"time rapidfuzz.process.cdist over all pairs of N cleaned articles (default {BASELINE}) "
                             "and extrapolate to the archive")
    parser.add_argument("--quiet", action="store_true", help="no stage lines on stderr while it runs")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    options = parser.parse_args(argv)
    if options.search and options.no_site:
        parser.error("--search needs the site: drop --no-site")
    return options


def machine() -> dict:
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--", "generator", "bench", "mkdocs.yml", "overrides"))
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" + uncommitted changes" if dirty else "") if commit else "unknown",
        "cores": cores(),
        "arch": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load": [round(x, 2) for x in os.getloadavg()],
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _run(stages: Stages, engine, cache: Path | None) -> pipeline.Run:
    """A pipeline.Run, with the per-article cache in ``cache`` where this version of the pipeline has one."""
    if cache is None or not _has_cache():
        return pipeline.Run(stages=stages, workers=engine)
    try:
        from generator.engine.cache import Cache
    except ImportError:  # a cache given as its folder
        return pipeline.Run(stages=stages, workers=engine, cache=cache)
    return pipeline.Run(stages=stages, workers=engine, cache=Cache(cache))


def _has_cache() -> bool:
    return "cache" in {f.name for f in dataclasses.fields(pipeline.Run)}


def _stages(options) -> Stages:
    return Stages() if options.quiet else Stages(sys.stderr)


def measure(count: int, options: argparse.Namespace) -> dict:
    """Build a corpus of ``count`` articles and measure everything; a JSON-able dict."""
    result: dict = {"machine": machine(), "articles": count, "claims": options.claims, "seed": options.seed,
                    "site": not options.no_site}
    start = time.perf_counter()
    made = corpus_maker.make(count, options.claims, seed=options.seed, data=options.data)
    result["corpus"] = {"seconds": time.perf_counter() - start, "data": made.data, "bodies": made.bodies,
                        "copies": len(made.duplicates), "claims": len(made.claims), "planted": len(made.evidence)}
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        folder = Path(tmp)
        corpus_maker.write(made, folder / "seeds")
        paths = pipeline.Paths(folder / "seeds", folder / "content", folder / "site", ROOT / "mkdocs.yml")
        cache = folder / "cache"
        result["cache"] = _has_cache()
        stages = _stages(options)
        with workers(options.workers) as engine:
            start = time.perf_counter()
            archive = (pipeline.generate if options.no_site else pipeline.build)(paths, _run(stages, engine, cache))
            result["total"] = time.perf_counter() - start
        result["workers"] = options.workers or cores()
        result["stages"] = [{"name": r.name, "seconds": r.seconds, "count": r.count, "peak_mb": r.peak_mb}
                            for r in stages.records]
        result["peak_mb"] = peak_mb()  # the pool's processes included, now that they have ended
        result["dedup"] = dedup_scores(archive, made)
        result["evidence"] = evidence_scores(archive, made)
        if not options.no_site:
            result["pages"] = site_figures(paths.site, archive)
        if options.search:
            result["search"] = first_search(paths.site, made)
        if options.dedup_baseline:
            result["baseline"] = all_pairs(archive, options.dedup_baseline, options.seed, result["stages"])
        (paths.articles / made.extra.name).write_text(made.extra.markdown(), encoding="utf-8")
        result["incremental"] = _again(paths, options, cache)
        claim = paths.claims / f"{made.claims[0].id}.yml"  # a contributor rewords one claim
        claim.write_text(claim.read_text(encoding="utf-8").replace(".\n", " again.\n", 1), encoding="utf-8")
        result["claim_changed"] = _again(paths, options, cache)
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def _again(paths: pipeline.Paths, options: argparse.Namespace, cache: Path) -> dict:
    """pipeline.generate once more, with the cache of the builds before: seconds in all and per stage."""
    stages = _stages(options)
    with workers(options.workers) as engine:
        start = time.perf_counter()
        pipeline.generate(paths, _run(stages, engine, cache))
        return {"seconds": time.perf_counter() - start, "stages": [{"name": r.name, "seconds": r.seconds} for r in stages.records]}


def _members(archive) -> dict[str, str]:
    """Article file name -> the slug of the entry it was folded into (its own when canonical)."""
    found = {}
    for entry in archive.entries:
        for article in (entry.article, *(d.article for d in entry.duplicates)):
            found[Path(article.source).name] = entry.slug
    return found


def dedup_scores(archive, made) -> dict:
    """Recall and precision of the folded pairs against the planted (original, copy) pairs."""
    folded = set()
    for entry in archive.entries:
        names = sorted(Path(a.source).name for a in (entry.article, *(d.article for d in entry.duplicates)))
        folded |= {frozenset(pair) for pair in combinations(names, 2)}
    planted = {frozenset(pair) for pair in made.duplicates}
    hit = planted & folded
    return {"planted": len(planted), "found": len(hit), "folded": len(folded), "false": len(folded - planted),
            "recall": len(hit) / len(planted) if planted else 1.0,
            "precision": len(hit) / len(folded) if folded else 1.0,
            "missed": sorted(sorted(p) for p in planted - folded)[:5],
            "false_pairs": sorted(sorted(p) for p in folded - planted)[:5],
            "skipped": len(archive.skipped)}


def evidence_scores(archive, made) -> dict:
    """Of the planted (claim, article) pairs: how many the archive has as a source bearing on the claim
    (a Position), and how many with the planted sentence among its evidence."""
    from rapidfuzz import fuzz

    slug = _members(archive)
    positions = {(p.claim, p.article): p for p in archive.positions}
    quotes: dict[tuple[str, str], list[str]] = {}
    for item in archive.evidence:
        quotes.setdefault((item.claim, item.article), []).append(normalise(item.quote))
    sources = stated = 0
    stances: dict[str, int] = {}
    for claim, name, sentence in made.evidence:
        key = (claim, slug.get(name))
        if key in positions:
            sources += 1
            stances[positions[key].stance] = stances.get(positions[key].stance, 0) + 1
        planted = normalise(sentence)
        if any(fuzz.partial_ratio(quote, planted) >= MATCHED for quote in quotes.get(key, ())):
            stated += 1
    total = len(made.evidence)
    return {"planted": total, "sources": sources, "stated": stated,
            "source_recall": sources / total if total else 1.0, "stated_recall": stated / total if total else 1.0,
            "stances": dict(sorted(stances.items())), "positions": len(archive.positions),
            "sentences": len(archive.evidence)}


def site_figures(site: Path, archive) -> dict:
    """Bytes on disk, pages, and the largest page of each kind: article, claim, any other (index
    pages, a month of the articles list among them, are "other")."""
    own = {("articles", e.slug) for e in archive.entries} | {("claims", c.id) for c in archive.claims}
    files = [f for f in site.rglob("*") if f.is_file()]
    largest: dict[str, tuple[int, str]] = {}
    pages = 0
    for file in files:
        if file.suffix != ".html":
            continue
        pages += 1
        parts = file.relative_to(site).parts
        page = parts[:2] if len(parts) == 3 and parts[2] == "index.html" else None
        kind = {"articles": "article", "claims": "claim"}[page[0]] if page in own else "other"
        size = file.stat().st_size
        if size > largest.get(kind, (-1, ""))[0]:
            largest[kind] = (size, "/".join(parts))
    return {"bytes": sum(f.stat().st_size for f in files), "files": len(files), "pages": pages,
            "pagefind_bytes": sum(f.stat().st_size for f in files if f.relative_to(site).parts[0] == "pagefind"),
            "largest": {kind: {"bytes": size, "page": page} for kind, (size, page) in sorted(largest.items())}}


def search_query(made) -> str:
    """Three words of the first article's title: a query a reader of this archive might type."""
    words = [w.strip("\"“”‘’'.,:;!?()") for w in made.articles[0].title.split()]
    return " ".join([w for w in words if len(w) > 3][:3])


def first_search(site: Path, made) -> dict:
    """Bytes and seconds before the first search result, gzip-served, each run in an empty cache."""
    from playwright.sync_api import sync_playwright

    from bench.bench_search import CHROMIUM, FLAGS, first_result, serve

    query = search_query(made)
    probes = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            with serve(site, compress=True) as base_url:
                for _ in range(SEARCH_RUNS):
                    context = browser.new_context()
                    probes.append(first_result(context.new_page(), base_url, query))
                    context.close()
        finally:
            browser.close()
    in_page = sorted(p.in_page for p in probes)
    seconds = sorted(p.seconds for p in probes)
    return {"query": query, "bytes": max(p.downloaded for p in probes), "requests": probes[0].requests,
            "in_page": in_page[len(in_page) // 2], "seconds": seconds[len(seconds) // 2], "runs": len(probes),
            "results": len(probes[0].hrefs)}


def all_pairs(archive, size: int, seed: int, stages: list[dict]) -> dict:
    """rapidfuzz.process.cdist with fuzz.ratio (the scorer dedup/fold.py compares sentences with) over
    all pairs of ``size`` cleaned bodies (normalised as fold.py does), one thread, extrapolated with
    the square of the count to every article the dedup stage read."""
    from rapidfuzz import fuzz, process

    texts = sorted((Path(a.source).name, normalise(" ".join(a.paragraphs)))
                   for e in archive.entries for a in (e.article, *(d.article for d in e.duplicates)))
    texts = [text for _, text in texts]
    subset = random.Random(seed).sample(texts, min(size, len(texts)))
    start = time.perf_counter()
    process.cdist(subset, subset, scorer=fuzz.ratio, workers=1)
    seconds = time.perf_counter() - start
    n, total = len(subset), len(texts)
    per_pair = seconds / (n * n)
    dedup = next((s["seconds"] for s in stages if "duplicate" in s["name"].lower()), None)
    pairs = total * (total - 1) / 2
    return {"subset": n, "seconds": seconds, "articles": total, "pairs": pairs, "matrix": per_pair * total * total,
            "extrapolated": per_pair * pairs, "dedup": dedup,
            "ratio": per_pair * pairs / dedup if dedup else None}


# ---- printing ---------------------------------------------------------------------------------


def _kb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} KB"


def report(result: dict, command: str) -> list[str]:
    m = result["machine"]
    c = result["corpus"]
    lines = [
        f"$ {command}",
        f"({m['date']}, commit {m['commit']}; {m['cores']} cores, {m['arch']}, {m['system']}, Python {m['python']}; "
        f"load average {' '.join(map(str, m['load']))} at start, {' '.join(map(str, result['load_after']))} at end)",
        f"corpus: {result['articles']:,} articles ({result['articles'] - c['copies']:,} + {c['copies']:,} planted "
        f"near-duplicates) from {c['bodies']:,} bodies of {c['data']}, {c['claims']:,} claims stated in "
        f"{c['planted']:,} planted sentences; seed {result['seed']}; made in {c['seconds']:.1f} s",
        f"workers: {result['workers']}; per-article cache: {'yes' if result['cache'] else 'none in this pipeline'}",
        "",
        f"{'stage':<40} {'seconds':>8} {'peak MB':>8} {'count':>8}",
    ]
    for stage in result["stages"]:
        count = f"{stage['count']:,}" if stage["count"] is not None else ""
        lines.append(f"{stage['name']:<40} {stage['seconds']:8.2f} {stage['peak_mb']:8.0f} {count:>8}".rstrip())
    lines.append(f"{'total (' + ('generate' if result['site'] is False else 'build') + ')':<40} "
                 f"{result['total']:8.2f} {result['peak_mb']:8.0f}")
    lines.append("")
    d = result["dedup"]
    lines.append(f"dedup: {d['found']:,}/{d['planted']:,} planted pairs folded (recall {d['recall']:.3f}); "
                 f"{d['folded'] - d['false']:,} of {d['folded']:,} folded pairs planted (precision {d['precision']:.3f}, "
                 f"{d['false']} false)" + (f"; {d['skipped']} articles skipped" if d["skipped"] else ""))
    e = result["evidence"]
    stances = ", ".join(f"{k} {v:,}" for k, v in e["stances"].items())
    lines.append(f"claims: of {e['planted']:,} planted (claim, article) pairs, {e['sources']:,} found as a source "
                 f"(recall {e['source_recall']:.3f}: {stances or 'none'}), {e['stated']:,} with the planted sentence "
                 f"as evidence ({e['stated_recall']:.3f}); {e['positions']:,} sources and {e['sentences']:,} evidence "
                 f"sentences in all")
    if "pages" in result:
        p = result["pages"]
        largest = ", ".join(f"{kind} {_kb(v['bytes'])} ({v['page']})" for kind, v in p["largest"].items())
        lines.append(f"site: {p['pages']:,} pages, {p['files']:,} files, {_kb(p['bytes'])} "
                     f"(Pagefind {_kb(p['pagefind_bytes'])}); largest {largest}")
    if "search" in result:
        s = result["search"]
        lines.append(f"search: {s['query']!r}, gzip-served: first result after {s['bytes'] / 1e6:.2f} MB "
                     f"({s['requests']} requests), {s['in_page']:.2f} s by the page's clock, {s['seconds']:.2f} s as "
                     f"Playwright waits (median of {s['runs']}); {s['results']} results")
    i = result["incremental"]
    lines.append(f"incremental: one new article, then pipeline.generate again "
                 f"({'with the per-article cache' if result['cache'] else 'uncached: from zero'}): {i['seconds']:.2f} s")
    c = result["claim_changed"]
    lines.append(f"one claim reworded, then pipeline.generate again: {c['seconds']:.2f} s")
    if "baseline" in result:
        b = result["baseline"]
        ratio = f"; dedup stage {b['dedup']:.2f} s: {b['ratio']:,.0f}x faster" if b["ratio"] else ""
        lines.append(f"dedup vs all pairs: rapidfuzz.process.cdist (fuzz.ratio, 1 thread) over {b['subset']:,} cleaned "
                     f"bodies: {b['seconds']:.2f} s for {b['subset']:,}x{b['subset']:,}; extrapolated by the square to "
                     f"{b['articles']:,} articles: {b['extrapolated']:,.0f} s for the {b['pairs']:,.0f} pairs "
                     f"({b['matrix']:,.0f} s for the whole matrix){ratio}")
    return lines


def doubling(results: list[dict]) -> list[str]:
    """Seconds and peak memory per stage at each size, and the ratio per doubling of the archive."""
    sizes = [r["articles"] for r in results]
    names = list(dict.fromkeys(s["name"] for r in results for s in r["stages"]))
    head = f"{'stage':<40}" + "".join(f"{n:>10,}" for n in sizes) + "   per doubling"
    lines = ["seconds", head]

    def row(label: str, values: list[float | None], digits: int) -> str:
        cells = "".join(f"{v:10.{digits}f}" if v is not None else f"{'':>10}" for v in values)
        ratios = []
        for (n1, v1), (n2, v2) in zip(zip(sizes, values), zip(sizes[1:], values[1:])):
            ok = v1 and v2 and n2 > n1
            ratios.append(f"x{(v2 / v1) ** (1 / math.log2(n2 / n1)):.2f}" if ok else "-")
        return f"{label:<40}{cells}   {' '.join(ratios)}"

    def value(result: dict, name: str, key: str):
        return next((s[key] for s in result["stages"] if s["name"] == name), None)

    for name in names:
        lines.append(row(name, [value(r, name, "seconds") for r in results], 2))
    lines.append(row("total", [r["total"] for r in results], 2))
    lines.append(row("incremental (one new article)", [r["incremental"]["seconds"] for r in results], 2))
    lines.append(row("one claim reworded", [r["claim_changed"]["seconds"] for r in results], 2))
    lines += ["", "peak MB at the end of the stage", head]
    for name in names:
        lines.append(row(name, [value(r, name, "peak_mb") for r in results], 0))
    lines.append(row("whole run (pool processes included)", [r["peak_mb"] for r in results], 0))
    return lines


def _command(argv: list[str] | None) -> str:
    return "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)


def main(argv: list[str] | None = None) -> list[dict]:
    options = parse(argv)
    command = _command(argv)
    if len(options.articles) == 1:
        results = [measure(options.articles[0], options)]
        print("\n".join(report(results[0], command)), flush=True)
    else:
        results = []
        rest = _without_sizes(sys.argv[1:] if argv is None else argv)
        for count in options.articles:  # each in a fresh process: its peak memory its own
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                subprocess.run([sys.executable, str(Path(__file__).resolve()), "--articles", str(count), *rest,
                                "--json", out.name], check=True, stdout=subprocess.DEVNULL)
                results.append(json.loads(Path(out.name).read_text()))
            print("\n".join(report(results[-1], " ".join(["python bench/run.py --articles", str(count), *rest])))
                  + "\n", flush=True)
        print("\n".join(doubling(results)), flush=True)
    if options.json:
        options.json.write_text(json.dumps(results[0] if len(results) == 1 else results, indent=1), encoding="utf-8")
    return results


def _without_sizes(argv: list[str]) -> list[str]:
    """The arguments less --articles and its values, and less --json."""
    rest, skipping = [], False
    for arg in argv:
        if arg.startswith("--"):
            skipping = arg in ("--articles", "--json")
            if skipping or arg.startswith(("--articles=", "--json=")):
                continue
        elif skipping:
            continue
        rest.append(arg)
    return rest


if __name__ == "__main__":
    main()
