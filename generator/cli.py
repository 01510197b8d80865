"""The command line: `python -m generator build|serve|check|suggest|claim|search|add`. Parses options, calls the pipeline."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from generator import pipeline
from generator.claims import tracked, verdicts
from generator.commands import add, report
from generator.commands import search as searching
from generator.engine.cache import Cache
from generator.engine.stages import Stages
from generator.engine.workers import workers as pool
from generator.errors import Bug, InputErrors
from generator.model import Claim, Skipped
from generator.site import builder, render


def _paths(seeds: str, content: str, site_dir: str, config: str) -> pipeline.Paths:
    return pipeline.Paths(Path(seeds), Path(content), Path(site_dir), Path(config))


_seeds = click.option("--seeds", default="seeds", show_default=True, help="Folder with articles/ and claims/.")
_content = click.option("--content", default="content", show_default=True, help="Where the Markdown pages go (MkDocs docs_dir).")
_site = click.option("--site", "site_dir", default="site", show_default=True, help="Where the built site goes.")
_debug = click.option("--debug", is_flag=True, help="Show the traceback of an internal error instead of one line.")
_config = click.option("--config", default="mkdocs.yml", show_default=True, help="The MkDocs configuration file.")


_workers = click.option("--workers", type=click.IntRange(min=1), help="Processes for the per-article work (default: every core).")
_cache = click.option("--cache", "cache_dir", default=".cache", show_default=True,
                       help="Folder for per-article results kept between builds (git-ignored); --cache '' keeps none.")
_scheduler = click.option("--scheduler", metavar="ADDRESS",
                          help="Run the per-article work on this Dask scheduler, e.g. tcp://10.0.0.5:8786 (the distributed extra).")


def _run(debug: bool, workers: int | None, scheduler: str | None, action, *args, chatty: bool = True, cache: str = ""):
    """Call the pipeline; an unexpected failure is one line asking for a bug report (--debug: the
    traceback). Stages show on stderr: live on a terminal, else one line each (``chatty``) or none."""
    stages = Stages(sys.stderr) if chatty or sys.stderr.isatty() else Stages()
    try:
        with pool(workers, scheduler) as engine:
            return action(*args, pipeline.Run(stages, engine, debug, Cache(Path(cache) if cache else None)))
    except click.ClickException:
        raise
    except Exception as err:
        if debug:
            raise
        raise Bug(err) from None


@click.group()
def main() -> None:
    """Build a news archive and claim tracker site from the articles in seeds/."""


@main.command()
@_seeds
@_content
@_site
@_config
@_debug
@_workers
@_scheduler
@_cache
def build(seeds: str, content: str, site_dir: str, config: str, debug: bool, workers: int | None, scheduler: str | None,
          cache_dir: str) -> None:
    """Seeds -> content/ (Markdown) -> site/ (HTML), e.g. `python -m generator build`."""
    archive = _run(debug, workers, scheduler, pipeline.build, _paths(seeds, content, site_dir, config), cache=cache_dir)
    for skipped in archive.skipped:
        click.echo(f"{skipped.path}: skipped: {skipped.reason}", err=True)
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
@_debug
@_workers
@_scheduler
@_cache
def serve(seeds: str, content: str, config: str, dev_addr: str, debug: bool, workers: int | None, scheduler: str | None,
          cache_dir: str) -> None:
    """Generate content/, then preview the site with live reload, e.g. `python -m generator serve`."""
    paths = _paths(seeds, content, "site", config)
    _run(debug, workers, scheduler, pipeline.generate, paths, cache=cache_dir)
    builder.serve(paths.config, paths.content, dev_addr)


@main.command()
@_seeds
@click.option("--format", "output", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="text: `file:line: message`; github: workflow annotations shown on the pull request's diff.")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the build report as Markdown to this file, e.g. \"$GITHUB_STEP_SUMMARY\".")
@_debug
@_workers
@_scheduler
@_cache
def check(seeds: str, output: str, summary: Path | None, debug: bool, workers: int | None, scheduler: str | None,
          cache_dir: str) -> None:
    """Validate the inputs without writing anything; exit 1 on errors, e.g. `python -m generator check`."""
    paths = _paths(seeds, "content", "site", "mkdocs.yml")
    archive, problems = _run(debug, workers, scheduler, report.checked, paths, chatty=output == "text", cache=cache_dir)
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
@_debug
@_workers
def suggest(seeds: str, debug: bool, workers: int | None) -> None:
    """List statements several outlets repeat that no tracked claim covers, e.g. `python -m generator suggest`."""
    archive = _run(debug, workers, None, pipeline.check, _paths(seeds, "content", "site", "mkdocs.yml"), chatty=False)
    if not archive.suggestions:
        click.echo("Nothing to suggest: every statement repeated across outlets is already tracked.")
    for number, item in enumerate(archive.suggestions, start=1):
        click.echo(f"{number}. {' · '.join(item.facts)}  ({item.outlets} outlets)")
        click.echo(f"   {item.statement}")
        for source in item.sources:
            click.echo(f"   - {source.outlet}, articles/{source.article}/#p-{source.paragraph}")


def _claim_to_preview(statement_or_path: str) -> Claim:
    path = Path(statement_or_path)
    if path.suffix in (".yml", ".yaml"):
        if not path.is_file():
            raise click.BadParameter(f"no claim file '{path}'", param_hint="STATEMENT_OR_PATH")
        parsed = tracked.parse(path, path.as_posix())
        if not isinstance(parsed, Claim):
            raise InputErrors(parsed)
        return parsed
    if tracked.too_short(statement_or_path):
        raise click.BadParameter(tracked.TOO_SHORT, param_hint="STATEMENT_OR_PATH")
    return Claim(id="preview", statement=" ".join(statement_or_path.split()), source="(command line)")


@main.command()
@click.argument("statement_or_path")
@_seeds
@click.option("--all", "show_all", is_flag=True, help="Print every evidence sentence, not only the best quote per source.")
@_debug
@_workers
def claim(statement_or_path: str, seeds: str, show_all: bool, debug: bool, workers: int | None) -> None:
    """Preview a claim on the current archive: the sources it would get, with stance, outlet,
    claimant, best quote and paragraph link, e.g. `python -m generator claim "Ukraine advanced 2 km near Bakhmut."`
    or `python -m generator claim seeds/claims/my-claim.yml`."""
    tracked = _claim_to_preview(statement_or_path)
    archive = _run(debug, workers, None, functools.partial(pipeline.check, preview=tracked),
                   _paths(seeds, "content", "site", "mkdocs.yml"), chatty=False)
    summary = verdicts.summarise(tracked, list(archive.evidence), list(archive.positions))
    counts = ", ".join(f"{n} {stance}" for stance, n in summary.sources.items())
    click.echo(f"{tracked.statement}\n{len(summary.rows)} source(s): {counts}. Verdict: {summary.line}.")
    if not summary.rows:
        click.echo("No article in the archive bears on it: check the names and the kind of event, or add aliases.")
    by_slug = {e.slug: e for e in archive.entries}
    for row in summary.rows:
        position = row.position
        title = by_slug[position.article].article.meta.title
        click.echo(f"\n{position.stance.upper():9} {position.outlet} · {position.date or 'undated'} · {verdicts.carried(position)}")
        click.echo(f"          {title}  ({render.page_url(by_slug[position.article])})")
        quotes = [e for e in summary.evidence if e.article == position.article] if show_all else row.quotes[:1]
        for quote in quotes:
            click.echo(f"          “{quote.quote}”  [{quote.stance}, #p-{quote.paragraph}]")
        if not quotes and position.passage:
            click.echo(f"          stance read from this passage, no sentence states it: “{position.passage[1]}”  [#p-{position.passage[0]}]")
        if position.caveat:
            click.echo(f"          the report could not verify it: “{position.caveat[1]}”  [#p-{position.caveat[0]}]")


@main.command("add")
@_seeds
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
def add_command(seeds: str, inputs: tuple[str, ...]) -> None:
    """Add articles from .txt, .md, .html files and http(s) links to seeds/articles/,
    e.g. `python -m generator add saved-page.html https://example.org/story`."""
    outcomes = add.add(list(inputs), Path(seeds))
    for outcome in outcomes:
        for line in add.describe(outcome):
            click.echo(line, err=isinstance(outcome, Skipped))
    if all(isinstance(outcome, Skipped) for outcome in outcomes):
        raise click.exceptions.Exit(1)


@main.command()
@_seeds
@click.argument("query")
@click.option("--limit", default=10, show_default=True, help="How many results to print.")
@_debug
@_workers
def search(seeds: str, query: str, limit: int, debug: bool, workers: int | None) -> None:
    """Search the articles and claims from the terminal, e.g. `python -m generator search "a rout"`."""
    archive = _run(debug, workers, None, pipeline.check, _paths(seeds, "content", "site", "mkdocs.yml"), chatty=False)
    hits = searching.search(archive, query, limit)
    if not hits:
        click.echo(f"Nothing found for {query!r}.")
    for number, hit in enumerate(hits, start=1):
        click.echo(f"{number}. {hit}")
