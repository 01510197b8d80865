"""Write generated files into content/, touching only what changed.

The generator owns the top-level names it writes (index.md, articles/, api/, …); hand-written
pages beside them are left alone. Every path is checked before anything is written. Under the
owned names, a file whose bytes are already there is not written again (it keeps its time stamp,
so the site builder can tell it did not change), a changed or new one is written to a temporary
file and moved into place, and files the build no longer makes are removed, with the folders they
leave empty. Adding one article rewrites the few pages it changes, not the archive. Pages are taken one at a
time as they are rendered, so the whole of content/ is never in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Protocol

from generator.errors import GeneratorError


class Files(Protocol):
    def keys(self) -> Iterable[str]: ...

    def items(self) -> Iterable[tuple[str, str]]: ...


def write(files: Files, content: Path, owned: tuple[str, ...]) -> None:
    """``files``: a ``{path: text}`` dict, or anything with its paths as ``keys()`` and its
    ``(path, text)`` pairs as ``items()`` (render.Files, which renders each as it is read)."""
    targets = {name: _target(content, name, owned) for name in files.keys()}
    content.mkdir(parents=True, exist_ok=True)
    for path in sorted(_existing(content, owned) - set(targets.values())):
        path.unlink()
    _remove_empty(content, owned)
    for name, text in files.items():
        data = text.encode("utf-8")
        if not _holds(targets[name], data):
            _replace(targets[name], data)


def _target(content: Path, name: str, owned: tuple[str, ...]) -> Path:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0] not in owned:
        raise GeneratorError(f"refusing to write '{name}' outside the generated part of {content}")
    return content.joinpath(*path.parts)


def _existing(content: Path, owned: tuple[str, ...]) -> set[Path]:
    """Every file now under the owned names (a link counts as a file: it is removed, not followed)."""
    found = set()
    for name in owned:
        top = content / name
        if top.is_symlink() or top.is_file():
            found.add(top)
        elif top.is_dir():
            for folder, _, names in os.walk(top):
                found.update(Path(folder, n) for n in names)
    return found


def _remove_empty(content: Path, owned: tuple[str, ...]) -> None:
    for name in owned:
        top = content / name
        if top.is_dir() and not top.is_symlink():
            for folder, subfolders, names in os.walk(top, topdown=False):
                if not names and not any(Path(folder, s).exists() for s in subfolders):
                    Path(folder).rmdir()


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file with exactly these bytes (the size is compared first)."""
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
