"""Each stage of a build, timed and shown: a live line on a terminal (what it is doing, how far,
for how long), one line per stage with its time elsewhere (CI logs, pipes), nothing when quiet."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

REFRESH = 0.2  # seconds between two updates of the live line


@dataclass(frozen=True)
class Record:
    """One finished stage: its name, how long it took, how many items it handled, and the
    process's peak memory when it ended (MB, resident)."""

    name: str
    seconds: float
    count: int | None
    peak_mb: float


def peak_mb() -> float:
    """The peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


class Step:
    """The stage running now: ``advance()`` as items are done."""

    def __init__(self, stages: Stages, name: str, total: int | None):
        self.stages, self.name, self.total, self.done = stages, name, total, 0
        self.start = self.shown = time.perf_counter()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if self.stages.live and now - self.shown >= REFRESH:
            self.shown = now
            self.stages.show(self._line(now, final=False))

    def _line(self, now: float, final: bool) -> str:
        count = f"{self.done:,}" + (f"/{self.total:,}" if self.total is not None and not final else "")
        return f"{self.name}: {count} in {now - self.start:.1f} s" if self.total is not None else \
            f"{self.name}: {now - self.start:.1f} s"


class Stages:
    """Where a build reports its stages. ``out=None`` keeps the records only (tests, benchmarks)."""

    def __init__(self, out: TextIO | None = None, live: bool | None = None):
        self.out = out
        self.live = out is not None and (out.isatty() if live is None else live)
        self.records: list[Record] = []

    @classmethod
    def terminal(cls) -> Stages:
        return cls(sys.stderr)

    def show(self, line: str) -> None:
        self.out.write(f"\r\x1b[K{line}")
        self.out.flush()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Step]:
        step = Step(self, name, total)
        yield step
        now = time.perf_counter()
        self.records.append(Record(name, now - step.start, step.done if total is not None else None, peak_mb()))
        if self.out is not None:
            line = step._line(now, final=True)
            self.out.write(f"\r\x1b[K{line}\n" if self.live else f"{line}\n")
            self.out.flush()

    def track(self, items: Iterable, name: str) -> Iterator:
        """Each item of ``items`` in turn, as one stage."""
        items = list(items)
        with self.stage(name, len(items)) as step:
            for item in items:
                yield item
                step.advance()

