"""generator/site/rawhtml.py: the generator's HTML set aside without parsing gives the HTML Python-Markdown gives."""

from __future__ import annotations

import markdown
from mkdocs.utils import meta

EXTENSIONS = ["attr_list", "toc"]  # mkdocs.yml's, less rawhtml


def _html(text: str, extensions: list[str]) -> str:
    return markdown.Markdown(extensions=extensions).convert(meta.get_data(text)[0])


def test_every_generated_page_converts_as_without_the_extension(built):
    pages = sorted(built.paths.content.rglob("*.md"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _html(text, [*EXTENSIONS, "generator.site.rawhtml"]) == _html(text, EXTENSIONS), page


def test_html_in_a_list_and_inline_html_are_left_to_python_markdown():
    text = "- an item\n\n    <p>in the item</p>\n\n<p>a block</p>\n\nText with <em>inline</em> HTML.\n\n<div>\nnot closed\n\n</div>\n"
    assert _html(text, [*EXTENSIONS, "generator.site.rawhtml"]) == _html(text, EXTENSIONS)
