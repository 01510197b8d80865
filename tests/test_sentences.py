"""Sentences as every later stage reads them (reading/sentences.py), on text from FNC-1 bodies."""

from __future__ import annotations

import pytest

from generator.reading.sentences import sentences


@pytest.mark.parametrize(("paragraph", "expected"), [
    # a page pasted as text lost the space between two sentences (FNC-1 body 1800)
    ("The Islamic State militant known as Jihadi John is reported to have been unmasked as Londoner Mohammed "
     "Emwazi.According to the reports, the man is a British man from west London.",
     ["The Islamic State militant known as Jihadi John is reported to have been unmasked as Londoner Mohammed Emwazi.",
      "According to the reports, the man is a British man from west London."]),
    # ... but a site's or an e-mail's name is not two sentences (bodies 1425 and 99)
    ("According to iGen.Fr the phone bends.", ["According to iGen.Fr the phone bends."]),
    ("Write to Paul.Bond@thr.com with tips.", ["Write to Paul.Bond@thr.com with tips."]),
    # initials, titles and abbreviations do not end a sentence
    ("The U.S. Marshall spoke. Gen. Austin said 2 sq. km were lost. Mr. Smith agreed.",
     ["The U.S. Marshall spoke.", "Gen. Austin said 2 sq. km were lost.", "Mr. Smith agreed."]),
    ("“It is over,” he said. “We won.”", ["“It is over,” he said.", "“We won.”"]),
])
def test_a_paragraph_is_split_where_its_sentences_end(paragraph, expected):
    assert sentences(paragraph) == expected
