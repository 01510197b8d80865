"""The build, top to bottom: ingest -> clean -> dedup -> claims -> render -> write -> site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator import claimants, claims, clean, dedup, evidence, ingest, render, site, slugs, stories, suggest, write
from generator.errors import InputErrors, Problem
from generator.model import Archive, Skipped, Source

OWNED = ("index.md", "contributing.md", "claims-to-track.md", "articles", "claims", "stories", "api")

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


def read_sources(paths: Paths, progress: Progress = _plain) -> tuple[list[Source], list[Skipped], list[Problem]]:
    """Every article file -> a Source, a Skipped or its problems; nothing is dropped silently."""
    if not paths.articles.is_dir():
        return [], [], [Problem(str(paths.articles), None, "no articles folder: create it and add .txt or .md files")]
    sources, skipped, problems = [], [], []
    for path in progress(ingest.discover(paths.articles), "Reading articles"):
        result = ingest.read(path, paths.articles)
        if isinstance(result, Source):
            sources.append(result)
        elif isinstance(result, Skipped):
            skipped.append(result)
        else:
            problems.extend(result)
    return sources, skipped, problems


def check(paths: Paths, progress: Progress = _plain) -> Archive:
    """Validate the inputs and assemble the archive, writing nothing; raises InputErrors."""
    sources, skipped, problems = read_sources(paths, progress)
    tracked, claim_problems = claims.load(paths.claims)
    registry, registry_problems = claimants.load_registry(paths.claimants)
    problems += claim_problems + registry_problems
    if problems:
        raise InputErrors(problems)
    articles = [clean.clean(s) for s in progress(sources, "Cleaning")]
    kept = [a for a in articles if a.paragraphs]
    skipped += [Skipped(a.source, "nothing left after cleaning: every line was boilerplate") for a in articles if not a.paragraphs]
    entries = slugs.assign(dedup.deduplicate(kept))
    found, positions = evidence.match(entries, tracked, registry)
    archive = Archive(
        entries=tuple(entries),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        claims=tuple(sorted(tracked, key=lambda c: c.id)),
        evidence=tuple(found),
        positions=tuple(positions),
        stories=tuple(stories.group(entries)),
    )
    return replace(archive, suggestions=tuple(suggest.suggest(archive, registry.known)))


def generate(paths: Paths, progress: Progress = _plain) -> Archive:
    """Seeds -> content/: the Markdown pages and data files MkDocs builds the site from."""
    archive = check(paths, progress)
    write.write(render.render(archive, site.name(paths.config)), paths.content, OWNED)
    return archive


def build(paths: Paths, progress: Progress = _plain) -> Archive:
    """Seeds -> content/ -> site/."""
    archive = generate(paths, progress)
    site.build(paths.config, paths.content, paths.site, _epoch(archive))
    return archive


def _epoch(archive: Archive) -> str:
    """The newest article's date as the site's build date, so rebuilding changes no byte."""
    newest = max((e.article.meta.date for e in archive.entries if e.article.meta.date), default="2000-01-01")
    moment = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.timezone.utc)
    return str(int(moment.timestamp()))
