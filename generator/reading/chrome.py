"""Site chrome in whole pages pasted as text: menus, share bars, footers, cookie notices, comment forms.

Two inputs decide: the shape of each line (length, sentence punctuation, share of function words,
link-like wording), read in the context of its neighbours as jusText does, and repetition across
the archive, computed once by `survey` before the per-article cleaner runs, so that the cleaner
stays a pure function of one article and this survey.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.model import Source

SPREAD = 3  # a line in this many articles of one outlet (or of the archive) is chrome
_SENTENCE_WORDS = 8  # longer lines ending like a sentence are chrome only within a known outlet

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says also could may might
    must shall us since though although however""".split()
)

_LINK_LIKE = re.compile(
    r"^(?:share(?: this(?: (?:article|story|page|post))?)?(?: (?:on|via|with) [\w+ ]{1,20})?|close share panel|"
    r"copy (?:this )?link|tweet|e-?mail|print|pin(?: it)?|whatsapp|facebook|twitter|linkedin|"
    r"reddit|copy link|comments?|\d+ comments?|reply|leave a (?:comment|reply)|post a comment|"
    r"subscribe|sign (?:in|up|out)|log ?in|log ?out|register|my account|menu|main menu|search|home|"
    r"homepage|skip to (?:main )?content|skip navigation|accessibility(?: links| help)?|advertisement|"
    r"advertise(?: with us)?|sponsored(?: content)?|related(?: articles| stories| posts| content| topics)?|"
    r"more (?:on this story|stories|news|from [\w .-]+)|most (?:read|popular|viewed|shared)|trending(?: now)?|"
    r"top stories|latest(?: news| stories)?|you (?:may|might) also like|recommended(?: for you)?|"
    r"follow us(?: on [\w ]+)?|privacy(?: policy| notice| settings)?|cookie (?:policy|settings|preferences)|"
    r"terms(?: of (?:use|service))?(?: and conditions)?|contact(?: us)?|about(?: us)?|careers|"
    r"back to top|load more|show more|see (?:all|more)|view (?:all|more|comments)|next|previous|"
    r"newer posts?|older posts?|close|open|toggle navigation|tags?|categories|topics|"
    r"(?:posted|published|updated|filed) (?:in|on|under|by)\b.*|by [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}|"
    r"photo(?:graph)?:? .{0,60}|image(?: source| caption)?:? .{0,60}|getty images|"
    r"(?:\d+|an?) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago|"
    r"(?:©|copyright|\(c\)) .*|all rights reserved\.?)\s*[:.!]?$",
    re.I,
)
_NOTICE = re.compile(
    r"\b(?:(?:we|this (?:site|website)) uses? cookies|accept (?:all )?cookies|cookie (?:policy|settings|consent)|"
    r"your email address will not be published|required fields are marked|save my name, email|"
    r"notify me of (?:new|follow-up)|enable javascript|javascript (?:is )?(?:disabled|required)|"
    r"all rights reserved|you have reached your (?:limit|article limit)|already a subscriber|"
    r"terms of (?:use|service) and privacy policy|by (?:clicking|continuing|signing up)[^.]{0,40}you agree|"
    r"advertising disclos\w+|affiliate (?:links?|commission)|amazon (?:services llc )?associates?\b|"
    r"(?:earns?|receive) (?:revenue|compensation|commission|fees) from|qualifying purchases|"
    r"comments are moderated|email addresses will not be published|akismet|recaptcha|do not sell my|"
    r"(?:share|print|email) this (?:article|story|page)|write a comment|post a comment|view comments|"
    r"notify me (?:when|of)|explore further|\d+ min(?:ute)? read|push notifications|"
    r"i (?:consent|agree) to (?:receiv|the|my)|(?:want|like) (?:more|recipe)\?|we rely on (?:your|readers)|"
    r"support (?:our|independent) journalism|become a (?:member|subscriber|patron)|"
    r"you are using a browser|update your browser|getty images|(?:reuters|ap|afp) (?:files|photo)|"
    r"sign up for (?:our|the)|delivered to your inbox|unsubscribe at any time|"
    r"media playback is (?:unsupported|not supported) on your device)\b",
    re.I,
)
_TIME = re.compile(
    r"^(?:(?:updated|published|posted|last updated)\s*:?\s*)?"
    r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|\w{3,9},?\s+\w{3,9}\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+\w{3,9}\s+\d{4}|\w{3,9}\s+\d{1,2},?\s+\d{4})(?:[\s,|•·-]+\S+){0,4}$",
    re.I,
)


