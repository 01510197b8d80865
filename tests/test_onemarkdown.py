"""generator/site/onemarkdown.py: pages converted by one reused Markdown instance come out as MkDocs
converts them with a new instance each."""

from __future__ import annotations

from mkdocs import config as mkdocs_config
from mkdocs.commands.build import get_files
from mkdocs.structure.pages import Page

from generator.site import onemarkdown
from tests.conftest import ROOT


def _converted(content) -> list[tuple]:
    """Each page of content/ as MkDocs' Page.render leaves it: HTML, table of contents, anchors, links."""
    config = mkdocs_config.load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(content.resolve()))
    files = get_files(config)
    done = []
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        done.append((file.src_uri, page.content, str(page.toc), page.title, sorted(page.present_anchor_ids),
                     {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}))
    return done


def test_every_generated_page_converts_as_with_a_new_instance_each(built):
    fresh = _converted(built.paths.content)
    assert len(fresh) > 20 and any(toc != "" for _, _, toc, *_ in fresh)
    with onemarkdown.one_instance():
        assert _converted(built.paths.content) == fresh
