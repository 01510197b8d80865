"""Deduplication: constructed copies of the seeds are folded; the five distinct seeds are not."""

from __future__ import annotations

import re
from pathlib import Path

from generator import pipeline
from generator.dedup import fold
from generator.model import Article, Metadata
from tests.conftest import SEEDS, build_into


def seed_text(seeds: Path, prefix: str) -> str:
    return next((seeds / "articles").glob(f"{prefix}*.txt")).read_text(encoding="utf-8")


def add_copies(seeds: Path) -> dict[str, str]:
    """Four republished copies made from the seeds; returns {copy file: original seed prefix}."""
    articles = seeds / "articles"
    (articles / "syndicated").mkdir()

    # A syndicated copy of 000 with a new headline, its own front matter and one extra paragraph.
    lines = seed_text(seeds, "000").split("\n")
    lines[0] = "Wagner chief says Russian troops are fleeing Bakhmut"
    lines.insert(40, "\nThis report was updated with comment from the Institute for the Study of War.\n")
    (articles / "syndicated/copy-000.md").write_text(
        "---\noutlet: Daily Syndicate\nurl: https://syndicate.example/wagner\ndate: 2023-05-14\n---\n" + "\n".join(lines),
        encoding="utf-8",
    )
    # 002 with a paragraph trimmed and other boilerplate added.
    paragraphs = seed_text(seeds, "002").split("\n\n")
    del paragraphs[12]
    paragraphs.insert(5, "Sign up for our morning newsletter and get the news in your inbox.")
    paragraphs.append("Read more: Ten things to know about the war")
    (articles / "syndicated/copy-002.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    # 001 with straight quotes instead of curly ones, saved as Windows-1252.
    straight = seed_text(seeds, "001").translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    (articles / "syndicated/copy-001.txt").write_bytes(straight.encode("cp1252"))
    # An exact copy of 003 under another name.
    (articles / "syndicated/copy-003.txt").write_text(seed_text(seeds, "003"), encoding="utf-8")
    return {
        "syndicated/copy-000.md": "000",
        "syndicated/copy-002.txt": "002",
        "syndicated/copy-001.txt": "001",
        "syndicated/copy-003.txt": "003",
    }


def test_the_five_seeds_are_five_distinct_articles(built):
    assert len(built.archive.entries) == 5
    assert all(not e.duplicates for e in built.archive.entries)


def test_constructed_copies_are_folded_into_their_canonical_article(seeds_copy, tmp_path):
    copies = add_copies(seeds_copy)
    build = build_into(seeds_copy, tmp_path / "out")
    assert len(build.archive.entries) == 5
    canonical = {}
    for entry in build.archive.entries:
        canonical[entry.article.source] = entry.article.source
        canonical.update({d.article.source: entry.article.source for d in entry.duplicates})
    for copy, original in copies.items():
        seed = next(s for s in canonical if s.startswith(original))
        assert canonical[copy] == canonical[seed], copy


def test_the_fullest_copy_is_canonical_and_lists_the_others(seeds_copy, tmp_path):
    add_copies(seeds_copy)
    build = build_into(seeds_copy, tmp_path / "out")
    by_source = {e.article.source: e for e in build.archive.entries}
    # The syndicated 000 has an extra paragraph: it is the fullest, so it is canonical.
    entry = by_source["syndicated/copy-000.md"]
    assert [d.article.source for d in entry.duplicates] == ["000_23874c13fd955af0.txt"]
    # The trimmed 002 is shorter: the seed stays canonical.
    assert [d.article.source for d in by_source["002_082e9c282abee1f7.txt"].duplicates] == ["syndicated/copy-002.txt"]
    exact = by_source["003_b39c71e25f6389a8.txt"].duplicates
    assert [(d.article.source, d.kind) for d in exact] == [("syndicated/copy-003.txt", "exact")]

    page = (build.paths.content / "articles" / f"{entry.slug}.md").read_text(encoding="utf-8")
    assert "## Also published as" in page
    assert "000&#95;23874c13fd955af0.txt" in page
    api = {a["id"]: a for a in build.api("articles.json")}
    assert api[by_source["002_082e9c282abee1f7.txt"].slug]["duplicates"][0]["file"] == "syndicated/copy-002.txt"
    syndicated = api[entry.slug]
    assert syndicated["outlet"] == "Daily Syndicate" and syndicated["url"] == "https://syndicate.example/wagner"


def test_every_input_file_has_exactly_one_fate(seeds_copy, tmp_path):
    add_copies(seeds_copy)
    (seeds_copy / "articles/notes.docx").write_bytes(b"PK\x03\x04")
    (seeds_copy / "articles/only-boilerplate.txt").write_text("Read more: nothing here\n\nPHOTO: Getty\n", encoding="utf-8")
    build = build_into(seeds_copy, tmp_path / "out")
    report = build.api("build-report.json")
    files = [f["file"] for f in report["files"]]
    on_disk = sorted(p.relative_to(seeds_copy / "articles").as_posix() for p in (seeds_copy / "articles").rglob("*") if p.is_file())
    assert sorted(files) == on_disk and len(files) == len(set(files))
    fates = {f["file"]: f for f in report["files"]}
    assert fates["notes.docx"]["fate"] == "skipped" and ".txt or .md" in fates["notes.docx"]["reason"]
    assert fates["only-boilerplate.txt"]["fate"] == "skipped"
    assert report["summary"] == {"article": 5, "duplicate": 4, "skipped": 2}


WHOLE_PAGE = Path(__file__).parent / "fixtures/whole-page"
OTHER_STORY = """Police search for man seen leaving the quay with a stolen dinghy

Police are searching for a man who was seen rowing a stolen dinghy away from St Keverne Quay in the early hours of Sunday.

The boat, a blue fibreglass tender belonging to the sailing club, was taken from its mooring at about 3am, according to a neighbour who heard oars in the water.

Officers asked anyone with a dashcam or a camera overlooking the slipway to come forward, and said the man wore a yellow jacket and a woollen hat.

The sailing club has offered a reward of £200 for the dinghy's safe return.""".split("\n\n")


def test_unrelated_articles_pasted_from_the_same_site_stay_separate(seeds_copy):
    """Same menus, cookie notice, share bar, most-read list and footer; different stories."""
    page = (WHOLE_PAGE / "page.txt").read_text(encoding="utf-8")
    headline, *body = (WHOLE_PAGE / "body.txt").read_text(encoding="utf-8").strip().split("\n\n")
    other = page.replace(headline, OTHER_STORY[0])
    for old, new in zip(body, OTHER_STORY[1:] + [""] * len(body)):
        other = other.replace(old, new)
    (seeds_copy / "articles/ferry.txt").write_text(page, encoding="utf-8")
    (seeds_copy / "articles/dinghy.txt").write_text(other, encoding="utf-8")
    archive = pipeline.check(pipeline.Paths(seeds_copy, Path("content"), Path("site"), Path("mkdocs.yml")))
    assert len(archive.entries) == 7 and not any(e.duplicates for e in archive.entries)


def _article(name: str, paragraphs: list[str]) -> Article:
    return Article(name, Metadata(title=name), tuple(paragraphs), ())


def test_sentences_shared_across_the_archive_do_not_make_articles_one():
    """Footer sentences the cleaner let through, shared by three articles of a site, outweigh each
    article's own two sentences; they still do not fold."""
    footer = [f"Footer sentence number {n} of the Coastline Courier appears on every single page." for n in range(8)]
    own = {
        "ferry": ["The harbour ferry carried its first passengers in six months.", "Fares rise by a fifth from next week."],
        "dinghy": ["Police are searching for a man who rowed away in a stolen dinghy.", "The sailing club offers a reward."],
        "festival": ["Thousands came to the quay for the first music festival since 2019.", "Two stages ran until midnight."],
    }
    articles = [_article(f"{topic}.txt", [*sentences, *footer]) for topic, sentences in own.items()]
    entries = fold.deduplicate(articles)
    assert len(entries) == 3 and not any(e.duplicates for e in entries)


def test_a_republication_with_commentary_around_the_whole_original_folds(seeds_copy):
    original = seed_text(seeds_copy, "001")
    (seeds_copy / "articles/commented.txt").write_text(
        "Our view: the figures below deserve more scrutiny than they have had, and we reproduce the report in full.\n\n"
        + original
        + "\n\nEditor's note: we will follow up with the ministry's own account of these events next week.\n",
        encoding="utf-8",
    )
    archive = pipeline.check(pipeline.Paths(seeds_copy, Path("content"), Path("site"), Path("mkdocs.yml")))
    assert len(archive.entries) == 5
    folded = next(e for e in archive.entries if "commented.txt" in {e.article.source, *(d.article.source for d in e.duplicates)})
    assert {folded.article.source, *(d.article.source for d in folded.duplicates)} == {"commented.txt", "001_8bea9556a8aa52f0.txt"}


def test_quotes_restyled_around_a_sentence_break_still_fold():
    """Straight quotes made curly by pairing them wrongly put a closing quote before the next
    sentence (`son. ”They …`); the copy's sentences are still split where the original's are."""
    sentences = [f"Witness number {n} told reporters that the convoy passed the bridge at dawn." for n in range(6)]
    original = " ".join(f'"{s}"' if n == 2 else s for n, s in enumerate(sentences))
    restyled = original.replace('"', "”")
    articles = [_article("original.txt", [original]), _article("copy.txt", [restyled.replace(" told ", " tells ", 1)])]
    assert fold.sentences(articles[0]) == fold.sentences(_article("same", [restyled]))
    entries = fold.deduplicate(articles)
    assert len(entries) == 1 and entries[0].duplicates[0].kind == "near"


def test_an_article_of_nothing_but_common_sentences_folds_only_into_one_holding_them_all():
    """Five sentences each found in three articles or more (reports built on one wire story): the
    article made of them alone is not a copy of one that holds four of the five (0.8), though it
    is of one that holds all five."""
    wire = ["The river burst its banks north of the old mill early on Tuesday morning.",
            "Emergency crews evacuated forty homes as the water kept rising through the day.",
            "A spokeswoman for the county said the main road would stay closed until Friday.",
            "Farmers counted losses of cattle and winter feed across the lower valley fields.",
            "Forecasters expect more heavy rain to move in from the west by the weekend."]
    extra = ["Residents queued at the school gym, which the council opened as a shelter.",
             "Volunteers handed out blankets, hot soup and dry clothes until late evening.",
             "The mayor promised a review of the flood defences built a decade ago.",
             "Insurance firms sent assessors to the worst hit streets on Wednesday."]
    other = [f"{name} bridge, {age} years old, has stood through {count} floods since it was first built." for name, age, count in
             [("Stone", 210, "nine"), ("Mill", 150, "seven"), ("Church", 120, "five"), ("Ferry", 95, "four"),
              ("Station", 80, "three"), ("Quay", 60, "two"), ("Market", 40, "no")]]
    articles = [
        _article("wire-only.txt", wire),
        _article("four-of-five.txt", [*wire[:4], *extra]),
        _article("feature.txt", [*wire, *other]),
        _article("last-line.txt", [wire[4], *other[:4], *extra[:2]]),
    ]
    entries = fold.deduplicate(articles)
    assert len(entries) == 4 and not any(e.duplicates for e in entries)
    entries = fold.deduplicate([*articles, _article("all-five.txt", [*wire, extra[0]])])
    folded = next(e for e in entries if e.duplicates)
    assert {folded.article.source, *(d.article.source for d in folded.duplicates)} == {"all-five.txt", "wire-only.txt"}


def _members(archive, name: str) -> set[str]:
    entry = next(e for e in archive.entries if name in {e.article.source, *(d.article.source for d in e.duplicates)})
    return {entry.article.source, *(d.article.source for d in entry.duplicates)}


def test_an_edited_copy_of_a_wire_story_folds_though_its_sentences_are_in_many_reports(seeds_copy):
    """Three reports each reuse a different half of seed 002 with their own text, so every one of
    its sentences is in three articles or more; a copy of it with a paragraph dropped and "said"
    made "says" and kilometers "kilometres" wherever they occur (three in ten of its sentences)
    is compared and folded, and the reports, which share half their sentences with it, are not."""
    title, *wire = seed_text(seeds_copy, "002").split("\n\n")
    other = seed_text(seeds_copy, "000").split("\n\n")[1:] + seed_text(seeds_copy, "004").split("\n\n")[1:]
    halves = {"first": wire[:len(wire) // 2], "second": wire[len(wire) // 2:], "alternate": wire[::2]}
    for n, (name, half) in enumerate(halves.items()):  # each with a third of the other two seeds' text
        (seeds_copy / f"articles/report-{name}.txt").write_text(
            "\n\n".join([f"Roundup: {title}", *half, *other[n::3]]), encoding="utf-8")
    edited = [p.replace(" said", " says").replace("kilometers", "kilometres") for p in wire if p != wire[5]]
    (seeds_copy / "articles/copy.txt").write_text("\n\n".join([title, *edited]), encoding="utf-8")
    archive = pipeline.check(pipeline.Paths(seeds_copy, Path("content"), Path("site"), Path("mkdocs.yml")))
    copy = fold.sentences(_article("copy", edited))
    assert sum(s not in fold.sentences(_article("wire", wire)) for s in copy) >= 0.3 * len(copy)
    assert _members(archive, "copy.txt") == {"copy.txt", "002_082e9c282abee1f7.txt"}
    assert len(archive.entries) == 8


def test_ascii_text_is_normalised_as_the_unicode_rule_does():
    """ASCII text takes a byte table instead of the regex; every character, and the seeds' text."""
    texts = [f"Word{chr(c)}NEXT_word 9{chr(c)}" for c in range(128)]
    texts += [p for seed in (SEEDS / "articles").glob("*.txt") for p in seed.read_text(encoding="utf-8").split("\n\n")]
    assert sum(text.isascii() for text in texts) > 150
    for text in texts:
        assert fold.normalise(text) == " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split()), repr(text)


def test_a_copy_with_most_of_its_sentences_lightly_edited_folds(seeds_copy):
    """A republished copy whose house style changed a word in every sentence that has "the" (seven
    in ten of them) keeps under a third of its sentences word for word: it is compared and folded."""
    title, *wire = seed_text(seeds_copy, "002").split("\n\n")
    edited = [re.sub(r"[^.!?]+[.!?]", lambda m: m.group().replace(" the ", " this ", 1), p) for p in wire]
    (seeds_copy / "articles/restyled.txt").write_text("\n\n".join([title, *edited]), encoding="utf-8")
    copy, original = fold.sentences(_article("copy", edited)), set(fold.sentences(_article("wire", wire)))
    assert sum(s in original for s in copy) < 0.3 * len(copy)
    archive = pipeline.check(pipeline.Paths(seeds_copy, Path("content"), Path("site"), Path("mkdocs.yml")))
    assert _members(archive, "restyled.txt") == {"restyled.txt", "002_082e9c282abee1f7.txt"}
