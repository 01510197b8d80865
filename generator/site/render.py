"""Render pages and data files from templates: a pure function from the archive to {path: text}.

Every value that comes from an article is escaped on output (HTML and Markdown punctuation become
character references), so article text can neither run script nor restyle the page.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import jinja2
from markupsafe import Markup

from generator.claims import stance, tracked, verdicts
from generator.model import SIDES, UNKNOWN, Archive, Article, Entry, Evidence, Position, Story
from generator.site import browse, feeds, pages, parallel

ROWS_PER_STANCE = 10  # a claim page lists this many sources per stance; claims.json has them all
FIGURES_SHOWN = 12  # figures per kind in a claim page's "Figures that disagree"; claims.json has them all
FULL_ROWS = 3  # the first sources of each stance show all their best quotes, the others their best one
QUOTE_CHARS = 400  # a longer quote is clipped on claim and claimant pages; its paragraph link has it whole
DAY_SOURCES = 10  # a timeline day names this many sources per claim; the claim page has the rest
APPEARANCES = 20  # a claim's JSON-LD names its earliest sources only, so the page stays small
CLAIMANTS_SHOWN = 20  # names per side in a claim page's summary; claims.json has them all

# No page grows with the archive: a longer list is cut into pages (pages.py), a list shown beside
# other things is cut short with "and N more" and a link to where it is whole.
ARTICLES_PER_PAGE = 250  # list items of articles (articles index, outlet, tag, timeline day)
ROWS_PER_PAGE = 100  # table rows (claims, outlets, claimants, tags, stories, a story's reports)
SUGGESTIONS_PER_PAGE = 20  # "Claims to track"
SUGGESTION_SOURCES = 8  # sentences shown per suggestion; `python -m generator suggest` lists them all
QUOTES_PER_PAGE = 60  # a claimant's quotes per page
DAY_CLAIM_WEIGHT = 6  # a timeline day's claim (bar and sources) weighs as much as this many article items
TABLE_CLAIMS = 100  # claims in an outlet's, a tag's or a story's table, the most sources first
STORY_REPORTS = 10  # an article page names this many other reports of its story, the nearest in date
ARTICLE_CLAIMS = 20  # an article page's claims box; the article's row on each claim page is in claims.json
ARTICLE_COPIES = 10  # "Also published as" on an article page; articles.json has every copy

_SPECIAL = "&<>\\`*_{}[]#|~=^$"  # HTML and Markdown punctuation, written as character references
_ESCAPES = {c: f"&#{ord(c)};" for c in _SPECIAL}
_ESCAPED = re.compile("[" + re.escape(_SPECIAL) + "]")  # one pass in C: article text holds few of them


def escape(value: object) -> str:
    """Text safe in Markdown and in HTML elements (attribute values go through ``href``)."""
    if isinstance(value, Markup):
        return value
    return "" if value is None else _ESCAPED.sub(_escaped, str(value))


def _escaped(match: re.Match) -> str:
    return _ESCAPES[match.group()]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        finalize=escape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["href"] = lambda url: Markup(html.escape(url, quote=True))
    env.filters["yaml_str"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    env.filters["attr"] = env.filters["href"]
    env.filters["clip"] = clip
    env.filters["total"] = lambda counts: sum(counts.values())
    env.filters["html_title"] = lambda value: str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    env.filters["by_date"] = lambda entries: _by_date(entries)
    env.globals["link"] = pages.link
    env.globals["url_to"] = pages.href
    env.globals["root"] = pages.root
    env.globals["claim_line"] = lambda *args: claim_line(*args)
    env.globals["carried"] = lambda *args: carried(*args)
    env.filters["paragraphs"] = lambda texts: paragraphs(texts)
    return env


SIDE_NAMES = {"supports": "supports", "disputes": "disputes", "both": "both sides", "mentions": "mentions"}


def carried(p: Position, slugs: dict[str, str], prefix: str = "../../") -> Markup:
    """verdicts.carried, each claimant a link to its page. Python, not a macro: in the template the
    article pages' claims box was a third of the time of 10,000 pages."""
    return Markup(verdicts.carried(p, lambda n: f'<a href="{escape(prefix)}claimants/{escape(slugs[n])}/">{escape(n)}</a>'))


