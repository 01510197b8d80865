"""What a pull request shows: problems as GitHub annotations, the build report as a job summary."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from generator import pipeline
from generator.errors import InputErrors, Problem
from generator.model import SIDES, Archive
from generator.site import render


def _data(text: str) -> str:
    """An annotation's message, escaped as GitHub's toolkit does (escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """An annotation's property value (file=...), escaped as GitHub's toolkit does (escapeProperty)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def located(name: str, seeds: Path) -> str:
    """A problem's file relative to the working folder (the repository root in CI): problems name
    article files from seeds/articles/ and claim files from seeds/."""
    for folder in (seeds / "articles", seeds, Path(".")):
        if (folder / name).exists():
            return Path(os.path.relpath((folder / name).resolve(), Path.cwd().resolve())).as_posix()
    return name


def annotation(problem: Problem, seeds: Path, level: str = "error") -> str:
    """One problem as a workflow command, e.g. `::error file=seeds/claims/x.yml,line=3::message`."""
    properties = f"file={_property(located(problem.path, seeds))}"
    if problem.line:
        properties += f",line={problem.line}"
    return f"::{level} {properties}::{_data(problem.message)}"


def summary(archive: Archive | None, problems: list[Problem], seeds: Path) -> str:
    """The build report as Markdown for $GITHUB_STEP_SUMMARY: counts, skipped files, claims touched, problems."""
    counts = Counter((p.claim, p.stance) for p in archive.positions) if archive else Counter()
    touched = [(c, [counts[c.id, s] for s in SIDES]) for c in (archive.claims if archive else ())
               if any(counts[c.id, s] for s in SIDES)]
    return render.ENV.get_template("summary.md.j2").render(archive=archive, touched=touched,
                                                          problems=[(located(p.path, seeds), p) for p in problems],
                                                          stances=SIDES)


def checked(paths: pipeline.Paths, run: pipeline.Run | None = None) -> tuple[Archive | None, list[Problem]]:
    """pipeline.check's archive, or its problems: both ways end in a report."""
    try:
        return pipeline.check(paths, run), []
    except InputErrors as err:
        return None, err.problems


def annotations(archive: Archive | None, problems: list[Problem], seeds: Path) -> list[str]:
    """Errors for the problems, warnings for the skipped files."""
    skipped = [Problem(s.path, None, f"skipped: {s.reason}") for s in (archive.skipped if archive else ())]
    return [annotation(p, seeds) for p in problems] + [annotation(s, seeds, "warning") for s in skipped]
