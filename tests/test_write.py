"""Writing content/: only the files whose bytes changed are written, and the ones that went are removed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import GeneratorError
from generator.site import write
from tests.conftest import ROOT


def _stamps(content: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a file written again gets new ones."""
    return {p.relative_to(content).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in content.rglob("*") if p.is_file()}


def _age(content: Path) -> None:
    for path in content.rglob("*"):
        os.utime(path, ns=(10**18, 10**18))


def test_a_second_write_touches_only_what_changed(tmp_path):
    content = tmp_path / "content"
    (content / "notes").mkdir(parents=True)
    (content / "notes" / "hand-written.md").write_text("mine\n", encoding="utf-8")
    first = {"index.md": "home\n", "articles/a.md": "A\n", "articles/b.md": "B\n", "articles/2023-05/2.md": "old part\n"}
    write.write(first, content, pipeline.OWNED)
    _age(content)
    before = _stamps(content)

    second = {"index.md": "home, with one more article\n", "articles/a.md": "A\n", "articles/c.md": "C\n"}
    write.write(second, content, pipeline.OWNED)

    after = _stamps(content)
    assert sorted(after) == sorted([*second, "notes/hand-written.md"])
    assert after["articles/a.md"] == before["articles/a.md"]  # the same bytes: not written again
    assert after["notes/hand-written.md"] == before["notes/hand-written.md"]
    assert after["index.md"] != before["index.md"]
    assert {name: (content / name).read_text(encoding="utf-8") for name in second} == second
    assert not (content / "articles" / "2023-05").exists()  # the folder its only page left empty


def test_a_path_outside_the_generated_part_writes_nothing(tmp_path):
    content = tmp_path / "content"
    write.write({"index.md": "home\n"}, content, pipeline.OWNED)
    for name in ("../outside.md", "notes/page.md", "/etc/page.md"):
        with pytest.raises(GeneratorError, match="refusing to write"):
            write.write({"index.md": "changed\n", name: "x\n"}, content, pipeline.OWNED)
    assert (content / "index.md").read_text(encoding="utf-8") == "home\n"
    assert not (tmp_path / "outside.md").exists()


def _bytes(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*") if p.is_file()}


def test_a_build_writes_exactly_the_files_whose_bytes_changed(seeds_copy, tmp_path):
    paths = pipeline.Paths(seeds_copy, tmp_path / "content", tmp_path / "site", ROOT / "mkdocs.yml")
    pipeline.generate(paths)
    _age(paths.content)
    before, old = _stamps(paths.content), _bytes(paths.content)
    pipeline.generate(paths)
    assert _stamps(paths.content) == before  # nothing changed: nothing written

    shutil.copy(ROOT / "tests" / "fixtures" / "whole-page" / "page.txt", seeds_copy / "articles" / "ferry.txt")
    pipeline.generate(paths)
    after, new = _stamps(paths.content), _bytes(paths.content)
    written = {name for name in after if after[name] != before.get(name)}
    assert written == {name for name in new if new[name] != old.get(name)}
    assert written and len(written) < len(after)  # some pages stay as they were
