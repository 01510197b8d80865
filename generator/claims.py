"""Tracked claims: one YAML file per claim in seeds/claims/<id>.yml, validated with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator import quantities
from generator.errors import Problem
from generator.model import Claim

FIELDS = {
    "statement": "the claim, one sentence (required)",
    "aliases": "other phrasings of the same claim",
    "terms": "groups of words; a sentence is evidence only if it has a word from every group ('advance*' matches any ending)",
    "predicate": "words that make a sentence assert the claim; with the terms but none of these it only mentions it",
    "context": "words of which one must occur somewhere in the article (a place, an event)",
    "quantities": "amounts the claim states ('2 km', '40 tanks'); a sentence with a far different amount of that kind is about something else",
    "tags": "topics, for grouping",
    "notes": "free text for readers",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _lines(node: yaml.MappingNode) -> dict[str, int]:
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _words(value, field: str) -> tuple[str, ...] | str:
    """A list of non-empty strings (a single string is accepted), or an error message."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"'{field}' must be a list of text items"
    return tuple(v.strip() for v in value)


def parse(path: Path, name: str) -> Claim | list[Problem]:
    """One claim file -> a Claim, or every problem in it."""
    stem = path.stem
    problems: list[Problem] = []
    if not _ID.match(stem):
        problems.append(Problem(name, None, f"rename the file: a claim id is lower-case letters, digits and '-', not '{stem}'"))
    try:
        text = path.read_text(encoding="utf-8-sig")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
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
        if key not in FIELDS:
            problems.append(Problem(name, line, f"unknown field '{key}' (known: {', '.join(FIELDS)})"))
        elif key in ("statement", "notes"):
            if not isinstance(value, str) or (key == "statement" and not value.strip()):
                problems.append(Problem(name, line, f"'{key}' must be text"))
            else:
                values[key] = " ".join(value.split())
        elif key == "terms":
            groups = value if isinstance(value, list) and all(isinstance(g, list) for g in value) else None
            checked = [_words(group, key) for group in groups or []]
            if not groups or any(isinstance(c, str) for c in checked):
                problems.append(Problem(name, line, "'terms' must be a list of word lists, e.g. [[advance*, gain*], [bakhmut]]"))
            else:
                values[key] = tuple(tuple(w.lower() for w in group) for group in checked)
        else:
            words = _words(value, key)
            if isinstance(words, str):
                problems.append(Problem(name, line, words))
            elif key == "quantities" and not all(quantities.find(q) for q in words):
                problems.append(Problem(name, line, "each quantity needs a number and a unit or noun, e.g. '2 km', '40 tanks'"))
            else:
                values[key] = tuple(w.lower() for w in words) if key in ("predicate", "context") else words
    if "statement" not in data:
        problems.append(Problem(name, 1, "missing 'statement': the claim in one sentence"))
    if problems:
        return problems
    if "terms" not in values:
        values["terms"] = (tuple(w.lower() for w in re.findall(r"[A-Za-z]{5,}", values["statement"])),)
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
