"""bench/run.py, the benchmark of issue #14, run small so that it cannot rot (not a timed test)."""

from __future__ import annotations

from bench import corpus, run


def test_corpus_is_the_same_for_the_same_seed_and_plants_what_it_records():
    first, second = corpus.make(200, 10, seed=3, data="sample"), corpus.make(200, 10, seed=3, data="sample")
    assert [a.markdown() for a in first.articles] == [a.markdown() for a in second.articles]
    assert first.duplicates == second.duplicates and first.evidence == second.evidence
    assert len(first.articles) == 200 and len(first.duplicates) == 10 and len(first.claims) == 10
    names = {a.name: a for a in first.articles}
    assert len(names) == 200 and first.extra.name not in names
    for original, copy in first.duplicates:
        assert names[copy].copy_of == original and names[original].copy_of is None
        assert names[copy].outlet != names[original].outlet
    assert len(first.evidence) == 10 * corpus.PLANTED
    for claim, name, sentence in first.evidence:
        assert sentence in names[name].markdown()
    assert corpus.make(200, 10, seed=4, data="sample").duplicates != first.duplicates


def test_headline_as_a_claim_sentence():
    case = corpus._Case([corpus.Body("1", ("The truck was seen in Syria by Mark Oberholtzer.", "A truck in a photo."), ())])
    assert case.sentence("Texas Truck Seen In Syria (+video)") == "Texas truck seen in Syria."
    assert case.sentence("iPhone users complain") == "iPhone users complain."
    assert case.inside("The truck was seen.") == "the truck was seen."
    assert case.inside("Mark Oberholtzer was seen.") == "Mark Oberholtzer was seen."


def test_the_benchmark_runs_at_200_articles(capsys):
    [result] = run.main(["--articles", "200", "--claims", "10", "--data", "sample", "--dedup-baseline", "50", "--quiet"])
    printed = capsys.readouterr().out
    names = [stage["name"] for stage in result["stages"]]
    assert any("duplicate" in name.lower() for name in names) and any("claims" in name.lower() for name in names)
    assert all(stage["seconds"] >= 0 and stage["peak_mb"] > 0 for stage in result["stages"])
    dedup = result["dedup"]
    assert dedup["planted"] == 10 and dedup["recall"] >= 0.9 and dedup["precision"] == 1.0
    evidence = result["evidence"]
    assert evidence["planted"] == 30
    assert evidence["source_recall"] >= 0.8 and evidence["stated_recall"] >= 0.7  # 1.000 and 1.000 when written
    pages = result["pages"]
    assert pages["pages"] > 200 and set(pages["largest"]) == {"article", "claim", "other"}
    assert result["incremental"]["seconds"] > 0 and result["claim_changed"]["seconds"] > 0
    assert result["baseline"]["subset"] == 50 and result["baseline"]["ratio"] > 0
    for words in ("load average", "planted pairs folded", "planted (claim, article) pairs", "site:", "incremental:",
                  "one claim reworded", "cdist"):
        assert words in printed


def test_several_sizes_print_the_ratio_per_doubling():
    def fake(articles: int, seconds: float) -> dict:
        return {"articles": articles, "total": seconds * 2, "peak_mb": 100.0, "incremental": {"seconds": 1.0},
                "claim_changed": {"seconds": 0.5},
                "stages": [{"name": "Cleaning", "seconds": seconds, "count": articles, "peak_mb": 50.0}]}

    lines = run.doubling([fake(2500, 1.0), fake(5000, 2.2), fake(10000, 4.4)])
    cleaning = next(line for line in lines if line.startswith("Cleaning"))
    assert "x2.20 x2.00" in cleaning
    assert run._without_sizes(["--articles", "1", "2", "--claims", "3", "--json", "x", "--no-site"]) == \
        ["--claims", "3", "--no-site"]