@dataclass(frozen=True)
class Survey:
    """Lines seen in SPREAD or more articles: per outlet (where known) and across the archive."""

    outlet_lines: frozenset[tuple[str, str]] = frozenset()  # (outlet, line key)
    archive_lines: frozenset[str] = frozenset()

    def view(self, source: Source, keys: frozenset[str]) -> Survey:
        """What the survey says about this source's own lines (their ``line_keys``): all its cleaning can ask."""
        outlet = outlet_of(source)
        return Survey(frozenset((outlet, k) for k in keys if (outlet, k) in self.outlet_lines),
                      frozenset(k for k in keys if k in self.archive_lines))

    def repeated(self, outlet: str, text: str) -> bool:
        key = line_key(text)
        if (outlet, key) in self.outlet_lines:
            return True
        return key in self.archive_lines and not sentence_like(text)


EMPTY = Survey()


_NOT_WORD = re.compile(r"[\W_]+")  # a run of anything but letters and digits: one space in a line key


def line_key(text: str) -> str:
    """A line as the survey counts it: NFC, soft hyphens out, case and punctuation folded (the
    same for a raw line and its cleaned form)."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def line_keys(source: Source) -> frozenset[str]:
    """The keys of a source's lines, the empty one left out: a pure function of the source, which
    a build may keep between runs and compute on other processes."""
    return frozenset(map(line_key, (b.text for b in source.blocks))) - {""}


def outlet_of(source: Source) -> str:
    """The outlet a page comes from, where its front matter tells: outlet, else the URL's host."""
    outlet = str(source.front_matter.get("outlet") or "").strip().casefold()
    if outlet:
        return outlet
    host = urlsplit(str(source.front_matter.get("url") or "")).hostname or ""
    return host.removeprefix("www.")


def survey(sources: Sequence[Source], keys: Sequence[frozenset[str]] | None = None) -> Survey:
    """Which lines recur across the archive: computed once, before cleaning (``keys``: each
    source's ``line_keys``, when the caller has them)."""
    by_outlet: Counter[tuple[str, str]] = Counter()
    everywhere: Counter[str] = Counter()
    for source, lines in zip(sources, keys or map(line_keys, sources)):
        outlet = outlet_of(source)
        everywhere.update(lines)
        if outlet:
            by_outlet.update((outlet, k) for k in lines)
    return Survey(
        frozenset(k for k, n in by_outlet.items() if n >= SPREAD),
        frozenset(k for k, n in everywhere.items() if n >= SPREAD),
    )


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


def sentence_like(text: str) -> bool:
    return len(text.split()) >= _SENTENCE_WORDS and bool(_SENTENCE_END.search(text))


