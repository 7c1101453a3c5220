"""`prep kpi … -o k.pptx` has the pictures' layout: every text fits its shape,
measured by Graphviz with the drawing's own metrics, with at least 10 % to spare
(room for a substitute font); no line crosses a shape. Read from the pptx XML."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from prep.kpi.compare import compare
from prep.kpi.pptx import to_pptx
from prep.kpi.tree import derive_all
from prep.layout.content import hexagon_width
from prep.layout.measure import graphviz_measure
from prep.layout.positions import Box, Text
from prep import notation as N

sys.path.insert(0, str(Path(__file__).parent))
from kpi_models import model  # noqa: E402
from test_kpi_pictures import EXAMPLES, _bezier, graphs, read  # noqa: E402

EMU = 12700
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
NODES = ("goal", "process", "final", "milestone", "intangible", "product", "external", "kpi", "issue", "ref", "more")


def deck_of(asis: str, tobe: str | None = None):
    from pptx import Presentation

    before = graphs(asis)
    trees = derive_all(before)
    if tobe is not None:
        trees, _ = compare(trees, derive_all(graphs(tobe)))
    return Presentation(io.BytesIO(to_pptx(trees)))


def _box(sp) -> Box:
    return Box(sp.left / EMU, sp.top / EMU, sp.width / EMU, sp.height / EMU)


def _lines(sp) -> list[Text]:
    out = []
    for p in sp._element.iter(f"{A}p"):
        runs = list(p.iter(f"{A}r"))
        if not runs:
            continue
        rpr = runs[0].find(f"{A}rPr")
        text = "".join(r.find(f"{A}t").text or "" for r in runs)
        out.append(Text(text, int(rpr.get("sz")) / 100, "name", rpr.get("b") == "1"))
    return out


def _insets(sp) -> tuple[float, float]:
    body = sp._element.find(f".//{A}bodyPr")
    return (int(body.get("lIns", 91440)) + int(body.get("rIns", 91440))) / EMU, (
        int(body.get("tIns", 45720)) + int(body.get("bIns", 45720))
    ) / EMU


def _line_points(sp):
    el = sp._element
    off, ext = el.find(f".//{A}off"), el.find(f".//{A}ext")
    x, y = int(off.get("x")) / EMU, int(off.get("y")) / EMU
    w, h = int(ext.get("cx")) / EMU, int(ext.get("cy")) / EMU
    if el.tag == f"{P}cxnSp":
        xfrm = el.find(f".//{A}xfrm")
        fh, fv = xfrm.get("flipH") == "1", xfrm.get("flipV") == "1"
        begin = (x + (w if fh else 0), y + (h if fv else 0))
        end = (x + (0 if fh else w), y + (0 if fv else h))
        return [
            begin,
            ((2 * begin[0] + end[0]) / 3, (2 * begin[1] + end[1]) / 3),
            ((begin[0] + 2 * end[0]) / 3, (begin[1] + 2 * end[1]) / 3),
            end,
        ]
    pts = [(x + int(pt.get("x")) / EMU, y + int(pt.get("y")) / EMU) for pt in el.iter(f"{A}pt")]
    return pts


def check_deck(deck) -> None:
    for slide in deck.slides:
        shapes = [sp for sp in slide.shapes if sp.name.split(":")[0] in NODES]
        assert shapes
        # the slide is the drawing scaled: text is measured at the drawing's sizes (the
        # root's first line is 16 pt there), then scaled like the shapes
        root = next(sp for sp in shapes if sp.name.startswith(("goal: ", "process: ")))
        scale = _lines(root)[0].size / 16
        texts = [[Text(t.text, round(t.size / scale, 1), t.role, t.bold) for t in _lines(sp)] for sp in shapes]
        flat = [line for lines in texts for line in lines]
        sizes = dict(zip(map(id, flat), graphviz_measure([N.markup((t,)) for t in flat])))
        blocks = graphviz_measure([N.markup(lines) for lines in texts])
        for sp, lines, (tw, th) in zip(shapes, texts, blocks):
            box = _box(sp)
            iw, ih = _insets(sp)
            geometry = sp._element.find(f".//{A}prstGeom").get("prst")
            need_w, need_h = tw * 1.1 * scale, th * 1.1 * scale
            if geometry == "hexagon":
                rows = [(sizes[id(t)][0] * 1.1 * scale, sizes[id(t)][1] * 1.1 * scale) for t in lines]
                need_w = hexagon_width(need_w, need_h, box.h, rows)
            elif geometry == "homePlate":
                need_w += box.h * 0.5
            assert need_w <= box.w - iw + 0.01, (sp.name, need_w, box.w)
            assert need_h <= box.h - ih + 0.01, (sp.name, need_h, box.h)
        boxes = [_box(sp) for sp in shapes] + [_box(sp) for sp in slide.shapes if sp.name.startswith("side: ")]
        for sp in slide.shapes:
            if not sp.name.startswith(("line: ", "note link: ")):
                continue
            for point in _bezier(_line_points(sp)):
                for box in boxes:
                    inside = box.x + 1 < point[0] < box.right - 1 and box.y + 1 < point[1] < box.bottom - 1
                    assert not inside, (sp.name, point, box)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b)


@pytest.mark.parametrize(
    "asis, tobe",
    [
        ("apparel/asis.prep", "apparel/tobe.prep"),
        ("incident/service_desk.prep", "incident/tobe/service_desk.prep"),
        ("restaurant.prep", None),
        ("manufacturing.prep", None),
    ],
)
def test_example_slides_fit_their_text_and_lines_cross_no_shape(asis, tobe):
    check_deck(deck_of(read(EXAMPLES / asis), read(EXAMPLES / tobe) if tobe else None))


@pytest.mark.parametrize("seed", range(0, 24, 4))
def test_generated_slides_fit_their_text_and_lines_cross_no_shape(seed):
    check_deck(deck_of(model(seed), model(seed, "tobe")))
