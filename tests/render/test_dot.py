"""The dot source: snapshots (byte for byte), notation, escaping, determinism.

PREP_UPDATE_SNAPSHOTS=1 python -m pytest tests/render rewrites the snapshots."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from prep.render.dot import to_dot
from prep.notation import plain, text
from conftest import attributes, cells, graphs_from, graphs_in, same_as_snapshot

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


def node(source: str, fragment: str) -> dict[str, str]:
    """The attributes of the node whose line contains `fragment`, its label as the text
    of its cells (`cells`)."""
    found = attributes(node_line(source, fragment))
    return {**found, "label": cells(found["label"])}


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


# Each kind of node in figure4, by a fragment of its line: its label's cells and its dot
# attributes (figure4's subprocesses in order: 計画, 調達, 検査, 製造工程; their colours fill).
CELLS = {
    "<B>出荷</B>": ["出荷", "(品目, 数量, 出荷日)", "[製造工程]"],
    "<B>生産計画</B>": ["生産計画", "(品目, 数量, 納期)", "[計画]"],
    "<B>調達計画</B>": ["調達計画", "(部品, 数量)", "[調達]"],
    "<B>現場ノウハウ</B>": ["現場ノウハウ", "⚠ 介入点"],
    "<営業>": ["営業"],
}
LOOKS = {
    "<B>出荷</B>": "shape=box style=filled,bold peripheries=2 penwidth=2.4 fillcolor=#f3dcf2",
    "<B>生産計画</B>": "shape=hexagon style=filled,bold penwidth=1.8 fillcolor=#fde2c8",
    "<B>調達計画</B>": "shape=box style=filled fillcolor=#d7ecf9",
    "<B>現場ノウハウ</B>": "shape=box style=dashed,rounded penwidth=2.4 color=#c62828 fontcolor=#8e0000",  # no fill
    "<営業>": "shape=cds style=filled fillcolor=#d9d9d9 color=#444444",
}


def test_kinds_have_their_own_look():
    source = to_dot(graphs_in(MODELS / "figure4.prep"))
    for fragment, look in LOOKS.items():
        assert node(source, fragment) == {"label": CELLS[fragment], **dict(kv.split("=", 1) for kv in look.split())}


def test_state_and_parameters_in_label():
    source = to_dot(graphs_in(MODELS / "states_params.prep"), legend=False)
    label = node(source, "<B>申込</B>&lt;提出された&gt;")["label"]
    assert label == ["申込<提出された>", "(氏名, 住所, 金額)"]


def test_relations():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    edges = edge_lines(source)
    sync = [e for e in edges if "dir=both" in e]
    assert len(sync) == 1 and "style=dashed" in sync[0]  # drawn once
    assert all("style=solid" in e for e in edges if e not in sync)
    assert any("納期 → 出荷日" in e for e in edges)  # parameter relation


def test_intervention_point_is_marked():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    found = node(source, "現場ノウハウ")
    assert found["label"] == ["現場ノウハウ", "⚠ 介入点"]
    assert (found["color"], found["fontcolor"], found["penwidth"]) == ("#c62828", "#8e0000", "2.4")
    mark = ElementTree.fromstring(attributes(node_line(source, "現場ノウハウ"))["label"])
    assert ElementTree.tostring(mark.findall(".//FONT")[0], encoding="unicode") == (
        '<FONT POINT-SIZE="9" COLOR="#c62828"><B>⚠ 介入点</B></FONT>'
    )


def test_touch_relation_is_green_with_level():
    source = to_dot(graphs_in(MODELS / "tobe_csm.prep"), legend=False)
    touch = [e for e in edge_lines(source) if "ハイタッチ" in e]
    assert len(touch) == 1
    assert 'color="#2e7d32"' in touch[0]


def test_role_lanes_are_distinct():
    source = to_dot(graphs_in(MODELS / "tobe_csm.prep"), legend=False)
    lanes = [attributes(attrs) for attrs in re.findall(r"subgraph cluster_p1_a\d+ \{\n\s*(.*)", source)]
    assert lanes == [
        {
            "label": "<B>店長</B>",
            "style": "rounded,filled",
            "color": "#555555",
            "fillcolor": "#ffffff",
            "penwidth": "1",
        },
        {
            "label": "<B>店舗スタッフ</B>",
            "style": "rounded,filled",
            "color": "#555555",
            "fillcolor": "#ffffff",
            "penwidth": "1",
        },
        {
            "label": "<B>CSM</B> «CSM»",
            "style": "rounded,filled,bold",
            "color": "#2e7d32",
            "fillcolor": "#eef7ee",
            "penwidth": "2",
        },
        {
            "label": "<B>分析サービス</B> «サービス»",
            "style": "rounded,filled,dashed",
            "color": "#1565c0",
            "fillcolor": "#eaf3fc",
            "penwidth": "2",
        },
    ]


def test_goal_banner_and_subprocess_key():
    source = to_dot(graphs_in(MODELS / "figure4.prep"), legend=False)
    assert "目標: 品質基準をみたす納期遵守率100%" in source
    key = re.findall(r'<TD BGCOLOR="(#[0-9a-f]+)" BORDER="1">(.*?)</TD>', source)
    assert [name for _, name in key] == ["計画", "調達", "検査", "製造工程"]
    colour = dict((name, c) for c, name in key)
    assert f'fillcolor="{colour["調達"]}"' in node_line(source, "<B>調達計画</B>")
    assert "[調達]" in node_line(source, "<B>調達計画</B>")  # named, not only coloured


def test_kpi_and_issue_notes():
    source = to_dot(graphs_in(MODELS / "tobe_csm.prep"), legend=False)
    note = {"shape": "note", "fontsize": "9"}
    assert node(source, "購買率KPI") == {
        **note,
        "label": ["KPI: 購買率KPI [サービス]"],
        "style": "filled",
        "color": "#c62828",
        "fillcolor": "#ffebee",
        "fontcolor": "#b71c1c",
        "penwidth": "2",
    }
    assert node(source, "客単価") == {
        **note,
        "label": ["KPI: 客単価 [補足]"],
        "style": "filled,dashed",
        "color": "#777777",
        "fillcolor": "#fafafa",
        "penwidth": "1",
    }
    source = to_dot(graphs_in(MODELS / "two_processes.prep"), legend=False)
    assert node(source, "課題: 見積に3日かかる") == {
        **note,
        "label": ["課題: 見積に3日かかる"],
        "style": "filled",
        "color": "#e65100",
        "fillcolor": "#fff3e0",
        "penwidth": "1",
    }


def clusters(source: str) -> list[str]:
    return re.findall(r"subgraph (\w+) \{", source)


def test_legend_only_when_asked():
    graphs = graphs_in(MODELS / "figure4.prep")
    lanes = ["cluster_p1", "cluster_p1_a1", "cluster_p1_a2", "cluster_p1_a3"]
    assert clusters(to_dot(graphs)) == [*lanes, "cluster_legend"]
    assert clusters(to_dot(graphs, legend=False)) == lanes


def test_every_process_in_its_own_cluster():
    source = to_dot(graphs_in(MODELS / "two_processes.prep"), legend=False)
    assert clusters(source) == ["cluster_p1", "cluster_p1_a1", "cluster_p2", "cluster_p2_a1", "cluster_p2_a2"]
    banners = re.findall(r"subgraph cluster_p\d \{\n\s*(.*)", source)
    assert [cells(attributes(line)["label"]) for line in banners] == [
        ["受注 [AsIs]", "目標: 納期遵守率"],
        ["出荷 [ToBe]", "目標: 誤出荷ゼロ"],
    ]


def test_japanese_font_everywhere():
    source = to_dot(graphs_in(MODELS / "figure4.prep"))
    fonts = {
        line.split()[0]: attributes(line)["fontname"]
        for line in source.splitlines()
        if line.strip().startswith(("graph [", "node [", "edge ["))
    }
    assert fonts == {"graph": "Noto Sans CJK JP", "node": "Noto Sans CJK JP", "edge": "Noto Sans CJK JP"}


def test_layout_limits():
    head = attributes(to_dot(graphs_in(MODELS / "figure4.prep")).splitlines()[1])
    limits = ("newrank", "rankdir", "splines", "remincross", "mclimit", "nslimit", "nslimit1", "searchsize")
    assert {name: head[name] for name in limits} == {
        "newrank": "true",
        "rankdir": "LR",
        "splines": "spline",
        "remincross": "true",
        "mclimit": "1.0",
        "nslimit": "20",
        "nslimit1": "20",
        "searchsize": "30",
    }


HOSTILE = [
    "<script>alert(1)</script>",
    'say "hi"',
    "{brace}",
    "back\\slash",
    "\\N",
    "a&b",
    'x"]; n1 -> n2 [label="y',
    "</TD></TR></TABLE>>",
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
        assert name in shown  # the final product's name, as written


def test_label_text_escapes():
    assert text('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert text("\\N") == "\\\\N"
    assert "\\" not in str(plain("a\\N"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="the conformance cases are absent (a clone alone)")
@pytest.mark.parametrize("case", sorted(p.name for p in SHARED.glob("valid_*.prep")) if SHARED.is_dir() else [])
def test_valid_cases_draw(case):
    graphs = graphs_in(SHARED / case)
    assert to_dot(graphs) == to_dot(graphs_in(SHARED / case))
    if HAS_DOT:
        done = subprocess.run(["dot", "-Tsvg"], input=to_dot(graphs).encode(), capture_output=True)
        assert done.returncode == 0 and b"<svg" in done.stdout
