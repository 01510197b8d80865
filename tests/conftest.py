"""Shared fixtures: the real seeds built once into a temporary folder, and seed folders to vary."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import pipeline
from generator.model import Archive

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLES = sorted((SEEDS / "articles").glob("*.txt"))


@dataclass
class Build:
    paths: pipeline.Paths
    archive: Archive

    def page(self, source_prefix: str) -> str:
        """The generated Markdown of the article built from the seed whose name starts so."""
        entry = self.entry(source_prefix)
        return (self.paths.content / "articles" / f"{entry.slug}.md").read_text(encoding="utf-8")

    def html(self, source_prefix: str) -> str:
        entry = self.entry(source_prefix)
        return (self.paths.site / "articles" / entry.slug / "index.html").read_text(encoding="utf-8")

    def entry(self, source_prefix: str):
        matches = [e for e in self.archive.entries if e.article.source.startswith(source_prefix)]
        assert len(matches) == 1, f"{source_prefix}: {len(matches)} entries"
        return matches[0]

    def api(self, name: str):
        return json.loads((self.paths.content / "api" / name).read_text(encoding="utf-8"))


def build_into(seeds: Path, out: Path) -> Build:
    paths = pipeline.Paths(seeds, out / "content", out / "site", ROOT / "mkdocs.yml")
    return Build(paths, pipeline.build(paths))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Build:
    """The real seeds, built once: content/ and site/ in a temporary folder."""
    return build_into(SEEDS, tmp_path_factory.mktemp("seeds-build"))


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the real seeds folder, to add constructed articles to."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
