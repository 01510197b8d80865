"""Claim evidence on the real seeds, measured against the hand-labelled gold file, and on
paraphrases written for these tests (not copied from the seeds)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from generator import claimants, claims, evidence
from generator.model import Article, Entry, Metadata
from tests.conftest import ROOT, SEEDS

GOLD = yaml.safe_load((ROOT / "tests/gold/seed-evidence.yml").read_text(encoding="utf-8"))
FLOOR = 0.9


def predicted(built) -> dict[tuple[str, str], dict[str, set]]:
    source = {e.slug: e.article.source for e in built.archive.entries}
    pairs: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: {"stances": set(), "claimants": set()})
    for item in built.archive.evidence:
        pair = pairs[(source[item.article], item.claim)]
        pair["stances"].add(item.stance)
        if item.claimant:
            pair["claimants"].add(item.claimant)
    return pairs


def test_evidence_meets_the_pinned_floors(built):
    gold = {(article, claim): {"stances": set(v["stances"]), "claimants": set(v["claimants"])}
            for article, found in GOLD.items() for claim, v in found.items()}
    found = predicted(built)
    hits = gold.keys() & found.keys()
    recall = len(hits) / len(gold)
    precision = len(hits) / len(found)
    stance = sum(found[p]["stances"] == gold[p]["stances"] for p in hits) / len(hits)
    names = [n for p in hits for n in gold[p]["claimants"]]
    claimant = sum(n in found[p]["claimants"] for p in hits for n in gold[p]["claimants"]) / len(names)
    print(f"evidence recall {recall:.3f}, precision {precision:.3f}, stance accuracy {stance:.3f}, "
          f"claimant recall {claimant:.3f} ({len(gold)} gold pairs, {len(found)} found)")
    for pair in sorted(gold.keys() ^ found.keys()):
        print("  missing" if pair in gold else "  extra", pair)
    for pair in sorted(p for p in hits if found[p]["stances"] != gold[p]["stances"]):
        print("  stance", pair, sorted(found[pair]["stances"]), "expected", sorted(gold[pair]["stances"]))
    assert recall >= FLOOR and precision >= FLOOR and stance >= FLOOR
    assert claimant >= 0.8


def test_the_kharkiv_article_supports_no_claim(built):
    kharkiv = built.entry("004").slug
    assert [e for e in built.archive.evidence if e.article == kharkiv] == []


def test_claimant_spellings_are_merged(built):
    names = {e.claimant for e in built.archive.evidence if e.claimant}
    assert "Hanna Maliar" in names and "Hanna Malyar" not in names
    assert not any(n.startswith(("Deputy", "President", "Colonel", "Defence Secretary")) for n in names)


def _article(text: str) -> Entry:
    paragraphs = tuple(p for p in text.strip().split("\n") if p.strip())
    meta = Metadata(title="Paraphrases", outlet="Test Wire", date="2023-05-14")
    return Entry(Article("paraphrase.txt", meta, paragraphs, (), slug="paraphrase"))


@pytest.fixture(scope="module")
def matcher() -> evidence.Matcher:
    tracked, problems = claims.load(SEEDS / "claims")
    registry, _ = claimants.load_registry(SEEDS / "claimants.yml")
    assert not problems
    return evidence.Matcher(tracked, registry)


PARAPHRASES = [
    # (sentence, claim, stance, claimant)
    ("Ukrainian units gained roughly 1.2 miles of ground close to Bakhmut, Hanna Malyar wrote on Telegram.",
     "ukraine-advanced-2-km-near-bakhmut", "supports", "Hanna Maliar"),
    ("Moscow's Defence Ministry rejected reports that Ukrainian troops had broken through near Bakhmut.",
     "ukraine-broke-through-near-bakhmut", "disputes", "Russian Defence Ministry"),
    ("According to Igor Konashenkov, Russian units fell back to better positions near Bakhmut.",
     "russian-forces-retreated-north-of-bakhmut", "supports", "Igor Konashenkov"),
    ("Whether Kyiv's forces gained ground near Bakhmut could not be independently verified.",
     "ukraine-advanced-2-km-near-bakhmut", "mentions", None),
    ("The UK is sending Storm Shadow cruise missiles to Ukraine, the defence secretary Ben Wallace told MPs.",
     "britain-will-supply-storm-shadow-missiles", "supports", "Ben Wallace"),
    ("Konashenkov told reporters Kyiv had thrown about 1000 troops and 40 tanks at the lines near Soledar.",
     "ukraine-attacked-with-1000-troops-and-40-tanks", "supports", "Konashenkov"),
]


@pytest.mark.parametrize("sentence, claim, stance, claimant", PARAPHRASES)
def test_paraphrases_are_matched_with_stance_and_claimant(matcher, sentence, claim, stance, claimant):
    found = [e for e in matcher.article(_article(sentence)) if e.claim == claim]
    assert len(found) == 1, [e.claim for e in matcher.article(_article(sentence))]
    assert found[0].stance == stance
    if claimant:
        assert claimant in (found[0].claimant or "")


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces advanced 12 km near Bakhmut, a blogger claimed.",  # another distance
    "Russian troops fled Kharkiv as Ukrainian forces advanced 2 km towards the border.",  # no Bakhmut
    "Storm Shadow missiles have a range of 250 km.",  # mentions at most
])
def test_near_misses_are_not_support(matcher, sentence):
    assert not [e for e in matcher.article(_article(sentence)) if e.stance == "supports"]
