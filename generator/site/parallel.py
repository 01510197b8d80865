"""MkDocs' page work on two cores: every other page read, converted and written by a forked process;
and ``Stream``, the items a forked process makes, read one at a time (the generator's pages).

`mkdocs build` converts every page's Markdown (`_populate_page`), then renders every page into the
theme and writes it (`_build_page`), one page after another. Within `in_parallel()`, the first call
of each forks a process that does the same for every other page (odd positions in the build's list
of pages) while this process does the rest; the forked process hands back what the page needs later
(HTML, table of contents, title, anchors, links to anchors) and the warnings it logged, which are
logged here again, so `--strict` counts them. Each page is converted and rendered exactly as MkDocs
would, so the site is the same, byte for byte, whatever the number of processes.

MkDocs 1.6's build loop (mkdocs/commands/build.py) is what this relies on; without os.fork (Windows)
the build runs as usual.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

_KEPT = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


class _Captured(logging.Handler):
    """The forked process's log records, to be logged again by the parent."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class Fork:
    """Work done by one forked process; its result comes back through a temporary file."""

    def __init__(self, work):
        handle, self.path = tempfile.mkstemp(prefix="mkdocs-pages-", suffix=".pickle")
        os.close(handle)
        self.pid = os.fork()
        if self.pid == 0:  # the forked process: do the work, write the result, leave without cleanup
            status, captured = 1, _Captured()
            try:
                logger = logging.getLogger("mkdocs")
                logger.handlers, logger.propagate = [captured], False
                result = ("done", work(), captured.records)
                status = 0
            except BaseException as err:  # noqa: BLE001 (reported to the parent, which raises)
                result = ("failed", f"{err}\n{traceback.format_exc()}", captured.records)
            try:
                with open(self.path, "wb") as out:
                    pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(status)

    def join(self):
        _, status = os.waitpid(self.pid, 0)
        try:
            with open(self.path, "rb") as found:
                outcome, value, records = pickle.load(found)
        except (OSError, EOFError, pickle.UnpicklingError):
            outcome, value, records = "failed", f"the page process ended with status {status} and no result", []
        finally:
            os.unlink(self.path)
        for name, level, message in records:
            logging.getLogger(name).log(level, message)
        if outcome != "done":
            raise BuildError(f"pages built in a second process failed: {value}")
        return value

    def cancel(self) -> None:
        """Stop the process (the build failed here) and forget its result."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.unlink(self.path)


class Stream:
    """Items made one after another by a forked process and read here one at a time, as it makes
    them (through a pipe): neither process holds them all."""

    def __init__(self, items: Callable[[], Iterable]):
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the forked process: send each item, then the end, and leave without cleanup
            os.close(read)
            status = 1
            try:
                with os.fdopen(write, "wb") as out:
                    try:
                        for item in items():
                            pickle.dump(("item", item), out, protocol=pickle.HIGHEST_PROTOCOL)
                        pickle.dump(("done", None), out)
                        status = 0
                    except BaseException as err:  # noqa: BLE001 (reported to the parent, which raises)
                        pickle.dump(("failed", f"{err}\n{traceback.format_exc()}"), out)
            finally:
                os._exit(status)
        os.close(write)
        self._items = os.fdopen(read, "rb")

    def next(self):
        """The next item; raises if the process failed."""
        try:
            kind, value = pickle.load(self._items)
        except (EOFError, pickle.UnpicklingError):
            kind, value = "failed", "the process ended without its items"
        if kind != "item":
            self.close()
            raise RuntimeError(f"items made in a second process failed: {value}" if kind == "failed"
                               else "a second process made fewer items than asked")
        return value

    def close(self) -> None:
        """Stop the process, if it still runs, and wait for it."""
        self._items.close()
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


@contextlib.contextmanager
def in_parallel(processes: int = 2) -> Iterator[None]:
    """Within it, `mkdocs.commands.build.build` gives every other page to a forked process."""
    if processes < 2 or not hasattr(os, "fork"):
        yield
        return
    populate, build_page = mkdocs_build._populate_page, mkdocs_build._build_page
    state: dict = {}

    def shard(files) -> tuple[list, set[str]]:
        pages = [f for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        return pages, {f.src_uri for f in pages[1::2]}

    def parallel_populate(page, config, files, dirty=False):
        if "populate" not in state:
            pages, theirs = state["pages"], state["theirs"] = shard(files)

            def work():
                done = {}
                for file in pages[1::2]:
                    mine = file.page or Page(None, file, config)
                    populate(mine, config, files, dirty)
                    done[file.src_uri] = ({name: getattr(mine, name) for name in _KEPT},
                                          {target.src_uri: links for target, links in (mine.links_to_anchors or {}).items()})
                return done

            state["populate"] = Fork(work)
        if page.file.src_uri not in state["theirs"]:
            populate(page, config, files, dirty)
        if page.file is state["pages"][-1]:
            for src_uri, (kept, links) in state.pop("populate").join().items():
                other = files.get_file_from_path(src_uri).page
                for name, value in kept.items():
                    setattr(other, name, value)
                other.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in links.items()}
            state["populate"] = None

    def parallel_build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if "build" not in state:
            def work():
                for file in state["pages"][1::2]:
                    build_page(file.page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded())

            state["build"] = Fork(work)
        if page.file.src_uri not in state["theirs"]:
            build_page(page, config, doc_files, nav, env, dirty, excluded)
        if page.file is state["pages"][-1]:
            state.pop("build").join()
            state["build"] = None

    mkdocs_build._populate_page, mkdocs_build._build_page = parallel_populate, parallel_build_page
    try:
        yield
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = populate, build_page
        for fork in (state.get("populate"), state.get("build")):
            if fork is not None:  # the build failed with a process still running
                fork.cancel()
