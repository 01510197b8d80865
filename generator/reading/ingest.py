"""Read article files: any encoding a contributor may paste, optional YAML front matter, blocks."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import ftfy
import yaml
from markdown_it import MarkdownIt

from generator.errors import Problem
from generator.model import Block, Skipped, Source
from generator.reading import yamltext

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
FRONT_MATTER_FIELDS = {"title", "outlet", "author", "date", "url", "tags", "language", "added"}
_FIXER = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)


def discover(folder: Path) -> list[Path]:
    """Every file under ``folder``, in a stable order; symlinks that leave it are ignored."""
    root = folder.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.resolve().is_relative_to(root):
            found.append(path)
    return found


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name): BOMs, UTF-16 without BOM, UTF-8, else Windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    if data[1:200:2].count(0) > len(data[1:200:2]) // 2:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if data[0:200:2].count(0) > len(data[0:200:2]) // 2:
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Normalise line ends and repair mojibake (``â€™`` -> ``’``); say what was done."""
    repairs = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append("line endings normalised")
    fixed = ftfy.fix_text(text, _FIXER)
    if fixed != text:
        repairs.append("mojibake repaired")
    return fixed, tuple(repairs)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line number where the body starts)."""
    match = re.match(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.S)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end():], match.group(0).count("\n") + 1


def parse_front_matter(raw: str, path: str) -> tuple[dict, list[Problem]]:
    """Safe-load YAML front matter; unknown or mistyped fields are problems with their line."""
    try:
        data = yamltext.load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return {}, [Problem(path, line, f"front matter is not valid YAML ({getattr(err, 'problem', err)})")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(path, 2, "front matter must be a mapping of fields, e.g. 'title: ...'")]
    problems = []
    for key, value in data.items():
        line = _key_line(raw, str(key))
        if key not in FRONT_MATTER_FIELDS:
            known = ", ".join(sorted(FRONT_MATTER_FIELDS))
            problems.append(Problem(path, line, f"unknown front matter field '{key}' (known: {known})"))
        elif key == "tags":
            if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(t, str) for t in value))):
                problems.append(Problem(path, line, "'tags' must be a list of words or a comma-separated string"))
        elif key != "date" and value is not None and not isinstance(value, str):
            problems.append(Problem(path, line, f"'{key}' must be text, not {type(value).__name__}"))
        elif key == "url" and value and not value.startswith(("http://", "https://")):
            problems.append(Problem(path, line, f"url '{value}' must start with http:// or https://"))
    return data, problems


def _key_line(raw: str, key: str) -> int:
    for number, line in enumerate(raw.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def text_blocks(body: str, first_line: int) -> list[Block]:
    """Plain text -> blocks: one per line, except hard-wrapped lines, which are joined."""
    blocks: list[Block] = []
    pending: Block | None = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        line = line.strip()
        if not line:
            if pending:
                blocks.append(pending)
            pending = None
        elif pending and _continues(pending.text, line):
            pending = Block(pending.line, f"{pending.text} {line}")
        else:
            if pending:
                blocks.append(pending)
            pending = Block(number, line)
    if pending:
        blocks.append(pending)
    return blocks


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence and this one goes on in lower case."""
    return not re.search(r"[.!?:;\"”’')\]]$", previous) and line[0].islower()


_MARKDOWN = MarkdownIt("commonmark")  # a parser keeps no state between documents


def markdown_blocks(body: str, first_line: int) -> list[Block]:
    """Markdown -> blocks of plain text (headings flagged); markup is dropped, never rendered."""
    tokens = _MARKDOWN.parse(body)
    blocks = []
    for index, token in enumerate(tokens):
        if not token.map:
            continue
        if token.type == "inline":
            text = _inline_text(token)
        elif token.type in ("html_block", "code_block", "fence"):
            text = token.content  # kept as text: it is escaped when rendered, never run
        else:
            continue
        text = " ".join(text.split())
        if text:
            heading = tokens[index - 1].type == "heading_open"
            blocks.append(Block(first_line + token.map[0], text, heading))
    return blocks


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def read(path: Path, root: Path) -> Source | Skipped | list[Problem]:
    """One file -> a Source, a Skipped with its reason, or the problems that stop it."""
    name = path.relative_to(root).as_posix()
    if path.name.startswith("."):
        return Skipped(name, "hidden file, not an article")
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return Skipped(name, f"unsupported file type '{path.suffix}': save articles as .txt or .md")
    try:
        data = path.read_bytes()
    except OSError as err:
        return [Problem(name, None, f"cannot read the file ({err.strerror})")]
    text, encoding = decode(data)
    text, repairs = repair(text)
    raw, body, first_line = split_front_matter(text)
    front_matter, problems = parse_front_matter(raw, name) if raw is not None else ({}, [])
    if problems:
        return problems
    is_markdown = path.suffix.lower() != ".txt"
    blocks = markdown_blocks(body, first_line) if is_markdown else text_blocks(body, first_line)
    if not blocks:
        return Skipped(name, "no text in the file")
    return Source(name, encoding, front_matter, tuple(blocks), repairs)
