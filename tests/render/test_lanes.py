"""The swimlane drawing (docs/notation.md): pinned dot text (snapshots), the SVG's
structure, legibility on a 1920-pixel screen, and escaping in every drawing kind.

PREP_UPDATE_SNAPSHOTS=1 python -m pytest tests/render rewrites the snapshots."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app
from prep.layout import layout
from prep.render import render
from conftest import graphs_from, graphs_in, same_as_snapshot

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
MODELS = HERE / "models"
SNAPSHOTS = HERE / "snapshots" / "lanes"
EXAMPLES = sorted((ROOT / "examples").rglob("*.prep"))
SVG = "{http://www.w3.org/2000/svg}"
INK = "#111111"  # the colour of product names (prep.notation.COLOUR["name"])


def groups(svg: bytes) -> list[tuple[set[str], str, ET.Element]]:
    """(classes, title, element) of every <g> with a title."""
    found = []
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if title is not None and g.get("class"):
            found.append((set(g.get("class").split()), title.text or "", g))
    return found


def titles(svg: bytes, cls: str) -> list[str]:
    return [title for classes, title, _ in groups(svg) if cls in classes]


def summary(drawing) -> str:
    """What a reviewer checks in a swimlane layout, as text: per process its lanes,
    bands, the products of each column (lane by lane, top to bottom), the externals'
    sides and lanes, and the edges. The pinned dot beside it holds the coordinates."""
    out = []
    for pl in drawing.processes:
        lanes = [lane.actor for lane in pl.lanes]
        out.append(f"process {pl.name} ({pl.stage})")
        out.append("  lanes: " + " | ".join(lanes))
        for band in pl.bands:
            members = sorted({n.column for n in pl.nodes if n.subprocess == band.name})
            out.append(f"  band {band.name}: columns {members}")
        for column in sorted({n.column for n in pl.nodes}):
            here = sorted((n for n in pl.nodes if n.column == column), key=lambda n: n.box.cy)
            cells = [f"{lanes[n.lane]}: {n.key}" for n in here]
            out.append(f"  column {column}: " + "; ".join(cells))
        for n in sorted(pl.externals, key=lambda n: (n.side or "", n.key)):
            lane = min(pl.lanes, key=lambda lane: abs(lane.box.cy - n.box.cy)).actor
            out.append(f"  external {n.key}: {n.side}, beside {lane}")
        edges = sorted(e.title for e in pl.edges if e.kind in ("input", "sync"))
        out.append("  edges: " + "; ".join(edges))
        notes = sorted(f"{note.kind} {note.title}" for note in pl.notes)
        if notes:
            out.append("  notes: " + "; ".join(notes))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("model", sorted(p.name for p in MODELS.glob("*.prep")))
def test_snapshot(model):
    """The pinned dot (coordinates) and, beside it, a readable summary to review."""
    graphs = graphs_in(MODELS / model)
    same_as_snapshot(summary(layout(graphs)).encode("utf-8"), SNAPSHOTS / (Path(model).stem + ".summary.txt"))
    same_as_snapshot(render(graphs, "dot"), SNAPSHOTS / (Path(model).stem + ".dot"))


def test_svg_structure_names_every_element():
    svg = render(graphs_in(MODELS / "figure4.prep"), "svg")
    assert titles(svg, "lane") == ["生産管理", "購買", "製造部"]
    assert titles(svg, "subprocess") == ["計画", "調達", "検査", "製造工程"]
    assert set(titles(svg, "product")) == {
        "生産計画",
        "調達計画",
        "調達部品<検収済>",
        "現場ノウハウ",
        "製品<検査済>",
        "出荷",
    }
    assert sorted(titles(svg, "external")) == ["営業", "販売計画部"]
    relations = titles(svg, "relation")
    assert "生産計画 -> 出荷" in relations and "現場ノウハウ <-> 製品<検査済>" in relations
    assert relations.count("生産計画 -> 出荷") == 1  # the parameter relation merged
    text = svg.decode()
    assert "納期 → 出荷日" in text and "⚠ 介入点" in text


def test_svg_structure_of_notes_and_several_processes():
    svg = render(graphs_in(MODELS / "two_processes.prep"), "svg")
    assert titles(svg, "lane") == ["受注/営業部", "出荷/倉庫", "出荷/配送サービス"]
    assert titles(svg, "issue") == ["受注/見積に3日かかる"]
    assert "受注/見積依頼" in titles(svg, "product")
    assert titles(svg, "process") == ["受注", "出荷"]
    svg = render(graphs_in(MODELS / "tobe_csm.prep"), "svg")
    assert titles(svg, "kpi")
    assert titles(svg, "touch")


def test_svg_structure_of_a_bus_joint():
    svg = render(graphs_in(ROOT / "examples" / "apparel" / "asis.prep"), "svg")
    assert titles(svg, "joint") == [
        "日々の店舗運営/日々の販売目標, 週間天気予報 -> 商品の陳列, 接客指示, スタッフのシフト調整"
    ]


def _px(value: str, scale: float) -> float:
    return float(value.removesuffix("pt").removesuffix("px")) * scale


@pytest.mark.parametrize(
    "path",
    EXAMPLES + [ROOT / "tests" / "layout" / "models" / name for name in ("apparel_tobe20.prep", "field_tobe.prep")],
    ids=lambda p: p.name,
)
def test_legible_on_a_1920_pixel_screen(path):
    """The examples, the 20-product workshop ToBe whose chain runs ten steps (drawn
    with narrower lines: docs/notation.md, "Long chains and the projector") and the
    33-product field-service ToBe whose chain runs twelve (its texts also larger)."""
    _assert_legible(render(graphs_in(path), "svg"))


@pytest.mark.parametrize("seed", [1, 2, 19])
def test_twelve_step_chains_are_legible_on_a_1920_pixel_screen(seed):
    """Paper-like models of 32 and 33 products whose chains run twelve steps (1, 19:
    English, still too wide with narrower lines, so their texts are drawn larger) and a
    Japanese one (2)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from paper_models import paper_model

    _assert_legible(render(graphs_from(paper_model(seed)), "svg"))