def claim_line(summary: verdicts.Summary, p: Position, items: list[Evidence], slugs: dict[str, str]) -> Markup:
    """One claim of an article page's claims box: the claim, the article's stance and whom it
    quotes, and links to its sentences stating it (else the passage its stance was read from)."""
    caveat = f', unverified (<a href="#p-{escape(p.caveat[0])}">¶{escape(p.caveat[0])}</a>)' if p.caveat else ""
    if items:
        where = ", ".join(f'<a href="#p-{escape(e.paragraph)}" title="this sentence {escape(e.stance)} the claim">¶{escape(e.paragraph)}</a>'
                          for e in items)
    else:
        where = f'the passage at <a href="#p-{escape(p.passage[0])}">¶{escape(p.passage[0])}</a>' if p.passage else ""
    return Markup(f'<li><a href="../../claims/{escape(summary.claim.id)}/">{escape(summary.claim.statement)}</a>: '
                  f'<span class="stance-badge stance-badge--{escape(p.stance)}">{escape(SIDE_NAMES[p.stance])}</span> '
                  f'{carried(p, slugs)}{caveat}: {where}</li>')


def paragraphs(texts: tuple[str, ...]) -> Markup:
    """An article's paragraphs, each with its anchor and a blank line after it (the last one's is the template's)."""
    return Markup("\n\n".join(
        f'<p id="p-{n}" class="article-paragraph"><a class="paragraph-anchor" href="#p-{n}" title="Link to paragraph {n}">¶{n}</a> {escape(text)}</p>'
        for n, text in enumerate(texts, 1)) + "\n")


def clip(text: str) -> str:
    """A quote or summary of at most QUOTE_CHARS characters, cut at a word."""
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


ENV = _environment()


def page_path(entry: Entry) -> str:
    return f"articles/{entry.slug}.md"


def page_url(entry: Entry) -> str:
    return f"articles/{entry.slug}/"


