"""Python's cycle collector, run less often while a build holds the archive.

A build keeps hundreds of thousands of long-lived objects (sentences, stems, evidence), and the
collector's default (a pass after every 700 new objects, a full one after every hundred passes)
walks them again and again; almost nothing it could free is a cycle, since plain data is freed as
soon as it is unused. ``seldom`` raises the thresholds for the build and puts them back after:
the build does the same work, with about 12 % less CPU on a 2,500-article archive
(docs/performance.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (100_000, 50, 100)  # new objects before a pass; passes before the next generation's


@contextmanager
def seldom() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
