"""The house's shape (issue 30): stages as packages, dependencies one way, modules one can read.

Every import is counted, lazy ones inside functions too: a lazy import still ties two modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "translator"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the modules of ours it imports (``from pkg import submodule`` counts the submodule)."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                subs = [f"{node.module}.{alias.name}" for alias in node.names]
                targets = [t for t in subs if t in modules] or [node.module]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_graph(_modules())) == []


def test_a_cycle_is_seen() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.skipif(ROOT.name == "mutants", reason="mutmut's copy: its trampolines lengthen every module")
def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_every_package_says_what_its_stage_does() -> None:
    for path in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{path.relative_to(ROOT)} has no docstring saying what the package does"


def test_stages_do_not_reach_back() -> None:
    """Earlier stages never import later ones: reading knows nothing of cleaning or translating."""
    graph = _graph(_modules())
    later = {
        "translator.read": ("translator.clean", "translator.segment", "translator.translate", "translator.export"),
        "translator.clean": ("translator.segment", "translator.translate", "translator.export"),
        "translator.facts": ("translator.read", "translator.clean", "translator.translate", "translator.glossary"),
        "translator.document": ("translator.",),
    }
    for name, imports in graph.items():
        for stage, forbidden in later.items():
            if name == stage or name.startswith(stage + "."):
                wrong = sorted(t for t in imports if t.startswith(forbidden) and t != "translator.errors")
                assert not wrong, f"{name} imports {wrong}"