def _dump(data: object) -> str:
    """JSON with one record a line: a list's items, a dict's values (json's C encoder writes each
    record; an indented dump of the whole goes through its pure-Python encoder, 20 s at 10,000 articles)."""
    def record(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def lines(value: object) -> str:
        if isinstance(value, list):
            return "[\n" + ",\n".join(record(item) for item in value) + "\n]" if value else "[]"
        return record(value)

    if isinstance(data, dict):
        return "{\n" + ",\n".join(f"{record(key)}: {lines(data[key])}" for key in sorted(data)) + "\n}\n"
    return lines(data) + "\n"


PROCESSES = min(2, os.cpu_count() or 1)  # pages rendered on this many cores (a forked process renders every other)


class Files:
    """The files to write: each a template to render with its values, or a function that writes it.
    ``keys()`` are their paths; ``items()`` renders them one at a time, in order, sharing the work
    with a forked process when there are cores to spare, so no process holds every page at once.
    The same texts whatever ``processes``."""

    def __init__(self, processes: int = PROCESSES):
        self.jobs: list[tuple[str, object, dict]] = []
        self.processes = processes

    def page(self, path: str, template: str, **context) -> None:
        self.jobs.append((path, template, context))

    def call(self, path: str, function, *args) -> None:
        self.jobs.append((path, function, {"args": args}))

    def keys(self) -> list[str]:
        return [job[0] for job in self.jobs]

    def __len__(self) -> int:
        return len(self.jobs)

    def items(self) -> Iterator[tuple[str, str]]:
        jobs = self.jobs
        if self.processes < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
            yield from ((job[0], _text(job)) for job in jobs)
            return
        theirs = parallel.Stream(lambda: (_text(job) for job in jobs[1::2]))
        try:
            for n, job in enumerate(jobs):
                yield job[0], _text(job) if n % 2 == 0 else theirs.next()
        finally:
            theirs.close()


def _text(job: tuple[str, object, dict]) -> str:
    _, how, context = job
    return ENV.get_template(how).render(**context) if isinstance(how, str) else how(*context["args"])


def render(archive: Archive, site_name: str, site_url: str, processes: int = PROCESSES) -> dict[str, str]:
    """Every generated file under content/, keyed by its path there; the same whatever ``processes``."""
    return dict(gather(archive, site_name, site_url, processes).items())


def gather(archive: Archive, site_name: str, site_url: str, processes: int = PROCESSES) -> Files:
    """Every generated file under content/, gathered (each page's template and values), rendered
    as ``Files.items()`` is read."""
    entries = sorted(archive.entries, key=lambda e: (e.article.meta.date or "", e.slug), reverse=True)
    by_slug = {e.slug: e for e in entries}
    evidence_of, positions_of = defaultdict(list), defaultdict(list)  # by claim: summarise reads a claim's own
    for item in archive.evidence:
        evidence_of[item.claim].append(item)
    for position in archive.positions:
        positions_of[position.claim].append(position)
    summaries = sorted((verdicts.summarise(c, evidence_of[c.id], positions_of[c.id]) for c in archive.claims), key=lambda s: s.contest)
    names = browse.names(archive)
    newest = max((e.article.meta.date for e in entries if e.article.meta.date), default="2000-01-01")
    claims_in = _claims_by_article(summaries)
    story_of = {slug: story for story in archive.stories for slug in story.articles}
    place = {slug: at for story in archive.stories for at, slug in enumerate(story.articles)}
    files = Files(processes)
    for e in entries:
        story = story_of.get(e.slug)
        claims = claims_in.get(e.slug, [])
        files.page(
            page_path(e), "article.md.j2", entry=e, article=e.article, names=names, articles=by_slug, story=story,
            claims=_first_claims(claims, ARTICLE_CLAIMS), more_claims=max(0, len(claims) - ARTICLE_CLAIMS),
            reports=_nearest(story.articles, place[e.slug], STORY_REPORTS) if story else (),
            copies=e.duplicates[:ARTICLE_COPIES], more_copies=max(0, len(e.duplicates) - ARTICLE_COPIES),
        )
    story_files(files, archive, by_slug)
    for summary in summaries:
        files.page(
            f"claims/{summary.claim.id}.md", "claim.md.j2", s=summary, by_stance=_by_stance(summary), articles=by_slug, names=names, timeline=browse.claim_timeline(summary.rows),
            rows_per_stance=ROWS_PER_STANCE, full_rows=FULL_ROWS, figures_shown=FIGURES_SHOWN, json_ld=[_json_ld(d) for d in structured_data(summary, by_slug, site_name, site_url)],
            verdict=editor_verdict(summary, site_name), claimants_shown=CLAIMANTS_SHOWN,
        )
        files.page(f"claims/{summary.claim.id}.xml", "feed.xml.j2", feed=feeds.claim(summary, by_slug, site_url, newest))
    files.page("feed.xml", "feed.xml.j2", feed=feeds.articles(entries, site_name, site_url, newest))
    _browsing(files, archive, names)
    counts = {
        "files": len(archive.entries) + sum(len(e.duplicates) for e in entries) + len(archive.skipped),
        "articles": len(entries),
        "duplicates": sum(len(e.duplicates) for e in entries),
        "skipped": len(archive.skipped),
        "outlets": len(set(names.outlets) - {UNKNOWN}),
        "claimants": len(names.claimants),
        "claims": len(summaries),
        "evidence": len(archive.evidence),
        "stories": len(archive.stories),
    }
    files.page(
        "index.md", "home.md.j2", entries=entries, counts=counts, summaries=summaries, stories=_newest_stories(archive.stories, by_slug)
    )
    _paged(files, "claims.md.j2", pages.numbered(summaries, ROWS_PER_PAGE, "claims/index.md", "claims/page"))
    files.call("api/claims.json", lambda: _dump([{**_claim_record(s, by_slug), "editor_verdict": editor_verdict(s, site_name)} for s in summaries]))
    _paged(files, "articles.md.j2", _monthly(entries, "articles/index.md", "articles"), counts=counts)
    files.page("contributing.md", "contributing.md.j2", claim_fields=tracked.FIELDS)
    files.page("matching.md", "matching.md.j2", card=stance.card())
    _paged(files, "suggestions.md.j2", pages.numbered(archive.suggestions, SUGGESTIONS_PER_PAGE, "claims-to-track.md", "claims-to-track"),
           sources_shown=SUGGESTION_SOURCES, per_page=SUGGESTIONS_PER_PAGE)
    files.call("api/articles.json", lambda: _dump([_article_record(e, story_of) for e in entries]))
    files.call("api/build-report.json", lambda: _dump(build_report(archive)))
    return files


def _browsing(files: Files, archive: Archive, names: browse.Names) -> None:
    """Outlet, claimant, tag and timeline pages, each folder with its index."""
    outlets = browse.outlets(archive, names.outlets)
    _paged(files, "outlets.md.j2", pages.numbered(outlets, ROWS_PER_PAGE, "outlets/index.md", "outlets/page"),
           known=sum(o.name != UNKNOWN for o in outlets), unknown=any(o.name == UNKNOWN for o in outlets))
    for outlet in outlets:
        _paged(files, "outlet.md.j2", _monthly(outlet.entries, f"outlets/{outlet.slug}.md", f"outlets/{outlet.slug}"),
               outlet=outlet, claims=outlet.claims[:TABLE_CLAIMS])
    claimants = browse.claimants(archive, names.claimants)
    _paged(files, "claimants.md.j2", pages.numbered(claimants, ROWS_PER_PAGE, "claimants/index.md", "claimants/page"))
    by_slug = {e.slug: e for e in archive.entries}
    for claimant in claimants:
        said = pages.numbered(claimant.said, QUOTES_PER_PAGE, f"claimants/{claimant.slug}.md", f"claimants/{claimant.slug}",
                              weight=lambda item: len(item.quotes) + 1)
        _paged(files, "claimant.md.j2", said, claimant=claimant, articles=by_slug, names=names)
    tags = browse.tags(archive, names.tags)
    _paged(files, "tags.md.j2", pages.numbered(tags, ROWS_PER_PAGE, "tags/index.md", "tags/page"))
    for tag in tags:
        _paged(files, "tag.md.j2", _monthly(tag.entries, f"tags/{tag.slug}.md", f"tags/{tag.slug}"),
               tag=tag, claims=tag.claims[:TABLE_CLAIMS])
    months = browse.months(archive)
    files.page("timeline/index.md", "timeline.md.j2", months=months)
    for month in months:
        if month.key != browse.UNDATED:
            files.page(f"timeline/{month.key}.md", "month.md.j2", month=month)
        for day in month.days:
            listed = pages.numbered(pages.tagged(article=day.entries, claim=day.claims), ARTICLES_PER_PAGE,
                                    f"timeline/{day.key}.md", f"timeline/{day.key}",
                                    weight=lambda item: DAY_CLAIM_WEIGHT if item[0] == "claim" else 1)
            _paged(files, "day.md.j2", listed, day=day, sources_shown=DAY_SOURCES)


def _paged(files: Files, template: str, listed: pages.Pages, **context) -> None:
    """The pages of one list: each part, and the index of the parts when it is not part 1 itself."""
    if listed.parts[0].path != listed.index:
        files.page(listed.index, template, pages=listed, part=None, here=listed.index, **context)
    for part in listed.parts:
        files.page(part.path, template, pages=listed, part=part, here=part.path, **context)


def _monthly(entries, index: str, folder: str) -> pages.Pages:
    """Articles (newest first) on their list's page, or by month when they do not fit one."""
    return pages.by_month(entries, ARTICLES_PER_PAGE, index, folder,
                          month=lambda e: e.article.meta.date[:7] if e.article.meta.date else browse.UNDATED)


def _nearest(slugs: tuple[str, ...], at: int, count: int) -> tuple[str, ...]:
    """Up to ``count`` of the other slugs, those next to position ``at`` (a story's reports are in date order)."""
    others = slugs[:at] + slugs[at + 1:]
    start = max(0, min(at - count // 2, len(others) - count))
    return others[start:start + count]


def _first_claims(claims: list, count: int) -> list:
    """The claims an article page's box shows, in their order: those it takes a side on before mere mentions."""
    if len(claims) <= count:
        return claims
    keep = set(sorted(range(len(claims)), key=lambda i: (claims[i][1].stance == "mentions", i))[:count])
    return [c for i, c in enumerate(claims) if i in keep]


def _newest_stories(stories: tuple[Story, ...], by_slug: dict[str, Entry]) -> list[tuple[Story, str | None]]:
    """Stories with their latest report's date, the most recent first."""
    dated = [(story, max((by_slug[a].article.meta.date or "" for a in story.articles), default="") or None)
             for story in stories]
    return sorted(dated, key=lambda pair: (pair[1] or "", pair[0].slug), reverse=True)


def _by_stance(summary: verdicts.Summary) -> dict[str, list]:
    """A claim's rows (sources) by stance, in their order."""
    rows: dict[str, list] = {stance: [] for stance in SIDES}
    for row in summary.rows:
        rows[row.position.stance].append(row)
    return rows


def _claims_by_article(summaries: list[verdicts.Summary]) -> dict[str, list[tuple[verdicts.Summary, Position, list[Evidence]]]]:
    """The claims each article is a source of (in the claims' order): its stance there, as the claim
    page gives it, and its evidence sentences in paragraph order."""
    found: dict[str, list[tuple[verdicts.Summary, Position, list[Evidence]]]] = defaultdict(list)
    for summary in summaries:
        items: dict[str, list[Evidence]] = defaultdict(list)
        for item in sorted(summary.evidence, key=lambda e: e.paragraph):
            items[item.article].append(item)
        for row in summary.rows:
            found[row.position.article].append((summary, row.position, items[row.position.article]))
    return found


def claim_url(claim_id: str) -> str:
    return f"claims/{claim_id}/"


# Words that make a claimant's name an organisation, a government or a place, not a person
_NOT_PERSON = {
    "ministry", "government", "military", "army", "forces", "navy", "authorities", "administration", "office",
    "institute", "council", "agency", "department", "service", "services", "group", "committee", "command",
    "staff", "kremlin", "house", "party", "union", "news", "press", "company", "university", "centre", "center",
    "bank", "commission", "parliament", "court", "police", "guard", "republic", "kingdom", "states", "united",
    "north", "south", "east", "west", "nations", "intelligence", "embassy", "headquarters", "general",
}
_NAME_WORD = re.compile(r"^(?:[A-Z]\.|[A-Z][a-z\u00df-\u00ff\u0100-\u017f'’]+(?:-[A-Z][a-z\u00df-\u00ff\u0100-\u017f'’]+)*)$")


def agent(name: str) -> dict:
    """A claimant as a schema.org Person or Organization. The registry (seeds/claimants.yml) does not
    say which a name is, so: a Person when it reads like one (two to four capitalised words, none of
    them an institution's, e.g. "Hanna Maliar"), else an Organization ("Russia", "Luhansk authorities")."""
    words = name.split()
    person = 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words) and not {w.lower() for w in words} & _NOT_PERSON
    return {"@type": "Person" if person else "Organization", "name": name}


def appearance(entry: Entry, site_url: str) -> dict:
    """One source of a claim as a schema.org CreativeWork: the article's own link, else its page here."""
    meta = entry.article.meta
    work = {"@type": "CreativeWork", "url": meta.url or site_url + page_url(entry), "headline": meta.title}
    if meta.date:
        work["datePublished"] = meta.date
    if meta.outlet != UNKNOWN:
        work["publisher"] = {"@type": "Organization", "name": meta.outlet}
    return work


def claim_data(summary: verdicts.Summary, by_slug: dict[str, Entry], site_url: str) -> dict:
    """schema.org Claim for a claim page: the statement, where it appeared (every source, earliest
    first, up to APPEARANCES) and who asserts it (the claimants of the sources that support it)."""
    rows = sorted(summary.rows, key=lambda r: (r.position.date or "9999", r.position.article))
    appearances = [appearance(by_slug[r.position.article], site_url) for r in rows[:APPEARANCES]]
    page = site_url + claim_url(summary.claim.id)
    claim = {"@context": "https://schema.org", "@type": "Claim", "@id": page + "#claim", "url": page,
             "name": summary.claim.statement, "text": summary.claim.statement}
    if appearances:
        claim["appearance"] = appearances
    dated = [a for a in appearances if "datePublished" in a]
    if dated:
        claim["firstAppearance"] = dated[0]
    dates = [d for d in (summary.first_reported, dated[0]["datePublished"] if dated else None) if d]
    if dates:  # first reported: the earliest source, or the earliest quoted sentence if that is older
        claim["datePublished"] = min(dates)
    asserting = dict.fromkeys(name for r in rows if r.position.stance in ("supports", "both") for name in r.position.claimants)
    if asserting:
        claim["author"] = [agent(name) for name in asserting]
    return claim


def editor_verdict(summary: verdicts.Summary, site_name: str) -> dict | None:
    """The editor's verdict from the claim file, for the page and claims.json; None without one."""
    verdict = summary.claim.verdict
    if verdict is None:
        return None
    value, label = tracked.VERDICTS[verdict.rating]
    return {"rating": verdict.rating, "label": label, "rating_value": value, "reasoning": verdict.reasoning,
            "source": verdict.source, "by": verdict.by or site_name, "date": verdict.date}


def structured_data(summary: verdicts.Summary, by_slug: dict[str, Entry], site_name: str, site_url: str) -> list[dict]:
    """The JSON-LD of a claim page: its schema.org Claim, and a ClaimReview only when an editor rated
    it in the claim file (counts of sources are no fact-check rating)."""
    claim = claim_data(summary, by_slug, site_url)
    verdict = editor_verdict(summary, site_name)
    if verdict is None:
        return [claim]
    value, label = verdict["rating_value"], verdict["label"]
    rating = {"@type": "Rating", "alternateName": label, "ratingExplanation": verdict["reasoning"]}
    if value is not None:  # "unproven" is off the true-false scale: a name, no number
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    author = agent(verdict["by"]) if summary.claim.verdict.by else {"@type": "Organization", "name": site_name, "url": site_url}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim["url"],
        "claimReviewed": summary.claim.statement,
        "itemReviewed": {k: v for k, v in claim.items() if k != "@context"},
        "reviewRating": rating,
        "reviewBody": verdict["reasoning"],
        "citation": {"@type": "CreativeWork", "url": verdict["source"]},
        "author": author,
    }
    if verdict["date"]:
        review["datePublished"] = verdict["date"]
    return [claim, review]


def _json_ld(data: dict) -> Markup:
    """JSON safe inside a script element: '<' is written as \\u003c, so text cannot close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _claim_record(summary: verdicts.Summary, by_slug: dict[str, Entry]) -> dict:
    return {
        "id": summary.claim.id,
        "statement": summary.claim.statement,
        "page": claim_url(summary.claim.id),
        "verdict": summary.verdict,
        "counts": summary.sources,
        "claimants": {k: list(v) for k, v in summary.claimants.items()},
        "first_reported": summary.first_reported,
        "discrepancies": [
            {"kind": d.kind, "figures": [{"words": f.words, "value": f.value, "article": f.evidence.article,
                                          "paragraph": f"p-{f.evidence.paragraph}", "quote": f.evidence.quote} for f in d.figures]}
            for d in summary.discrepancies
        ],
        "tags": list(summary.claim.tags),
        "sources": [
            {"article": r.position.article, "stance": r.position.stance, "voice": r.position.voice,
             "claimants": list(r.position.claimants), "deniers": list(r.position.deniers), "evidence": r.position.evidence,
             "closest_paragraph": f"p-{r.position.passage[0]}" if r.position.passage else None,
             "caveat": {"paragraph": f"p-{r.position.caveat[0]}", "quote": r.position.caveat[1]} if r.position.caveat else None,
             "outlet": r.position.outlet, "date": r.position.date}
            for r in summary.rows
        ],
        "evidence": [
            {"article": e.article, "article_page": page_url(by_slug[e.article]), "outlet": e.outlet,
             "claimant": e.claimant, "stance": e.stance, "quote": e.quote, "paragraph": f"p-{e.paragraph}",
             "link": f"{page_url(by_slug[e.article])}#p-{e.paragraph}", "date": e.date}
            for e in summary.evidence
        ],
    }


def story_files(files: Files, archive: Archive, by_slug: dict[str, Entry]) -> None:
    """A page per story (its reports by date, the claims they bear on) and the stories index."""
    listed = []
    positions: dict[str, list] = {}
    for position in archive.positions:
        positions.setdefault(position.article, []).append(position)
    for story in archive.stories:
        entries = [by_slug[slug] for slug in story.articles]
        dates = sorted(e.article.meta.date for e in entries if e.article.meta.date)
        counts: dict[str, Counter] = {}
        for position in (p for slug in story.articles for p in positions.get(slug, [])):
            counts.setdefault(position.claim, Counter())[position.stance] += 1
        claims = [(c, {stance: counts[c.id][stance] for stance in SIDES}) for c in archive.claims if c.id in counts]
        shown = sorted(range(len(claims)), key=lambda i: (-sum(claims[i][1].values()), i))[:TABLE_CLAIMS]
        reports = pages.numbered(entries, ROWS_PER_PAGE, f"stories/{story.slug}.md", f"stories/{story.slug}")
        _paged(files, "story.md.j2", reports, story=story, dates=dates, claims=[claims[i] for i in sorted(shown)], all_claims=len(claims))
        listed.append((story, dates))
    listed.sort(key=lambda item: (item[1][-1] if item[1] else "", item[0].slug), reverse=True)
    grouped = [item for item in listed if len(item[0].articles) > 1]
    single = [item for item in listed if len(item[0].articles) == 1]
    _paged(files, "stories.md.j2", pages.numbered(pages.tagged(grouped=grouped, single=single), ROWS_PER_PAGE, "stories/index.md", "stories/page"),
           grouped=len(grouped), single=len(single))


def _by_date(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.article.meta.date or "Undated", []).append(entry)
    return list(groups.items())


def _article_record(entry: Entry, story_of: dict[str, Story]) -> dict:
    meta = entry.article.meta
    return {
        "id": entry.slug,
        "story": story_of[entry.slug].slug if entry.slug in story_of else None,
        "title": meta.title,
        "outlet": meta.outlet,
        "author": meta.author,
        "date": meta.date,
        "url": meta.url,
        "tags": list(meta.tags),
        "page": page_url(entry),
        "source_files": [entry.article.source] + [d.article.source for d in entry.duplicates],
        "duplicates": [
            {"file": d.article.source, "outlet": d.article.meta.outlet, "url": d.article.meta.url,
             "title": d.article.meta.title, "kind": d.kind, "similarity": d.similarity}
            for d in entry.duplicates
        ],
    }


def _cleaning(article: Article) -> dict:
    return {
        "encoding": article.encoding,
        "repairs": list(article.repairs),
        "inferred": list(article.meta.inferred),
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed],
    }


def build_report(archive: Archive) -> dict:
    """Every input file and its fate: an article page, a duplicate folded into one, or skipped."""
    files = []
    for entry in archive.entries:
        files.append({"file": entry.article.source, "fate": "article", "page": page_url(entry), **_cleaning(entry.article)})
        for dup in entry.duplicates:
            files.append({
                "file": dup.article.source, "fate": "duplicate", "canonical": entry.article.source,
                "page": page_url(entry), "kind": dup.kind, "similarity": dup.similarity, **_cleaning(dup.article),
            })
    for skipped in archive.skipped:
        files.append({"file": skipped.path, "fate": "skipped", "reason": skipped.reason})
    fates = Counter(f["fate"] for f in files)
    return {"files": sorted(files, key=lambda f: f["file"]), "summary": dict(sorted(fates.items()))}
