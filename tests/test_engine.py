"""How a build runs: the same content/ whatever runs the per-article work, and one line per stage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.engine.stages import Stages
from generator.engine.workers import workers

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def archive_seeds(tmp_path_factory) -> Path:
    """The seeds, each article also saved under nine other names with a line changed (not a
    duplicate of the next), so the per-article work spans several chunks."""
    seeds = tmp_path_factory.mktemp("engine") / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for path in sorted((seeds / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for copy in range(9):
            (path.parent / f"{path.stem}-v{copy}.txt").write_text(f"Edition {copy} of the report.\n\n{text}", encoding="utf-8")
    return seeds


def _content(seeds: Path, out: Path, engine) -> dict[str, bytes]:
    paths = pipeline.Paths(seeds, out / "content", out / "site", ROOT / "mkdocs.yml")
    pipeline.generate(paths, pipeline.Run(workers=engine))
    return {p.relative_to(paths.content).as_posix(): p.read_bytes() for p in sorted(paths.content.rglob("*")) if p.is_file()}


def test_a_process_pool_writes_the_same_bytes_as_one_process(archive_seeds, tmp_path, monkeypatch):
    from generator.claims import passages

    monkeypatch.setattr(passages, "BATCH", 16)  # the stance model's batches go to the pool too
    with workers(1) as alone:
        one = _content(archive_seeds, tmp_path / "one", alone)
    with workers(2, chunk=7) as pool:
        two = _content(archive_seeds, tmp_path / "two", pool)
    assert len(one) > 50 and one == two
    assert any(path.startswith("stories/") for path in one) and any(path.startswith("claims-to-track") for path in one)


def test_a_dask_cluster_writes_the_same_bytes(archive_seeds, tmp_path):
    distributed = pytest.importorskip("distributed")
    with workers(1) as alone:
        expected = _content(archive_seeds, tmp_path / "one", alone)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with workers(scheduler=cluster.scheduler_address, chunk=7) as remote:
            assert _content(archive_seeds, tmp_path / "dask", remote) == expected
            assert remote._executor is not None  # the work went to the cluster


def test_an_unreachable_scheduler_is_one_clear_line(seeds_copy):
    result = CliRunner().invoke(main, ["check", "--seeds", str(seeds_copy), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_every_stage_reports_one_line_with_its_time(seeds_copy, tmp_path):
    class Log(list):
        def write(self, text):
            self.append(text)

        def flush(self):
            pass

        def isatty(self):
            return False

    log = Log()
    paths = pipeline.Paths(seeds_copy, tmp_path / "content", tmp_path / "site", ROOT / "mkdocs.yml")
    stages = Stages(log)
    pipeline.generate(paths, pipeline.Run(stages=stages))
    lines = "".join(log).splitlines()
    names = [r.name for r in stages.records]
    assert names == ["Reading articles", "Cleaning", "Folding duplicates", "Grouping stories", "Matching claims",
                     "Finding candidate claims", "Gathering pages", "Rendering and writing content/"]
    assert len(lines) == len(names) and all(line.startswith(name + ": ") and line.endswith(" s")
                                           for line, name in zip(lines, names))
    assert "\r" not in "".join(log)  # no live redrawing outside a terminal
    assert lines[0] == f"Reading articles: 5 in {stages.records[0].seconds:.1f} s"


def test_a_second_build_does_the_per_article_work_only_for_what_changed(seeds_copy, tmp_path, monkeypatch):
    from generator.claims import suggest
    from generator.engine.cache import Cache
    from generator.reading import clean, ingest
    from generator.stories import grouping

    calls = {"read": 0, "clean": 0, "story features": 0, "suggest": 0}
    real_read, real_clean, real_features, real_offer = ingest.read, clean.clean, grouping.features, suggest.offer

    def counted(kind, real):
        def call(*args):
            calls[kind] += 1
            return real(*args)
        return call

    monkeypatch.setattr(ingest, "read", counted("read", real_read))
    monkeypatch.setattr(clean, "clean", counted("clean", real_clean))
    monkeypatch.setattr(grouping, "features", counted("story features", real_features))
    monkeypatch.setattr(suggest, "offer", counted("suggest", real_offer))
    paths = pipeline.Paths(seeds_copy, tmp_path / "content", tmp_path / "site", ROOT / "mkdocs.yml")

    def build(version: str) -> dict[str, bytes]:
        pipeline.generate(paths, pipeline.Run(cache=Cache(tmp_path / "cache", version)))
        return {p.relative_to(paths.content).as_posix(): p.read_bytes() for p in sorted(paths.content.rglob("*")) if p.is_file()}

    def each(count: int) -> dict[str, int]:
        return dict.fromkeys(calls, count)

    first = build("v1")
    assert calls == each(5)
    assert build("v1") == first and calls == each(5)  # all from the cache, the same bytes
    article = next((seeds_copy / "articles").glob("003*"))
    article.write_text(article.read_text(encoding="utf-8").replace("Bakhmut, a regional", "Bakhmut, a major regional"))
    changed = build("v1")
    assert calls == each(6) and changed != first
    build("v2")  # another code version: nothing of v1 is read back
    assert calls == each(11)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["v1", "v2"]


def test_a_second_build_matches_only_the_changed_article_anew(seeds_copy, tmp_path, monkeypatch):
    from generator.claims import corpus, passages
    from generator.engine.cache import Cache

    read: list[tuple[str, str]] = []  # (claim, article text) of each pair whose features were computed
    split: list[str] = []  # the title of each article the matcher read into sentences
    real, real_read = passages._features, corpus.read

    def counted(batch):
        texts = dict(batch.texts)
        read.extend((statement, texts[entry]) for statement, entry in zip(batch.statements, batch.entries))
        return real(batch)

    def counted_read(article):
        split.append(article.meta.title)
        return real_read(article)

    monkeypatch.setattr(passages, "_features", counted)
    monkeypatch.setattr(corpus, "read", counted_read)

    def build(out: Path, cache: Cache) -> dict[str, bytes]:
        paths = pipeline.Paths(seeds_copy, out, tmp_path / "site", ROOT / "mkdocs.yml")
        pipeline.generate(paths, pipeline.Run(cache=cache))
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first = build(tmp_path / "first", Cache(tmp_path / "cache", "v1"))
    pairs = len(read)
    assert pairs > 5 and len(split) == 5
    assert build(tmp_path / "again", Cache(tmp_path / "cache", "v1")) == first and len(read) == pairs  # all kept
    assert len(split) == 5
    article = next((seeds_copy / "articles").glob("003*"))
    article.write_text(article.read_text(encoding="utf-8").replace("Bakhmut, a regional", "Bakhmut, a major regional"))
    changed = build(tmp_path / "changed", Cache(tmp_path / "cache", "v1"))
    again = read[pairs:]
    assert 0 < len(again) < pairs and all("a major regional" in text for _, text in again)
    assert len(split) == 6 and article.read_text(encoding="utf-8").count(split[-1]) == 1
    assert changed == build(tmp_path / "cold", Cache(None))  # the same bytes as a build that keeps nothing


def test_a_new_article_or_a_changed_claim_matches_only_what_it_touches(seeds_copy, tmp_path, monkeypatch):
    from generator.claims import evidence
    from generator.engine.cache import Cache
    from generator.stories import grouping

    matched: list[str] = []  # the claims whose findings were computed, not kept
    real = evidence.Matcher._find

    def counted(self, target, bearing):
        matched.append(target.claim.id)
        return real(self, target, bearing)

    monkeypatch.setattr(evidence.Matcher, "_find", counted)
    clustered: list[int] = []  # the builds that grouped stories rather than keeping the grouping
    real_clusters = grouping.clusters
    monkeypatch.setattr(grouping, "clusters", lambda *args: clustered.append(1) or real_clusters(*args))

    def build(out: Path, cache: Cache) -> dict[str, bytes]:
        paths = pipeline.Paths(seeds_copy, out, tmp_path / "site", ROOT / "mkdocs.yml")
        pipeline.generate(paths, pipeline.Run(cache=cache))
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first = build(tmp_path / "first", Cache(tmp_path / "cache", "v1"))
    claims = sorted(p.stem for p in (seeds_copy / "claims").glob("*.yml"))
    assert sorted(matched) == claims
    assert build(tmp_path / "again", Cache(tmp_path / "cache", "v1")) == first and len(matched) == len(claims)
    assert len(clustered) == 1
    report = seeds_copy / "articles" / "zz-league.txt"  # shares no word with any claim
    report.write_text("Title: Rovers edge past United in the league\n\nRovers beat United 2-1 on Saturday with a late "
                      "header from their captain.\n\nThe win lifts the club to third in the table.\n", encoding="utf-8")
    added = build(tmp_path / "added", Cache(tmp_path / "cache", "v1"))
    assert matched[len(claims):] == [] and added != first
    assert added == build(tmp_path / "added-cold", Cache(None))
    report.unlink()
    assert build(tmp_path / "restored", Cache(tmp_path / "cache", "v1")) == first
    claim = seeds_copy / "claims" / "britain-will-supply-storm-shadow-missiles.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("will supply", "will send", 1))
    before, grouped = len(matched), len(clustered)  # the build without a cache matched them all
    changed = build(tmp_path / "changed", Cache(tmp_path / "cache", "v1"))
    assert matched[before:] == ["britain-will-supply-storm-shadow-missiles"]
    assert len(clustered) == grouped  # the same articles: the stories kept
    assert changed == build(tmp_path / "cold", Cache(None))  # the same bytes as a build that keeps nothing


def test_a_changed_key_rewrites_only_its_own_file_of_the_kind(tmp_path):
    from generator.engine.cache import SHARDS, Cache

    keys = [f"{n:064x}" for n in range(200)]
    first = Cache(tmp_path, "v1")
    for n, key in enumerate(keys):
        first.put("read", key, n)
    first.save()
    files = sorted((tmp_path / "v1").glob("read.*.pickle"))
    assert len(files) == SHARDS
    written = {f.name: f.stat().st_mtime_ns for f in files}
    again = Cache(tmp_path, "v1")
    assert [again.get("read", key) for key in keys] == list(range(200))
    again.put("read", "one more", 200)
    again.save()
    changed = [f.name for f in sorted((tmp_path / "v1").glob("read.*.pickle")) if f.stat().st_mtime_ns != written[f.name]]
    assert len(changed) == 1
    third = Cache(tmp_path, "v1")
    assert third.get("read", "one more") == 200 and third.get("read", keys[7]) == 7
    third.put("read", keys[7], "seven")  # a new value for a key the file holds is written too
    third.save()
    assert Cache(tmp_path, "v1").get("read", keys[7]) == "seven"


def test_another_version_of_a_library_it_runs_on_is_another_code_version(monkeypatch):
    from importlib import metadata

    from generator.engine import cache

    installed = cache.libraries()
    assert installed.startswith("python==") and "\nftfy==" in installed and "\nlxml==" in installed  # trafilatura's own
    assert "pytest" not in installed  # a test extra: installing it changes no result
    before = cache.code_version()
    real = metadata.distribution

    class Other:
        def __init__(self, found):
            self.version, self.requires = found.version + ".1", found.requires

    monkeypatch.setattr(cache.metadata, "distribution", lambda name: Other(real(name)) if name == "ftfy" else real(name))
    cache.libraries.cache_clear()
    try:
        assert cache.code_version() != before
    finally:
        monkeypatch.undo()
        cache.libraries.cache_clear()
    assert cache.code_version() == before
