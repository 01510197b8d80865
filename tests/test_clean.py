"""Cleaning the real seeds: boilerplate out (with reasons), every body sentence kept, metadata inferred."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.model import Source
from generator.reading import chrome, clean, credits, ingest
from tests.conftest import ROOT, SEED_ARTICLES

GOLD = yaml.safe_load((ROOT / "tests/gold/seed-boilerplate.yml").read_text(encoding="utf-8"))


def cleaned(prefix: str):
    path = next(p for p in SEED_ARTICLES if p.name.startswith(prefix))
    return clean.clean(ingest.read(path, path.parent))


def body(prefix: str) -> str:
    return "\n".join(cleaned(prefix).paragraphs)


def test_boilerplate_removal_meets_the_pinned_floor():
    """Precision and recall of removed lines against the hand-labelled seeds."""
    true_pos = false_pos = false_neg = 0
    for path in SEED_ARTICLES:
        removed = {r.line for r in cleaned(path.name[:3]).removed if r.text != "|"}
        gold = set(GOLD[path.name])
        true_pos += len(removed & gold)
        false_pos += len(removed - gold)
        false_neg += len(gold - removed)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(f"boilerplate removal: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95


def test_no_body_line_is_lost():
    """Every line of a seed is a paragraph or a recorded removal (with its reason)."""
    for path in SEED_ARTICLES:
        source = ingest.read(path, path.parent)
        article = clean.clean(source)
        kept = set(article.paragraphs) | {r.text for r in article.removed}
        for block in source.blocks:
            text = clean.normalise_space(block.text)
            assert text in kept or text.replace("|", "") in kept, f"{path.name}:{block.line} lost"
        assert all(r.reason for r in article.removed)


def test_seed_000_captions_links_byline_and_stray_markup_are_gone():
    text = body("000")
    assert "Picture:" not in text
    assert "Read more" not in text
    assert "By Kieran Kelly" not in text
    assert "|" not in text
    assert "Ukrainian troops have 'likely' broken through" not in text  # the caption, printed twice
    assert "Mr Zelenskyy said: The occupiers are already mentally prepared for defeat." in text
    assert "Ukraine’s military chiefs say their forces have advanced 1.2 miles in a week" in text
    assert text.endswith("supply dumps deep behind the front lines.")


def test_seed_000_metadata_is_inferred():
    meta = cleaned("000").meta
    assert meta.date == "2023-05-13"
    assert meta.author == "Kieran Kelly"
    assert meta.title.startswith("Head of Russia's Wagner group admits")
    assert not meta.title.startswith("date")
    assert meta.outlet == "unknown"


def test_seed_002_live_briefing_promo_and_blurb_are_gone_and_outlet_inferred():
    article = cleaned("002")
    text = "\n".join(article.paragraphs)
    assert "Live Briefing" not in text and "click here" not in text
    assert "Konashenkov said at a news briefing on May 12" in text
    assert article.meta.outlet == "RFE/RL"


def test_seed_003_photo_newsletter_and_unrelated_teasers_are_gone():
    article = cleaned("003")
    text = "\n".join(article.paragraphs)
    for gone in ("PHOTO:", "Read more", "in your email", "Bush Does Interview"):
        assert gone not in text
    assert article.paragraphs[-1].startswith("Bakhmut, a regional transport and logistics hub")
    assert article.meta.date == "2023-05-12"
    assert article.meta.outlet == "Political IQ"
    reasons = {r.reason for r in article.removed}
    assert {"teaser for an unrelated story", "promotion or newsletter call to action"} <= reasons


def test_seed_004_repeated_and_fused_lines_appear_once():
    text = body("004")
    assert text.count("However, Ukrainian officials said it was important to distinguish") == 1
    assert "pictured yesterday" not in text
    assert not text.startswith(">")


def test_rules_generalise_to_other_outlets_boilerplate():
    lines = [
        "Kyiv says it retook a village",
        "By Jane Roe and John Doe",
        "Kyiv said on Monday that its troops had retaken the village after a week of fighting.",
        "Soldiers near the village. Photo: Reuters/Alina Smutko",
        "READ MORE — Why the village matters",
        "Sign up to our free Ukraine newsletter and get the news in your inbox every morning.",
        "Moscow did not comment on the report.",
        "Royal Family Shares New Portrait",
    ]
    source = Source("x.txt", "utf-8", {}, tuple(ingest.text_blocks("\n\n".join(lines), 1)))
    article = clean.clean(source)
    assert article.paragraphs == (lines[2], lines[6])
    assert article.meta.title == lines[0]
    assert article.meta.author == "Jane Roe and John Doe"


def _clean_text(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return clean.clean(ingest.read(path, tmp_path))


def test_a_share_panel_pasted_above_the_body_is_chrome(tmp_path):
    """A page pasted whole, the only one of its site in the archive: no repetition to learn from."""
    body = ["Kyiv said on Monday that its troops had retaken the village after a week of fighting.",
            "Moscow did not comment on the report."]
    panel = ["Share this with Facebook", "Share this with Email", "Copy this link", "Close share panel",
             "Media playback is unsupported on your device"]
    article = _clean_text(tmp_path, "\n\n".join(["Kyiv says it retook a village", *panel, *body]))
    assert article.paragraphs == tuple(body)


def test_a_line_repeated_with_more_words_after_it_does_not_crash(tmp_path):
    """Regression: a line followed by a longer line starting with it crashed `_mark_repeats`."""
    article = _clean_text(tmp_path, "Talks resume in Geneva\n\nTalks resume in Geneva after a pause of two weeks.\n")
    assert "Talks resume in Geneva after a pause of two weeks." in article.paragraphs


def test_a_one_line_title_case_brief_keeps_its_body(tmp_path):
    """A body that is one Title Case line is a brief, not a teaser: it is kept."""
    article = _clean_text(tmp_path, "Mayor Opens New Bridge Over River Tay\n\nCouncil Approves Budget For Next Year\n")
    assert article.paragraphs == ("Council Approves Budget For Next Year",)


WHOLE_PAGE = ROOT / "tests/fixtures/whole-page"


def test_a_whole_pasted_page_keeps_its_body_and_loses_its_chrome():
    """A made-up article inside realistic site chrome (menus, cookie notice, share bar, most-read
    list, newsletter box, comment form, footer): the body is kept whole, nothing else is."""
    source = ingest.read(WHOLE_PAGE / "page.txt", WHOLE_PAGE)
    article = clean.clean(source)
    headline, *body = (WHOLE_PAGE / "body.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert list(article.paragraphs) == body
    assert article.meta.title == headline
    assert (article.meta.author, article.meta.date) == ("Tamsin Rowe", "2024-05-06")
    removed = {r.line: r.reason for r in article.removed}
    body_lines = {b.line for b in source.blocks if b.text in body}
    assert len(removed) + len(body_lines) == len(source.blocks) and all(removed.values())


def test_lines_repeated_across_the_archive_are_chrome_for_every_article():
    """A site line the shape rules keep (a sentence-like strapline) goes once three articles of
    the outlet carry it; the same line in one article alone stays."""
    strap = "The Coastline Courier is owned by its readers and answers to nobody else."
    texts = [
        f"---\noutlet: Coastline Courier\n---\n{strap}\n\nStory {n} opens with a long first sentence about "
        f"the harbour and the people who use the ferry every day of the week.\n\n{strap}\n"
        for n in range(3)
    ]
    sources = [Source(f"{n}.md", "utf-8", {"outlet": "Coastline Courier"}, tuple(ingest.text_blocks(t.split("---\n")[2], 4)))
               for n, t in enumerate(texts)]
    survey = chrome.survey(sources)
    for source in sources:
        article = clean.clean(source, survey)
        assert strap not in article.paragraphs
        assert any("repeated in 3 or more articles" in r.reason for r in article.removed)
    assert strap in clean.clean(sources[0]).paragraphs  # without the survey: an ordinary line


DEV_SET = ROOT.parent / "shared/data/boilerplate-dev"


def test_whole_pages_of_the_dev_set_meet_the_pinned_floor():
    """The boilerplate dev set (not in the repo: its licence forbids redistribution), scored by its own scorer."""
    data = Path(os.environ.get("BOILERPLATE_DEV") or DEV_SET)
    if not (data / "gold.json").is_file():
        pytest.skip(f"boilerplate dev set not found at {data} (kept beside the repo, not in it; set BOILERPLATE_DEV)")
    from bench import bench_boilerplate

    figures = bench_boilerplate.score(data, bench_boilerplate.cleaned_pages(data), "all")
    print(figures["line"])
    assert figures["recall"] >= 0.90 and figures["rejection"] >= 0.78  # 0.928 and 0.786 when pinned


def test_an_outlet_read_from_a_copyright_line_stops_at_the_sentence_end(tmp_path):
    text = ("Talks resume in Geneva after two weeks\n\nDelegates from both sides met on Monday to resume the talks.\n\n"
            "Copyright © 2020 BBC. The BBC is not responsible for the content of external sites.\n")
    assert _clean_text(tmp_path, text).meta.outlet == "BBC"
    text = text.replace("2020 BBC. The BBC", "2020 U.S. News. U.S. News")
    assert _clean_text(tmp_path, text).meta.outlet == "U.S. News"


@pytest.mark.parametrize("line, owner", [  # footers of whole pages in the boilerplate dev set
    ("Copyright © 2023 MediaNews Group", "MediaNews Group"),
    ("© Copyright 2023, City Limits", "City Limits"),
    ("© Copyright 2022 - St. Lucia Times. A Big Feat Media Production.", "St. Lucia Times"),
    ("© 2023 KBS WORLD All Rights Reserved.", "KBS WORLD"),
    ("Copyright © 2020, Los Angeles Times | Terms of Service | Privacy Policy", "Los Angeles Times"),
    ("© 2020 The New York Times Company", "The New York Times"),
    ("© 2022 St Kitts Nevis Observer / Nevis Printing Ltd. Newspaper Theme by tagDiv", "St Kitts Nevis Observer"),
    ("© Future Publishing Limited Quay House, The Ambury, Bath BA1 1UA. All rights reserved.", "Future Publishing"),
    ("Jamaica Observer, 2022 © All Rights Reserved", "Jamaica Observer"),
    ("Reddit Inc © 2020. All rights reserved", "Reddit"),
    ("© 2017 Jobs & Hire All rights reserved. Do not reproduce without permission.", "Jobs & Hire"),
    ("About This Publication - Digital Millennium Copyright Act - Editorial Policies", None),
    ("© Getty Images MANCHESTER, ENGLAND - SEPTEMBER 28: Isolating students peer out", None),
    ("(Image: © HandyGames)", None),
    ("Powered by Piwigo ♦ Copyright © CC BY-NC-ND 3.0 DE ♦ Contact", None),
    ("©2019 | ALL RIGHTS RESERVED | EAT WHAT TONIGHT — Cookely Theme by WPZOOM", None),
    ("© Copyright . All rights reserved. Printed from https://www.instyle.com", None),
    ("© 2019 • GeneratePress", None),  # the site's theme, not its owner
    ("© Ghost Town Media 2020", "Ghost Town Media"),  # a name that opens with a platform's is still a name
])
def test_a_copyright_line_names_its_owner_and_nothing_else(line, owner):
    assert credits.owner(line) == owner


def test_a_page_crediting_copyright_act_and_its_owner_is_the_owners(tmp_path):
    text = ("Scientists confirm a record year\n\nThe agency said on Tuesday that the year was the warmest on record.\n\n"
            "© 2023 - The Published Reporter. All Rights Reserved.\n\n"
            "About This Publication - Digital Millennium Copyright Act - Editorial Policies\n")
    assert _clean_text(tmp_path, text).meta.outlet == "The Published Reporter"


@pytest.mark.parametrize("paragraph", [
    "Le religieux américain a prétendu avoir des souvenirs clairs de ce qui lui était arrivé pendant ces "
    "longues minutes de mort clinique, selon plusieurs médias.",
    "Українські військові просунулися на два кілометри біля Бахмута, але Росія заперечує це, заявив речник.",
    "Российские войска отошли от позиций к северу от Бахмута, и это подтвердили в министерстве обороны.",
])
def test_prose_in_another_language_is_kept(paragraph):
    """The function-word test that tells prose from menus and labels knows more languages than English."""
    english = "Ukrainian forces advanced about two kilometres near Bakhmut this week, officials in Kyiv said on Friday."
    text = "\n\n".join([english, paragraph, english.replace("this week", "last week")])
    source = Source("x.txt", "utf-8", {}, tuple(ingest.text_blocks(text, 1)))
    assert paragraph in clean.clean(source).paragraphs


def test_a_byline_ending_its_sentence_names_the_author_without_the_full_stop(tmp_path):
    text = ("Voting on the housing authority's future\n\nBy Tatyana Turner.\n\n"
            "Residents voted on Monday on whether the buildings should pass to a new trust.\n")
    assert _clean_text(tmp_path, text).meta.author == "Tatyana Turner"


def test_a_page_title_loses_its_site_name_when_the_headline_is_printed_again_below_menus_and_teasers(tmp_path):
    menu = "\n\n".join(["News", "Cayman News", "Business", "Crime and Courts", "Living", "Opinion", "Sports"])
    teaser = ("Police in George Town are appealing for witnesses after a car was struck by a falling tree on Shedden "
              "Road late on Sunday night, leaving the driver with minor injuries and the road closed for hours.")
    text = (f"Prison official: ‘Anyone’ could escape from Northward - Cayman Compass\n\n{menu}\n\n{teaser}\n\n{menu}\n\n"
            "Prison official: ‘Anyone’ could escape from Northward\n\nBy James Whittaker\n\nMay 4, 2022\n\nShare\n\n"
            "A senior prison official told the committee on Tuesday that the perimeter fence had gaps that anyone "
            "could use to escape.\n")
    article = _clean_text(tmp_path, text)
    assert article.meta.title == "Prison official: ‘Anyone’ could escape from Northward"
    assert not any(p.startswith("Prison official") for p in article.paragraphs)
    # the byline and date printed with it are the article's, though the opening lines have neither
    assert (article.meta.author, article.meta.date) == ("James Whittaker", "2022-05-04")


@pytest.mark.parametrize("byline, author", [  # as whole pages in the boilerplate dev set print them
    ("By\n\nTodd Bates", "Todd Bates"),
    ("by: Cora Neas", "Cora Neas"),
    ("by Madeleine Gregory", "Madeleine Gregory"),
    ("By J.O. Haselhoef Apr 12, 2022", "J.O. Haselhoef"),
    ("By Bob Yirka , Phys.org", "Bob Yirka"),
])
def test_a_byline_names_the_author_in_the_forms_pages_print_it(tmp_path, byline, author):
    text = (f"Robot draws blood better than people do\n\n{byline}\n\n"
            "A robot developed at the university drew blood more reliably than clinicians in a trial of 31 patients.\n")
    article = _clean_text(tmp_path, text)
    assert article.meta.author == author
    assert not any(author in p for p in article.paragraphs)  # the byline is metadata, not body


def test_a_title_from_the_lede_is_not_cut_at_an_abbreviation(tmp_path):
    """FNC-1 bodies pasted as they are: no headline, so the lede's first sentence names them."""
    text = ("Two U.S. officials say they believe American journalist James Foley was the victim executed in the "
            "video released on Tuesday.\n\nThe officials spoke on condition of anonymity.\n")
    assert _clean_text(tmp_path, text).meta.title.startswith("Two U.S. officials say")


