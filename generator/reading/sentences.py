"""A paragraph's sentences, as every later stage reads them (titles from a lede, claim evidence)."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? before a capital, except after an initial ("U.K. Hostage", "J. R.
# Smith") or a title or abbreviation ("Mr. Smith", "Gen. Zaluzhnyi", "2 sq. km").
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "sq", "Gen", "Lt", "Col", "Sgt", "Capt", "Rep", "Sen", "Gov", "Prof",
                  "Jr", "Sr", "No", "vs", "Rev", "Maj", "Adm")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?][\"”’])|(?<=[.!?])" + "(?<!\\b[A-Z]\\.)"  # the stop first: most spaces fail it at once
                           + "".join(f"(?<!\\b{a}\\.)" for a in _ABBREVIATIONS) + r")\s+(?=[\"“‘A-Z])")  # a closing quote stays with its sentence
# Pages pasted as text often lose the space between sentences ("unmasked as Mohammed Emwazi.According
# to the reports"); not inside a site's or an e-mail's name (iGen.Fr, Paul.Bond@…).
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?!(?:Com|Org|Net|Fr|Uk|De|Co|Gov|Edu|Io|Info)\b)(?=[A-Z][a-z]+\b(?![@.]\w))")
_GLUED_HINT = re.compile(r"[.!?][A-Z]")  # found at once in the few paragraphs that may hold one


def sentences(paragraph: str) -> list[str]:
    found = [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]
    if _GLUED_HINT.search(paragraph):
        found = [part for sentence in found for part in _GLUED.split(sentence) if part]
    return found
