"""Tracked claims: one YAML file per claim in seeds/claims/<id>.yml, validated with file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.errors import Problem
from generator.model import Claim, Verdict
from generator.reading import yamltext

VERDICTS = {  # an editor's rating -> (schema.org ratingValue, 1 = worst .. 5 = best; None: off the scale, label)
    "true": (5, "True"),
    "mostly-true": (4, "Mostly true"),
    "mixed": (3, "Mixed"),
    "mostly-false": (2, "Mostly false"),
    "false": (1, "False"),
    "unproven": (None, "Unproven"),
}
VERDICT_FIELDS = ("rating", "reasoning", "source", "by", "date")
FIELDS = {
    "statement": "the claim, one sentence (required); amounts in it ('2 km', 'six children') are read with their units",
    "aliases": "other phrasings of the same claim; a phrasing without an amount also matches reports that give none",
    "tags": "topics, for grouping",
    "notes": "free text for readers",
    "verdict": f"an editor's checked verdict (optional): 'rating' (one of {', '.join(VERDICTS)}), 'reasoning' (why, "
               "required) and 'source' (an http:// or https:// link to the evidence relied on, required); optionally "
               "'by' (the editor, else the site) and 'date' (yyyy-mm-dd). Published as a schema.org ClaimReview",
}
RETIRED = ("terms", "predicate", "context", "quantities")  # hand-written matching hints of earlier versions
MIN_WORDS = 3
TOO_SHORT = f"write who did what, in at least {MIN_WORDS} words (e.g. 'Ukraine advanced 2 km near Bakhmut.')"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _lines(node: yaml.MappingNode) -> dict[str, int]:
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _child(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _verdict(value, node: yaml.Node | None, line: int | None, name: str) -> Verdict | list[Problem]:
    """The 'verdict:' mapping -> a Verdict, or its problems, each at the line of its field."""
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        return [Problem(name, line, "'verdict' must be a mapping: 'rating:', 'reasoning:' and 'source:' on indented lines below it")]
    lines = _lines(node)
    problems = []
    for key in value:
        if key not in VERDICT_FIELDS:
            problems.append(Problem(name, lines.get(str(key), line),
                                    f"unknown verdict field '{key}' (known: {', '.join(VERDICT_FIELDS)})"))
    scale = ", ".join(VERDICTS)
    rating = _child(node, "rating")  # its text as written: YAML reads a bare true/false as a boolean
    text = rating.value.strip().lower().replace(" ", "-") if isinstance(rating, yaml.ScalarNode) else None
    if "rating" not in value:
        problems.append(Problem(name, line, f"the verdict needs a 'rating': one of {scale}"))
    elif text not in VERDICTS:
        problems.append(Problem(name, lines["rating"], f"the verdict's rating must be one of {scale}, not '{value['rating']}'"))
    fields = {}
    for key in ("reasoning", "by"):
        if key in value:
            if not isinstance(value[key], str) or not value[key].strip():
                problems.append(Problem(name, lines[key], f"the verdict's '{key}' must be text"))
            else:
                fields[key] = " ".join(value[key].split())
    if "reasoning" not in value:
        problems.append(Problem(name, line, "the verdict needs its 'reasoning': why the editor rated the claim so"))
    source = value.get("source")
    if "source" not in value:
        problems.append(Problem(name, line, "the verdict needs a 'source': an http:// or https:// link to the evidence relied on"))
    elif not isinstance(source, str) or urlsplit(source.strip()).scheme not in ("http", "https") or not urlsplit(source.strip()).netloc:
        problems.append(Problem(name, lines["source"], f"the verdict's source '{source}' must be a link starting with http:// or https://"))
    date = value.get("date")
    if "date" in value:
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date.strip())
            except ValueError:
                pass
        if isinstance(date, dt.datetime):
            date = date.date()
        if not isinstance(date, dt.date):
            problems.append(Problem(name, lines["date"], f"the verdict's date must be a date such as 2023-05-20, not '{value['date']}'"))
    if problems:
        return problems
    return Verdict(rating=text, reasoning=fields["reasoning"], source=source.strip(), by=fields.get("by", ""),
                   date=date.isoformat() if date is not None else None)


def _words(value, field: str) -> tuple[str, ...] | str:
    """A list of non-empty strings (a single string is accepted), or an error message."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"'{field}' must be a list of text items"
    return tuple(v.strip() for v in value)


def too_short(statement: str) -> bool:
    return len(re.findall(r"\w+", statement)) < MIN_WORDS


def parse(path: Path, name: str) -> Claim | list[Problem]:
    """One claim file -> a Claim, or every problem in it."""
    stem = path.stem
    problems: list[Problem] = []
    if not _ID.match(stem):
        problems.append(Problem(name, None, f"rename the file: a claim id is lower-case letters, digits and '-', not '{stem}'"))
    try:
        text = path.read_text(encoding="utf-8-sig")
        node, data = yamltext.parse(text)
    except UnicodeDecodeError:
        return [Problem(name, None, "save the file as UTF-8")]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [Problem(name, mark.line + 1 if mark else None, f"not valid YAML ({getattr(err, 'problem', err)})")]
    if not isinstance(data, dict):
        return [Problem(name, 1, "a claim file is a mapping of fields, starting with 'statement: ...'")]
    lines = _lines(node)
    values: dict = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if key in RETIRED:
            problems.append(Problem(name, line, f"'{key}' is no longer needed: the statement and aliases are "
                                                "enough (preview with `python -m generator claim PATH`); delete it"))
        elif key not in FIELDS:
            problems.append(Problem(name, line, f"unknown field '{key}' (known: {', '.join(FIELDS)})"))
        elif key == "verdict":
            verdict = _verdict(value, _child(node, "verdict"), line, name)
            if isinstance(verdict, Verdict):
                values[key] = verdict
            else:
                problems.extend(verdict)
        elif key in ("statement", "notes"):
            if not isinstance(value, str) or (key == "statement" and not value.strip()):
                problems.append(Problem(name, line, f"'{key}' must be text"))
            elif key == "statement" and too_short(value):
                problems.append(Problem(name, line, f"the statement is too short to be matched: {TOO_SHORT}"))
            else:
                values[key] = " ".join(value.split())
        else:
            words = _words(value, key)
            if isinstance(words, str):
                problems.append(Problem(name, line, words))
            else:
                values[key] = words
    if "statement" not in data:
        problems.append(Problem(name, 1, "missing 'statement': the claim in one sentence"))
    if problems:
        return problems
    return Claim(id=stem, source=name, **values)


def load(folder: Path) -> tuple[list[Claim], list[Problem]]:
    """Every claim under ``folder``; duplicate statements are errors too."""
    if not folder.is_dir():
        return [], []
    claims, problems = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        name = path.relative_to(folder.parent).as_posix()
        if path.suffix not in (".yml", ".yaml"):
            problems.append(Problem(name, None, "claims are YAML files: rename it to <id>.yml"))
            continue
        result = parse(path, name)
        if isinstance(result, Claim):
            claims.append(result)
        else:
            problems.extend(result)
    seen: dict[str, Claim] = {}
    for claim in claims:
        key = re.sub(r"\W+", " ", claim.statement.casefold()).strip()
        if key in seen:
            problems.append(Problem(claim.source, 1, f"the same statement as {seen[key].source}: merge them or reword one"))
        seen.setdefault(key, claim)
        if sum(c.id == claim.id for c in claims) > 1:
            problems.append(Problem(claim.source, None, f"another claim file has the id '{claim.id}'"))
    return claims, problems
