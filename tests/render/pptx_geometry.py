"""Geometry read back from a deck's XML (tests only): the path of every line
(straight and elbow connectors from their xfrm, flips and adjust value; freeform
paths from their points, Bézier segments sampled) and the box of every shape, in
points, so tests can say no line passes through a shape or a text."""

from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET

from prep.render.pptx_edges import bezier

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU = 12700.0


def slides(data: bytes) -> list[ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(
            (n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
            key=lambda n: int(n[16:-4]),
        )
        return [ET.fromstring(z.read(n)) for n in names]


def _xfrm(el):
    xfrm = el.find(f"./{P}spPr/{A}xfrm")
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    x, y = int(off.get("x")) / EMU, int(off.get("y")) / EMU
    w, h = int(ext.get("cx")) / EMU, int(ext.get("cy")) / EMU
    return x, y, w, h, xfrm.get("flipH") == "1", xfrm.get("flipV") == "1"


def line_path(el) -> list[tuple[float, float]]:
    """The polyline a connector or freeform draws, in slide points."""
    x, y, w, h, fh, fv = _xfrm(el)
    custom = el.find(f"./{P}spPr/{A}custGeom")
    if custom is not None:
        path = custom.find(f"{A}pathLst/{A}path")
        pw, ph = int(path.get("w")), int(path.get("h"))

        def pt(node):
            return (x + int(node.get("x")) / pw * w if pw else x, y + int(node.get("y")) / ph * h if ph else y)

        out = []
        for step in path:
            pts = [pt(n) for n in step.findall(f"{A}pt")]
            if step.tag == f"{A}cubicBezTo":
                out += bezier(out[-1], *pts, 12)  # Bézier segments sampled finely
            else:
                out += pts
        return out
    prst = el.find(f"./{P}spPr/{A}prstGeom").get("prst")
    if prst.startswith("bentConnector3"):
        gd = el.find(f"./{P}spPr/{A}prstGeom/{A}avLst/{A}gd")
        adj = int(gd.get("fmla").split()[1]) / 100000 if gd is not None else 0.5
        local = [(0, 0), (adj * w, 0), (adj * w, h), (w, h)]
    else:
        local = [(0, 0), (w, h)]
    return [(x + (w - px if fh else px), y + (h - py if fv else py)) for px, py in local]


def items(root):
    """(name, kind, element) of every shape and line of a slide: kind "line" for
    connectors and freeform paths, "text" for text boxes, else "shape"."""
    tree = root.find(f"./{P}cSld/{P}spTree")
    for el in tree:
        if el.tag not in (f"{P}sp", f"{P}cxnSp"):
            continue
        name = el.find(f".//{P}cNvPr").get("name")
        if el.tag == f"{P}cxnSp" or el.find(f"./{P}spPr/{A}custGeom") is not None:
            yield name, "line", el
        elif el.find(f"./{P}nvSpPr/{P}cNvSpPr").get("txBox") == "1":
            yield name, "text", el
        else:
            yield name, "shape", el


def box(el) -> tuple[float, float, float, float]:
    x, y, w, h, _, _ = _xfrm(el)
    return x, y, x + w, y + h


def _inside(p, b, inset):
    return b[0] + inset < p[0] < b[2] - inset and b[1] + inset < p[1] < b[3] - inset


def crosses(path, b, inset: float = 1.5) -> bool:
    """Whether the polyline passes through the inside of box b (shrunk by inset)."""
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / 1.0))
        for n in range(steps + 1):
            t = n / steps
            if _inside((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), b, inset):
                return True
    return False


def text_runs(el):
    """[(text, size pt, bold)] per paragraph of a shape's text."""
    out = []
    for para in el.iter(f"{A}p"):
        runs = []
        for r in para.findall(f"{A}r"):
            rpr = r.find(f"{A}rPr")
            runs.append((r.find(f"{A}t").text or "", int(rpr.get("sz")) / 100, rpr.get("b") == "1"))
        out.append(runs)
    return out


