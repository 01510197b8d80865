"""MkDocs' pages converted by one Markdown instance per process, reset between pages.

MkDocs 1.6 (`Page.render` in mkdocs/structure/pages.py) makes a new `markdown.Markdown` for every
page: the extensions of mkdocs.yml are loaded and the parser is built again each time, a sixth of a
page's conversion. Python-Markdown's way to convert many documents is one instance and `reset()`
between them, which every extension of mkdocs.yml and MkDocs' own implements (toc clears its
tokens; the others keep nothing from one document to the next); MkDocs registers its per-page
processors on it again under the same names and priorities, replacing the last page's. So each page
comes out the same, byte for byte.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Iterator

import markdown
from mkdocs.structure import pages


@contextlib.contextmanager
def one_instance() -> Iterator[None]:
    """Within it, `Page.render` converts every page with one Markdown instance per set of options."""
    made: dict[str, markdown.Markdown] = {}

    def reused(**options) -> markdown.Markdown:
        key = repr(options)
        if key not in made:
            made[key] = markdown.Markdown(**options)
            return made[key]
        return made[key].reset()

    module = types.ModuleType(markdown.__name__)
    module.__dict__.update(vars(markdown), Markdown=reused)
    pages.markdown = module
    try:
        yield
    finally:
        pages.markdown = markdown