def title_case(text: str) -> bool:
    """Most longer words capitalised, as in headlines and menu entries."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# Function words of the languages this archive's reports come in besides English, so that prose in
# them is not read as a list of labels (jusText keeps one list per language in the same way). No
# one-letter words ("a", "e", "o", "и") nor words English has too: they are as common in English
# menus and labels.
OTHER_STOP_WORDS = {
    "fr": frozenset("""le la les un une des du de et est au aux en dans que qui ne pas pour par sur avec il elle ils elles
        nous vous son sa ses leur leurs ce cette ces été être avait mais ou où plus se lui""".split()),
    "de": frozenset("""der die das den dem des ein eine einer eines und ist nicht zu mit von auf für sich im dass er sie es
        wir ihr sind war wurde auch als bei nach aus wie noch""".split()),
    "es": frozenset("""el la los las un una unos unas de del en que es por para con se su sus lo al como más pero fue ha
        han sobre entre""".split()),
    "it": frozenset("""il lo la gli le un una di del della dei che per con non si suo sua sono al alla come più ma ha anche
        tra""".split()),
    "pt": frozenset("""os um uma de da dos das em na que por para com não se seu sua ao como mais mas foi tem entre""".split()),
    "uk": frozenset("""та на із що як до за від не це його її їх він вона вони ми ви був була було але або для про під
        після""".split()),
    "ru": frozenset("""во на со что как по за от не это его ее её их он она они мы вы был была было но или для об под после
        из""".split()),
}


_TABLES = (STOP_WORDS, *OTHER_STOP_WORDS.values())
_LANGUAGES = {word: tuple(i for i, table in enumerate(_TABLES) if word in table)  # the tables holding a function word
              for word in frozenset().union(*_TABLES)}


def stop_share(text: str) -> float:
    """Share of the words that are function words, in English or the language it is most like."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.casefold())
    if not words:
        return 0.0
    counts = [0] * len(_TABLES)
    for word in words:
        for position in _LANGUAGES.get(word, ()):
            counts[position] += 1
    return max(counts) / len(words)


def link_like(text: str) -> str | None:
    """Why a line reads as a page control, notice or time stamp rather than prose, or None."""
    if _LINK_LIKE.match(text):
        return "site chrome: link or label (share, menu, related, footer)"
    if len(text.split()) <= 60 and _NOTICE.search(text):  # the count first: it is the cheaper test
        return "site chrome: cookie, comment-form or subscription notice"
    if len(text) <= 60 and _TIME.match(text):
        return "site chrome: time stamp"
    return None


GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"


def shape(text: str) -> str:
    """jusText-style class of one line from its length and share of function words."""
    share = stop_share(text)
    sentence = bool(_SENTENCE_END.search(text))
    if len(text) < 70 or (not sentence and title_case(text)):
        return NEAR if sentence and share >= 0.2 and len(text.split()) >= 4 else SHORT
    if share >= 0.28 and (len(text) >= 150 or sentence):
        return GOOD
    if share >= 0.2 or (sentence and share >= 0.1):
        return NEAR
    return BAD


def resolve(classes: list[str], headings: list[bool]) -> list[bool]:
    """Short and near-good lines take the class of their neighbours: kept only inside the text,
    or as the heading right before a paragraph of it."""

    def neighbour(index: int, step: int, skip: tuple[str, ...]) -> str:
        index += step
        while 0 <= index < len(classes):
            if classes[index] not in skip:
                return classes[index]
            index += step
        return BAD

    result = []
    for index, kind in enumerate(classes):
        if kind in (GOOD, BAD):
            result.append(kind == GOOD)
            continue
        before, after = neighbour(index, -1, (SHORT, NEAR)), neighbour(index, 1, (SHORT, NEAR))
        if kind == NEAR:
            result.append(GOOD in (before, after))
        elif before == after or (headings[index] and after == GOOD):
            result.append(after == GOOD)
        else:
            near = (before == BAD and neighbour(index, -1, (SHORT,)) == NEAR) or (
                after == BAD and neighbour(index, 1, (SHORT,)) == NEAR
            )
            result.append(near)
    return result


GAP = 4  # this many chrome lines in a row separate two parts of a page
MINOR = 0.1  # a part holding less than this share of the largest one's text is not the article
LITTLE = 800  # ... unless it holds this many characters: then it is more of the article


def apart(kept: list[int]) -> list[bool]:
    """Kept lines (their length; 0 for chrome) in small parts of the page, cut off from the
    largest part by runs of GAP or more chrome lines: bios, promotions, comment threads."""
    parts: list[list[int]] = [[]]
    gap = 0
    for index, length in enumerate(kept):
        if not length:
            gap += 1
            continue
        if gap >= GAP and parts[-1]:
            parts.append([])
        gap = 0
        parts[-1].append(index)
    sizes = [sum(kept[i] for i in part) for part in parts]
    largest = max(sizes, default=0)
    minor = {i for part, size in zip(parts, sizes) if size < min(MINOR * largest, LITTLE) for i in part}
    return [index in minor for index in range(len(kept))]
