"""The documentation stays true: the README's command table lists every command and option the CLI
has, and every relative link in README.md, CONTRIBUTING.md and docs/*.md reaches a file (and heading)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCUMENTS = [README, ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
COMMANDS = "Commands"  # the README section holding the command table
_OPTION = re.compile(r"--[a-z][a-z0-9-]*")


def prose(markdown: str) -> str:
    """Markdown without fenced code blocks and code spans, where links and headings are not markup."""
    return _CODE_SPAN.sub("", _FENCE.sub("", markdown))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text lower-cased, punctuation but hyphens (and `_`) dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")  # the rendered text, not the markup
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every heading's anchor; a repeated heading gets -1, -2, … as on GitHub."""
    found: set[str] = set()
    for heading in _HEADING.findall(_FENCE.sub("", markdown)):
        base = slug(heading)
        name, number = base, 0
        while name in found:
            number += 1
            name = f"{base}-{number}"
        found.add(name)
    return found


def broken_links(path: Path) -> list[str]:
    """'file: target (why)' for every relative link of a Markdown file that reaches nothing."""
    problems = []
    for target in _LINK.findall(prose(path.read_text(encoding="utf-8"))):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto: …: not fetched
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            problems.append(f"{path.name}: {target} (no such file)")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text(encoding="utf-8")):
            problems.append(f"{path.name}: {target} (no heading #{anchor})")
    return problems


def section(markdown: str, title: str) -> str:
    """The text under the level-2 heading ``title``, up to the next level-2 heading."""
    found = re.search(rf"^## {re.escape(title)}[ \t]*\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return found.group(1) if found else ""


def command_rows(markdown: str) -> dict[str, str]:
    """The command table's rows by command: in the Commands section, a row whose first cell starts with `name`."""
    rows = {}
    for line in section(markdown, COMMANDS).splitlines():
        if found := re.match(r"\|\s*`([a-z][a-z-]*)[` ]", line):
            rows[found.group(1)] = line
    return rows


def long_options(command: click.Command) -> set[str]:
    return {name for param in command.params if isinstance(param, click.Option)
            for name in param.opts + param.secondary_opts if name.startswith("--") and name != "--help"}


def table_problems(group: click.Group, markdown: str) -> list[str]:
    """What the command table gets wrong against the CLI: commands or options missing, options it has no more."""
    rows = command_rows(markdown)
    problems = [f"`{name}` is not in the command table" for name in sorted(group.commands) if name not in rows]
    problems += [f"`{name}` is in the command table but is no command" for name in sorted(rows) if name not in group.commands]
    for name, command in sorted(group.commands.items()):
        if name in rows:
            listed = set(_OPTION.findall(rows[name]))
            problems += [f"`{name}`: {option} missing" for option in sorted(long_options(command) - listed)]
            problems += [f"`{name}`: {option} is no option of it" for option in sorted(listed - long_options(command))]
    return problems


def test_the_command_table_lists_every_command_and_option():
    assert table_problems(main, README.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(document):
    assert broken_links(document) == []


def test_the_readme_stays_under_10_kb():
    assert README.stat().st_size <= 10_240


# The checks themselves, on small bad examples: each must find what is wrong, and only that.

def test_a_missing_or_stale_option_or_command_is_found():
    @click.group()
    def toy() -> None:
        """A toy CLI."""

    @toy.command()
    @click.option("--seeds")
    @click.option("--all", "show_all", is_flag=True)
    @click.option("--color/--no-color")
    def claim(seeds, show_all, color) -> None:
        """Preview."""

    @toy.command()
    def build() -> None:
        """Build."""

    table = ("## Commands\n\n| command | what it does |\n| --- | --- |\n"
             "| `claim TEXT [--seeds DIR] [--limit 3] [--color]` | preview |\n"
             "| `check [--format text\\|github]` | no option of claim |\n"
             "| `serve` | gone |\n\n## Elsewhere\n\n| `search` | not in the command table |\n")
    assert table_problems(toy, table) == [
        "`build` is not in the command table",
        "`check` is in the command table but is no command",
        "`serve` is in the command table but is no command",
        "`claim`: --all missing",
        "`claim`: --no-color missing",
        "`claim`: --limit is no option of it",
    ]


def test_github_slugs():
    assert slug("How claims are matched") == "how-claims-are-matched"
    assert slug("Dependencies, and why") == "dependencies-and-why"
    assert slug("`generator/model.py`: the data") == "generatormodelpy-the-data"
    assert slug("Stage → package") == "stage--package"
    assert anchors("# Notes\n\n## Notes\n\n```\n# not a heading\n```\n") == {"notes", "notes-1"}


def test_a_broken_link_or_anchor_is_found(tmp_path):
    (tmp_path / "other.md").write_text("# Other page\n\n## A section\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n"
        "[fine](other.md) [fine](other.md#a-section) [fine](#page) [web](https://example.org/nowhere)\n"
        "[gone](missing.md) [no heading](other.md#nowhere) [no heading here](#elsewhere)\n"
        "`[in code](missing-too.md)`\n\n```\n[in a block](missing-three.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "page.md: missing.md (no such file)",
        "page.md: other.md#nowhere (no heading #nowhere)",
        "page.md: #elsewhere (no heading #elsewhere)",
    ]
