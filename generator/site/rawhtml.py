"""A Markdown extension (mkdocs.yml `markdown_extensions`) that sets aside the generator's HTML blocks
without parsing them.

Python-Markdown finds raw HTML blocks by feeding the whole page to an HTML parser written in
Python (its `html_block` step), and MkDocs feeds it once more to collect element ids for anchor
checks; on an article page, whose paragraphs, metadata and claims box are HTML, the two take half
of MkDocs' time. The generator writes each HTML block as one run of lines between blank lines,
opening with a block-level element that closes on its last line; such a run is stored in the
Markdown's HTML stash as is, exactly as `html_block` would store it, so the page comes out the
same, byte for byte. Anything else (a run that does not close where it ends, inline HTML) is left
to Python-Markdown. The ids in the blocks set aside are added back for MkDocs' anchor checks by
the hook (`builder.on_page_content`).

Each stored block leaves a placeholder paragraph, on which Python-Markdown would try every inline
pattern (a quarter of an article page's conversion); a block that is one placeholder becomes that
paragraph with its text atomic, so none is tried (the same HTML comes out).
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from markdown import Extension, util
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        start, count = 0, len(lines)
        while start < count:
            if not lines[start].startswith("<") or (start and lines[start - 1]):
                out.append(lines[start])
                start += 1
                continue
            end = start
            while end < count and lines[end]:
                end += 1
            block = "\n".join(lines[start:end])
            if end < count and self._whole(block):
                # as html_block stores a block followed by a blank line: the block and a newline,
                # a placeholder on a line of its own
                out += ["", self.md.htmlStash.store(block + "\n"), ""]
            else:
                out += lines[start:end]
            start = end
        return out

    def _whole(self, block: str) -> bool:
        """Whether the block is one block-level element, opened on its first line and closed on its last."""
        opening = _OPENING.match(block)
        if not opening or not self.md.is_block_level(tag := opening.group(1)) or not block.endswith(f"</{tag}>"):
            return False
        if tag in ("script", "style"):  # raw text: nothing inside is a tag
            return block.count(f"</{tag}>") == 1
        depth = 0
        for found in re.finditer(rf"<(/?){tag}[\s>]", block):
            depth += -1 if found.group(1) else 1
            if depth == 0 and found.end() != len(block):
                return False
        return depth == 0


class _PlaceholderParagraph(BlockProcessor):
    """The paragraph Python-Markdown's paragraph step makes of a block that is one stash placeholder,
    its text an AtomicString, which inline patterns skip; in a list it is left to that step."""

    _PLACEHOLDER = re.compile(util.HTML_PLACEHOLDER % r"[0-9]+")

    def test(self, parent, block: str) -> bool:
        return self._PLACEHOLDER.fullmatch(block) is not None and not self.parser.state.isstate("list")

    def run(self, parent, blocks: list[str]) -> None:
        ElementTree.SubElement(parent, "p").text = util.AtomicString(blocks.pop(0))


class SetAsideHtml(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # after fenced code (25), which may hold HTML as text; before MkDocs' id collection (21) and html_block (20)
        md.preprocessors.register(_SetAside(md), "generator_html_blocks", 22)
        # just before Python-Markdown's paragraph step (10), after every other block step
        md.parser.blockprocessors.register(_PlaceholderParagraph(md.parser), "generator_placeholder_paragraphs", 11)


def makeExtension(**kwargs) -> SetAsideHtml:  # noqa: N802 (Python-Markdown's name)
    return SetAsideHtml(**kwargs)
