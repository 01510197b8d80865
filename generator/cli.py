"""The command line: `python -m generator build|serve|check|suggest|search`. Parses options, calls the pipeline."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from generator import pipeline, report, search as searching, site
from generator.errors import InputErrors


def _progress(items: Iterable, label: str) -> Iterable:
    """A progress bar on a terminal; nothing in CI or a pipe."""
    items = list(items)
    if not sys.stderr.isatty() or len(items) < 2:
        return items
    return _bar(items, label)


def _bar(items: list, label: str) -> Iterable:
    with click.progressbar(items, label=label, file=sys.stderr) as bar:
        yield from bar


def _paths(seeds: str, content: str, site_dir: str, config: str) -> pipeline.Paths:
    return pipeline.Paths(Path(seeds), Path(content), Path(site_dir), Path(config))


_seeds = click.option("--seeds", default="seeds", show_default=True, help="Folder with articles/ and claims/.")
_content = click.option("--content", default="content", show_default=True, help="Where the Markdown pages go (MkDocs docs_dir).")
_site = click.option("--site", "site_dir", default="site", show_default=True, help="Where the built site goes.")
_config = click.option("--config", default="mkdocs.yml", show_default=True, help="The MkDocs configuration file.")


@click.group()
def main() -> None:
    """Build a news archive and claim tracker site from the articles in seeds/."""


@main.command()
@_seeds
@_content
@_site
@_config
def build(seeds: str, content: str, site_dir: str, config: str) -> None:
    """Seeds -> content/ (Markdown) -> site/ (HTML), e.g. `python -m generator build`."""
    archive = pipeline.build(_paths(seeds, content, site_dir, config), _progress)
    duplicates = sum(len(e.duplicates) for e in archive.entries)
    click.echo(
        f"Built {len(archive.entries)} article page(s) ({duplicates} duplicate(s) folded, "
        f"{len(archive.skipped)} file(s) skipped) into {content}/ and the site into {site_dir}/.",
        err=True,
    )


@main.command()
@_seeds
@_content
@_config
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(seeds: str, content: str, config: str, dev_addr: str) -> None:
    """Generate content/, then preview the site with live reload, e.g. `python -m generator serve`."""
    paths = _paths(seeds, content, "site", config)
    pipeline.generate(paths, _progress)
    site.serve(paths.config, paths.content, dev_addr)


@main.command()
@_seeds
@click.option("--format", "output", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="text: `file:line: message`; github: workflow annotations shown on the pull request's diff.")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the build report as Markdown to this file, e.g. \"$GITHUB_STEP_SUMMARY\".")
def check(seeds: str, output: str, summary: Path | None) -> None:
    """Validate the inputs without writing anything; exit 1 on errors, e.g. `python -m generator check`."""
    paths = _paths(seeds, "content", "site", "mkdocs.yml")
    archive, problems = report.checked(paths, _progress)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as out:
            out.write(report.summary(archive, problems, paths.seeds))
    if output == "github":
        for line in report.annotations(archive, problems, paths.seeds):
            click.echo(line)
    if problems:
        if output == "github":
            raise SystemExit(1)
        raise InputErrors(problems)
    if output == "text":
        for skipped in archive.skipped:
            click.echo(f"{skipped.path}: skipped: {skipped.reason}", err=True)
    click.echo(f"OK: {len(archive.entries)} article(s), {len(archive.skipped)} skipped.", err=True)


@main.command()
@_seeds
def suggest(seeds: str) -> None:
    """List statements several outlets repeat that no tracked claim covers, e.g. `python -m generator suggest`."""
    archive = pipeline.check(_paths(seeds, "content", "site", "mkdocs.yml"), _progress)
    if not archive.suggestions:
        click.echo("Nothing to suggest: every statement repeated across outlets is already tracked.")
    for number, item in enumerate(archive.suggestions, start=1):
        click.echo(f"{number}. {' · '.join(item.facts)}  ({item.outlets} outlets)")
        click.echo(f"   {item.statement}")
        for source in item.sources:
            click.echo(f"   - {source.outlet}, articles/{source.article}/#p-{source.paragraph}")


@main.command()
@_seeds
@click.argument("query")
@click.option("--limit", default=10, show_default=True, help="How many results to print.")
def search(seeds: str, query: str, limit: int) -> None:
    """Search the articles and claims from the terminal, e.g. `python -m generator search "a rout"`."""
    archive = pipeline.check(_paths(seeds, "content", "site", "mkdocs.yml"), _progress)
    hits = searching.search(archive, query, limit)
    if not hits:
        click.echo(f"Nothing found for {query!r}.")
    for number, hit in enumerate(hits, start=1):
        click.echo(f"{number}. {hit}")
