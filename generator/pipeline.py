"""The build, top to bottom: ingest -> clean -> dedup -> stories (and dates from them) -> claims -> render -> write -> site."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from generator.claims import claimants, corpus, evidence, suggest, tracked
from generator.dedup import fold, slugs
from generator.engine import cache as caching
from generator.engine import collector
from generator.engine.cache import Cache
from generator.engine.stages import Stages
from generator.engine.workers import Workers
from generator.errors import InputErrors, Problem, internal
from generator.model import Archive, Article, Claim, Skipped, Source
from generator.reading import chrome, clean, ingest
from generator.site import builder, render, write
from generator.stories import dating, grouping

OWNED = ("index.md", "contributing.md", "claims-to-track.md", "matching.md", "feed.xml", "articles", "claims", "outlets",
         "claimants", "stories", "tags", "timeline", "api", "claims-to-track")


@dataclass
class Run:
    """How one build runs: where its stages are reported, where the per-article work goes, and
    whether an internal error shows its traceback."""

    stages: Stages = field(default_factory=Stages)
    workers: Workers = field(default_factory=Workers)
    debug: bool = False
    cache: Cache = field(default_factory=lambda: Cache(None))


@dataclass(frozen=True)
class Paths:
    seeds: Path
    content: Path
    site: Path
    config: Path

    @property
    def articles(self) -> Path:
        return self.seeds / "articles"

    @property
    def claims(self) -> Path:
        return self.seeds / "claims"

    @property
    def claimants(self) -> Path:
        return self.seeds / "claimants.yml"


def read_sources(paths: Paths, run: Run) -> tuple[list[Source], list[Skipped], list[Problem]]:
    """Every article file -> a Source, a Skipped or its problems; nothing is dropped silently."""
    if not paths.articles.is_dir():
        return [], [], [Problem(str(paths.articles), None, "no articles folder: create it and add .txt or .md files")]
    files = list(ingest.discover(paths.articles))
    with run.stages.stage("Reading articles", len(files)) as step:
        results = _cached(run, "read", [_file_key(paths.articles, f) for f in files], files,
                          partial(_read_file, paths.articles, run.debug), Source)
        step.advance(len(files))
    sources, skipped, problems = [], [], []
    for result in results:
        if isinstance(result, Source):
            sources.append(result)
        elif isinstance(result, Skipped):
            skipped.append(result)
        else:
            problems.extend(result)
    return sources, skipped, problems


def _cached(run: Run, kind: str, keys: list[str | None], items: list, work, keep: type) -> list:
    """``work`` over the items whose result the cache lacks (on the workers); results of type
    ``keep`` are stored under their keys for the next build."""
    results = [run.cache.get(kind, k) if k else None for k in keys]
    missing = [i for i, r in enumerate(results) if r is None]
    for i, result in zip(missing, run.workers.map(work, [items[i] for i in missing])):
        results[i] = result
        if keys[i] and isinstance(result, keep):
            run.cache.put(kind, keys[i], result)
    return results


def _kept(run: Run, kind: str, key: str, work):
    """``work()``, an archive-wide result, or what the cache kept of it under ``key``, the digest
    of all it reads: a build that changes none of that (a claim edited) does not compute it again."""
    found = run.cache.get(kind, key)
    if found is None:
        found = work()
        run.cache.put(kind, key, found)
    return found


def _file_key(articles: Path, path: Path) -> str | None:
    try:
        return caching.key(path.relative_to(articles).as_posix(), path.read_bytes())
    except OSError:
        return None  # ingest.read says why


def _article_key(article: Article) -> str:
    """What a per-article result of the later stages depends on: the title and paragraphs."""
    return caching.key(article.meta.title, *article.paragraphs)


def _clean_key(source: Source, view: chrome.Survey) -> str:
    return caching.key(repr(source), *sorted(map(repr, view.outlet_lines)), "|", *sorted(view.archive_lines))


def _read_file(articles: Path, debug: bool, path: Path):
    return _guarded(ingest.read, path, articles, name=path.relative_to(articles).as_posix(), debug=debug)


def _clean_one(debug: bool, job: tuple[Source, chrome.Survey]):
    source, view = job
    return _guarded(clean.clean, source, view, name=source.path, debug=debug)


def _offer(job: tuple[Article, corpus.Read]) -> suggest.Offer:
    return suggest.offer(*job)


def _guarded(stage, *args, name: str, debug: bool):
    """One article through one stage; an unexpected failure skips that article with a message
    that names the file and says it is a bug (``debug`` lets the traceback through)."""
    try:
        return stage(*args)
    except Exception as err:
        if debug:
            raise
        return Skipped(name, internal(err))


@collector.seldom()
def check(paths: Paths, run: Run | None = None, preview: Claim | None = None) -> Archive:
    """Validate the inputs and assemble the archive, writing nothing; raises InputErrors.
    With ``preview``, that claim is the only one matched (what `claim` prints)."""
    run = run or Run()
    sources, skipped, problems = read_sources(paths, run)
    claims, claim_problems = ([preview], []) if preview else tracked.load(paths.claims)
    registry, registry_problems = claimants.load_registry(paths.claimants)
    problems += claim_problems + registry_problems
    if problems:
        raise InputErrors(problems)
    with run.stages.stage("Cleaning", len(sources)) as step:
        lines = _cached(run, "lines", [caching.key(*(b.text for b in s.blocks)) for s in sources], sources,
                        chrome.line_keys, frozenset)
        survey = chrome.survey(sources, lines)
        jobs = [(source, survey.view(source, keys)) for source, keys in zip(sources, lines)]  # all cleaning one source asks of the survey
        results = _cached(run, "clean", [_clean_key(*job) for job in jobs], jobs, partial(_clean_one, run.debug), Article)
        run.cache.save()
        step.advance(len(sources))
    articles = [r for r in results if not isinstance(r, Skipped)]
    skipped += [r for r in results if isinstance(r, Skipped)]
    kept = [a for a in articles if a.paragraphs]
    skipped += [Skipped(a.source, "nothing left after cleaning: every line was boilerplate") for a in articles if not a.paragraphs]
    with run.stages.stage("Folding duplicates", len(kept)) as step:
        prints = _cached(run, "print", [caching.key(*a.paragraphs) for a in kept], [a.paragraphs for a in kept],
                         fold.fingerprint, fold.Print)
        entries = slugs.assign(fold.deduplicate(kept, prints))
        step.advance(len(kept))
    # Stories before claims: an undated report takes its year from its story (stories.dating), and
    # every later stage sees that date. Grouped once, on the dates read from the texts; the dated
    # entries keep their order (by source), so the clusters' indexes still hold.
    keys = [_article_key(e.article) for e in entries]  # what the per-article work of the later stages reads
    with run.stages.stage("Grouping stories", len(entries)) as step:
        counted = _cached(run, "stories", keys, [e.article for e in entries], grouping.features, Counter)
        clustering = caching.key(*keys, *(f"{e.slug}\0{e.article.meta.date or ''}" for e in entries))  # all it reads
        clusters = _kept(run, "clusters", clustering, lambda: grouping.clusters(entries, counted))
        entries = slugs.assign(dating.infer(entries, [members for members, _ in clusters]))
        stories = grouping.stories(entries, clusters)
        step.advance(len(entries))
    with run.stages.stage("Matching claims", len(claims)) as step:
        reads = _cached(run, "claims", keys, [e.article for e in entries], corpus.read, corpus.Read)
        found, positions = evidence.match(entries, claims, registry, partial(run.workers.map, chunk=1), run.cache,
                                          reads)  # a batch of the stance model's pairs a task
        run.cache.save()
        step.advance(len(claims))
    archive = Archive(
        entries=tuple(entries),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        claims=tuple(sorted(claims, key=lambda c: c.id)),
        evidence=tuple(found),
        positions=tuple(positions),
        stories=tuple(stories),
    )
    if preview:
        return archive
    with run.stages.stage("Finding candidate claims"):
        offers = _cached(run, "suggest", keys, [(e.article, r) for e, r in zip(entries, reads)], _offer, suggest.Offer)
        run.cache.save()
        return replace(archive, suggestions=tuple(suggest.suggest(archive, registry.known, reads=reads, offers=offers)))


@collector.seldom()
def generate(paths: Paths, run: Run | None = None) -> Archive:
    """Seeds -> content/: the Markdown pages and data files MkDocs builds the site from."""
    run = run or Run()
    archive = check(paths, run)
    with run.stages.stage("Gathering pages"):
        files = render.gather(archive, builder.name(paths.config), builder.url(paths.config))
    with run.stages.stage("Rendering and writing content/", len(files)) as step:  # each page written as rendered
        write.write(files, paths.content, OWNED)
        step.advance(len(files))
    return archive


@collector.seldom()
def build(paths: Paths, run: Run | None = None) -> Archive:
    """Seeds -> content/ -> site/."""
    run = run or Run()
    archive = generate(paths, run)
    with run.stages.stage("Building the site (MkDocs, Pagefind)"):
        builder.build(paths.config, paths.content, paths.site, _epoch(archive))
    return archive


def _epoch(archive: Archive) -> str:
    """The newest article's date as the site's build date, so rebuilding changes no byte."""
    newest = max((e.article.meta.date for e in archive.entries if e.article.meta.date), default="2000-01-01")
    moment = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.timezone.utc)
    return str(int(moment.timestamp()))
