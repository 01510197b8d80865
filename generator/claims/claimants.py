"""Who says it: the claimant of a sentence, with titles dropped and spelling variants merged.

The speaker of the nearest speech verb is read from the words before it ("Hanna Maliar said"),
after it ("…, said Hanna Maliar", "…,” he said") or after the quotation holding the claim; a
speaker the report does not name ("a ministry spokesman", "he was told") is UNNAMED, not a name.
The rules, each from a misreading of real sentences, are listed in docs/claims.md and scored by
bench/bench_claimants.py. A registry (seeds/claimants.yml) maps what the text cannot tell (an
office, a capital standing for its government, "Wagner chief") to one name; rapidfuzz merges the
rest (Maliar / Malyar, Zelensky / Zelenskyy) and resolves a surname alone to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from generator.errors import Problem
from generator.reading import dates, yamltext

SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|added|claim(?:s|ed|ing)?|assert(?:s|ed)?|insist(?:s|ed|ing)?|"
    r"acknowledg(?:e|es|ed)|den(?:y|ies|ied)|confirm(?:s|ed)?|tweet(?:s|ed)?|posted|wrote|writes|"
    r"report(?:s|ed)?|(?:is|are|was|were|been) reporting|announc(?:e|es|ed)|(?-i:stat(?:es|ed))|stress(?:es|ed)|vow(?:s|ed)|accus(?:es|ed)|"
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
# Words that open or close a run of capitals without being part of a name ("As Reuters reported",
# "On Monday Putin said", "told NBC News Thursday"); months only open one (Theresa May).
FRAME = set(dates.WEEKDAYS) | {
    "a", "an", "as", "while", "though", "although", "if", "when", "after", "before", "since", "because", "with",
    "according", "via", "also", "then", "yet", "now", "however", "still", "for", "of", "the", "earlier", "later",
    "meanwhile", "meantime", "overnight", "on", "in", "but", "and", "last", "so", "even", "yesterday", "today", "tonight",
}
NOT_NAMES = {"it", "this", "that", "there", "their", "his", "her", "they", "telegram", "twitter", "he", "she", "i",
             "we", "you", "i'm", "i’m", "it's", "it’s", "first"}
# Who speaks when a sentence names no one: a role ("a U.S. security official", "Prosecutors say") ...
ROLES = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources", "expert", "experts",
    "journalist", "journalists", "analyst", "analysts", "diplomat", "diplomats", "officer", "officers", "lawmaker",
    "lawmakers", "member", "members", "reporter", "reporters", "correspondent", "blogger", "bloggers", "resident",
    "residents", "witness", "witnesses", "commander", "commanders", "aide", "aides", "adviser", "advisers", "advisor",
    "researcher", "researchers", "scientist", "scientists", "doctor", "doctors", "activist", "activists", "staff",
    "employee", "employees", "prosecutor", "prosecutors", "investigators", "lawyer", "lawyers", "firm", "company",
    "website", "site", "account", "newspaper", "outlet", "outlets", "channel", "agency", "insider", "insiders",
    "friend", "relatives", "neighbours", "neighbors", "people", "users", "fans", "supporters", "critics",
    "director", "professor", "editor", "priest", "anchor", "host", "producer", "author",
    "report", "reports", "study", "statement", "player",
}
# ... or an institution, named by whom it belongs to ("Lebanon's military said", "Iraqi forces reported")
INSTITUTIONS = {"forces", "military", "army", "government", "ministry", "police", "authorities", "navy", "embassy",
                "administration", "media", "intelligence", "parliament"}
# Words between a speaker and its verb that are neither ("Karam also said", "Witnesses have accused")
BETWEEN = {"has", "have", "had", "is", "was", "were", "are", "been", "be", "also", "later", "earlier", "previously", "then",
           "now", "again", "himself", "herself", "itself", "themselves", "reportedly", "publicly", "repeatedly",
           "recently", "already", "first", "still", "will", "would", "could", "can", "may", "might", "did", "does",
           "do", "not", "never", "once", "initially", "separately", "further", "quickly"}
PRONOUN = "<pronoun>"
NOBODY = "<nobody>"  # no one asserts it (a passive "if confirmed"): the search for a speaker stops
UNNAMED = "<unnamed>"  # someone the report does not name ("a ministry spokesman said"): quoted, by no one named
_PRONOUNS = {"he", "she", "they", "it", "who", "we", "i"}
_PARTICLE = r"(?:de|del|la|las|los|van|von|der|den|da|di|du|bin|ibn|al)"  # inside names: Diario de las Américas, Greta van Susteren
_NAME_RUN = re.compile(rf"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|(?:of|for|the)\b|{_PARTICLE}(?:\s+{_PARTICLE})*(?=\s+[A-Z])))*")
_PASSIVE = {"was", "were", "is", "are", "been", "be"}  # before a speech verb: the subject did not speak
_SAYINGS = {"said", "told", "reported", "claimed", "stated", "posted", "tweeted", "quoted"}  # a passive one quotes someone
_ALONE = re.compile(r"[\s'’]*(?:he|she|they|it)\s*", re.I)  # a pronoun right before its verb
_NAMED_AFTER = re.compile(rf"\s*((?:the\s+)?{_NAME_RUN.pattern})")  # "said the Kremlin", "according to the Syrian Observatory for Human Rights"
_QUALIFIER = re.compile(r"([A-Z][\w.-]*?)(?:['’]s?)?\s+$")  # a capitalised word right before an alias
_COMPOUND = re.compile(r"-[a-z]")  # "Britain-based": the alias is part of another word
_LONGER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]")  # … and a longer name after one
_SET_APART = re.compile(r"[,;:“”\"'‘’]\s*$")  # what is reported ends before the verb and its speaker
_PLACE_GAP = re.compile(r"\s+(?:in|at|from)\s+")  # between a speaker's name and a place
_OBJECT = re.compile(r"\b(?:by|of|in|at|from|to|with|for|on|about|against|into|over|under|near)(?:\s+the)?\s+$", re.I)  # before a name that is not the subject
_LABELLED = re.compile(r"\s*([^:.!?“”\"]{2,60}?)\s*:\s+(?=\S)")  # "Pentagon: Somali terror group leader killed"
# What opens a headline before a colon without saying who speaks ("Video: …", "Update: …").
LABELS = {"video", "watch", "update", "updated", "breaking", "breaking news", "exclusive", "analysis", "opinion", "photos",
          "photo", "live", "editorial", "explainer", "factbox", "interview", "poll", "quiz", "review", "comment",
          "correction", "see also", "read more", "editor's note", "note", "example", "origins", "claim", "rating"}
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|^['‘].*?[,.?!]['’](?=\s)")  # single quotes only from the sentence's start: else apostrophes
_FRAMING = FRAME | dates.MONTH_NAMES  # words after a name that leave it the subject ("Russia on Friday")
_LEADING = TITLES | _FRAMING  # words stripped from a name's start ("As Reuters", "May Putin")
_HOLDERS = (ROLES | TITLES) - {"the", "of"}  # a role before a capitalised word that names its holder
MERGE = 85  # rapidfuzz ratio above which two spellings name one person
HEADLINE_CASE = 0.6  # share of a sentence's words, past its first, capitalised: a headline in Title Case
SOURCE_WORDS = 8  # words after "according to" that name whom: not "… German sources who claim … Apple Watch"
LABEL_WORDS = 5  # words at most before a headline's colon that name its speaker
DESCRIPTION = 16  # words at most in a clause describing a speaker named before it


@dataclass(frozen=True)
class Registry:
    aliases: tuple[tuple[re.Pattern, str], ...]  # (alias pattern, canonical name)
    names: tuple[str, ...]  # canonical names
    spellings: tuple[tuple[str, str], ...] = ()  # (folded alias of 12+ characters, canonical name)
    known: tuple[str, ...] = ()  # every name and alias, folded
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical name, every way of writing it)

    def find(self, text: str) -> tuple[str, int] | None:
        """The registered claimant named last in ``text`` (nearest to its verb), with where it ends;
        not where its alias is part of another's longer name (``_other``)."""
        best = None
        for pattern, name in self.aliases:
            for match in pattern.finditer(text):
                if (best is None or match.end() > best[1]) and not self._other(text, match.start(), match.end(), name):
                    best = (name, match.end())
        misspelt = self._misspelt(text)
        if misspelt and (best is None or misspelt[1] > best[1]):
            return misspelt
        return best

    def _other(self, text: str, start: int, end: int, name: str) -> bool:
        """Whether an alias found in ``text`` is part of someone else's name: a capitalised word
        before it that none of the claimant's own spellings holds ("the Iraqi Defense Ministry"
        for "Defense Ministry"), or an "of …" after it ("the Ministry of Health" for "the Ministry")."""
        before = _QUALIFIER.search(text, 0, start)
        if before and not self._kin(_fold(before.group(1)), name):
            return True
        return bool(_LONGER.match(text, end) or _COMPOUND.match(text, end))

    def _kin(self, word: str, name: str) -> bool:
        """Whether a word before an alias of ``name`` may belong to it: a frame word ("The"), one of
        its own words ("Russia's"), or a one-word spelling of a claimant that shares one of its
        words ("Moscow's Defence Ministry": Moscow is Russia, and "Russia's Defence Ministry" an alias)."""
        own = self._words[name]
        return (word in FRAME or word in own
                or any(word in spellings and own & self._words[other] - FRAME for other, spellings in self._single.items()))

    @cached_property
    def _words(self) -> dict[str, set[str]]:
        """Each claimant's words in all its spellings, folded, possessives dropped."""
        return {canonical: {re.sub(r"['’]s?$", "", w) for spelling in spellings for w in _fold(spelling).split()}
                for canonical, spellings in self.groups}

    @cached_property
    def _single(self) -> dict[str, set[str]]:
        """Each claimant's one-word spellings, folded."""
        return {canonical: {_fold(s) for s in spellings if " " not in s} for canonical, spellings in self.groups}

    def _misspelt(self, text: str) -> tuple[str, int] | None:
        """A long alias misspelt in the text ('defence minstry'), compared word window by window."""
        folded = _fold(text)
        spans = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", folded)]
        aligned = len(folded) == len(text)  # so that _other can read the text's capitals at the same places
        best = None
        for alias, name in self.spellings:
            size, opening = len(alias.split()), alias[:3]
            for i in range(len(spans) - size + 1):
                if not spans[i][0].startswith(opening):  # misspellings keep the first letters
                    continue
                window = " ".join(word for word, _, _ in spans[i:i + size])
                end = spans[i + size - 1][2]
                if ((best is None or end > best[1]) and fuzz.ratio(alias, window) >= 90
                        and not (aligned and self._other(text, spans[i][1], end, name))):
                    best = (name, end)
        return best