def _assert_legible(svg: bytes) -> None:
    """Names >= 14 px and every other text >= 11 px when the SVG is 1920 px wide; the
    legend row at most a tenth of the height."""
    root = ET.fromstring(svg)
    width = float(root.get("width").removesuffix("pt"))
    height = float(root.get("height").removesuffix("pt"))
    scale = 1920 / width
    names, others = [], []
    for classes, _title, g in groups(svg):
        for text in g.iter(f"{SVG}text"):
            size = _px(text.get("font-size"), scale)
            if "product" in classes and text.get("font-weight") == "bold" and text.get("fill") == INK:
                names.append((size, text.text))
            else:
                others.append((size, text.text))
    assert names and min(names)[0] >= 14, min(names)
    assert min(others)[0] >= 11, min(others)
    legend = next(g for classes, _, g in groups(svg) if "legend" in classes)
    points = legend.find(f"{SVG}path") if legend.find(f"{SVG}polygon") is None else legend.find(f"{SVG}polygon")
    ys = [float(v) for v in re.findall(r"[-\d.]+,([-\d.]+)", points.get("points", "") or points.get("d", ""))]
    assert max(ys) - min(ys) <= height / 10


HOSTILE = ["出荷\\G指示", "\\N", "\\L\\E\\T\\H", "<script>x</script>", 'say "hi"', "{brace}", "a&b"]


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _model(names) -> str:
    a, b, c = (_quote(n) for n in names[:3])
    return f"""process {_quote(names[3])} {{
  goal {_quote(names[4])}
  external {_quote(names[5])}
  actor {_quote(names[6])} {{
    product {a}(x)
    intangible {c}
    final {b} [doc={a}]
  }}
  {a} -> {b} -> {_quote(names[5])}
  {c} <-> {b}
  kpi {a} for {b}
  issue {b} on {a}
}}
"""


