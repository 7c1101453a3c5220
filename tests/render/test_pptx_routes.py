"""The slides show what the SVG shows (docs/notation.md, "Exports"): relations take
the layout's routes (glued connectors where a connector takes the route, freeform
paths elsewhere), no line passes through a shape or a text, the stand-ins at a cut
never overlap, every text fits its shape with the drawing's text metrics and 10 %
to spare, and diff.pptx is the diff picture in native shapes. Geometry is read
back from the pptx XML (tests/render/pptx_geometry.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep import notation as N
from prep.cli import app
from prep.layout import layout
from prep.layout.measure import graphviz_measure
from prep.layout.positions import Text
from prep.render.pptx import to_pptx

sys.path.insert(0, str(Path(__file__).parent))
from pptx_geometry import (
    A,
    box,
    crosses,
    items,
    line_path,
    slides,  # noqa: E402
    text_area,
    text_runs,
)
from conftest import graphs_from, graphs_in, two_stages  # noqa: E402
from test_export import MODELS, ROOT, wide_model  # noqa: E402

SLACK = 1.10
# The shapes of a slide's boxes and labels, by the start of their names.
BOXES = ("product: ", "final: ", "milestone: ", "intangible: ", "intervention: ", "external: ", "kpi: ", "issue: ")
OBSTACLES = (*BOXES, "label: ", "continued: ", "lane header text: ")
APPAREL = ROOT / "examples" / "apparel"


def _ink(name, kind, el):
    """Where a shape's ink is: its box; a free text's (a label) the measured text,
    centred in its box (the box is wider by the slack)."""
    x0, y0, x1, y1 = box(el)
    if kind != "text":
        return x0, y0, x1, y1
    lines = _lines(el)
    w, h = graphviz_measure([N.markup(lines)])[0]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def crossings(data: bytes, texts: bool = True) -> list[str]:
    """Every line passing through a shape (or a text) that is not one of its ends."""
    found = []
    for number, root in enumerate(slides(data), 1):
        shapes = list(items(root))
        obstacles = [
            (name, _ink(name, kind, el))
            for name, kind, el in shapes
            if name.startswith(OBSTACLES) and (texts or kind != "text")
        ]
        for name, kind, el in shapes:
            if kind != "line" or name.startswith("legend "):
                continue
            path = line_path(el)
            for other, b in obstacles:
                if any(b[0] - 2 <= x <= b[2] + 2 and b[1] - 2 <= y <= b[3] + 2 for x, y in (path[0], path[-1])):
                    continue  # one of its ends
                if crosses(path, b):
                    found.append(f"slide {number}: {name} through {other}")
    return found


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_no_line_through_a_shape_or_a_text(model):
    assert crossings(to_pptx(layout(graphs_in(model)))) == []


def test_no_line_through_a_shape_or_a_text_of_a_split_process():
    data = to_pptx(layout(graphs_from(wide_model(60))))
    assert len(slides(data)) > 1
    assert crossings(data) == []


def test_relations_take_the_layouts_routes():
    """A freeform relation's points are the layout's route points, scaled (and, for a
    group of lanes, moved up with it); a glued connector's path is the route's
    corners; on every slide of the split manufacturing process."""
    from prep.render.pptx import plan_slides

    positions = layout(graphs_in(ROOT / "examples" / "manufacturing.prep"))
    process = positions.processes[0]
    views = plan_slides(process, positions.legend)
    roots = slides(to_pptx(positions))
    assert len(roots) == len(views) > 1
    glued = free = 0
    for view, root in zip(views, roots):
        g, f = _routes_of(process, view, root)
        glued, free = glued + g, free + f
    assert glued and free


def _routes_of(process, view, root) -> tuple[int, int]:
    """(glued, freeform) relations of one slide, each checked against its route."""
    from prep.render.pptx_edges import corners

    frame = next(el for name, kind, el in items(root) if name == f"process: {process.name}")
    fx, fy, _, _ = box(frame)
    s, shift = view.scale, view.group.shift if view.group is not None else 0.0

    def at(point):
        return fx + (point[0] - view.left) * s, fy + (point[1] - process.frame.y - shift) * s

    held = {n.id for n in process.nodes + process.externals if view.holds(n.box)}
    by_title = {e.title: e for e in process.edges if e.kind != "note" and {e.source, e.target} <= held}
    glued = free = 0
    for name, kind, el in items(root):
        title = name.split(": ", 1)[1] if ": " in name else ""
        if kind != "line" or title not in by_title or name.startswith("note link"):
            continue
        edge = by_title[title]
        drawn = line_path(el)
        if el.tag.endswith("cxnSp"):
            glued += 1
            want = [at(p) for p in corners(edge.points)]
            assert len(drawn) == len(want), name
        else:
            free += 1
            path = el.find(f".//{A}path")
            points = [p for step in path for p in step.findall(f"{A}pt")]
            assert len(points) == len(edge.points), name
            drawn, want = [drawn[0], drawn[-1]], [at(edge.points[0]), at(edge.points[-1])]
        for (x, y), (wx, wy) in zip(drawn, want):
            assert abs(x - wx) < 0.05 and abs(y - wy) < 0.05, name
    return glued, free


def _deck(args, tmp_path) -> bytes:
    """The deck of `prep render MODEL` or `prep diff ASIS TOBE` of the examples."""
    if args[0] == "wide":
        return to_pptx(layout(graphs_from(wide_model(60))))
    out = tmp_path / "deck.pptx"
    _cli([args[0], *(str(ROOT / "examples" / p) for p in args[1:]), "-o", str(out)])
    return out.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ["wide"],
        ["render", "apparel/tobe.prep"],
        ["render", "manufacturing.prep"],
        ["render", "restaurant.prep"],
        ["diff", "apparel/asis.prep", "apparel/tobe.prep"],
    ],
    ids=lambda a: " ".join(a),
)
def test_stand_ins_at_a_cut_never_overlap(args, tmp_path):
    """At a column cut (left, right) and at a cut between groups of lanes (top,
    bottom): no stand-in overlaps another, a shape, a label, a lane or subprocess
    header or the banner; each names its other end's slide with an arrow its way."""
    data = _deck(args, tmp_path)
    seen = set()
    for root in slides(data):
        shapes = list(items(root))
        stands = [(box(el), el) for name, kind, el in shapes if name.startswith("continued: ")]
        heads = ("lane header: ", "subprocess label: ", "goal: ")
        others = [
            box(el)
            for name, kind, el in shapes
            if name.startswith((*OBSTACLES, *heads)) and not name.startswith("continued: ")
        ]
        for n, (a, el) in enumerate(stands):
            arrow = text_runs(el)[0][0][0][0]
            assert arrow in "←→↑↓", arrow
            seen.add(arrow)
            for b in [s for s, _ in stands[n + 1 :]] + others:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    assert seen >= {"←", "→"} if args == ["wide"] else seen & {"↑", "↓"}


