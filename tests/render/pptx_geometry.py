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
