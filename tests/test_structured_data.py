"""schema.org structured data on claim pages: every claim is a Claim (its statement, where it
appeared, who asserts it); a ClaimReview only where the claim file carries an editor's verdict."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.claims import tracked
from generator.cli import main
from generator.site import builder, render
from tests.conftest import ROOT, build_into

LD = re.compile(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', re.S)
SITE_URL = builder.url(ROOT / "mkdocs.yml")
SITE_NAME = builder.name(ROOT / "mkdocs.yml")
ADVANCED = "ukraine-advanced-2-km-near-bakhmut"


def json_ld(text: str) -> list[dict]:
    return [json.loads(block) for block in LD.findall(text)]


def claim_page(build, claim_id: str) -> str:
    return (build.paths.content / "claims" / f"{claim_id}.md").read_text(encoding="utf-8")


def claim_html(build, claim_id: str) -> str:
    return (build.paths.site / "claims" / claim_id / "index.html").read_text(encoding="utf-8")


def with_verdict(seeds, claim_id: str, verdict: str) -> str:
    """Append a verdict to a seed claim file; the file's name as check reports it."""
    path = seeds / "claims" / f"{claim_id}.yml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + verdict, encoding="utf-8")
    return f"claims/{claim_id}.yml"


def test_every_claim_page_is_a_schema_org_claim_with_its_sources_and_no_rating(built):
    records = {r["id"]: r for r in built.api("claims.json")}
    by_slug = {e.slug: e.article.meta for e in built.archive.entries}
    assert records
    for claim_id, record in records.items():
        page = claim_page(built, claim_id)
        blocks = json_ld(page)
        assert [b["@type"] for b in blocks] == ["Claim"], claim_id  # counts of sources are no ClaimReview
        assert "ClaimReview" not in page and "reviewRating" not in page
        assert record["editor_verdict"] is None
        claim = blocks[0]
        assert claim["@context"] == "https://schema.org"
        assert claim["text"] == claim["name"] == record["statement"]
        assert claim["url"] == SITE_URL + f"claims/{claim_id}/"

        # one appearance per listed source, the article's own link (else its page here), earliest first
        sources = record["sources"]
        links = {s["article"]: by_slug[s["article"]].url or SITE_URL + f"articles/{s['article']}/" for s in sources}
        appearances = claim.get("appearance", [])
        assert len(appearances) == min(len(sources), render.APPEARANCES)
        assert {a["url"] for a in appearances} <= set(links.values())
        if len(sources) <= render.APPEARANCES:
            assert {a["url"] for a in appearances} == set(links.values())
        dates = [a.get("datePublished") or "9999" for a in appearances]
        assert dates == sorted(dates)
        for work in appearances:
            article = next(slug for slug, link in links.items() if link == work["url"])
            meta = by_slug[article]
            assert work["@type"] == "CreativeWork" and work["headline"] == meta.title
            assert work.get("datePublished") == meta.date
            assert work.get("publisher", {}).get("name", "unknown") == meta.outlet

        # the first appearance is the earliest dated source; the claim's date its first report
        dated = sorted(s["date"] for s in sources if s["date"])
        if dated:
            assert claim["firstAppearance"]["datePublished"] == dated[0]
            assert claim["firstAppearance"] in appearances
            assert claim["datePublished"] == min(dated[0], record["first_reported"] or "9999")
        else:
            assert "firstAppearance" not in claim
            assert claim.get("datePublished") == record["first_reported"]

        # authors: the claimants of the sources that assert it, and no one else
        asserting = list(dict.fromkeys(n for s in sources if s["stance"] in ("supports", "both") for n in s["claimants"]))
        authors = claim.get("author", [])
        assert [a["name"] for a in authors] == asserting
        assert all(a["@type"] in ("Person", "Organization") for a in authors)


def test_claimants_are_people_only_when_they_read_like_a_name():
    kinds = {name: render.agent(name)["@type"] for name in (
        "Hanna Maliar", "Yevgeny Prigozhin", "Serhiy Cherevatyi", "Russia", "Ukrainian military",
        "Russian Defence Ministry", "Institute for the Study of War", "Luhansk authorities", "ISW", "South Korea")}
    assert kinds == {
        "Hanna Maliar": "Person", "Yevgeny Prigozhin": "Person", "Serhiy Cherevatyi": "Person",
        "Russia": "Organization", "Ukrainian military": "Organization", "Russian Defence Ministry": "Organization",
        "Institute for the Study of War": "Organization", "Luhansk authorities": "Organization",
        "ISW": "Organization", "South Korea": "Organization",
    }


def test_the_json_ld_reaches_the_built_html_unchanged(built):
    for record in built.api("claims.json"):
        assert json_ld(claim_html(built, record["id"])) == json_ld(claim_page(built, record["id"]))
    assert json_ld(claim_html(built, ADVANCED))[0]["firstAppearance"]["datePublished"] == "2023-05-12"


def test_the_contributors_guide_documents_the_verdict_and_its_scale(built):
    guide = (built.paths.content / "contributing.md").read_text(encoding="utf-8")
    assert "| `verdict` |" in guide and "## An editor's verdict" in guide
    for rating, (value, _) in tracked.VERDICTS.items():
        assert f"| `{rating}` |" in guide
        assert f"`{rating}`" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


VERDICT = """verdict:
  rating: mostly-false
  reasoning: "Later maps show <b>1.5 km</b>, not 2: *close* but [overstated](https://evil.example/)."
  source: https://example.org/bakhmut-maps?day=20&side=both
  by: Jane Doe
  date: 2023-05-20
"""


