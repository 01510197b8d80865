"""Claim evidence on the real seeds, measured against the hand-labelled gold file, and on
paraphrases written for these tests (not copied from the seeds)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
import yaml

from generator.claims import claimants, evidence, tracked
from generator.dedup import slugs
from generator.model import Article, Claim, Entry, Metadata
from tests.conftest import ROOT, SEEDS
from tests.test_stance import HEADLINES, SAMPLE

GOLD = yaml.safe_load((ROOT / "tests/gold/seed-evidence.yml").read_text(encoding="utf-8"))
FLOOR = 0.9
EMERGENT_FLOOR = 0.55  # share of pairs right on the final Emergent sample: 0.591 measured (23 claims tracked)
EMERGENT_LINKED = 0.82  # share of its pairs linked at all: 0.874 measured


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
    meta = Metadata(title="Wire report", outlet="Test Wire", date="2023-05-14")
    return Entry(Article("paraphrase.txt", meta, paragraphs, (), slug="paraphrase"))


@pytest.fixture(scope="module")
def seeds_archive(built):
    """The seed articles and the statement-only seed claims: the archive a new sentence joins."""
    claims, problems = tracked.load(SEEDS / "claims")
    registry, _ = claimants.load_registry(SEEDS / "claimants.yml")
    assert not problems
    return list(built.archive.entries), claims, registry


def evidence_for(seeds_archive, text: str):
    """Evidence found in one new article added to the seed archive."""
    entries, claims, registry = seeds_archive
    found, _ = evidence.match(entries + [_article(text)], claims, registry)
    return [e for e in found if e.article == "paraphrase"]


PARAPHRASES = [
    # (sentence, claim, stance, claimant): written for these tests, not copied from the seeds
    ("Ukrainian units gained roughly 1.2 miles of ground close to Bakhmut, Hanna Malyar wrote on Telegram.",
     "ukraine-advanced-2-km-near-bakhmut", "supports", "Hanna Maliar"),
    ("Moscow's Defence Ministry rejected reports that Ukrainian troops had broken through near Bakhmut.",
     "ukraine-broke-through-near-bakhmut", "disputes", "Russian Defence Ministry"),
    ("According to Igor Konashenkov, Russian units fell back to better positions north of Bakhmut.",
     "russian-forces-retreated-north-of-bakhmut", "supports", "Igor Konashenkov"),
    ("Whether Kyiv's forces gained ground near Bakhmut could not be independently verified.",
     "ukraine-advanced-2-km-near-bakhmut", "mentions", None),
    ("The UK is sending Storm Shadow cruise missiles to Ukraine, the defence secretary Ben Wallace told MPs.",
     "britain-will-supply-storm-shadow-missiles", "supports", "Ben Wallace"),
    ("Konashenkov told reporters Kyiv had thrown about 1000 troops and 40 tanks into an assault north of Bakhmut.",
     "ukraine-attacked-with-1000-troops-and-40-tanks", "supports", "Konashenkov"),
    ("Russian soldiers withdrew from the area near the Berkhivka reservoir, north of Bakhmut, a regional official said.",
     "russian-forces-retreated-north-of-bakhmut", "supports", None),
    ("Kyiv's troops retook 6.6 square miles around Bakhmut in three days, said Serhiy Cherevatyi.",
     "ukraine-liberated-17-sq-km-near-bakhmut", "supports", "Serhiy Cherevatyi"),
    # hedges and denials beyond "if confirmed" and "denied"; "May" the month is no hedge
    ("Ukrainian troops reportedly pushed about two kilometres forward near Bakhmut.",
     "ukraine-advanced-2-km-near-bakhmut", "mentions", None),
    ("Kyiv's forces allegedly broke through Russian lines near Bakhmut.",
     "ukraine-broke-through-near-bakhmut", "mentions", None),
    ("Pro-Kremlin bloggers called the talk of a Ukrainian breakthrough near Bakhmut a hoax.",
     "ukraine-broke-through-near-bakhmut", "disputes", None),
    ("On 20 May Ukrainian forces advanced 2 km near Bakhmut, the general staff said.",
     "ukraine-advanced-2-km-near-bakhmut", "supports", None),
    ("Did Ukrainian forces really advance 2 km near Bakhmut?", "ukraine-advanced-2-km-near-bakhmut", "mentions", None),
    # A headline negating the claim denies it, with no denial word; a hedged negation only mentions it.
    ("No, Ukrainian forces did not advance 2 km near Bakhmut", "ukraine-advanced-2-km-near-bakhmut", "disputes", None),
    ("Britain isn't supplying Storm Shadow missiles to Ukraine after all", "britain-will-supply-storm-shadow-missiles",
     "disputes", None),
    ("Ukrainian troops may not have advanced 2 km near Bakhmut", "ukraine-advanced-2-km-near-bakhmut", "mentions", None),
]


@pytest.mark.parametrize("sentence, claim, stance, claimant", PARAPHRASES)
def test_paraphrases_are_matched_with_stance_and_claimant(seeds_archive, sentence, claim, stance, claimant):
    found = evidence_for(seeds_archive, sentence)
    mine = [e for e in found if e.claim == claim]
    assert len(mine) == 1, [e.claim for e in found]
    assert mine[0].stance == stance
    if claimant:
        assert claimant in (mine[0].claimant or "")


@pytest.mark.parametrize("sentence, claim", [
    ("Ukrainian forces advanced 12 km near Bakhmut, a blogger claimed.", "ukraine-advanced-2-km-near-bakhmut"),
    ("Russian troops fled Kharkiv as Ukrainian forces advanced 2 km towards the border.", "ukraine-advanced-2-km-near-bakhmut"),
    ("Storm Shadow missiles have a range of 250 km.", "britain-will-supply-storm-shadow-missiles"),
    ("The front line near Bakhmut stretches for 95 kilometres.", "ukraine-advanced-2-km-near-bakhmut"),
    ("Russian forces advanced 2 km near Bakhmut on Tuesday, Moscow said.", "ukraine-advanced-2-km-near-bakhmut"),
    ("Ukrainian missiles hit an ammunition depot in Crimea, injuring six soldiers.", "ukrainian-missiles-hit-luhansk-six-children-injured"),
    ("Ukraine's advanced air defence units moved 2 km nearer Bakhmut.", "ukraine-advanced-2-km-near-bakhmut"),
])
def test_near_misses_are_not_support(seeds_archive, sentence, claim):
    """Other facts sharing words with a claim: another distance, another place, another actor."""
    assert not [e for e in evidence_for(seeds_archive, sentence) if e.claim == claim and e.stance == "supports"]


def test_a_statement_with_no_evidence_in_the_archive_gets_none(seeds_archive):
    entries, _, registry = seeds_archive
    claim = Claim(id="opera-house-reopened", statement="The Odesa opera house reopened after repairs.", source="x.yml")
    found, positions = evidence.match(entries, [claim], registry)
    assert found == [] and positions == []


def test_headline_briefs_link_to_their_own_claims(seeds_archive):
    """FNC-1 headlines (held-out sample) as one-sentence articles, the first headline of each claim
    group tracked as a statement: a headline links to its own group's claim, rarely to another's."""
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for row in rows:
        for headline, label in row["pairs"]:
            if label != "unrelated":
                parent[root(("headline", headline))] = root(("body", row["body_id"]))
    groups: dict[tuple, list[str]] = defaultdict(list)
    for headline in sorted({h for row in rows for h, label in row["pairs"] if label != "unrelated"}):
        groups[root(("headline", headline))].append(headline)
    members = [sorted(g) for g in groups.values() if len(g) >= 2]
    headlines = [(n, h) for n, group in enumerate(members) for h in group]
    entries = slugs.assign([Entry(Article(f"h{i}.txt", Metadata(title=h, outlet=f"Outlet {i}"), (h,), ()))
                            for i, (_, h) in enumerate(headlines)])
    claims = [Claim(id=f"claim-{n}", statement=group[0], source=f"claim-{n}.yml") for n, group in enumerate(members)]
    _, positions = evidence.match(entries, claims, seeds_archive[2])
    group_of = {e.slug: headlines[int(e.article.source[1:-4])][0] for e in entries}
    own = sum(p.claim == f"claim-{group_of[p.article]}" for p in positions)
    false = len(positions) - own
    print(f"{len(claims)} claims, {len(headlines)} headlines: {own} own links, {false} false")
    assert own >= 0.6 * len(headlines)  # 133 of 195 when pinned
    assert false <= len(claims) / 4  # 1 when pinned; 9 when one shared word was enough


def test_a_claim_that_is_a_denial_is_supported_by_the_denial(seeds_archive):
    entries, _, registry = seeds_archive
    claim = Claim(id="russia-denied-breakthrough", statement="Russia denied that Ukrainian forces broke through near Bakhmut.",
                  source="x.yml")
    found, _ = evidence.match(entries, [claim], registry)
    denials = [e for e in found if "den" in e.quote.lower() or "correspond to reality" in e.quote]
    assert denials and all(e.stance == "supports" for e in denials)
    assert not [e for e in found if e.stance == "disputes"]


def test_emergent_headlines_through_the_claims_stage(seeds_archive):
    """The final-split Emergent headlines (never trained or tuned on) as one-line reports, their claims
    tracked as statements, retrieval included; each pair read back by Emergent's convention (a
    source supporting in its own words is "for", carrying it through others or hedged "observing")."""
    rows = [json.loads(line) for line in HEADLINES.read_text(encoding="utf-8").splitlines()]
    statements = sorted({r["claim"] for r in rows})
    claims = [Claim(id=f"claim-{n}", statement=s, source=f"claim-{n}.yml") for n, s in enumerate(statements)]
    entries = slugs.assign([Entry(Article(f"h{i}.txt", Metadata(title=f"Report {i}"), (r["headline"],), ()))
                            for i, r in enumerate(rows)])
    _, positions = evidence.match(entries, claims, seeds_archive[2])
    said = {(p.claim, p.article): "disagree" if p.stance == "disputes" else
            "agree" if p.stance == "supports" and p.voice == "own" else "discuss" for p in positions}
    slug = {e.article.source: e.slug for e in entries}
    read = [said.get((f"claim-{statements.index(r['claim'])}", slug[f"h{i}.txt"])) for i, r in enumerate(rows)]
    right = sum(s == r["label"] for s, r in zip(read, rows)) / len(rows)
    linked = sum(s is not None for s in read) / len(rows)
    against = [s for s, r in zip(read, rows) if r["label"] == "disagree"]
    print(f"{len(claims)} claims, {len(rows)} headlines: right {right:.3f}, linked {linked:.3f}, "
          f"against read as disputes {against.count('disagree')} of {len(against)}")
    assert right >= EMERGENT_FLOOR
    assert linked >= EMERGENT_LINKED


@pytest.mark.parametrize("headline, counted", [
    ("Konashenkov: Kyiv hurled 1,000 men and 40 armoured vehicles at Russian lines north of Bakhmut", True),
    ("Konashenkov: Kyiv hurled about 1,000 men at Russian lines north of Bakhmut", True),
    ("Konashenkov: Kyiv hurled men and armour at Russian lines north of Bakhmut", True),
    ("Konashenkov: Kyiv hurled 100 men and 4 armoured vehicles at Russian lines north of Bakhmut", False),
])
def test_a_headline_may_count_the_claims_things_in_its_own_words(seeds_archive, headline, counted):
    """'1,000 troops and up to 40 tanks' is told by a headline of 1,000 men and 40 armoured vehicles,
    of about 1,000 men, or of no number at all, not by one of 100 men and 4 vehicles: a brief need
    only write one of the claim's numbers, if it writes any."""
    entries, claims, registry = seeds_archive
    matcher = evidence.Matcher(entries + [_article(headline)], claims, registry)
    target = next(t for t in matcher.targets if t.claim.id == "ukraine-attacked-with-1000-troops-and-40-tanks")
    brief = len(entries)
    assert bool(matcher.about(target, [brief], {brief})[0]) is counted