# The guides and text rectangle (`a:rect`) of the presets prep uses, as written in
# ECMA-376 Part 1, presetShapeDefinitions.xml: (defaults, guides, (l, t, r, b)).
PRESETS = {
    "rect": ({}, [], ("l", "t", "r", "b")),
    "hexagon": (
        {"adj": 25000, "vf": 115470},
        [
            ("maxAdj", "*/ 50000 w ss"),
            ("a", "pin 0 adj maxAdj"),
            ("q1", "*/ maxAdj -1 2"),
            ("q2", "+- a q1 0"),
            ("q3", "?: q2 4 2"),
            ("q4", "?: q2 3 2"),
            ("q5", "?: q2 q1 0"),
            ("q6", "+/ a q5 q1"),
            ("q7", "*/ q6 q4 -1"),
            ("q8", "+- q3 q7 0"),
            ("il", "*/ w q8 24"),
            ("it", "*/ h q8 24"),
            ("ir", "+- r 0 il"),
            ("ib", "+- b 0 it"),
        ],
        ("il", "it", "ir", "ib"),
    ),
    "homePlate": (
        {"adj": 50000},
        [
            ("maxAdj", "*/ 100000 w ss"),
            ("a", "pin 0 adj maxAdj"),
            ("dx1", "*/ ss a 100000"),
            ("x1", "+- r 0 dx1"),
            ("ir", "+/ x1 r 2"),
        ],
        ("l", "t", "ir", "b"),
    ),
    "roundRect": (
        {"adj": 16667},
        [
            ("a", "pin 0 adj 50000"),
            ("dx1", "*/ ss a 100000"),
            ("il", "*/ dx1 29289 100000"),
            ("ir", "+- r 0 il"),
            ("ib", "+- b 0 il"),
        ],
        ("il", "il", "ir", "ib"),
    ),
    "foldedCorner": (
        {"adj": 16667},
        [("a", "pin 0 adj 50000"), ("dy2", "*/ ss a 100000"), ("y2", "+- b 0 dy2")],
        ("l", "t", "r", "y2"),
    ),
}


def _guide(formula: str, v: dict) -> float:
    op, *args = formula.split()
    x = [float(a) if a.lstrip("-").isdigit() else v[a] for a in args]
    return {
        "*/": lambda: x[0] * x[1] / x[2],
        "+-": lambda: x[0] + x[1] - x[2],
        "+/": lambda: (x[0] + x[1]) / x[2],
        "?:": lambda: x[1] if x[0] > 0 else x[2],
        "pin": lambda: min(max(x[1], x[0]), x[2]),
    }[op]()


def text_area(el) -> tuple[float, float, float, float]:
    """The box the slide program lays a shape's text out in: its preset's text
    rectangle (evaluated from the spec's guides with the shape's adjust values), less
    the body's insets; in points."""
    x, y, w, h, _, _ = _xfrm(el)
    geom = el.find(f"./{P}spPr/{A}prstGeom")
    defaults, guides, rect = PRESETS[geom.get("prst") if geom is not None else "rect"]
    v = {"l": 0.0, "t": 0.0, "r": w, "b": h, "w": w, "h": h, "ss": min(w, h), **defaults}
    for gd in geom.iter(f"{A}gd") if geom is not None else ():
        v[gd.get("name")] = float(gd.get("fmla").split()[1])
    for name, formula in guides:
        v[name] = _guide(formula, v)
    left, top, right, bottom = (v[k] for k in rect)
    body = el.find(f".//{A}bodyPr")
    ins = {k: int(body.get(k, 91440 if k[0] in "lr" else 45720)) / EMU for k in ("lIns", "tIns", "rIns", "bIns")}
    return x + left + ins["lIns"], y + top + ins["tIns"], x + right - ins["rIns"], y + bottom - ins["bIns"]