def test_a_byline_bar_opening_the_text_is_no_title_and_names_the_author(tmp_path):
    text = ("By: Press Trust of India | New Delhi | Posted: January 8, 2015 2:10 pm\n\n"
            "A senior official of the Central Public Works Department was on Thursday dismissed from service for "
            "corruption, officials said.\n")
    meta = _clean_text(tmp_path, text).meta
    assert meta.title.startswith("A senior official of the Central Public Works Department")
    assert meta.author == "Press Trust of India"


def test_reporting_from_a_place_in_the_text_names_no_outlet(tmp_path):
    text = ("Weatherman was not caught short\n\nThe meteorologist was reporting from Sugar Mountain when the "
            "anchor threw to him and his back was turned to the camera.\n")
    assert _clean_text(tmp_path, text).meta.outlet == "unknown"


def test_a_one_word_line_far_down_the_page_does_not_cut_the_title(tmp_path):
    updates = "\n\n".join(f"{hour}:00 Officials said power had been restored to {n} more districts by then." for n, hour
                          in enumerate(range(6, 16)))
    text = ("Kyiv | Live updates\n\nShelling resumed overnight in the eastern districts of the city, the mayor said on "
            f"Monday, as residents spent a third night in shelters and metro stations.\n\n{updates}\n\nTags\n\nKyiv\n")
    assert _clean_text(tmp_path, text).meta.title == "Kyiv | Live updates"


