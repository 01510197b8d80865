"""Tracked claims: one YAML file per claim in seeds/claims/<id>.yml, validated with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.errors import Problem
from generator.model import Claim

FIELDS = {
    "statement": "the claim, one sentence (required); amounts in it ('2 km', 'six children') are read with their units",
    "aliases": "other phrasings of the same claim; a phrasing without an amount also matches reports that give none",
    "tags": "topics, for grouping",
    "notes": "free text for readers",
}
RETIRED = ("terms", "predicate", "context", "quantities")  # hand-written matching hints of earlier versions
MIN_WORDS = 3
TOO_SHORT = f"write who did what, in at least {MIN_WORDS} words (e.g. 'Ukraine advanced 2 km near Bakhmut.')"
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
        if key in RETIRED:
            problems.append(Problem(name, line, f"'{key}' is no longer needed: the statement and aliases are "
                                                "enough (preview with `python -m generator claim PATH`); delete it"))
        elif key not in FIELDS:
            problems.append(Problem(name, line, f"unknown field '{key}' (known: {', '.join(FIELDS)})"))
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
