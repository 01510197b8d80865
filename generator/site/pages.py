"""Long lists cut into pages of a bounded size, so no page grows with the archive.

A list that fits one page stays on its page. A longer one is cut by month when its items have
dates (``by_month``: ``articles/2023-05.md``, then ``articles/2023-05/2.md`` when the month itself
is long, ``articles/undated.md``), else into numbered pages (``numbered``: the list's own page is
page 1, then ``claims/page/2.md``, …). Every part knows its neighbours and the page that lists
all parts, so the templates link them (``pager``). Names depend on the items alone: the same
archive gives the same pages.

Paths are content paths (``articles/2023-05.md``); ``link`` turns one into a Markdown link from
another page, ``href`` into a URL for HTML blocks (MkDocs serves ``a/b.md`` at ``a/b/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One page of a list: its path, its items, and where it sits among the list's pages."""

    path: str  # content path, e.g. "articles/2023-05/2.md"
    items: tuple
    group: str | None = None  # the month ("2023-05", "undated") of a list cut by month
    number: int = 1  # 1-based, within its group
    count: int = 1  # pages in its group

    @property
    def label(self) -> str:
        """How links and titles name it: "2023-05", "2023-05, page 2 of 3", "page 3 of 9"."""
        page = f"page {self.number} of {self.count}"
        if self.group is None:
            return page
        return self.group if self.count == 1 else f"{self.group}, {page}"

    def of(self, kind: str) -> list:
        """The items of one kind, for a list of ``(kind, item)`` pairs (``tagged``)."""
        return [item for k, item in self.items if k == kind]


@dataclass(frozen=True)
class Pages:
    """A list and its pages; ``index`` is the page that links every part (the list's own page)."""

    index: str
    parts: tuple[Part, ...]
    total: int  # items in the whole list

    @property
    def split(self) -> bool:
        return len(self.parts) > 1 or (bool(self.parts) and self.parts[0].path != self.index)

    def neighbours(self, part: Part) -> tuple[Part | None, Part | None]:
        at = self.parts.index(part)
        return (self.parts[at - 1] if at else None, self.parts[at + 1] if at + 1 < len(self.parts) else None)

    def groups(self) -> list[tuple[str | None, list[Part]]]:
        """The parts by group, in order: a month and its pages."""
        found: dict[str | None, list[Part]] = {}
        for part in self.parts:
            found.setdefault(part.group, []).append(part)
        return list(found.items())


def _cut(items: Sequence, size: float, weight: Callable[[object], float] | None) -> list[tuple]:
    """Consecutive runs of items, each weighing at most ``size`` (one heavy item alone may weigh more)."""
    runs, run, used = [], [], 0.0
    for item in items:
        heft = weight(item) if weight else 1
        if run and used + heft > size:
            runs.append(tuple(run))
            run, used = [], 0.0
        run.append(item)
        used += heft
    if run:
        runs.append(tuple(run))
    return runs


def numbered(items: Iterable, size: float, index: str, folder: str,
             weight: Callable[[object], float] | None = None) -> Pages:
    """Pages of at most ``size`` (items, or their ``weight``): page 1 is ``index`` itself, page n
    is ``{folder}/{n}.md``. An empty list has one empty page, the index."""
    items = tuple(items)
    runs = _cut(items, size, weight) or [()]
    parts = tuple(Part(index if n == 1 else f"{folder}/{n}.md", run, None, n, len(runs)) for n, run in enumerate(runs, 1))
    return Pages(index, parts, len(items))


def by_month(items: Iterable, size: float, index: str, folder: str, month: Callable[[object], str],
             weight: Callable[[object], float] | None = None) -> Pages:
    """One page per month when the list does not fit on ``index``: ``{folder}/{month}.md``, and
    ``{folder}/{month}/{n}.md`` for the rest of a long month. Items come in display order, a month's
    items together; a list that fits one page is that one page, ``index``."""
    items = tuple(items)
    if sum(weight(i) for i in items) <= size if weight else len(items) <= size:
        return Pages(index, (Part(index, items),), len(items))
    months: dict[str, list] = {}
    for item in items:
        months.setdefault(month(item), []).append(item)
    parts = []
    for key, group in months.items():
        runs = _cut(group, size, weight)
        parts += [Part(f"{folder}/{key}.md" if n == 1 else f"{folder}/{key}/{n}.md", run, key, n, len(runs))
                  for n, run in enumerate(runs, 1)]
    return Pages(index, tuple(parts), len(items))


def tagged(**lists: Iterable) -> list[tuple[str, object]]:
    """Several lists as one sequence of ``(kind, item)``, in the order given, to be cut together."""
    return [(kind, item) for kind, items in lists.items() for item in items]


def _relative(target: str, folder: str) -> str:
    """``target`` relative to ``folder``, both slash-separated paths from the same root ("" is the root)."""
    goal, base = target.split("/") if target else [], folder.split("/") if folder else []
    common = 0
    while common < min(len(goal), len(base)) and goal[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + goal[common:]) or "."


def link(target: str, here: str) -> str:
    """A Markdown link from the page ``here`` to the page or file ``target`` (both content paths)."""
    return _relative(target, here.rpartition("/")[0])


def url(path: str) -> str:
    """Where MkDocs serves a content path, with directory URLs: ``a/b.md`` at ``a/b/``, ``a/index.md`` at ``a/``."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    return stem[:-len("index")] if stem.endswith("/index") else stem + "/"


def href(target: str, here: str) -> str:
    """A URL from the page ``here`` to the page (``.md``) or file ``target``, for links in HTML blocks."""
    folder = url(here).rstrip("/")
    if not target.endswith(".md"):
        return _relative(target, folder)
    relative = _relative(url(target).rstrip("/"), folder)
    return "./" if relative == "." else relative + "/"


def root(here: str) -> str:
    """The URL from the page ``here`` to the site's root ("../../"), for many links from one page."""
    return "../" * url(here).count("/")
