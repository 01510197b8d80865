"""Words as the claim matcher sees them: tokens, stems, stop words and kinds of event.

A claim and a sentence state the same fact when they name the same actors, places and things and
the same kind of event. Stems (lunr's Porter stemmer) absorb inflection; the event classes below
absorb paraphrase ("advanced", "gained ground", "retook"). They are general news vocabulary, not
words of particular articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lunr.stemmer import PorterStemmer

_STEMMER = PorterStemmer()
TOKEN = re.compile(r"[^\W\d_](?:[^\W_]|['’](?=\w))*", re.U)

STOP = frozenset("""
a about above across after again against all almost along also although am among an and another any are
around as at be been before being below between both but by can could did do does doing down during each
either else even ever every few for from further had has have having he her here hers herself him himself his
how however i if in into is it its itself just last least less like made make many may me might more most much
must my myself near nearly no nor not now of off on once one only onto or other our ours out over own per
perhaps quite rather same several she should since so some such than that the their theirs them themselves then
there these they this those though through throughout thus till to too toward towards under until up upon us
very via was we were what when where whether which while who whom whose why will with within without would yet
you your yours week weeks day days month months year years today yesterday tomorrow monday tuesday wednesday
thursday friday saturday sunday said says say saying told tells tell according reported reports report claimed
claims claim statement new also still already mr mrs ms dr km kilometre kilometres kilometer kilometers mile miles
metre metres meter meters sq square up approximately roughly some made make makes making acknowledged acknowledges
acknowledge admitted admits admit confirmed confirms confirm announced announces announce insisted insists stated
states added adds reportedly allegedly apparently likely
""".split())

# Kinds of event: words and phrases that state the same kind of happening.
EVENTS: dict[str, tuple[str, ...]] = {
    "advance": ("advance", "advancing", "gain ground", "gained ground", "gains", "gained", "progress", "push forward",
                "pushed forward", "move forward", "moved forward", "retake", "retook", "retaken", "recapture",
                "recaptured", "liberate", "liberated", "liberation", "regain", "regained", "take back", "took back",
                "taken back", "taking back", "drive back", "driven back", "drove back", "seize", "seized",
                "capture", "captured", "take control", "took control", "taken control", "taking control",
                "regain control", "regained control"),
    "retreat": ("retreat", "retreated", "fall back", "fell back", "fallen back", "falling back", "withdraw", "withdrew",
                "withdrawn", "withdrawal", "pull back", "pulled back", "pull out", "pulled out", "regroup", "regrouping",
                "flee", "fled", "fleeing", "rout", "routed", "abandon", "abandoned", "lose ground", "lost ground",
                "driven back", "drove back", "new frontier"),
    "breakthrough": ("break through", "broke through", "broken through", "breaking through", "breakthrough",
                     "breakthroughs", "breach", "breached", "punch through", "punched through"),
    "attack": ("attack", "attacked", "attacking", "assault", "offensive", "counteroffensive", "counter-offensive",
               "counterattack", "counter-attack", "raid", "raided", "invade", "invaded", "invasion"),
    "strike": ("hit", "hits", "strike", "strikes", "struck", "shell", "shelled", "shelling", "bomb", "bombed", "bombing",
               "bombard", "bombarded", "target", "targeted", "explosion", "explosions", "blast", "destroy", "destroyed"),
    "injure": ("injure", "injured", "injuring", "injuries", "wound", "wounded", "wounding", "hurt", "casualties"),
    "kill": ("kill", "killed", "killing", "dead", "die", "died", "death", "deaths", "fatalities", "fatal", "slain",
             "behead", "beheaded", "execute", "executed"),
    "supply": ("supply", "supplies", "supplying", "supplied", "send", "sends", "sending", "sent", "provide", "provided",
               "providing", "deliver", "delivered", "delivering", "deliveries", "donate", "donated", "donating", "ship", "shipped", "transfer", "transferred", "pledge", "pledged"),
    "arrest": ("arrest", "arrested", "detain", "detained", "detention", "jail", "jailed", "imprison", "imprisoned",
               "custody", "apprehended"),
    "resign": ("resign", "resigned", "resignation", "step down", "stepped down", "steps down", "quit", "quits"),
    "win": ("win", "wins", "won", "winning", "victory", "beat", "beats", "defeat", "defeated"),
    "rise": ("rise", "rose", "risen", "increase", "increased", "grow", "grew", "climb", "climbed", "surge", "surged",
             "jump", "jumped", "soar", "soared"),
    "fall": ("drop", "dropped", "decline", "declined", "decrease", "decreased", "plunge", "plunged", "slump",
             "slumped", "tumble", "tumbled"),
    "ban": ("ban", "banned", "bans", "prohibit", "prohibited", "outlaw", "outlawed"),
    "buy": ("buy", "buys", "bought", "acquire", "acquired", "acquisition", "purchase", "purchased", "takeover"),
    "charge": ("charge", "charged", "indict", "indicted", "sue", "sued", "lawsuit", "prosecute", "prosecuted"),
    "release": ("release", "released", "launch", "launched", "unveil", "unveiled"),
    "find": ("discover", "discovered", "uncover", "uncovered"),
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return _STEMMER.stem(word)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of ``text``."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w, _, _ in tokens(phrase))


def _by_first_stem() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """first stem -> ((stem sequence, event class), ...), longest phrases first."""
    table: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for name, phrases in EVENTS.items():
        for phrase in phrases:
            stems = _phrase_stems(phrase)
            table.setdefault(stems[0], set()).add((stems, name))
    return {first: tuple(sorted(found, key=lambda p: (-len(p[0]), p))) for first, found in table.items()}


_FIRST = _by_first_stem()
# event class -> the stems its phrases start with: where an inverted index finds them
EVENT_FIRST: dict[str, frozenset[str]] = {
    name: frozenset(first for first, found in _FIRST.items() if any(n == name for _, n in found)) for name in EVENTS
}


# An event word used as an adjective, before these nouns (as stems), states no event: "advanced
# weapons", "advanced talks".
ADJECTIVE_BEFORE = {
    "advanc": frozenset(stem(w) for w in """weapon weapons arms missile missiles system systems technology
        technologies equipment air talks discussions negotiations stage stages level degree research model
        version features notice copy copies age""".split()),
}


def events_in(stems: list[str]) -> list[tuple[str, int, int]]:
    """(event class, first stem index, end index) for every event phrase in a stemmed text."""
    found = []
    for i, first in enumerate(stems):
        if i + 1 < len(stems) and stems[i + 1] in ADJECTIVE_BEFORE.get(first, ()):
            continue
        for phrase, name in _FIRST.get(first, ()):
            if tuple(stems[i:i + len(phrase)]) == phrase:
                found.append((name, i, i + len(phrase)))
    return found
