"""Where the per-article work runs: in this process, on a local process pool, or on a Dask cluster.

The work sent out is a pure function of one article (plus the small shared survey), so results
come back in input order and are the same bytes whichever way they were computed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

from generator.errors import GeneratorError

CHUNK = 64  # items per task: enough to pay for the trip to a worker


class Workers:
    """Maps a function over items in chunks, on an executor made when first needed (a local process
    pool, or Dask's ``Client.get_executor()``); results in input order. Without an executor, or for
    work too small to be worth a trip (one chunk, locally), it runs in this process."""

    def __init__(self, make: Callable[[], Executor] | None = None, remote: bool = False, chunk: int = CHUNK):
        self._make, self._executor, self.remote, self.chunk = make, None, remote, chunk

    def map(self, function: Callable, items: Sequence, chunk: int | None = None) -> list:
        """``function`` over ``items``, ``chunk`` of them per task (default: the pool's)."""
        chunk = chunk or self.chunk
        if self._make is None or not self.remote and len(items) <= chunk:
            return [function(item) for item in items]
        if self._executor is None:
            self._executor = self._make()
        chunks = [items[start:start + chunk] for start in range(0, len(items), chunk)]
        futures = [self._executor.submit(_each, function, chunk) for chunk in chunks]
        return [result for future in futures for result in future.result()]

    def close(self) -> None:
        if self._executor is not None and not self.remote:
            self._executor.shutdown()


def _each(function: Callable, chunk: Sequence) -> list:
    return [function(item) for item in chunk]


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def workers(count: int | None = None, scheduler: str | None = None, chunk: int = CHUNK) -> Iterator[Workers]:
    """Per-article work on ``count`` local processes (default: every core; 1: this process only),
    or on the Dask scheduler at ``scheduler`` (``tcp://host:8786``; needs the `distributed` extra)."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise GeneratorError("--scheduler needs Dask: pip install 'news-claim-tracker[distributed]'") from None
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise GeneratorError(f"cannot reach the Dask scheduler at {scheduler} ({err})") from None
        with client:
            yield Workers(client.get_executor, remote=True, chunk=chunk)
        return
    count = cores() if count is None else count
    start = "fork" if sys.platform == "linux" else "spawn"  # fork: workers start at once, with the model loaded
    pool = Workers(lambda: ProcessPoolExecutor(count, mp_context=get_context(start)), chunk=chunk) if count > 1 else Workers()
    try:
        yield pool
    finally:
        pool.close()
