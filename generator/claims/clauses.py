"""How a sentence carries a claim: the clause that holds it, and what that clause does with it
(denies, hedges, asks, negates), and whether it names where it comes from."""

from __future__ import annotations

import re

from generator.claims import stance

# A clause that holds the claim is read with the stance model's cues, except the inference verbs
# ("suggests"): in one clause they state a named source's reading of it rather than hedge it.
_INFERENCE = frozenset({"suggest", "suggests"})
UNNAMED = re.compile(r"\b(?:reports?|reported|sources?|according to)\b", re.I)  # "reports emerged that …"
_ASKED = re.compile(r"\?\W*$|^\W*(?:reports?|rumou?rs?)\s*:", re.I)  # a question; a "Report:" headline
# Tentative wording the model's cues miss in title case ("Apple May Be Reintroducing …") or as a phrase.
_TENTATIVE = re.compile(r"\bmay (?:be|have|soon|not|well)\b|\bin talks\b|\bthought to be\b|\bbelieved to\b|\bconsider(?:s|ing)\b|"
                        r"\bprobably\b|\bpossible\b|\bsuspect(?:s|ed)?\b|\bin (?:serious |advanced )?discussions\b|"
                        r"\b(?:expected|predicted|trying) to\b|\bfeared\b|\bprobable\b|\bquestions? (?:raised|over)\b|"
                        r"\bnears? (?:a )?deal\b|"
                        r"(?<!\bin )(?<!\bof )(?<!\bby )(?<!\blast )(?<!\bnext )(?<!\bearly )(?<!\blate )(?<!\bsince )"
                        r"(?<!\buntil )(?<!\bfrom )(?<!\bmid-)(?<!\d )\bMay (?!\d)[A-Za-z]", re.I)  # "Apple May Buy Path", not "in May", "20 May"
# Attribution at a sentence's end: "…, report says", "…: reports", "…, government says", "… – Iraq officials", "… -CNBC",
# "…: CNN", "… Report".
TRAILING = re.compile(r"[,:]\s*(?:(?:a|the|media|news|unconfirmed)\s+)?(?:reports?|sources?|officials?|media|witnesses|police)"
                      r"\s+(?:say|says|said|claim|claims)\W*$|[,:]\s*(?:per |according to |citing )?(?:media |news )?reports?\W*$|"
                      r",\s*(?:the |a )?(?:[\w.’'-]+\s+){0,2}(?:says?|said|claims?)\W*$|,\s*says\s+(?:a |the )?(?:new )?(?:report|study)\W*$|"
                      r"\s[–—-]\s*(?-i:[A-Z])[\w.’']*(?:\s[\w.’']+){0,2}\W*$|\s?:\s*(?-i:[A-Z]{2,5})\W*$|\s(?-i:Reports?)\W*$", re.I)
NEGATED = re.compile(r"\b(?:not|never|no longer)\b(?! (?:only|just|least)\b)|n[’']t\b|^\W*no\b\W", re.I)
CLAUSE_BREAK = re.compile(r",? but |; |,? though |,? while |, which | following | after ", re.I)
SUBORDINATE = re.compile(r" (?:following|after) ", re.I)  # "… pushing back against X following reported gains"
CLAUSE_START = re.compile(r"[,;:“”\"]|\b(?:that|said|says|told|claimed|according to|reported)\b", re.I)


def clause(text: str, anchor: int) -> str:
    """The clause of a sentence that holds the character offset ``anchor``."""
    return text[slice(*_span(text, anchor))]


def _span(text: str, anchor: int) -> tuple[int, int]:
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, anchor)), default=0)
    after = CLAUSE_BREAK.search(text, anchor)
    return start, after.start() if after else len(text)


def denied_before(text: str, anchor: int, speaker: int) -> bool:
    """Whether the clause holding the claim denies it only before ``speaker`` (where the name of
    whoever carries it starts): the report disputes what that speaker asserts ("One of the peddlers
    of these pranks is World News Daily Report, which posted …"), rather than quoting a denial
    ("Russia denied reports that …")."""
    start, end = _span(text, anchor)
    cues = [m.start() for m in stance.DENIES.finditer(text, start, end)]
    return bool(cues) and all(at < speaker for at in cues)


def clause_stance(text: str, anchor: int, denial: bool = False, negations: int | None = None) -> str:
    """disputes if the clause holding the claim denies it, mentions if it hedges or asks, disputes
    if, given the claim's own count of ``negations``, it negates it ("No, a bird didn't …", "… is
    not dead": read in headlines, where a negation is the denial), else supports. A claim that is
    itself a ``denial`` ("Russia denied that …") is supported by a clause that denies, and only
    mentioned by one that asserts the thing denied."""
    held = clause(text, anchor)
    if stance.DENIES.search(held):
        return "supports" if denial else "disputes"
    if denial or hedged(held):
        return "mentions"
    return "disputes" if negates(held, negations) else "supports"


def negates(text: str, negations: int | None) -> bool:
    """Whether the text has more than ``negations`` negations (None: negations are not read)."""
    return negations is not None and len(NEGATED.findall(text)) > negations


def hedged(text: str) -> bool:
    """Whether the text hedges or asks what it carries."""
    return (any(m.group().lower() not in _INFERENCE for m in stance.HEDGE.finditer(text))
            or bool(_TENTATIVE.search(text) or _ASKED.search(text)))
