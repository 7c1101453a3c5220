"""Checking needs no networkx unless there is a cycle to explain: the plain queries
agree with networkx's graph, and a clean model is checked without importing it."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from test_graph import graphs
from test_parser import FIGURE4

EXAMPLES = sorted((ROOT / "examples").rglob("*.prep"))


def test_degree_and_kind_agree_with_networkx():
    from prep.graph import build_document
    from prep.parser import parse_file

    for path in EXAMPLES:
        for pg in build_document(parse_file(path).document)[0]:
            g = pg.graph
            assert list(g.nodes) == list(pg.nodes)
            for key in g.nodes:
                assert pg.degree(key) == g.degree(key), (path, key)
                assert pg.kind(key) == g.nodes[key]["kind"]


def model(edges: list[tuple[int, int]]) -> str:
    products = "\n".join(f"    product P{n}" for n in range(6))
    relations = "\n".join(f"  P{a} -> P{b}" for a, b in edges)
    return f"process X {{\n  goal G\n  actor A {{\n{products}\n    final F\n  }}\n{relations}\n  P0 -> F\n}}\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12))
def test_cycle_precheck_agrees_with_networkx(edges):
    import networkx as nx

    (pg,), _ = graphs(model(edges))
    sub = nx.DiGraph([(f"P{a}", f"P{b}") for a, b in edges if a != b])
    assert pg._may_cycle() == (not nx.is_directed_acyclic_graph(sub))
    assert bool(pg.input_cycles) == pg._may_cycle()


def test_clean_model_is_checked_without_networkx(tmp_path):
    model_file = tmp_path / "m.prep"
    model_file.write_text(FIGURE4, encoding="utf-8")
    code = (
        "import sys; from prep.checks.runner import check_text; "
        f"check_text(open({str(model_file)!r}, encoding='utf-8').read()); "
        "print('networkx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6)), max_size=8))
def test_kpi_cycle_precheck_agrees_with_networkx(unders):
    """KPI cycles (PREP604) need networkx only when following `under` may come back."""
    import networkx as nx

    from prep.graph.process import _kpis_may_cycle

    kpis = "\n".join(f"  kpi K{a}" + (f" under K{b}" if b < 6 else "") for a, b in unders)
    (pg,), _ = graphs(f"process X {{\n  goal G\n{kpis}\n}}\n")
    found = list(pg.process.kpis)
    first: dict = {}
    for kpi in found:
        first.setdefault(kpi.name, kpi)
    tree = nx.DiGraph([(k.name, k.under.text) for k in found if k.under is not None and k.under.text in first])
    assert _kpis_may_cycle(found) or nx.is_directed_acyclic_graph(tree)
    assert bool(pg.kpi_cycles) == (not nx.is_directed_acyclic_graph(tree))