def _fold(text: str) -> str:
    return text.casefold().replace("’", "'")


def load_registry(path: Path) -> tuple[Registry, list[Problem]]:
    if not path.exists():
        return Registry((), ()), []
    name = path.name
    try:
        data = yamltext.load(path.read_text(encoding="utf-8-sig")) or {}
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


def _entity(segment: str, registry: Registry, verb: str | None = None) -> str | None:
    """A claimant named in a stretch of text that ends where its speech verb starts: registered,
    or a capitalised name without titles; whichever comes last. PRONOUN when the stretch ends with
    one; UNNAMED when it ends with a role and no name ("a U.S. security official"). With ``verb``,
    the speech verb right after it: UNNAMED when that is passive there ("he was told", "it was
    reported"), NOBODY when what is passive is not a saying ("if their identities are confirmed")."""
    words = [w.strip("“”\"'’(),.") for w in segment.lower().split()]
    between = []
    while words and words[-1] in BETWEEN:
        between.append(words.pop())  # "He also said", "Witnesses have accused"
    if verb and _PASSIVE & set(between) and not verb.split()[0].endswith("ing"):  # "was pushing back" is not passive
        return UNNAMED if verb.lower() in _SAYINGS else NOBODY
    if words and words[-1] == "who":  # "sources who claim", "a nurse who told them": whoever the clause is about
        return _entity(segment[:segment.lower().rfind("who")], registry) or UNNAMED
    if words and words[-1] in _PRONOUNS:
        return PRONOUN
    candidates = []
    registered = registry.find(segment)
    if registered:
        candidates.append((registered[1], 1, registered[0]))
    runs = list(_NAME_RUN.finditer(segment))
    end = len(segment.rstrip())
    place = False  # walking back over the places after a speaker ("Dylan Thomas from Bunbury in Western Australia")
    for at in range(len(runs) - 1, -1, -1):
        run = runs[at]
        after = [w for w in (w.strip("()[]“”\"'’,.;:") for w in segment[run.end():].lower().split()) if w and w not in BETWEEN]
        if (run is runs[-1] and 0 < len(after) <= 3 and all(w.isalpha() for w in after) and not SPEECH.search(" ".join(after))
                and (after[-1] in INSTITUTIONS or after[-1] in ROLES)):  # the capitals say whose they are
            owner = " ".join(w for w in run.group(0).split() if w.lower() not in FRAME)
            if after[-1] in INSTITUTIONS and owner:  # "Lebanon's military", "Iraqi forces"
                candidates.append((end, 0, f"{owner} {' '.join(after)}"))
            else:  # "A U.S. security official", "Hospital staff"
                candidates.append((end, 0, UNNAMED))
            break
        name = _strip_titles(run.group(0))
        more = any(w not in _FRAMING for w in after)  # words after the name besides dates and frame words
        if not name:
            if run.group(0).lower() not in NOT_NAMES and more:
                break  # "Saturday night from a nurse": the subject is not before it ("… went on Twitter to" may be)
            continue  # "Ukraine's Deputy Defence Minister": titles before the name
        if name.lower() in ROLES:  # "Prosecutors say"
            candidates.append((run.end(), 0, UNNAMED))
            break
        acts = bool(after) and (after[0].endswith("ed") or bool(SPEECH.fullmatch(after[0])))  # "Apple responded to …"
        lone = " " not in name and (more and not acts or len(words) > 3)
        if not (lone and not _after_role(segment[:run.start()]) or _OBJECT.search(segment, 0, run.start())):
            candidates.append((run.end(), 0, name))  # not a lone word before more words ("Iraqi pilots"), nor "by the Islamic State"
            break
        if after and not place or not (at and _PLACE_GAP.fullmatch(segment, runs[at - 1].end(), run.start())):
            break  # only a lone place right after its speaker ("Sally Nabil in Baghdad says") sends the search back
        place = True
    if not candidates and words and words[-1] in ROLES:
        return UNNAMED  # "the embassy's information director said"
    return max(candidates)[2] if candidates else None


