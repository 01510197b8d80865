"""Per-article results kept between builds, keyed by a hash of everything they depend on.

A result is stored under the SHA-256 of its inputs (the file's bytes and name; for cleaning, the
source and what the archive survey says of its lines), in SHARDS files per kind (a key's CRC-32
picks its file) under a folder named after the code version: a change to the generator's code or
model files, to the Python version or to a library it requires starts a new folder, so nothing
computed by other code is ever read back. A build
that adds one article rewrites only the files whose keys changed, and no single write holds more
than a shard of a kind. The folder is the build's own (git-ignored `.cache/`); the files are
pickles, which only this program writes and reads.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import platform
import re
import zlib
from importlib import metadata, resources
from pathlib import Path

KEEP = 2  # code versions whose folders stay; older ones are removed
SHARDS = 16  # files per kind
_VERSION = re.compile(r"[0-9a-f]{16}")  # a folder named by code_version()
DISTRIBUTION = "news-claim-tracker"  # this project, as pip installs it (pyproject.toml)
_NAME = re.compile(r"[A-Za-z0-9._-]+")  # a requirement's name, before its extras and versions


def code_version() -> str:
    """A hash of what cached results depend on besides their inputs: the generator's own files
    (code, templates, model) and the software it runs on (``libraries()``)."""
    digest = hashlib.sha256()
    root = resources.files("generator")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".json", ".npy"):
            digest.update(path.relative_to(Path(str(root))).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(libraries().encode())
    return digest.hexdigest()[:16]


@functools.cache  # what is installed does not change while the build runs
def libraries() -> str:
    """Python's version and the installed version of each library this project runs on, its
    requirements' requirements included, a line each ("ftfy==6.3.1"): another ftfy may fix a line
    otherwise, so results kept under other versions are not read. Test and training extras do not count."""
    lines, seen, wanted = [f"python=={platform.python_version()}"], set(), [DISTRIBUTION]
    while wanted:
        name = wanted.pop()
        try:
            found = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            lines.append(f"{name} missing")  # this project run from a source tree never installed, or a platform-only one
            continue
        if name != DISTRIBUTION:
            lines.append(f"{name}=={found.version}")
        for requirement in found.requires or []:
            needed = _NAME.match(requirement).group().lower().replace("_", "-")
            if "extra ==" not in requirement and needed not in seen:
                seen.add(needed)
                wanted.append(needed)
    lines[1:] = sorted(lines[1:])
    return "\n".join(lines)


def key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Cache:
    """Results by key, per kind ("read", "clean", "stance"), loaded on first use and saved by
    ``save()``. Only the keys used by this build are saved, so the cache never outgrows the
    archive; a kind's file is written again only when that changes the keys it holds, or when a
    key was given a new value. Without a folder it keeps nothing."""

    def __init__(self, folder: Path | None, version: str | None = None):
        self.folder = folder / (version or code_version()) if folder else None
        self._stores: dict[str, dict[str, object]] = {}
        self._used: dict[tuple[str, int], set[str]] = {}  # (kind, shard) -> the keys this build used
        self._saved: dict[tuple[str, int], set[str]] = {}  # (kind, shard) -> the keys its file holds
        self._replaced: set[tuple[str, int]] = set()  # (kind, shard) whose file holds an old value

    def _path(self, kind: str, shard: int) -> Path:
        return self.folder / f"{kind}.{shard:02d}.pickle"

    def _store(self, kind: str) -> dict[str, object]:
        if kind not in self._stores:
            self._stores[kind] = {}
            for shard in range(SHARDS):
                path = self._path(kind, shard) if self.folder else None
                try:
                    found = pickle.loads(path.read_bytes()) if path and path.is_file() else {}
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    found = {}  # unreadable: computed again
                self._stores[kind].update(found)
                self._saved[(kind, shard)] = set(found)
                self._used[(kind, shard)] = set()
        return self._stores[kind]

    def get(self, kind: str, wanted: str):
        store = self._store(kind)
        if wanted in store:
            self._used[(kind, _shard(wanted))].add(wanted)
            return store[wanted]
        return None

    def put(self, kind: str, wanted: str, value) -> None:
        if self.folder:
            store, shard = self._store(kind), _shard(wanted)
            if wanted in store:
                self._replaced.add((kind, shard))
            store[wanted] = value
            self._used[(kind, shard)].add(wanted)

    def save(self) -> None:
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for kind, store in self._stores.items():
            for shard in range(SHARDS):
                keys = self._used[(kind, shard)]
                if self._saved[(kind, shard)] == keys and (kind, shard) not in self._replaced:
                    continue
                self._saved[(kind, shard)] = set(keys)
                self._replaced.discard((kind, shard))
                temporary = self.folder / f".{kind}.{shard:02d}.pickle.tmp"
                with temporary.open("wb") as handle:  # written as it is pickled, never whole in memory
                    pickle.dump({k: store[k] for k in sorted(keys)}, handle, protocol=pickle.HIGHEST_PROTOCOL)
                temporary.replace(self._path(kind, shard))
        versions = sorted((p for p in self.folder.parent.iterdir() if p.is_dir() and _VERSION.fullmatch(p.name)),
                          key=lambda p: p.stat().st_mtime, reverse=True)
        for old in versions[KEEP:]:  # only folders named as code versions: anything else there is not ours
            for file in old.iterdir():
                file.unlink()
            old.rmdir()


def _shard(wanted: str) -> int:
    return zlib.crc32(wanted.encode("utf-8")) % SHARDS
