"""Imports flow one way (DEVELOPERS.md): cli -> report -> {checks, render, kpi, diff}
-> graph -> parser -> model -> diagnostics. A module imports only from layers below
its own (or from its own package); the check reads every import statement."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "prep"
RANK = {"cli": 7, "serve": 6.5, "report": 6, "config": 6, "checks": 5, "render": 5, "kpi": 5, "diff": 5,
        "init_template": 5, "graph": 4, "parser": 3, "model": 2, "diagnostics": 1}
RANK.update({"layout": 4.6, "notation": 4.3, "graphviz_run": 1.5})   # render/kpi/diff -> layout -> notation -> graph


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "prep" else None


def imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


@pytest.mark.parametrize("path", sorted(ROOT.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path):
    own = path.relative_to(ROOT).parts[0].removesuffix(".py")
    if own not in RANK:
        return  # prep/__init__.py, prep/__main__.py
    wrong = [f"line {line}: {module}" for line, module in imports(path)
             if layer(module) in RANK and layer(module) != own
             and RANK[layer(module)] >= RANK[own]]
    assert not wrong, f"{path.relative_to(ROOT)} imports upward or sideways: {wrong}"
