"""A claim's sources: who is listed, with which stance and voice, and that every page says the same
of the same (article, claim). Scored against tests/gold/seed-sources.yml, labelled by hand."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.claims import verdicts
from generator.claims.sources import sentence_side
from generator.cli import main
from generator.model import SIDES, Evidence, Position

GOLD = yaml.safe_load((Path(__file__).parent / "gold/seed-sources.yml").read_text(encoding="utf-8"))
WANT = {(name, claim): label for name, claims in GOLD.items() for claim, label in (claims or {}).items()}


@pytest.fixture(scope="module")
def listed(built):
    """(seed file name, claim id) -> the source record of claims.json."""
    name = {e.slug: Path(e.article.source).name for e in built.archive.entries}
    return {(name[s["article"]], record["id"]): s for record in built.api("claims.json") for s in record["sources"]}


def test_the_sources_listed_are_the_ones_a_reader_finds_in_the_reports(listed):
    right = set(listed) & set(WANT)
    precision, recall = len(right) / len(listed), len(right) / len(WANT)
    stance = sum(listed[k]["stance"] == WANT[k]["stance"] for k in right) / len(right)
    voice = sum(listed[k]["voice"] == WANT[k]["voice"] for k in right) / len(right)
    print(f"sources: precision {precision:.2f}, recall {recall:.2f}, stance {stance:.2f}, voice {voice:.2f}")
    assert precision >= 0.95 and recall >= 0.9  # 1.00 / 1.00 when pinned
    assert stance >= 0.9  # 0.94: seed 002 carries Malyar's 2 km as stated, its caveat two paragraphs on
    assert voice >= 0.75  # 0.83
    assert not any(name.startswith("004") for name, _ in listed)  # the Kharkiv report is another story


def test_every_claim_a_report_asserts_shows_supporting_sources(built):
    asserted = {claim for (_, claim), label in WANT.items() if label["stance"] in ("supports", "both")}
    counts = {r["id"]: r["counts"] for r in built.api("claims.json")}
    assert asserted and all(counts[c]["supports"] + counts[c]["both"] >= 1 for c in asserted)
    assert sum(c["supports"] for c in counts.values()) >= len(asserted)


def test_every_listed_source_shows_why(built):
    for record in built.api("claims.json"):
        quoted = {e["article"] for e in record["evidence"]}
        for source in record["sources"]:
            assert source["voice"] in ("own", "quoted") and source["stance"] in SIDES
            assert source["article"] in quoted or source["closest_paragraph"], (record["id"], source["article"])


def _badges(text: str) -> list[str]:
    return re.findall(r'stance-badge--([a-z]+)">', text)


def test_article_pages_claim_pages_feeds_and_home_say_the_same(built):
    pages = built.paths.content
    home = (pages / "index.md").read_text(encoding="utf-8")
    shown = unnamed = 0
    for record in built.api("claims.json"):
        page = (pages / f"claims/{record['id']}.md").read_text(encoding="utf-8")
        assert _badges(page) == [s["stance"] for s in record["sources"]]  # rows in stance order, as in the API
        counts = record["counts"]
        assert record["verdict"] == verdicts.verdict(counts)
        assert verdicts.VERDICTS[record["verdict"]] in page
        assert f"**Supported by {counts['supports']} source" in page and f"disputed by {counts['disputes']}**" in page
        words = {"supports": "supporting", "disputes": "disputing", "both": "carrying both sides", "mentions": "mentioning"}
        for line in (line for line in home.splitlines() if f"(claims/{record['id']}.md)" in line):  # the most contested
            assert all(f"{counts[side]} {words[side]}" in line for side in SIDES)
            shown += 1
        feed = htmllib.unescape((pages / f"claims/{record['id']}.xml").read_text(encoding="utf-8"))
        for source in record["sources"]:
            article = (pages / f"articles/{source['article']}.md").read_text(encoding="utf-8")
            item = next(line for line in article.splitlines() if f"claims/{record['id']}/" in line)
            assert _badges(item) == [source["stance"]]
            assert ("in its own words" in item) == (source["voice"] == "own")
            carried = verdicts.carried(Position(record["id"], source["article"], source["stance"], tuple(source["claimants"]), 0,
                                                source["outlet"], None, voice=source["voice"], deniers=tuple(source["deniers"])))
            assert carried in feed and (carried in htmllib.unescape(re.sub(r"<[^>]+>", "", item)))  # the same words everywhere
            assert f": {source['stance']}, " in feed
            unnamed += carried == "quoting unnamed sources"
    assert shown >= 3 and unnamed >= 1  # a source quoting no one by name says so


def test_a_denial_beside_the_claim_is_shown_as_both_sides(built, listed):
    source = listed[("000_23874c13fd955af0.txt", "ukraine-broke-through-near-bakhmut")]
    assert source["stance"] == "both" and source["voice"] == "quoted"
    assert "Institute for the Study of War" in source["claimants"] and "Russian Defence Ministry" in source["deniers"]
    page = (built.paths.content / "claims/ukraine-broke-through-near-bakhmut.md").read_text(encoding="utf-8")
    assert "## Both sides (1 source)" in page and "(asserting) and" in page


def test_a_claim_the_report_says_it_could_not_verify_is_only_mentioned(listed):
    source = listed[("002_082e9c282abee1f7.txt", "ukrainian-missiles-hit-luhansk-six-children-injured")]
    assert source["stance"] == "mentions" and "could not be independently verified" in source["caveat"]["quote"]


def test_a_new_claim_lists_only_the_report_that_states_it(built):
    result = CliRunner().invoke(main, ["claim", "Ukraine recaptured Vovchansk near the Russian border.",
                                       "--seeds", str(built.paths.seeds)])
    assert result.exit_code == 0, result.output
    assert "1 source(s): 1 supports" in result.output
    assert "SUPPORTS" in result.output and "quoting Ukraine" in result.output and "Vovchansk" in result.output
    assert "Bakhmut" not in result.output


def _sentence(stance: str, claimant: str | None = None, paragraph: int = 1, attributed: bool = False) -> Evidence:
    return Evidence("c", "a", paragraph, "…", stance, claimant, "Outlet", None, 0.8, attributed)


@pytest.mark.parametrize("sentences, expected", [
    ([_sentence("supports", "Hanna Maliar")], ("supports", "quoted")),
    ([_sentence("supports"), _sentence("disputes", "Russia")], ("supports", "own")),  # its own words win
    ([_sentence("supports", "Ukraine"), _sentence("disputes", "Russia")], ("both", "quoted")),
    ([_sentence("disputes", "Russia"), _sentence("mentions")], ("disputes", "quoted")),
    ([_sentence("supports", attributed=True)], ("supports", "quoted")),  # "reports emerged that …"
    ([_sentence("mentions", "Ukraine")], ("mentions", "quoted")),
    ([_sentence("mentions")], ("mentions", "own")),
])
def test_a_source_takes_the_side_of_its_sentences(sentences, expected):
    assert sentence_side(sentences)[:2] == expected


def test_sources_that_give_different_amounts_are_flagged(tmp_path):
    from generator import pipeline

    seeds = tmp_path / "seeds"
    (seeds / "articles").mkdir(parents=True)
    (seeds / "claims").mkdir()
    reports = {  # written for this test: one fact, two figures, two outlets
        "harbour-wire.md": ("Harbour Wire", "Ferry crews advanced 2 km along the Elbe estuary on Tuesday, the port authority said. "
                            "The crews had trained for months. The estuary was calm."),
        "delta-post.md": ("Delta Post", "Ferry crews advanced up to 1.5 km along the Elbe estuary on Tuesday, a port official said. "
                          "Bad weather had delayed the crews for a week. Officials expect more progress."),
    }
    for name, (outlet, text) in reports.items():
        (seeds / "articles" / name).write_text(f"---\ntitle: Ferry crews on the Elbe\noutlet: {outlet}\ndate: 2024-03-05\n---\n\n{text}\n")
    (seeds / "claims/ferry-crews-advanced.yml").write_text("statement: Ferry crews advanced 2 km along the Elbe estuary.\n")
    archive = pipeline.check(pipeline.Paths(seeds, tmp_path / "c", tmp_path / "s", Path(__file__).parent.parent / "mkdocs.yml"))
    summary = verdicts.summarise(archive.claims[0], list(archive.evidence), list(archive.positions))
    assert len(summary.rows) == 2
    (flag,) = summary.discrepancies
    assert flag.kind == "length" and [f.words for f in flag.figures] == ["1.5 km", "2 km"]
    assert {f.evidence.outlet for f in flag.figures} == {"Harbour Wire", "Delta Post"}
    same = verdicts.discrepancies(archive.claims[0], [e for e in archive.evidence if e.outlet == "Harbour Wire"])
    assert same == ()  # one source cannot disagree with itself


def test_the_seed_claim_page_sets_the_figures_side_by_side(built):
    page = (built.paths.content / "claims/ukraine-advanced-2-km-near-bakhmut.md").read_text(encoding="utf-8")
    section = page.split("## Figures that disagree (length)")[1].split("##")[0]
    assert "<td>a mile</td>" in section and "<td>2 kilometers</td>" in section  # seed 000's Maliar against 002 and 003
    record = next(r for r in built.api("claims.json") if r["id"] == "ukraine-advanced-2-km-near-bakhmut")
    assert {f["words"] for f in record["discrepancies"][0]["figures"]} >= {"a mile", "2 kilometers"}
