"""The KPI tree pictures read as trees (docs/kpi.md, "Pictures"): over every example,
every conformance case with KPIs and generated models, each line's parent stands
above its child, no line joins two nodes of one row or passes through a box, no two
text boxes overlap, the legend is one row of at most a tenth of the height; AsIs
and ToBe share rows; legibility at 1920 px; the SVG's groups are named."""

from __future__ import annotations

import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import CASES_DIR, needs_conformance
from prep.layout.kpitree import kpi_layout
from prep.notation import words_for

sys.path.insert(0, str(Path(__file__).parent))
from kpi_models import graphs, model, trees_of, wide  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PAIRS = [("apparel/asis.prep", "apparel/tobe.prep"), ("incident/service_desk.prep", "incident/tobe/service_desk.prep")]
SINGLES = [
    "restaurant.prep",
    "manufacturing.prep",
    "apparel/asis.prep",
    "apparel/tobe.prep",
    "incident/operations.prep",
    "incident/service_desk.prep",
]
CASES = CASES_DIR
SVG = "{http://www.w3.org/2000/svg}"


def layout_of(asis_text: str, tobe_text: str | None = None, view: str = "kpi"):
    trees, named = trees_of(asis_text, tobe_text, view)
    return kpi_layout(trees, words_for(named))


def _bezier(points, steps: int = 24):
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            yield (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])


def _inside(box, point, inset: float = 1.0) -> bool:
    x, y = point
    return (box.x + inset < x < box.right - inset) and (box.y + inset < y < box.bottom - inset)


def check(layout) -> None:
    """Every property of item 1, with a message naming what breaks it."""
    texts = []
    for tree in layout.trees:
        nodes = {n.id: n for n in tree.nodes}
        texts += [(f"{tree.index}:{n.label}", n.box) for n in tree.nodes]
        texts.append((f"title {tree.index}", tree.title_box))
        assert tree.frame.contains(tree.title_box)
        for n in tree.nodes:
            assert tree.frame.contains(n.box), f"{n.label} outside its frame"
        for edge in tree.edges:
            a, b = nodes[edge.source], nodes[edge.target]
            if edge.kind == "tree":
                assert a.box.cy < b.box.cy, f"{edge.title}: parent not above child"
                assert a.row < b.row, f"{edge.title} joins two nodes of one row"
                assert len(edge.points) % 3 == 1
                for point in _bezier(edge.points):
                    assert point[1] >= a.box.y - 0.5 and point[1] <= b.box.bottom + 0.5
            else:
                assert b.host == a.id
            boxes = [n.box for n in tree.nodes] + [tree.title_box]
            for point in _bezier(edge.points):
                hit = [box for box in boxes if _inside(box, point)]
                assert not hit, f"{edge.title} passes through {hit[0]}"
    legend = layout.legend
    if legend is not None:
        texts += [(f"legend {i.text.text}", i.text_box) for i in legend.items]
        texts += [(f"sample {i.text.text}", i.sample) for i in legend.items]
        assert len({round(i.text_box.cy, 1) for i in legend.items}) == 1, "legend wraps"
        assert legend.box.h <= layout.height / 10 + 0.01, (legend.box.h, layout.height)
        for tree in layout.trees:
            assert not tree.frame.overlaps(legend.box)
    for i, (name, box) in enumerate(texts):
        for other, second in texts[i + 1 :]:
            assert not box.overlaps(second), f"{name} overlaps {other}"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("view", ["kpi", "products"])
@pytest.mark.parametrize("name", SINGLES)
def test_every_example_reads_as_a_tree(name, view):
    check(layout_of(read(EXAMPLES / name), view=view))


@pytest.mark.parametrize("view", ["kpi", "products"])
@pytest.mark.parametrize("asis, tobe", PAIRS)
def test_every_example_pair_reads_as_trees(asis, tobe, view):
    check(layout_of(read(EXAMPLES / asis), read(EXAMPLES / tobe), view))


def test_a_shared_external_stands_below_every_product_it_feeds():
    """In --view products an external feeding several products is one box in a row
    below all of them."""
    layout = layout_of(read(EXAMPLES / "manufacturing.prep"), view="products")
    for tree in layout.trees:
        nodes = {n.id: n for n in tree.nodes}
        for node in tree.nodes:
            parents = [nodes[e.source] for e in tree.edges if e.kind == "tree" and e.target == node.id]
            if node.kind == "external" and len(parents) > 1:
                assert all(p.box.bottom < node.box.y for p in parents)


def _cases_with_kpis() -> list[Path]:
    if not CASES.is_dir():
        return []
    out = []
    for path in sorted(CASES.glob("*.prep")):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if "\n  kpi " in text and graphs(text, path.name):
            out.append(path)
    return out


@needs_conformance
def test_every_conformance_case_with_kpis_reads_as_a_tree():
    cases = _cases_with_kpis()
    assert cases
    for path in cases:
        check(layout_of(read(path)))


@pytest.mark.parametrize("seed", range(24))
def test_generated_models_read_as_trees(seed):
    check(layout_of(model(seed)))
    check(layout_of(model(seed), model(seed, "tobe")))