def _lines(el) -> tuple:
    """A shape's text as layout Text lines (a line break inside a paragraph starts a
    line), at the sizes written."""
    lines = []
    for paragraph in el.iter(f"{A}p"):
        parts = [[]]
        for child in paragraph:
            if child.tag == f"{A}br":
                parts.append([])
            elif child.tag == f"{A}r":
                parts[-1].append(child)
        for runs in parts:
            if runs:
                rpr = runs[0].find(f"{A}rPr")
                lines.append(
                    Text(
                        "".join(r.find(f"{A}t").text or "" for r in runs),
                        int(rpr.get("sz")) / 100,
                        "doc" if rpr.get("i") == "1" else "name",
                        rpr.get("b") == "1",
                    )
                )
    return tuple(lines)


FITTED = (*BOXES, "label: ", "lane header: ", "subprocess label: ", "legend text: ", "legend title: ")
# and a KPI deck's: its root, references, "more" stand-ins, side titles and legend texts
KPI_FITTED = (*FITTED, "goal: ", "process: ", "ref: ", "more: ", "side: ", "legend: ")


@pytest.mark.parametrize(
    "model",
    [APPAREL / "tobe.prep", ROOT / "examples" / "manufacturing.prep", ROOT / "examples" / "restaurant.prep"],
    ids=lambda p: p.stem,
)
def test_every_text_fits_its_shape_with_slack(model):
    assert _fitted(to_pptx(layout(graphs_in(model)))) > 20


def test_every_text_of_the_diff_deck_fits_its_shape_with_slack(tmp_path):
    out = tmp_path / "diff.pptx"
    _cli(["diff", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out)])
    assert _fitted(out.read_bytes()) > 20


@pytest.mark.parametrize(
    "asis, tobe",
    [
        ("apparel/asis.prep", "apparel/tobe.prep"),
        ("manufacturing.prep", None),
        ("restaurant.prep", None),
        ("incident/service_desk.prep", "incident/tobe/service_desk.prep"),
    ],
)
def test_every_text_of_the_kpi_deck_fits_its_shape_with_slack(tmp_path, asis, tobe):
    out = tmp_path / "k.pptx"
    pair = ["--tobe", str(ROOT / "examples" / tobe)] if tobe else []
    _cli(["kpi", str(ROOT / "examples" / asis), *pair, "-o", str(out)])
    assert _fitted(out.read_bytes(), KPI_FITTED) > 20


def _fitted(data: bytes, fitted: tuple[str, ...] = FITTED) -> int:
    """How many texts were checked: each in its shape's text rectangle (the preset's,
    as PowerPoint and LibreOffice lay text out in it, less the body's insets) with
    the drawing's metrics and 10 % to spare."""
    checked = 0
    for root in slides(data):
        for name, kind, el in items(root):
            if not name.startswith(fitted) or kind == "line":
                continue
            lines = _lines(el)
            if not lines:
                continue
            body = el.find(f".//{A}bodyPr")
            assert body.find(f"{A}normAutofit") is not None, name
            assert body.get("wrap") == "square", name
            align = "LEFT" if name.startswith(("kpi: ", "issue: ")) else "CENTER"
            w, h = graphviz_measure([N.markup(lines, align)])[0]
            x0, y0, x1, y1 = text_area(el)  # the preset's text rectangle, less the insets
            assert w * SLACK <= x1 - x0 + 0.05, (name, w, x1 - x0)
            assert h * SLACK <= y1 - y0 + 0.05, (name, h, y1 - y0)
            checked += 1
    return checked


