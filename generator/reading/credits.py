"""Who a page's copyright line names as its owner: "© 2023 MediaNews Group", "Copyright © 2020,
Los Angeles Times | Terms of Service", "Reddit Inc © 2020. All rights reserved".

The owner is the run of capitalised words (a domain name counts as one) after the mark, its years
and separators, or before the mark when nothing but "All Rights Reserved" follows it. The run ends
at a separator, a sentence's end, a year, a lower-case word or a footer's own words ("Privacy
Policy", "Powered by"); legal suffixes ("Inc.", "LLC", "Limited") are dropped. A mark on a photo
credit ("© Getty Images", "(Image: © HandyGames)"), before a licence ("© CC BY-NC-ND") or inside
a name ("Digital Millennium Copyright Act") names no owner, nor does the site's software
("© 2019 • GeneratePress").
"""

from __future__ import annotations

import re

# ©, (c), or the word where it opens the line or comes before © or a year: not "… Copyright Act".
_MARK = re.compile(r"©|\(c\)|\b(?:Copyright|Copyleft)\b(?=\s*(?:©|\(c\)|\d))|^\s*Copyright\b", re.I)
_LEAD = re.compile(r"(?:\s|©|\(c\)|®(?:/TM)?|\b(?:Copyright|Copyleft|by)\b|\d{1,4}\b|[-–—,.·•|:])*", re.I)
_RESERVED = re.compile(r"\s*(?:All Rights\b|$)", re.I)
_PHOTO = re.compile(r"\b(?:Getty|Images?|Photo(?:graph)?s?|Pictures?|Shutterstock)\b", re.I)
_WORD = re.compile(r"[A-Z0-9][\w'’&.@/-]*|[a-z0-9-]+(?:\.[a-z]{2,})+\b|&|(?:of|and|for|the|de)\b")
_CONNECTORS = frozenset({"&", "of", "and", "for", "the", "de"})
_FOOTER = frozenset("""all privacy terms powered proudly site designed design theme legal advertise cookies cookie
    reproduction printed entries rss contact about do reserved permissions""".split())
_LICENCES = frozenset({"cc", "creative"})
# Site software and themes a footer credits after the mark ("© 2019 • GeneratePress"): not the site's owner.
_PLATFORMS = frozenset("""generatepress wordpress astra divi elementor genesis studiopress newspack jannah soledad
    blogger squarespace wix weebly ghost drupal joomla jekyll hugo""".split())
_SUFFIXES = frozenset("inc llc ltd limited co corp corporation company gmbh ag a/s plc".split())
_OPENS_NOTHING = _CONNECTORS - {"the"}  # a name may open with "The", not with "of" or "&"
_ENDS_NOTHING = _SUFFIXES | _CONNECTORS  # nor end with them or with its legal form
_ABBREVIATIONS = frozenset({"St", "Co", "Mt", "Ft"})  # a full stop after these does not end a name
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "U.S." does not end a name either
_CAPITALISED = re.compile(r"[A-Z][\w'’&.-]*®?")


def owner(line: str) -> str | None:
    """The owner a copyright line names, or None."""
    mark = _MARK.search(line)
    if not mark or _PHOTO.search(line):
        return None
    rest = line[mark.end():]
    rest = rest[_LEAD.match(rest).end():]
    found = _name(rest)
    if found is None and _RESERVED.match(rest):
        found = _name_before(line[: mark.start()])
    return None if found and found.casefold() in _PLATFORMS else found


def _name(text: str) -> str | None:
    """The capitalised run that opens ``text``, cut where the footer goes on."""
    words: list[str] = []
    end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if text[end: match.start()].strip() or word[0].isdigit() or word.casefold().rstrip(".") in _FOOTER \
                or word.casefold().split("-")[0] in _LICENCES:
            break  # anything but a space between words, a year or the footer's words: the name has ended
        if not words and word in _OPENS_NOTHING:
            return None
        words.append(word)
        end = match.end()
        if word.casefold().rstrip(".,") in _SUFFIXES:
            break  # "Future Publishing Limited Quay House": the company's name ends at its legal form
        if word.endswith(".") and word[:-1] not in _ABBREVIATIONS and not _INITIALS.fullmatch(word):
            break  # a full stop: the sentence, and the name, end here
    return _tidy(words)


def _name_before(text: str) -> str | None:
    """The capitalised run that ends ``text`` ("Reddit Inc ©", "Jamaica Observer, 2022 ©")."""
    words = text.replace(",", " ").split()
    while words and re.fullmatch(r"[\d.–—-]+", words[-1]):
        words.pop()  # the years before the mark
    run: list[str] = []
    while words and _CAPITALISED.fullmatch(words[-1]):
        run.insert(0, words.pop())
    return _tidy(run)


def _tidy(words: list[str]) -> str | None:
    words = [w if w.rstrip(".") in _ABBREVIATIONS or _INITIALS.fullmatch(w) else w.rstrip("®.,") for w in words]
    while words and words[-1].casefold().rstrip(".,") in _ENDS_NOTHING:
        words.pop()
    name = " ".join(words)
    return name if len(name) >= 2 else None
