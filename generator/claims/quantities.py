"""Amounts in text, in comparable units: '2 km' = '1.2 miles' = 'about two kilometres'."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_UNITS = [  # (pattern, kind, factor to metres or square metres)
    (r"sq(?:uare)?\.?\s*(?:km|kilomet(?:re|er)s?)", "area", 1e6),
    (r"sq(?:uare)?\.?\s*miles?", "area", 2.59e6),
    (r"km|kilomet(?:re|er)s?", "length", 1e3),
    (r"miles?|mi", "length", 1609.34),
    (r"m|met(?:re|er)s?", "length", 1.0),
]
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_WORDS) + r")"
_MEASURE = re.compile(
    rf"\b{_NUMBER}\s*-?\s*(?P<unit>" + "|".join(f"(?:{p})" for p, _, _ in _UNITS) + r")\b", re.I
)
_WRITTEN = re.compile(rf"\b{_NUMBER}\b", re.I)
_COUNT = re.compile(rf"\b{_NUMBER}\s+(?P<noun>[a-z]{{3,}})(?P<more>(?:\s+[a-z]{{3,}}){{0,2}})", re.I)
# Words after a number that are not what it counts: "paid 300,000 for a dinner", "12 of them".
_FUNCTION = frozenset("""
about above across after against along among and are around because been before behind below beside between
but by can could did does down during for from had has have her his into its may might more most near nor not
off onto our out over per since than that the their them then these they this those through till under until
upon was were what when where which while who whom whose why will with within without would yet
""".split())
TOLERANCE = 0.35  # 'about a mile' still matches '2 km'; '95 km' does not
MEASURES = frozenset({"length", "area"})


@dataclass(frozen=True)
class Quantity:
    kind: str  # "length", "area" or a counted noun ("tank", "troop"): the first word after the number
    value: float
    # A count's words up to the noun phrase's end ("three missing Afghan soldiers": missing, afghan,
    # soldier): two counts of the same value are of the same things when they share one.
    nouns: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def count(self) -> bool:
        return self.kind not in MEASURES

    def close_to(self, other: Quantity, tolerance: float = TOLERANCE) -> bool:
        same = self.kind == other.kind or bool(self.nouns & other.nouns)
        return same and near(self.value, other.value, tolerance)


def near(value: float, other: float, tolerance: float = TOLERANCE) -> bool:
    return abs(value - other) <= tolerance * max(value, other)


def _number(text: str) -> float:
    text = text.lower()
    return float(_WORDS[text]) if text in _WORDS else float(text.replace(",", ""))


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun.endswith("ren"):  # children
        return noun[:-3]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def find_with_text(text: str) -> list[tuple[Quantity, str]]:
    """Measured lengths and areas, and counts of things ('1,000 troops', 'six children'),
    each with the words that state it."""
    found, spans = [], []
    for match in _MEASURE.finditer(text):
        unit = match.group("unit")
        for pattern, kind, factor in _UNITS:
            if re.fullmatch(pattern, unit, re.I):
                found.append((Quantity(kind, _number(match.group("number")) * factor), match.group(0)))
                spans.append(match.span())
                break
    for match in _COUNT.finditer(text):
        noun = match.group("noun")
        if (any(start <= match.start() < end for start, end in spans) or match.group("number").lower() in ("a", "an")
                or noun.lower() in _FUNCTION):
            continue
        words = [noun]
        for word in match.group("more").split():
            if word.lower() in _FUNCTION:
                break
            words.append(word)
        nouns = frozenset(_singular(w) for w in words)
        found.append((Quantity(_singular(noun), _number(match.group("number")), nouns), text[match.start(): match.end("noun")]))
    return found


def numbers(text: str) -> frozenset[float]:
    """Every number the text writes, whatever it counts ("Student, 9, ...", "kills 25 in ...")."""
    return frozenset(_number(n) for n in _WRITTEN.findall(text) if n.lower() not in ("a", "an"))


def find(text: str) -> list[Quantity]:
    return [quantity for quantity, _ in find_with_text(text)]


def compatible(claimed: list[Quantity], stated: list[Quantity]) -> bool:
    """False when the text states an amount of a kind the claim has, but far from it."""
    kinds = {q.kind for q in claimed}
    for quantity in stated:
        if quantity.kind in kinds and not any(quantity.close_to(c) for c in claimed):
            return False
        if not quantity.count and kinds & MEASURES and quantity.kind not in kinds:
            return False  # an area where the claim measures a distance, or the reverse
    return True
