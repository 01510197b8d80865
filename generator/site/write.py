"""Write generated files into content/: built in a temporary folder, then swapped in.

The generator owns the top-level names it writes (index.md, articles/, api/, …); hand-written
pages beside them, such as contributing.md, are left alone.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath

from generator.errors import GeneratorError


def write(files: dict[str, str], content: Path, owned: tuple[str, ...]) -> None:
    content.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=content) as tmp:
        staging = Path(tmp)
        for name, text in sorted(files.items()):
            path = PurePosixPath(name)
            if path.is_absolute() or ".." in path.parts or path.parts[0] not in owned:
                raise GeneratorError(f"refusing to write '{name}' outside the generated part of {content}")
            target = staging.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        for name in owned:
            old, new = content / name, staging / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
            if new.exists():
                new.rename(old)