def _after_role(text: str) -> bool:
    """Whether ``text`` ends with a role, so that the capitalised word after it names its holder
    ("the Lebanese newspaper As-Safir")."""
    words = text.lower().split()
    return bool(words) and words[-1] in _HOLDERS


def _strip_titles(run: str) -> str | None:
    words = [w.rstrip(".,") for w in run.split()]
    while words and (words[0].lower() in _LEADING or re.search(r"['’]s?$", words[0])):
        words.pop(0)  # "Ukraine's Deputy Defence Minister Hanna Maliar" -> "Hanna Maliar"; "As Reuters" -> "Reuters"
    while words and words[-1].lower() in FRAME:
        words.pop()  # "NBC News Thursday" -> "NBC News"
    if not words or words[-1].lower() in TITLES or words[0].lower() in NOT_NAMES:
        return None
    return " ".join(words)


def _before(text: str, registry: Registry, depth: int = 3, verb: str = "") -> str | None:
    """The speaker in the text before a speech verb: the nearest of its last ``depth`` clauses that
    names one. A clause that describes a name before it ("Rex Archer, director of Health at the
    Kansas City Health Department, said"; "…, who runs the group, said") gives that name."""
    segments = [s for s in re.split(r"[,;:“”\"()]", text) if s.strip()]
    for at in range(len(segments) - 1, max(-1, len(segments) - 1 - depth), -1):
        segment = segments[at]
        if at and _describes(segment):
            back = at - 1
            while back and _describes(segments[back]) and at - back < 3:
                back -= 1  # "James Martin, editor at large of America, the Catholic magazine, told"
            named = segments[back].strip()
            if (_NAME_RUN.fullmatch(named) and named.split()[0].lower() not in FRAME
                    and (" " in named or registry.find(named))):
                return _entity(named, registry)  # a lone word before a comma may be "Separately" or "In Miami"
        if re.match(r"\s*(?:who|which|whose)\b", segment, re.I):
            continue  # a relative clause describes the speaker named before it
        found = _entity(segment, registry, verb if at == len(segments) - 1 else None)
        if found:
            return found
    return None


