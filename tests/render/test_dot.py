"""The dot source: snapshots (byte for byte), notation, escaping, determinism.

PREP_UPDATE_SNAPSHOTS=1 python -m pytest tests/render rewrites the snapshots."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from prep.render.dot import to_dot
from prep.notation import plain, text
from conftest import graphs_from, graphs_in, same_as_snapshot

HERE = Path(__file__).parent
MODELS = HERE / "models"
SNAPSHOTS = HERE / "snapshots"
SHARED = HERE.parents[2] / "shared" / "conformance" / "cases"
HAS_DOT = subprocess.run(["which", "dot"], capture_output=True).returncode == 0


def node_line(source: str, fragment: str) -> str:
    """The dot line of the node whose label contains `fragment`."""
    for line in source.splitlines():
        if re.match(r"\s*n\d+ \[", line) and fragment in line:
            return line
    raise AssertionError(f"no node with {fragment!r}")


def edge_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if re.match(r"\s*n\d+ -> n\d+", line)]


@pytest.mark.parametrize("model", sorted(p.name for p in MODELS.glob("*.prep")))
def test_snapshot(model):
    source = to_dot(graphs_in(MODELS / model))
    same_as_snapshot(source.encode("utf-8"), SNAPSHOTS / (Path(model).stem + ".dot"))


def test_same_model_same_text():
    first = to_dot(graphs_in(MODELS / "figure4.prep"))
    assert to_dot(graphs_in(MODELS / "figure4.prep")) == first


def test_node_ids_follow_source_order():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    ids = re.findall(r"^\s*(n\d+) \[", source, re.M)
    assert ids == [f"n{i}" for i in range(1, len(ids) + 1)]
    assert "生産計画" in node_line(source, "n1 [") and "販売計画部" in node_line(source, "n8 [")


def test_kinds_have_their_own_look():
    source = to_dot(graphs_in(MODELS / "figure4.prep"))
    final = node_line(source, "<B>出荷</B>")
    assert "peripheries=2" in final and "penwidth=2.4" in final and "shape=box" in final
    assert "shape=hexagon" in node_line(source, "<B>生産計画</B>")
    assert "shape=box style=filled" in node_line(source, "<B>調達計画</B>")
    intangible = node_line(source, "<B>現場ノウハウ</B>")
    assert 'style="dashed,rounded"' in intangible and "fillcolor" not in intangible
    assert "shape=cds" in node_line(source, "<営業>")


def test_state_and_parameters_in_label():
    source = to_dot(graphs_in(MODELS / "states_params.prep"), legend=False)
    label = node_line(source, "<B>申込</B>&lt;提出された&gt;")
    assert "(氏名, 住所, 金額)" in label


def test_relations():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    edges = edge_lines(source)
    sync = [e for e in edges if "dir=both" in e]
    assert len(sync) == 1 and "style=dashed" in sync[0]            # drawn once
    assert all("style=solid" in e for e in edges if e not in sync)
    assert any("納期 → 出荷日" in e for e in edges)                   # parameter relation


def test_intervention_point_is_marked():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    line = node_line(source, "現場ノウハウ")
    assert "介入点" in line and 'color="#c62828"' in line


def test_touch_relation_is_green_with_level():
    source = to_dot(graphs_in(MODELS / "tobe_csm.prep"), legend=False)
    touch = [e for e in edge_lines(source) if "ハイタッチ" in e]
    assert len(touch) == 1
    assert 'color="#2e7d32"' in touch[0]


def test_role_lanes_are_distinct():
    source = to_dot(graphs_in(MODELS / "tobe_csm.prep"), legend=False)
    lanes = re.findall(r"subgraph (cluster_p1_a\d+) \{\n\s*(.*)", source)
    by_name = {re.search(r"<B>(.*?)</B>", attrs).group(1): attrs for _, attrs in lanes}
    assert "«CSM»" in by_name["CSM"] and 'fillcolor="#eef7ee"' in by_name["CSM"]
    assert "«サービス»" in by_name["分析サービス"] and "dashed" in by_name["分析サービス"]
    assert "«" not in by_name["店長"]


def test_goal_banner_and_subprocess_key():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    assert "目標: 品質基準をみたす納期遵守率100%" in source
    key = re.findall(r'<TD BGCOLOR="(#[0-9a-f]+)" BORDER="1">(.*?)</TD>', source)
    assert [name for _, name in key] == ["計画", "調達", "検査", "製造工程"]
    colour = dict((name, c) for c, name in key)
    assert f'fillcolor="{colour["調達"]}"' in node_line(source, "<B>調達計画</B>")
    assert "[調達]" in node_line(source, "<B>調達計画</B>")         # named, not only coloured


def test_kpi_and_issue_notes():
    source = to_dot(graphs_in(MODELS / "tobe_csm.prep"), legend=False)
    service = node_line(source, "購買率KPI")
    assert "shape=note" in service and 'color="#c62828"' in service and "サービス" in service
    assert "dashed" in node_line(source, "客単価")
    source = to_dot(graphs_in(MODELS / "two_processes.prep"), legend=False)
    assert "shape=note" in node_line(source, "課題: 見積に3日かかる")


def test_legend_only_when_asked():
    graphs = graphs_in(MODELS / "figure4.prep")
    assert "cluster_legend" in to_dot(graphs)
    assert "cluster_legend" not in to_dot(graphs, legend=False)


def test_every_process_in_its_own_cluster():
    source = to_dot(graphs_in(MODELS / "two_processes.prep"), legend=False)
    assert "subgraph cluster_p1 {" in source and "subgraph cluster_p2 {" in source
    assert "[ToBe]" in source and "[AsIs]" in source


def test_japanese_font_everywhere():
    source = to_dot(graphs_in(MODELS / "figure4.prep"))
    for head in ("graph [", "node [", "edge ["):
        line = next(line for line in source.splitlines() if line.strip().startswith(head))
        assert 'fontname="Noto Sans CJK JP"' in line


def test_layout_limits():
    head = to_dot(graphs_in(MODELS / "figure4.prep")).splitlines()[1]
    for setting in ("newrank=true", "rankdir=LR", "splines=spline", "remincross=true",
                    "mclimit=", "nslimit="):
        assert setting in head


HOSTILE = [
    "<script>alert(1)</script>", 'say "hi"', "{brace}", "back\\slash", "\\N", "a&b",
    'x"]; n1 -> n2 [label="y', "</TD></TR></TABLE>>",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_text(name):
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    model = f"""process {quoted} {{
  goal {quoted}
  external E
  actor {quoted} {{
    final {quoted} [doc={quoted}]
  }}
  {quoted} -> E [touch=high]
  kpi {quoted} for {quoted} [service]
  issue {quoted} on {quoted}
}}"""
    source = to_dot(graphs_from(model), legend=False)
    # The structure stays ours: exactly the nodes and edges we wrote.
    assert len(re.findall(r"^\s*n\d+ \[", source, re.M)) == 4
    assert len(edge_lines(source)) == 3
    if HAS_DOT:
        import html

        done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True)
        assert done.returncode == 0, done.stderr
        svg = done.stdout.decode()
        assert "<script" not in svg and "<TD" not in svg
        assert svg.count('class="node"') == 4
        shown = [html.unescape(s) for s in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
        assert name in shown                    # the final product's name, as written


def test_label_text_escapes():
    assert text('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert text("\\N") == "\\\\N"
    assert "\\" not in str(plain("a\\N"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="the conformance cases are absent (a clone alone)")
@pytest.mark.parametrize("case", sorted(p.name for p in SHARED.glob("valid_*.prep"))
                         if SHARED.is_dir() else [])
def test_valid_cases_draw(case):
    graphs = graphs_in(SHARED / case)
    assert to_dot(graphs) == to_dot(graphs_in(SHARED / case))
    if HAS_DOT:
        done = subprocess.run(["dot", "-Tsvg"], input=to_dot(graphs).encode(),
                              capture_output=True)
        assert done.returncode == 0 and b"<svg" in done.stdout