def test_a_milestones_text_fits_the_hexagons_text_rectangle():
    """PowerPoint lays a hexagon's text out in the preset's text rectangle, w/12 + h/12
    in from each side (ECMA-376): the name and parameters of 生産計画 fit there."""
    data = to_pptx(layout(graphs_in(ROOT / "examples" / "manufacturing.prep")))
    el = next(el for root in slides(data) for name, _, el in items(root) if name == "milestone: 生産計画")
    x0, y0, x1, y1 = box(el)
    a0, _, a1, _ = text_area(el)
    inset = int(el.find(f".//{A}bodyPr").get("lIns")) / 12700
    assert abs(a0 - x0 - ((x1 - x0) / 12 + (y1 - y0) / 12 + inset)) < 0.01
    w, _ = graphviz_measure([N.markup(_lines(el))])[0]
    assert w * SLACK <= a1 - a0 + 0.05


def test_runs_name_the_font_with_east_asian_substitution_hints():
    data = to_pptx(layout(graphs_in(APPAREL / "tobe.prep")))
    for root in slides(data):
        for rpr in root.iter(f"{A}rPr"):
            ea = rpr.find(f"{A}ea")
            assert rpr.find(f"{A}latin").get("typeface") == N.FONT
            assert (ea.get("typeface"), ea.get("charset"), ea.get("pitchFamily")) == (N.FONT, "-128", "34")
            assert rpr.get("lang") == "ja-JP"


def test_finals_have_a_double_border_in_the_xml():
    data = to_pptx(layout(graphs_in(ROOT / "examples" / "manufacturing.prep")))
    finals = [el for root in slides(data) for name, kind, el in items(root) if name.startswith("final: ")]
    assert finals
    for el in finals:
        assert el.find(f".//{A}ln").get("cmpd") == "dbl"


def _cli(args):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def test_diff_pptx_is_the_diff_picture_in_native_shapes(tmp_path):
    out = tmp_path / "diff.pptx"
    _cli(["diff", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out)])
    data = out.read_bytes()
    shapes = {name: el for root in slides(data) for name, kind, el in items(root)}
    texts = {name: [" ".join(t for t, _, _ in runs) for runs in text_runs(el)] for name, el in shapes.items()}
    # added: its ＋ badge line inside the shape, a purple border
    added = shapes["product: 週次販売計画/実績データ"]
    assert texts["product: 週次販売計画/実績データ"][-1] == "＋ 追加"
    assert added.find(f".//{A}ln/{A}solidFill/{A}srgbClr").get("val") == "6A1B9A"
    # removed: ghosted where it was (grey, dashed, white), a － badge; its relation too
    gone = shapes["intervention: 日々の店舗運営/肌感覚"]
    ln = gone.find(f".//{A}ln")
    assert ln.find(f"{A}prstDash").get("val") == "dash"
    assert ln.find(f"{A}solidFill/{A}srgbClr").get("val") == "9E9E9E"
    assert texts["intervention: 日々の店舗運営/肌感覚"][-1] == "－ 削除"
    assert "external: 日々の店舗運営/POSレジ" in shapes
    edge = shapes["input: 日々の店舗運営/POSレジ -> 前日の販売実績"]
    assert edge.find(f".//{A}ln/{A}prstDash").get("val") == "dash"
    assert not any(name.startswith("removed: ") for name in shapes)  # no list box
    every = " ".join(" ".join(t) for t in texts.values())
    for python in ("None", "True", "False", "['", "{'"):
        assert python not in every, python
    # no line through a shape; the labels' own crossings are the layout's (as the SVG)
    assert crossings(data, texts=False) == []


def test_diff_pptx_no_line_through_a_label(tmp_path):
    out = tmp_path / "diff.pptx"
    _cli(["diff", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep"), "-o", str(out)])
    assert crossings(out.read_bytes()) == []


def test_diff_pptx_changed_shows_the_old_value_in_the_drawings_words(tmp_path):
    body = "  actor A {\n    product a\n    final b\n  }\n  external X\n  b -> X\n  a -> b [touch=T]\n"
    asis, tobe = two_stages(tmp_path, body.replace("T", "low"), body.replace("T", "high"))
    out = tmp_path / "diff.pptx"
    _cli(["diff", str(asis), str(tobe), "-o", str(out), "--lang", "en"])
    shapes = {name: el for root in slides(out.read_bytes()) for name, kind, el in items(root)}
    label = shapes["label: a -> b"]
    assert [" ".join(t for t, _, _ in runs) for runs in text_runs(label)] == ["high touch", "～ changed: was low touch"]
    ln = shapes["touch: a -> b"].find(f".//{A}ln")
    assert ln.find(f"{A}solidFill/{A}srgbClr").get("val") == N.TOUCH["color"].lstrip("#").upper()