def _describes(segment: str) -> bool:
    """Whether a clause reads as a short description of what comes before it: a relative clause,
    or a role ("director of Health at …", "the head of …", "of Vladi Private Islands")."""
    words = segment.split()
    if len(words) > DESCRIPTION or _PRONOUNS & {w.lower() for w in words[1:]} or words[-1].lower() in BETWEEN:
        return False  # too long, naming someone else, or ending in its own verb ("actor Bryan Cranston had been")
    runs = list(_NAME_RUN.finditer(segment))
    if runs and _after_role(segment[:runs[-1].start()]):
        return False  # "director Zack Snyder has": the clause names its own speaker
    return words[0].islower() or words[0].lower() in ("the", "a", "an", "of", "from", "at")


def attribute(sentence: str, position: int, registry: Registry, scope: int = 0) -> str | None:
    """Who asserts what is at ``position`` in ``sentence``: the speaker of the nearest speech verb
    (before it, from ``scope`` on; else a "…, said Name" after it); inside a quotation, whoever
    is said to speak after it closes ("“…,” Rev Martin said").

    Returns a name, PRONOUN (resolve to the previous speaker), UNNAMED (someone the report does
    not name) or None (the outlet's own report).
    """
    labelled = _LABELLED.match(sentence)  # a headline's "Pentagon: …", "Officials: …"
    if labelled and position >= labelled.end() and labelled.group(1).casefold() not in LABELS \
            and len(labelled.group(1).split()) <= LABEL_WORDS and not SPEECH.search(labelled.group(1)):
        found = _entity(labelled.group(1), registry)
        if found == UNNAMED or found and registry.find(labelled.group(1)):  # not "Hint:", "LONDON:", "Batman: Paths of Glory"
            return found
    verbs = _verbs(sentence)
    quote = next((q for q in _QUOTED.finditer(sentence) if q.start() < position < q.end()), None)
    if quote:
        found = _after(sentence, quote.end(), registry, verbs, closed=True)
        if found:
            return found
    pronoun = False  # "The SOHR said it could not confirm …": "it" is the speaker named before it
    for verb in sorted((v for v in verbs if scope <= v.start() < position), key=lambda v: -v.start()):
        if verb.group(0).lower() == "according to":
            after = sentence[verb.end():]
            for segment in re.split(r",", after)[:2]:
                found = _entity(segment, registry)
                if found and found != PRONOUN:
                    return found
            continue
        found = _before(sentence[scope: verb.start()], registry, verb=verb.group(0))
        if found == PRONOUN:
            pronoun = True
        elif found:
            return None if found == NOBODY or pronoun and found == UNNAMED else found
    return PRONOUN if pronoun else _after(sentence, position, registry, verbs)