ADVANCED, STORM_SHADOW = "ukraine-advanced-2-km-near-bakhmut", "britain-will-supply-storm-shadow-missiles"


@pytest.mark.parametrize("headline, claim, stance, voice", [
    ("Ukrainian forces advanced 2 km near Bakhmut", ADVANCED, "supports", "own"),
    ("Ukrainian forces advanced 2 km near Bakhmut: reports", ADVANCED, "supports", "quoted"),
    ("Ukrainian forces advanced 2 km near Bakhmut, per media reports", ADVANCED, "supports", "quoted"),
    ("Ukrainian forces advanced 2 km near Bakhmut, Kyiv's general staff says", ADVANCED, "supports", "quoted"),
    ("Ukrainian Forces Advanced 2 km Near Bakhmut: CNN", ADVANCED, "supports", "quoted"),
    ("Ukrainian Forces Advanced 2 km Near Bakhmut Report", ADVANCED, "supports", "quoted"),
    ("Ukrainian forces expected to advance 2 km near Bakhmut", ADVANCED, "mentions", "own"),
    ("Britain nears deal to supply Storm Shadow missiles to Ukraine", STORM_SHADOW, "mentions", "own"),
    ("Britain in talks to supply Storm Shadow missiles to Ukraine", STORM_SHADOW, "mentions", "own"),
])
def test_a_headline_carrying_a_claim_through_others_says_so(seeds_archive, headline, claim, stance, voice):
    """A headline that ends by naming its source carries the claim in others' words; one that
    expects or discusses it only mentions it."""
    entries, claims, registry = seeds_archive
    _, positions = evidence.match(entries + [_article(headline)], claims, registry)
    assert [(p.stance, p.voice) for p in positions if p.article == "paraphrase" and p.claim == claim] == [(stance, voice)]


