"""The one small error family: every message names the file (and line) and what to do."""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class GeneratorError(click.ClickException):
    """An error the user can fix; shown as one line, never a traceback."""


class InputErrors(GeneratorError):
    """Some input files are invalid; lists every problem, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the inputs:\n{lines}")


REPORT = "this is a bug, please report it (run again with --debug to see the traceback)"


def internal(err: Exception) -> str:
    """An unexpected failure, in one line that says it is our bug, not the contributor's."""
    return f"internal error ({type(err).__name__}: {err}): {REPORT}"


class Bug(GeneratorError):
    """An unexpected failure outside any one file: the command stops cleanly, with one line."""

    def __init__(self, err: Exception):
        super().__init__(internal(err))