def _verbs(sentence: str) -> list[re.Match]:
    """The speech verbs of a sentence; a capitalised one inside it is a name ("Brigadier General
    Said Al-Saudi"), unless the sentence is a headline in Title Case ("Russia Says …")."""
    words = [w for w in sentence.split()[1:] if w[0].isalpha()]
    headline = bool(words) and sum(w[0].isupper() for w in words) >= HEADLINE_CASE * len(words)
    found = list(SPEECH.finditer(sentence))
    return [v for v, after in zip(found, found[1:] + [None])
            if (headline or v.group(0)[0].islower() or sentence[:v.start()].rstrip()[-1:] in ("", "“", '"', "(", ":"))
            and not (after and sentence[v.end():after.start()].isspace())]  # "report says": the noun before its verb


def _after(sentence: str, position: int, registry: Registry, verbs: list[re.Match], closed: bool = False) -> str | None:
    """The speaker of a speech verb after ``position``: "…, said Name", "…, Name wrote", "…," he said;
    ``verbs``: the sentence's (``_verbs``); ``closed``: ``position`` is where a quotation closes,
    which sets what follows apart as a comma does."""
    for verb in (v for v in verbs if v.start() >= position):
        said = verb.group(0).lower()
        if said == "according to":  # "…, according to the Syrian Observatory for Human Rights (SOHR)."
            source = re.split(r"[,;]|\s(?:who|which|that)\s|\s[a-z]+(?:ing|ed)\s", sentence[verb.end():])[0]  # not "… monitoring the Syrian Civil War"
            found = _entity(" ".join(source.split()[:SOURCE_WORDS]), registry)
            if found and found not in (PRONOUN, UNNAMED):
                return found
            continue
        named = _NAMED_AFTER.match(sentence, verb.end())  # "…, said Name", not "… says IS has"
        if named and said != "told" and _SET_APART.search(sentence, 0, verb.start()):  # who is told is not who speaks
            found = _entity(named.group(1), registry)
            if found and found not in (PRONOUN, UNNAMED):
                return found
        before = sentence[position: verb.start()]
        clauses = re.split(r"[,;:“”\"()]", before)
        found = _before(before, registry, depth=1, verb=said) if len(clauses) > 1 or closed else None  # "…, Name wrote"
        if found and (found != PRONOUN or _ALONE.fullmatch(clauses[-1])):  # "…," he said, but not "it was said"
            return None if found == NOBODY else found
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
