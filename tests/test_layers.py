"""Imports flow one way, in the order docs/architecture.md writes once (its
```layers block): a module imports only from the layers below its own, or from its
own package. Every package and root module of prep/ must be ranked there, and
`from prep import X` is read as importing `prep.X`."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[1]
ROOT = TOP / "prep"


def ranks() -> dict[str, int]:
    """Layer name -> rank (higher imports lower), from docs/architecture.md."""
    text = (TOP / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```layers\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no ```layers block"
    lines = [line.split() for line in block.group(1).splitlines() if line.strip()]
    return {name: len(lines) - i for i, names in enumerate(lines) for name in names}


RANK = ranks()


@functools.cache
def units() -> frozenset[str]:
    """Every package and root module of prep/ (the package itself is `prep`)."""
    found = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    found |= {p.stem for p in ROOT.glob("*.py") if p.stem != "__init__"}
    return frozenset(found | {"prep"})


def unit_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return "prep" if parts == ("__init__.py",) else parts[0].removesuffix(".py")


def layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "prep":
        return None
    return parts[1] if len(parts) > 1 else "prep"


def imports(path: Path):
    """(line, module) for each import of prep; `from prep import X` as `prep.X` when X
    is a package or module, else as `prep`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known = units()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "prep":
                for alias in node.names:
                    yield node.lineno, f"prep.{alias.name}" if alias.name in known else "prep"
            else:
                yield node.lineno, node.module


def test_every_unit_is_ranked():
    missing = sorted(units() - RANK.keys())
    assert not missing, f"rank these in docs/architecture.md's layers block: {missing}"
    stale = sorted(RANK.keys() - units())
    assert not stale, f"docs/architecture.md ranks what prep/ does not have: {stale}"


@pytest.mark.parametrize("path", sorted(ROOT.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path):
    own = unit_of(path)
    allowed = {None, own} | ({"api"} if own == "prep" else set())  # prep.load, lazily
    wrong = [
        f"line {line}: {module}"
        for line, module in imports(path)
        if layer(module) not in allowed and RANK.get(layer(module), 0) >= RANK.get(own, 0)
    ]
    assert not wrong, f"{path.relative_to(ROOT)} imports upward or sideways: {wrong}"


def test_from_prep_import_is_resolved(tmp_path):
    """`from prep import notation` counts as `prep.notation`; `__version__` as `prep`."""
    sample = tmp_path / "sample.py"
    sample.write_text("from prep import notation, __version__\n", encoding="utf-8")
    assert list(imports(sample)) == [(1, "prep.notation"), (1, "prep")]


def test_every_import_of_prep_exists():
    """An import inside a function runs only when that path is taken: a module renamed
    away must fail here, not in the one command that reaches it."""
    modules = {_module_name(p) for p in ROOT.rglob("*.py")}
    missing = [
        f"{path.relative_to(TOP)}:{line}: {module}"
        for path in sorted(ROOT.rglob("*.py"))
        for line, module in imports(path)
        if module.startswith("prep") and module not in modules
    ]
    assert missing == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(TOP).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_circles():
    """No two modules import each other, even through an import inside a function:
    what both need lives in the lower one (docs/architecture.md). A package's own
    __init__ and its submodules are one unit, so edges between them do not count."""
    import networkx as nx

    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        for _line, target in imports(path):
            parts = target.split(".")
            # the module itself, or `from package import module`
            candidates = [target] + [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]
            found = next((c for c in candidates if c in modules), None)
            if found is None or found == name:
                continue
            if found.startswith(name + ".") or name.startswith(found + "."):
                continue  # a package and its own submodules
            graph.add_edge(name, found)
    circles = sorted(sorted(c) for c in nx.simple_cycles(graph) if len(c) <= 3)
    assert not circles, f"modules importing each other: {circles}"
