"""Model to graph (docs/architecture.md) and the shared queries."""

from __future__ import annotations

import textwrap

from prep.graph import build_document
from prep.parser import parse_text

from test_parser import FIGURE4


def graphs(text: str):
    result = parse_text(textwrap.dedent(text), "m.prep")
    assert result.ok, result.diagnostics
    built, diagnostics = build_document(result.document)
    return built, diagnostics


def test_figure4_graph_nodes_and_edges():
    (pg,), diagnostics = graphs(FIGURE4)
    assert diagnostics == []
    g = pg.graph
    assert sorted(g.nodes) == sorted(
        ["生産計画", "調達計画", "調達部品<検収済>", "現場ノウハウ", "製品<検査済>", "出荷", "営業", "販売計画部"]
    )
    node = g.nodes["調達部品<検収済>"]
    assert (node["kind"], node["actor"], node["params"], node["state"]) == (
        "milestone",
        "購買",
        ("部品", "数量"),
        "検収済",
    )
    assert node["span"].line == 11
    assert g.nodes["営業"]["kind"] == "external"
    assert g.number_of_edges() == 8
    sync = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "sync"]
    assert sync == [("現場ノウハウ", "製品<検査済>")]  # stored once, left to right
    params = [d["params"] for _, _, d in g.edges(data=True) if d["params"]]
    assert params == [("納期", "出荷日")]


def test_queries_inputs_sync_and_contribution():
    (pg,), _ = graphs(FIGURE4)
    assert pg.inputs_of("製品<検査済>") == ["調達部品<検収済>"]
    assert pg.synced_with("製品<検査済>") == ["現場ノウハウ"]
    assert pg.synced_with("現場ノウハウ") == ["製品<検査済>"]
    assert pg.outputs_of("出荷") == ["営業"]
    assert pg.contributing == set(pg.products)


def test_input_cycles_are_strongly_connected_components():
    (pg,), _ = graphs("""
        process P {
          actor A { product a  product b  product c  product d  product e  final f }
          a -> b
          b -> c
          c -> a
          d -> e
          e -> d
          c -> f
          f -> f
        }
        """)
    cycles = pg.input_cycles
    assert [c.members for c in cycles] == [("a", "b", "c"), ("d", "e")]
    assert [c.first_edge.index for c in cycles] == [0, 3]


def test_subprocess_membership_follows_input_paths_until_other_untils():
    (pg,), _ = graphs("""
        process P {
          external X
          actor A {
            product a  milestone m1  product b  final f
          }
          subprocess S1 until m1
          subprocess S2 until f
          subprocess S3 until m1 { a }
          X -> a -> m1 -> b -> f
        }
        """)
    members = [sorted(pg.subprocess_members[id(s)]) for s in pg.process.subprocesses]
    assert members == [["a", "m1"], ["b", "f"], ["a", "m1"]]


def test_unresolved_references_make_no_edges():
    (pg,), diagnostics = graphs("""
        process P {
          actor A { product a  final b }
          a -> missing -> b
          a -> b
        }
        """)
    assert [d.code for d in diagnostics] == ["PREP101"]
    assert [e.label for e in pg.edges] == ["a -> b"]
