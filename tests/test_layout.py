"""The package layout: each stage imports only earlier stages, and no module imports itself in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# The pipeline's order. `model` and `errors` are shared by every stage and import none;
# `pipeline`, `cli`, `commands`, `engine` (how a build runs) and `__main__` sit above the stages and may import any of them.
STAGES = ("reading", "dedup", "claims", "stories", "site")
SHARED = ("model", "errors")


def imports(root: Path) -> dict[str, set[str]]:
    """Module name -> the generator modules it imports (at any depth of the file, functions included)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == root.name:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.split(".")[0] == root.name)
        graph[name] = found
    return {name: {target for target in found if target in graph and target != name} for name, found in graph.items()}


def rank(module: str) -> int:
    """-1 for the shared modules, the stage's index for a stage, len(STAGES) for everything above them."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in SHARED:
        return -1
    if len(parts) > 1 and parts[1] in STAGES:
        return STAGES.index(parts[1])
    return len(STAGES)


def forward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a later stage (or of anything by a shared module), as 'importer -> imported'."""
    return sorted(f"{module} -> {target}" for module, targets in graph.items() for target in targets
                  if rank(target) > rank(module) or (rank(module) == -1 and rank(target) != -1))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, each as the path that closes it (depth-first search)."""
    found, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_every_module_belongs_to_a_stage_or_sits_above_them():
    top = {m.split(".")[1] for m in imports(GENERATOR) if m.count(".")} - set(STAGES) - set(SHARED)
    assert top == {"__main__", "cli", "pipeline", "commands", "engine"}


def test_no_stage_imports_a_later_stage():
    assert forward_imports(imports(GENERATOR)) == []


def test_the_import_graph_has_no_cycles():
    assert cycles(imports(GENERATOR)) == []


@pytest.fixture
def toy(tmp_path):
    """A small generator/ whose claims stage reaches forward into the site and whose site imports itself in a circle."""
    root = tmp_path / "generator"
    files = {
        "__init__.py": "",
        "model.py": "",
        "claims/__init__.py": "",
        "claims/evidence.py": "from generator.model import X\n\ndef f():\n    from generator.site import render\n",
        "site/__init__.py": "",
        "site/render.py": "from generator.site.feeds import feed\n",
        "site/feeds.py": "from generator.site import render\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_the_walk_finds_a_forward_import_even_inside_a_function(toy):
    assert forward_imports(imports(toy)) == ["generator.claims.evidence -> generator.site",
                                             "generator.claims.evidence -> generator.site.render"]


def test_the_walk_finds_a_cycle(toy):
    assert cycles(imports(toy)) == [["generator.site.render", "generator.site.feeds", "generator.site.render"]]
