"""Who says it: the claimant of a sentence, with titles dropped and spelling variants merged.

A registry (seeds/claimants.yml) maps what the text cannot tell (an office, a capital standing for
its government, "Wagner chief") to one name; rapidfuzz merges the rest (Maliar / Malyar,
Zelensky / Zelenskyy) and resolves a surname alone to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from generator.errors import Problem

SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|added|claim(?:s|ed|ing)?|assert(?:s|ed)?|insist(?:s|ed|ing)?|"
    r"acknowledg(?:e|es|ed)|den(?:y|ies|ied)|confirm(?:s|ed)?|tweet(?:s|ed)?|posted|wrote|writes|"
    r"report(?:s|ed)?|announc(?:e|es|ed)|stat(?:es|ed)|stress(?:es|ed)|vow(?:s|ed)|accus(?:es|ed)|"
    r"reject(?:s|ed)?|pushing back|according to)\b",
    re.I,
)
TITLES = {
    "president", "deputy", "defence", "defense", "minister", "secretary", "colonel", "general", "commander",
    "spokesman", "spokeswoman", "spokesperson", "mr", "ms", "mrs", "dr", "chancellor", "foreign", "prime",
    "governor", "head", "chief", "official", "officials", "ukrainian", "russian", "british", "american",
    "us", "eastern", "western", "group", "of", "forces", "the", "military", "blogger", "lieutenant",
    "mp", "mps", "wagner", "financier", "administrator", "top", "senior",
}
NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "earlier", "later", "meanwhile", "overnight", "on", "in", "but", "and", "last", "so", "even", "it",
    "this", "that", "there", "their", "his", "her", "they", "telegram", "twitter",
}
PRONOUN = "<pronoun>"
_PRONOUNS = {"he", "she", "they", "it", "who"}
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|the))*")
MERGE = 85  # rapidfuzz ratio above which two spellings name one person


@dataclass(frozen=True)
class Registry:
    aliases: tuple[tuple[re.Pattern, str], ...]  # (alias pattern, canonical name)
    names: tuple[str, ...]  # canonical names
    spellings: tuple[tuple[str, str], ...] = ()  # (folded alias of 12+ characters, canonical name)
    known: tuple[str, ...] = ()  # every name and alias, folded
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical name, every way of writing it)

    def find(self, text: str) -> tuple[str, int] | None:
        """The registered claimant named last in ``text`` (nearest to its verb), with where it ends."""
        best = None
        for pattern, name in self.aliases:
            for match in pattern.finditer(text):
                if best is None or match.end() > best[1]:
                    best = (name, match.end())
        misspelt = self._misspelt(text)
        if misspelt and (best is None or misspelt[1] > best[1]):
            return misspelt
        return best

    def _misspelt(self, text: str) -> tuple[str, int] | None:
        """A long alias misspelt in the text ('defence minstry'), compared word window by window."""
        spans = [(m.group(0), m.end()) for m in re.finditer(r"\S+", _fold(text))]
        best = None
        for alias, name in self.spellings:
            size, opening = len(alias.split()), alias[:3]
            for i in range(len(spans) - size + 1):
                if not spans[i][0].startswith(opening):  # misspellings keep the first letters
                    continue
                window = " ".join(word for word, _ in spans[i:i + size])
                end = spans[i + size - 1][1]
                if (best is None or end > best[1]) and fuzz.ratio(alias, window) >= 90:
                    best = (name, end)
        return best


def _fold(text: str) -> str:
    return text.casefold().replace("’", "'")


def load_registry(path: Path) -> tuple[Registry, list[Problem]]:
    if not path.exists():
        return Registry((), ()), []
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return Registry((), ()), [Problem(name, mark.line + 1 if mark else None, f"not valid YAML ({getattr(err, 'problem', err)})")]
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(a, str) for a in v) for k, v in data.items()
    ):
        return Registry((), ()), [Problem(name, None, "write one 'Canonical Name: [alias, alias]' line per claimant")]
    aliases, spellings, known = [], [], set()
    for canonical, others in data.items():
        for alias in sorted({canonical, *others}, key=len, reverse=True):
            known.add(_fold(alias))
            escaped = re.escape(alias.replace("’", "'")).replace("'", "['’]")
            aliases.append((re.compile(rf"\b{escaped}\b", re.I), canonical))
            if len(alias) >= 12:
                spellings.append((_fold(alias), canonical))
    groups = tuple((canonical, tuple(sorted({canonical, *others}))) for canonical, others in data.items())
    return Registry(tuple(aliases), tuple(data), tuple(spellings), tuple(sorted(known)), groups), []


def _entity(segment: str, registry: Registry) -> str | None:
    """A claimant named in a stretch of text: registered, or a capitalised name without titles;
    whichever comes last. PRONOUN when the stretch ends with one."""
    words = segment.lower().split()
    if words and words[-1] in _PRONOUNS:
        return PRONOUN
    candidates = []
    registered = registry.find(segment)
    if registered:
        candidates.append((registered[1], 1, registered[0]))
    for run in reversed(list(_NAME_RUN.finditer(segment))):
        name = _strip_titles(run.group(0))
        # a lone capitalised word is a surname only where little else is said ("Prigozhin said")
        if name and (" " in name or len(words) <= 3):
            candidates.append((run.end(), 0, name))
            break
    return max(candidates)[2] if candidates else None


def _strip_titles(run: str) -> str | None:
    words = [w.rstrip(".,") for w in run.split()]
    while words and (words[0].lower() in TITLES or re.search(r"['’]s$", words[0])):
        words.pop(0)  # "Ukraine's Deputy Defence Minister Hanna Maliar" -> "Hanna Maliar"
    if not words or words[-1].lower() in TITLES or words[0].lower() in NOT_NAMES:
        return None
    return " ".join(words)


def _before(text: str, registry: Registry) -> str | None:
    """The speaker in the text before a speech verb: the nearest clause back that names one."""
    segments = [s for s in re.split(r"[,;:“”\"()]", text) if s.strip()]
    for segment in reversed(segments[-3:]):
        if re.match(r"\s*(?:who|which|whose)\b", segment, re.I):
            continue  # a relative clause describes the speaker named before it
        found = _entity(segment, registry)
        if found:
            return found
    return None


def attribute(sentence: str, position: int, registry: Registry, scope: int = 0) -> str | None:
    """Who asserts what is at ``position`` in ``sentence``: the speaker of the nearest speech verb
    (before it, from ``scope`` on; else a "…, said Name" after it).

    Returns a name, PRONOUN (resolve to the previous speaker) or None (the outlet's own report).
    """
    verbs = list(SPEECH.finditer(sentence))
    for verb in sorted((v for v in verbs if scope <= v.start() < position), key=lambda v: -v.start()):
        if verb.group(0).lower() == "according to":
            after = sentence[verb.end():]
            for segment in re.split(r",", after)[:2]:
                found = _entity(segment, registry)
                if found and found != PRONOUN:
                    return found
            continue
        found = _before(sentence[scope: verb.start()], registry)
        if found:
            return found
    for verb in (v for v in verbs if v.start() >= position):
        after = re.match(r"\s*((?:[A-Z][\w'’.-]*\s*){1,6})", sentence[verb.end():])  # "…, said Name"
        before = sentence[position: verb.start()].rsplit(",", 1)  # "…, Name wrote"
        for stretch in ([after.group(1)] if after else []) + ([before[1]] if len(before) == 2 else []):
            found = _entity(stretch, registry)
            if found and found != PRONOUN:
                return found
    return None


def canonical_names(raw: list[str], registry: Registry) -> dict[str, str | None]:
    """Raw claimant names -> one spelling per person; a lone surname resolves to the full name."""
    full: list[str] = list(registry.names)
    mapping: dict[str, str | None] = {}
    for name in sorted(set(raw), key=lambda n: (-len(n.split()), n)):
        if name in registry.names:
            mapping[name] = name
            continue
        match = process.extractOne(name, full, scorer=fuzz.ratio, score_cutoff=MERGE)
        if match:
            mapping[name] = match[0]
        elif len(name.split()) >= 2:
            mapping[name] = name
            full.append(name)
        else:
            surnames = {n.split()[-1]: n for n in full if len(n.split()) >= 2}
            hit = process.extractOne(name, list(surnames), scorer=fuzz.ratio, score_cutoff=MERGE)
            mapping[name] = surnames[hit[0]] if hit else None
    return mapping