def _contradict(layout) -> bool:
    """Whether the two trees order some shared nodes both ways (a sync cycle cut at
    different places): then those cannot share rows."""
    import networkx as nx

    union = nx.DiGraph()
    for tree in layout.trees:
        keys = {
            n.id: (n.key if n.host is None and n.kind not in ("ref", "more") and n.key else f"{tree.index}{n.id}")
            for n in tree.nodes
        }
        union.add_edges_from((keys[e.source], keys[e.target]) for e in tree.edges if e.kind == "tree")
    return not nx.is_directed_acyclic_graph(union)


def test_shared_nodes_of_a_pair_stand_in_the_same_rows():
    aligned = 0
    for seed in range(16):
        layout = layout_of(model(seed), model(seed, "tobe"))
        if _contradict(layout):
            continue
        aligned += 1
        asis, tobe = layout.trees
        rows = {n.key: n for n in asis.nodes if n.key and n.host is None and n.kind != "ref"}
        for n in tobe.nodes:
            if n.key in rows and n.host is None and n.kind != "ref":
                assert n.row == rows[n.key].row, (seed, n.label)
                if not layout.stacked:
                    assert abs(n.box.cy - rows[n.key].box.cy) < 0.01, (seed, n.label)
    assert aligned >= 10


@pytest.mark.parametrize("finals", [3, 6, 10, 13])
def test_wide_trees_read_as_trees_in_staggered_rows(finals):
    check(layout_of(wide(finals)))
    check(layout_of(wide(finals), wide(finals, stage="tobe").replace("Rate0_0", "New0")))


def px(layout, size: float) -> float:
    return size * 1920 / layout.width


def _nodes(layout) -> int:
    return max(sum(1 for n in t.nodes if n.kind not in ("issue",)) for t in layout.trees)


def test_legible_at_1920_px():
    """A single tree of up to 40 nodes: names >= 14 px, other text >= 11 px; a pair of
    up to 30 nodes each >= 12 / 10 px (stacked when side by side cannot)."""
    figures = []
    for seed in range(24):
        single = layout_of(model(seed, size=22))
        if _nodes(single) <= 40:
            figures.append(("single", seed, px(single, 16), px(single, 12)))
            assert px(single, 16) >= 14 and px(single, 12) >= 11, (seed, single.width)
        pair = layout_of(model(seed, size=16), model(seed, "tobe", size=16))
        if _nodes(pair) <= 30:
            figures.append(("pair", seed, px(pair, 16), px(pair, 12)))
            assert px(pair, 16) >= 12 and px(pair, 12) >= 10, (seed, pair.width)
    for finals in (6, 10, 13):  # 2 + 3 * finals nodes: up to 41
        single = layout_of(wide(finals))
        assert px(single, 16) >= 14 and px(single, 12) >= 11, (finals, single.width)
        pair = layout_of(wide(finals), wide(finals, stage="tobe"))
        if _nodes(pair) <= 30:
            assert px(pair, 16) >= 12 and px(pair, 12) >= 10, (finals, pair.width)
    assert figures


def test_the_svg_names_trees_nodes_and_lines(tmp_path):
    from typer.testing import CliRunner

    from prep.cli import app

    out = tmp_path / "k.svg"
    done = CliRunner().invoke(
        app, ["kpi", str(EXAMPLES / "apparel/asis.prep"), "--tobe", str(EXAMPLES / "apparel/tobe.prep"), "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    root = ElementTree.fromstring(out.read_text(encoding="utf-8"))
    trees = [g for g in root.iter(f"{SVG}g") if "kpi-tree" in (g.get("class") or "")]
    assert [g.get("class") for g in trees] == ["kpi-tree asis", "kpi-tree tobe"] * 2
    assert [g.get("data-process") for g in trees] == ["週次販売計画"] * 2 + ["日々の店舗運営"] * 2
    tobe = trees[3]

    def titled(cls: str) -> list[tuple[str, str | None]]:
        return [
            (g.find(f"{SVG}title").text, g.get("data-key"))
            for g in tobe.iter(f"{SVG}g")
            if cls in (g.get("class") or "").split()
        ]

    nodes = titled("kpi-node")
    assert ("実績データ", "実績データ") in nodes and ("日々の販売目標の達成", None) in nodes
    assert ("施策実行率", "施策実行率") in nodes
    edges = [t for t, _ in titled("kpi-edge")]
    assert "日次販売実績 -> 商品の陳列" in edges
    assert sorted(t for t in edges if t.endswith("-> 実績データ")) == [
        "CSMの示唆 -> 実績データ",
        "スタッフのシフト調整 -> 実績データ",
        "商品の陳列 -> 実績データ",
        "接客指示 -> 実績データ",
    ]
    assert "接客指示 -> 施策実行率" in [t for t, _ in titled("kpi-link")]
    service = [
        g.get("class")
        for g in tobe.iter(f"{SVG}g")
        if (
            g.find(f"{SVG}title") is not None
            and g.find(f"{SVG}title").text == "実績データ"
            and "kpi-node" in (g.get("class") or "")
        )
    ]
    assert service == ["kpi-node product service new"]
    removed = [
        g.get("class")
        for g in trees[2].iter(f"{SVG}g")
        if "kpi-node" in (g.get("class") or "") and g.find(f"{SVG}title").text == "肌感覚"
    ]
    assert removed == ["kpi-node intangible intervention removed"]