def _shown(svg: bytes) -> str:
    return "\n".join(html.unescape(t) for t in re.findall(r">([^<]*)</text>", svg.decode()))


@pytest.mark.parametrize("layout", ["lanes", "dot"])
def test_every_name_shows_as_written_in_render(layout):
    graphs = graphs_from(_model(HOSTILE))
    svg = render(graphs, "svg", layout=layout)
    shown = _shown(svg)
    for name in HOSTILE:
        assert name in shown, name
    assert b"<script" not in svg
    if layout == "lanes":
        products = titles(svg, "product")
        assert set(HOSTILE[:3]) <= set(products)


def test_every_name_shows_as_written_in_mermaid():
    from prep.notation import mermaid_text

    text = render(graphs_from(_model(HOSTILE)), "mermaid").decode()
    assert [mermaid_text(name) for name in HOSTILE] == [
        "出荷#92;G指示",
        "#92;N",
        "#92;L#92;E#92;T#92;H",
        "#60;script#62;x#60;/script#62;",
        "say #34;hi#34;",
        "#123;brace#125;",
        "a#38;b",
    ]
    assert text.splitlines()[1:17] == [
        '  subgraph p1["#60;script#62;x#60;/script#62; / 目標: say #34;hi#34;"]',
        "    direction LR",
        '    subgraph p1a1["a#38;b"]',
        '      n1["出荷#92;G指示 (x)"]:::product',
        '      n2("#92;L#92;E#92;T#92;H #9888; 介入点"):::intervention',
        '      n3[["#92;N"]]:::final',
        "    end",
        '    n4>"#123;brace#125;"]:::external',
        "    n1 --> n3",
        "    n3 --> n4",
        "    n2 <-.-> n3",
        '    n5["KPI: 出荷#92;G指示"]:::kpi',
        "    n3 -.- n5",
        '    n6["課題: #92;N"]:::issue',
        "    n1 -.- n6",
        "  end",
    ]


def test_every_name_shows_as_written_in_kpi_and_diff_drawings(tmp_path):
    asis = tmp_path / "asis.prep"
    tobe = tmp_path / "tobe.prep"
    asis.write_text(_model(HOSTILE), encoding="utf-8")
    tobe.write_text(
        _model(HOSTILE).replace("kpi ", 'kpi "\\\\G new" for ' + _quote(HOSTILE[1]) + "\n  kpi ", 1), encoding="utf-8"
    )
    runner = CliRunner()
    kpi = tmp_path / "kpi.svg"
    result = runner.invoke(app, ["kpi", str(asis), "--force", "-o", str(kpi)])
    assert result.exit_code == 0, result.output
    shown = _shown(kpi.read_bytes())
    for name in (HOSTILE[0], HOSTILE[1]):
        assert name in shown, name
    diff = tmp_path / "diff.svg"
    result = runner.invoke(app, ["diff", str(asis), str(tobe), "-o", str(diff)])
    assert result.exit_code in (0, 1), result.output
    shown = _shown(diff.read_bytes())
    assert HOSTILE[0] in shown and "<script" not in diff.read_text(encoding="utf-8")


def test_pdf_puts_each_process_on_its_own_page():
    graphs = graphs_in(MODELS / "two_processes.prep")
    pdf = render(graphs, "pdf")
    assert pdf.startswith(b"%PDF-1.5") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 2
    assert b"/Count 2" in pdf
    assert render(graphs, "pdf") == pdf  # byte-identical
    one = render(graphs[:1], "pdf")
    assert len(re.findall(rb"/Type /Page\b", one)) == 1
    # every object the table names is where it says
    from prep.render.pdf import _objects

    assert len(_objects(pdf)) > 10