# FNC-1 train body 1775, its first five sentences as published (labelled "disagree" with this headline).
DEBUNKING = (
    "Another day, another dumb fake news site getting its ill-gotten clicks by exploiting the natural human desire "
    "to trust his fellow man. Time was, reporting the news was an honorable profession in which great journalists "
    "took joy in informing the public of the truth. Today, any joker with a router can pass off \"the truth\" as a "
    "modern way to crank call millions with downright cruel chicanery. One of the most egregious peddlers of these "
    "pranks is World News Daily Report, who recently posted an article titled \"Newly-Found Document Holds Eyewitness "
    "Account of Jesus Performing Miracle.\" If the unnecessary hyphen wasn't enough to tip you off, the story is a "
    "total fake."
)


def test_a_report_calling_the_claim_a_prank_disputes_it_in_its_own_words(seeds_archive):
    """The sentence carrying the claim calls it one of "these pranks": a denial in the plural, and
    the report's own: World News Daily Report, named after the denial, asserts the claim."""
    entries, _, registry = seeds_archive
    claim = Claim(id="miracle", statement="Newly-Found Document Holds Eyewitness Account of Jesus Performing Miracle",
                  source="x.yml")
    found, positions = evidence.match(entries + [_article(DEBUNKING)], [claim], registry)
    assert [(e.stance, e.claimant) for e in found if e.article == "paraphrase"] == [("disputes", None)]
    assert [(p.stance, p.voice, p.claimants) for p in positions if p.article == "paraphrase"] == [("disputes", "own", ())]


