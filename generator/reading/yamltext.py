"""YAML as the generator reads it (front matter, claim files): safe loaders only, through libyaml
when PyYAML was built with it (about seven times faster); on an error the Python parser reads it
again, so problems quote its messages and lines."""

from __future__ import annotations

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str):
    return parse(text)[1]


def parse(text: str) -> tuple[yaml.Node | None, object]:
    """(the document's node tree, which says where each value is, and its data), parsed once."""
    try:
        return _parse(text, _FAST)
    except yaml.YAMLError:
        return _parse(text, yaml.SafeLoader)


def _parse(text: str, loader_class) -> tuple[yaml.Node | None, object]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