def test_a_copyright_line_built_to_backtrack_is_read_at_once():
    """Article text is untrusted: a long run of capitals before the mark once took exponential time."""
    assert credits.owner("A" * 60 + ") © All Rights Reserved") is None
    assert credits.owner("B" * 60 + " ©") == "B" * 60


@pytest.mark.parametrize("text, date", [  # FNC-1 bodies 242, 1529, 829 and a wire lede
    ("Sources are reporting that music legend Axl Rose has died.\n\nBorn William Bruce Rose, Jr. on February 6, 1962, "
     "Rose has been named one of the greatest singers of all time by various media outlets.\n", None),
    ("Rumors have hit social media that the Batmobile has been stolen.\n\nBatman V. Superman: Dawn of Justice is "
     "scheduled to be released in movie theaters on March 25, 2016.\n", None),
    ("By: Press Trust of India | New Delhi | Posted: January 8, 2015 2:10 pm\n\nA senior official of the Central "
     "Public Works Department was dismissed from service for watching pornography.\n", "2015-01-08"),
    ("KYIV, May 12, 2023 (Reuters) - Ukraine said on Friday its forces had advanced near Bakhmut, taking ground "
     "from Russian troops.\n", "2023-05-12"),
])
def test_a_date_a_sentence_tells_of_is_not_the_reports(tmp_path, text, date):
    assert _clean_text(tmp_path, text).meta.date == date