def test_a_speaker_named_before_the_denial_is_the_one_denying(seeds_archive):
    entries, _, registry = seeds_archive
    claim = Claim(id="breakthrough", statement="Ukrainian forces broke through Russian lines near Bakhmut.", source="x.yml")
    text = ("The Russian Defence Ministry on Friday denied reports that Ukrainian forces had broken through Russian "
            "lines near Bakhmut, calling them false.")
    found, positions = evidence.match(entries + [_article(text)], [claim], registry)
    assert [(e.stance, e.claimant) for e in found if e.article == "paraphrase"] == [("disputes", "Russian Defence Ministry")]
    assert [(p.stance, p.voice) for p in positions if p.article == "paraphrase"] == [("disputes", "quoted")]


@pytest.mark.parametrize("text, side", [
    # FNC-1 body 829, after its byline: a man dismissed from his job, which is what the claim says
    ("A senior official of the Central Public Works Department (CPWD) was on Thursday dismissed from service for "
     "unauthorized absence from duty for 25 years.", "supports"),
    ("The ministry dismissed reports that a senior official of the Central Public Works Department (CPWD) had been "
     "dismissed from service for absence from duty for 25 years.", "disputes"),
])
def test_dismissed_denies_a_report_not_a_person(seeds_archive, text, side):
    entries, _, registry = seeds_archive
    claim = Claim(id="cpwd", statement="A CPWD official was dismissed from service for absence from duty for 25 years.",
                  source="x.yml")
    found, _ = evidence.match(entries + [_article(text)], [claim], registry)
    assert [e.stance for e in found if e.article == "paraphrase"] == [side]


def test_a_report_of_a_dismissal_does_not_dispute_the_dismissal(seeds_archive):
    """FNC-1 body 2134 (its first paragraphs) under its own headline: no sentence states "sacked" in
    those words, and the model's denial cue counts "dismissed from service"; the rules do not."""
    entries, _, registry = seeds_archive
    text = ("An official of the Central Public Works Department (CPWD), who has been on furlough for the past 25 years, "
            "has been dismissed from service. On Thursday, Urban Development Minister M. Venkaiah Naidu issued orders "
            "to dismiss A.K. Verma for unauthorised absence from duty.\n"
            "Mr. Verma, who joined the CPWD as an assistant executive engineer in 1980, went on leave in December 1990 "
            "and did not report to work thereafter. According to the Ministry, he continued extending his leave and "
            "defied directions to report to work.\n")
    claim = Claim(id="cpwd", statement="CPWD official sacked for absence from duty for 25 years", source="x.yml")
    _, positions = evidence.match(entries + [_article(text)], [claim], registry)
    assert [p.stance for p in positions if p.article == "paraphrase"] in (["supports"], ["mentions"])
