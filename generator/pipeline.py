"""The build, top to bottom: ingest -> clean -> dedup -> stories (and dates from them) -> claims -> render -> write -> site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.claims import claimants, evidence, suggest, tracked
from generator.dedup import fold, slugs
from generator.errors import InputErrors, Problem, internal
from generator.model import Archive, Claim, Skipped, Source
from generator.reading import chrome, clean, ingest
from generator.site import builder, render, write
from generator.stories import dating, grouping

OWNED = ("index.md", "contributing.md", "claims-to-track.md", "matching.md", "feed.xml", "articles", "claims", "outlets",
         "claimants", "stories", "tags", "timeline", "api")

Progress = Callable[[Iterable, str], Iterable]


def _plain(items: Iterable, label: str) -> Iterable:
    return items


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


def read_sources(
    paths: Paths, progress: Progress = _plain, debug: bool = False
) -> tuple[list[Source], list[Skipped], list[Problem]]:
    """Every article file -> a Source, a Skipped or its problems; nothing is dropped silently."""
    if not paths.articles.is_dir():
        return [], [], [Problem(str(paths.articles), None, "no articles folder: create it and add .txt or .md files")]
    sources, skipped, problems = [], [], []
    for path in progress(ingest.discover(paths.articles), "Reading articles"):
        result = _guarded(ingest.read, path, paths.articles, name=path.relative_to(paths.articles).as_posix(), debug=debug)
        if isinstance(result, Source):
            sources.append(result)
        elif isinstance(result, Skipped):
            skipped.append(result)
        else:
            problems.extend(result)
    return sources, skipped, problems


def _guarded(stage, *args, name: str, debug: bool):
    """One article through one stage; an unexpected failure skips that article with a message
    that names the file and says it is a bug (``debug`` lets the traceback through)."""
    try:
        return stage(*args)
    except Exception as err:
        if debug:
            raise
        return Skipped(name, internal(err))


def check(paths: Paths, progress: Progress = _plain, debug: bool = False, preview: Claim | None = None) -> Archive:
    """Validate the inputs and assemble the archive, writing nothing; raises InputErrors.
    With ``preview``, that claim is the only one matched (what `claim` prints)."""
    sources, skipped, problems = read_sources(paths, progress, debug)
    claims, claim_problems = ([preview], []) if preview else tracked.load(paths.claims)
    registry, registry_problems = claimants.load_registry(paths.claimants)
    problems += claim_problems + registry_problems
    if problems:
        raise InputErrors(problems)
    survey = chrome.survey(sources)
    articles = []
    for source in progress(sources, "Cleaning"):
        result = _guarded(clean.clean, source, survey, name=source.path, debug=debug)
        (skipped if isinstance(result, Skipped) else articles).append(result)
    kept = [a for a in articles if a.paragraphs]
    skipped += [Skipped(a.source, "nothing left after cleaning: every line was boilerplate") for a in articles if not a.paragraphs]
    entries = slugs.assign(fold.deduplicate(kept))
    # Stories before claims: an undated report takes its year from its story (stories.dating), and
    # every later stage sees that date. Grouped once, on the dates read from the texts; the dated
    # entries keep their order (by source), so the clusters' indexes still hold.
    clusters = grouping.clusters(entries)
    entries = slugs.assign(dating.infer(entries, [members for members, _ in clusters]))
    stories = grouping.stories(entries, clusters)
    found, positions = evidence.match(entries, claims, registry)
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
    return replace(archive, suggestions=tuple(suggest.suggest(archive, registry.known)))


def generate(paths: Paths, progress: Progress = _plain, debug: bool = False) -> Archive:
    """Seeds -> content/: the Markdown pages and data files MkDocs builds the site from."""
    archive = check(paths, progress, debug)
    write.write(render.render(archive, builder.name(paths.config), builder.url(paths.config)), paths.content, OWNED)
    return archive


def build(paths: Paths, progress: Progress = _plain, debug: bool = False) -> Archive:
    """Seeds -> content/ -> site/."""
    archive = generate(paths, progress, debug)
    builder.build(paths.config, paths.content, paths.site, _epoch(archive))
    return archive


def _epoch(archive: Archive) -> str:
    """The newest article's date as the site's build date, so rebuilding changes no byte."""
    newest = max((e.article.meta.date for e in archive.entries if e.article.meta.date), default="2000-01-01")
    moment = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.timezone.utc)
    return str(int(moment.timestamp()))