def test_a_claim_file_with_a_verdict_gets_a_claimreview_with_that_rating(seeds_copy, tmp_path):
    with_verdict(seeds_copy, ADVANCED, VERDICT)
    build = build_into(seeds_copy, tmp_path / "out")
    claim, review = json_ld(claim_page(build, ADVANCED))
    assert claim["@type"] == "Claim" and review["@type"] == "ClaimReview"
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == claim["text"] == "Ukraine advanced about 2 km near Bakhmut."
    assert review["itemReviewed"] == {k: v for k, v in claim.items() if k != "@context"}
    assert review["url"] == claim["url"] == SITE_URL + f"claims/{ADVANCED}/"
    assert review["reviewRating"] == {
        "@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "Mostly false",
        "ratingExplanation": "Later maps show <b>1.5 km</b>, not 2: *close* but [overstated](https://evil.example/).",
    }
    assert review["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert review["datePublished"] == "2023-05-20"
    assert review["citation"]["url"] == "https://example.org/bakhmut-maps?day=20&side=both"
    for other in build.api("claims.json"):  # only the claim with a verdict is rated
        if other["id"] != ADVANCED:
            assert [b["@type"] for b in json_ld(claim_page(build, other["id"]))] == ["Claim"]
            assert other["editor_verdict"] is None
    record = next(r for r in build.api("claims.json") if r["id"] == ADVANCED)
    assert record["editor_verdict"] == {
        "rating": "mostly-false", "label": "Mostly false", "rating_value": 2, "by": "Jane Doe", "date": "2023-05-20",
        "reasoning": "Later maps show <b>1.5 km</b>, not 2: *close* but [overstated](https://evil.example/).",
        "source": "https://example.org/bakhmut-maps?day=20&side=both",
    }
    assert record["verdict"] and "counts" in record and "sources" in record  # the existing keys stay

    # shown on the page, every value escaped: no markup, Markdown or link of the editor's text runs
    html = claim_html(build, ADVANCED)
    assert json_ld(html) == [claim, review]
    assert "Editor's verdict: Mostly false" in html and "Checked by Jane Doe on 2023-05-20" in html
    assert 'href="https://example.org/bakhmut-maps?day=20&amp;side=both"' in html
    assert "&lt;b&gt;1.5 km&lt;/b&gt;" in html or "&#60;b&#62;1.5 km&#60;/b&#62;" in html
    body = LD.sub("", html)
    assert "<b>1.5 km" not in body and "<em>close</em>" not in body and 'href="https://evil.example/"' not in body


def rendered(seeds) -> dict[str, str]:
    paths = pipeline.Paths(seeds, seeds.parent / "content", seeds.parent / "site", ROOT / "mkdocs.yml")
    return render.render(pipeline.check(paths), SITE_NAME, SITE_URL)


def test_an_unproven_verdict_by_nobody_in_particular_is_the_sites_and_has_no_number(seeds_copy):
    with_verdict(seeds_copy, ADVANCED, "verdict:\n  rating: unproven\n  reasoning: No map of the area since.\n"
                                       "  source: http://example.org/no-maps\n")
    claim, review = json_ld(rendered(seeds_copy)[f"claims/{ADVANCED}.md"])
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven", "ratingExplanation": "No map of the area since."}
    assert review["author"] == {"@type": "Organization", "name": SITE_NAME, "url": SITE_URL}
    assert "datePublished" not in review


def test_a_bare_true_or_false_rating_is_read_as_written(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    for word in ("true", "False"):
        (folder / "rated.yml").write_text(f"statement: Ukraine advanced about 2 km near Bakhmut.\nverdict:\n  rating: {word}\n"
                                          "  reasoning: Checked.\n  source: https://example.org/x\n", encoding="utf-8")
        (claim,), problems = tracked.load(folder)
        assert not problems and claim.verdict.rating == word.lower()


@pytest.mark.parametrize("verdict, line, words", [
    ("verdict: mostly-true\n", 7, "'verdict' must be a mapping"),
    ("verdict:\n  rating: correct\n  reasoning: x\n  source: https://example.org/\n", 8, "rating must be one of true, mostly-true, mixed"),
    ("verdict:\n  reasoning: x\n  source: https://example.org/\n", 7, "needs a 'rating'"),
    ("verdict:\n  rating: mixed\n  source: https://example.org/\n", 7, "needs its 'reasoning'"),
    ("verdict:\n  rating: mixed\n  reasoning: '  '\n  source: https://example.org/\n", 9, "'reasoning' must be text"),
    ("verdict:\n  rating: mixed\n  reasoning: x\n", 7, "needs a 'source'"),
    ("verdict:\n  rating: mixed\n  reasoning: x\n  source: ftp://example.org/file\n", 10, "must be a link starting with http:// or https://"),
    ("verdict:\n  rating: mixed\n  reasoning: x\n  source: javascript:alert(1)\n", 10, "must be a link starting with http://"),
    ("verdict:\n  rating: mixed\n  reasoning: x\n  source: https://example.org/\n  score: 3\n", 11, "unknown verdict field 'score'"),
    ("verdict:\n  rating: mixed\n  reasoning: x\n  source: https://example.org/\n  date: 20 May\n", 11, "date must be a date such as"),
    ("verdict:\n  rating: mixed\n  reasoning: x\n  source: https://example.org/\n  by: [a, b]\n", 11, "'by' must be text"),
])
def test_a_bad_verdict_fails_check_naming_the_file_and_line(seeds_copy, verdict, line, words):
    name = with_verdict(seeds_copy, ADVANCED, verdict)  # the claim file has 6 lines before it
    result = CliRunner().invoke(main, ["check", "--seeds", str(seeds_copy)])
    assert result.exit_code == 1
    assert f"{name}:{line}: " in result.output and words in result.output, result.output
    assert "Traceback" not in result.output
