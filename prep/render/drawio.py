"""A Layout (prep.layout.positions) -> a draw.io (diagrams.net) file of editable cells:
one page per process (docs/notation.md, "Exports").

Lanes are swimlane containers holding their products (and the notes inside them),
at coordinates relative to the lane; relations are edges attached to their ends,
through the layout's route as waypoints, so moving a product in draw.io keeps its
edges. Every cell is a UserObject with `prep_kind` (product, milestone, final,
intangible, external, input, sync, touch, kpi, issue, lane, subprocess, …) and
`prep_title` (the name as written, the SVG <title>) beside its HTML label. A
process linked with another (they name each other) has a dashed edge from its frame
to a stand-in of the other, linked to that page.
Uncompressed XML, ids from the layout (stable), no `modified` or `etag`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from prep import notation as N
from prep.render.drawio_legend import draw_legend
from prep.render.drawio_look import BASE, SHAPE, label, n as _n, style_of, style as _style
from prep.render.pptx import whole_name
from prep.slides import clean

MARGIN = 10.0


class _Page:
    def __init__(self, root, dy: float) -> None:
        self.root = root
        self.dy = dy
        self.origin: dict[str, tuple[float, float]] = {"1": (0.0, 0.0)}

    def cell(self, ident, kind, title, value, style, box=None, parent="1", edge=None, attrs=None):
        obj = ET.SubElement(
            self.root, "UserObject", {"id": ident, "label": value, "prep_kind": kind, "prep_title": clean(title)}
        )
        cell = ET.SubElement(obj, "mxCell", {"style": _style(style), "parent": parent})
        if edge is None:
            cell.set("vertex", "1")
            ox, oy = self.origin[parent]
            geo = ET.SubElement(
                cell,
                "mxGeometry",
                {
                    "x": _n(box.x - ox),
                    "y": _n(box.y + self.dy - oy),
                    "width": _n(box.w),
                    "height": _n(box.h),
                    "as": "geometry",
                },
            )
            self.origin[ident] = (box.x, box.y + self.dy)
        else:
            cell.set("edge", "1")
            cell.attrib.update(edge)
            geo = ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
        for key, value in (attrs or {}).items():
            cell.set(key, value)
        return geo

    def point(self, x: float, y: float) -> dict:
        return {"x": _n(x), "y": _n(y + self.dy)}


def to_drawio(layout) -> bytes:
    from prep.render.pptx import linked

    mxfile = ET.Element("mxfile", {"host": "prep", "type": "device"})
    partners = linked(layout)
    pages = {process.name: number for number, process in enumerate(layout.processes, 1)}
    for number, process in enumerate(layout.processes, 1):
        links = [(other, pages[other]) for other in partners.get(process.name, ())]
        _page(mxfile, layout, process, number, links)
    ET.indent(mxfile, "  ")
    return (ET.tostring(mxfile, encoding="unicode") + "\n").encode("utf-8")


def _page(mxfile, layout, process, number, links=()) -> None:
    from prep.render.pptx_look import LINK_ROOM

    frame = process.frame
    legend = layout.legend
    dy = MARGIN - frame.y
    room = LINK_ROOM if links else 0.0
    width = max(frame.w + room, legend.box.w if legend else 0.0) + 2 * MARGIN
    height = frame.h + (legend.box.h + 12 if legend else 0.0) + 2 * MARGIN
    diagram = ET.SubElement(mxfile, "diagram", {"id": f"p{number}", "name": clean(process.name)})
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        {
            "dx": "0",
            "dy": "0",
            "grid": "0",
            "gridSize": "10",
            "guides": "1",
            "tooltips": "1",
            "connect": "1",
            "arrows": "1",
            "fold": "1",
            "page": "1",
            "pageScale": "1",
            "pageWidth": _n(width),
            "pageHeight": _n(height),
            "math": "0",
            "shadow": "0",
        },
    )
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", {"id": "0"})
    ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})
    page = _Page(root, dy)
    pre = process.prefix
    page.cell(
        f"p{number}",
        "process",
        process.name,
        "",
        {
            **style_of(N.PROCESS),
            "rounded": "1",
            "arcSize": "1",
            "absoluteArcSize": "1",
            "container": "0",
            "fillColor": "none",
        },
        frame,
    )
    page.cell(
        f"p{number}g",
        "goal",
        pre + process.name,
        label(process.banner.lines),
        {**BASE, **style_of(N.BANNER), "align": "left", "verticalAlign": "top", "spacingLeft": "8"},
        process.banner.box,
    )
    lanes = {}
    for lane in process.lanes:
        ident = f"p{number}l{lane.index + 1}"
        lanes[lane.index] = ident
        look = style_of(N.LANE[lane.role])
        page.cell(
            ident,
            "lane",
            pre + lane.actor,
            "",
            {
                "swimlane": None,
                **BASE,
                "horizontal": "0",
                "startSize": "0",
                "fillColor": N.LANE[lane.role]["fillcolor"],
                "swimlaneFillColor": N.LANE[lane.role]["fillcolor"],
                "strokeColor": look["strokeColor"],
                "strokeWidth": look["strokeWidth"],
                **({"dashed": "1"} if "dashed" in look else {}),
                "collapsible": "0",
                "container": "1",
                "swimlaneLine": "0",
            },
            lane.box,
        )
        # The header cell, inside the lane (it moves with it), as the layout puts it;
        # its text where the layout centres it (clear of edges crossing the cell).
        text = lane.label_box or lane.header
        place = (
            {}
            if abs(text.cy - lane.header.cy) < 1
            else {"verticalAlign": "top", "spacingTop": f"{max(round(text.y - lane.header.y) - 2, 0)}"}
        )
        page.cell(
            f"{ident}h",
            "lane header",
            pre + lane.actor,
            label(lane.label),
            {
                **BASE,
                **place,
                "strokeColor": look["strokeColor"],
                "strokeWidth": look["strokeWidth"],
                "fillColor": N.LANE_HEADER[lane.role]["fillcolor"],
                "movable": "0",
            },
            lane.header,
            ident,
        )
    for band in process.bands:
        page.cell(
            f"p{number}b{band.index + 1}",
            "subprocess",
            pre + band.name,
            "",
            {**style_of(N.BAND), "fillColor": "none", "container": "0"},
            band.box,
        )
        page.cell(
            f"p{number}bl{band.index + 1}",
            "subprocess label",
            pre + band.name,
            label(band.label),
            {**BASE, **style_of(N.BAND_LABEL)},
            band.label_box,
        )
    for node in process.nodes + process.externals:
        parent = lanes.get(node.lane, "1") if node.lane is not None else "1"
        look = N.node_style(node.kind, node.intervention, node.csm)
        style = {**BASE, **SHAPE[node.kind], **style_of(look)}
        if node.kind == "final":
            style["strokeWidth"] = "1.6"
        kind = "intervention" if node.intervention else node.kind
        page.cell(node.id, kind, pre + node.key, label(whole_name(node.lines, node.key)), style, node.box, parent)
        if node.doc:
            root[-1].set("tooltip", clean(node.doc))
    for note in process.notes:
        parent = next((lanes[lane.index] for lane in process.lanes if lane.box.contains(note.box)), "1")
        look = N.note_style(note.kind, note.marks)
        page.cell(
            note.id,
            note.kind,
            pre + note.title,
            label(note.lines),
            {**BASE, "shape": "note", "size": "8", **style_of(look), "align": "left", "spacingLeft": "4"},
            note.box,
            parent,
        )
    boxes = {item.id: item.box for item in process.nodes + process.externals + process.notes}
    for edge in process.edges:
        _edge(page, pre, edge, boxes)
    _links(page, layout, process, number, links)
    if legend is not None:
        draw_legend(page, legend, frame.bottom + 12 - legend.box.y, number)


def _edge(page, pre, edge, boxes) -> None:
    title = pre + edge.title
    if edge.kind == "note":
        attrs = dict(N.NOTE_EDGE)
        kind = "note link"
        ends = {"endArrow": "none"}
    else:
        attrs = {**N.EDGE, **(N.INPUT if edge.kind == "input" else N.SYNC)}
        if edge.touch is not None:
            attrs.update(N.TOUCH)
        kind = "touch" if edge.touch is not None else edge.kind
        ends = {"endArrow": "block", "endFill": "1"}
        if edge.kind == "sync":
            ends.update(startArrow="block", startFill="1")
    look = style_of({"penwidth": "1", **attrs, "style": attrs.get("style", "") + ",filled"})
    look.pop("fillColor", None)
    style = {
        "edgeStyle": "none",
        "rounded": "1",
        **BASE,
        **look,
        **ends,
        "fontSize": _n(edge.label[0].size if edge.label else N.SIZE["edge"]),
        "labelBackgroundColor": "#ffffff",
    }
    points = _waypoints(edge.points)
    a, b = boxes.get(edge.source), boxes.get(edge.target)
    if a is not None and edge.points:
        style.update(
            exitX=_n(_rel(edge.points[0][0], a.x, a.w)), exitY=_n(_rel(edge.points[0][1], a.y, a.h)), exitPerimeter="0"
        )
    if b is not None and edge.points:
        style.update(
            entryX=_n(_rel(edge.points[-1][0], b.x, b.w)),
            entryY=_n(_rel(edge.points[-1][1], b.y, b.h)),
            entryPerimeter="0",
        )
    value = label(edge.label) if edge.label else ""
    geo = page.cell(edge.id, kind, title, value, style, edge={"source": edge.source, "target": edge.target})
    if edge.doc:
        page.root[-1].set("tooltip", clean(edge.doc))
    if points:
        array = ET.SubElement(geo, "Array", {"as": "points"})
        for x, y in points:
            ET.SubElement(array, "mxPoint", page.point(x, y))
    if edge.label and edge.label_box is not None and edge.points:
        mx, my = _middle(edge.points)
        ET.SubElement(
            geo, "mxPoint", {"x": _n(edge.label_box.cx - mx), "y": _n(edge.label_box.cy - my), "as": "offset"}
        )


def _links(page, layout, process, number, links) -> None:
    """Processes linked with this one (they name each other as externals; each has
    its own page): a dashed grey edge from the frame's right side to a stand-in
    naming the other process and its page, which a click opens (`data:page/id,…`)."""
    from prep.layout.positions import Box, Text
    from prep.render.pptx_look import LINK_GAP, LINK_H, LINK_W
    from prep.render.pptx_edges import _pair

    frame = process.frame
    look = style_of({**N.LINK, "style": "dashed"})
    step = LINK_H + 8
    top = frame.cy - (len(links) * step - 8) / 2
    top = max(min(top, frame.bottom - len(links) * step), frame.y)
    for n, (other, page_number) in enumerate(links, 1):
        box = Box(frame.right + LINK_GAP, top + (n - 1) * step, LINK_W, LINK_H)
        ident = f"p{number}k{n}"
        text = label((Text(f"↔ {other} ({page_number})", 11, "tag"),))
        page.cell(
            ident,
            "linked process",
            other,
            text,
            {
                **BASE,
                "rounded": "1",
                "arcSize": "20",
                "fillColor": "#ffffff",
                "strokeColor": look["strokeColor"],
                "strokeWidth": "1",
                "dashed": "1",
            },
            box,
            attrs={},
        )
        page.root[-1].set("link", f"data:page/id,p{page_number}")
        style = {
            "edgeStyle": "orthogonalEdgeStyle",
            "rounded": "1",
            **BASE,
            **look,
            "endArrow": "none",
            "startArrow": "none",
            "exitX": "1",
            "exitY": "0.5",
            "exitPerimeter": "0",
            "entryX": "0",
            "entryY": "0.5",
            "entryPerimeter": "0",
        }
        page.cell(
            f"{ident}e",
            "link",
            _pair(layout, process.name, other),
            "",
            style,
            edge={"source": f"p{number}", "target": ident},
        )


def _rel(value: float, start: float, size: float) -> float:
    return min(max((value - start) / size, 0.0), 1.0) if size > 0 else 0.5


def _waypoints(points) -> list[tuple[float, float]]:
    """The route's inner points (Bézier controls included: prep's routes are
    orthogonal runs joined by short curves), without repeats and straight-line
    middles."""
    inner = [tuple(p) for p in points[1:-1]]
    out: list[tuple[float, float]] = []
    for p in inner:
        if out and abs(out[-1][0] - p[0]) < 0.5 and abs(out[-1][1] - p[1]) < 0.5:
            continue
        out.append(p)
    full = [tuple(points[0])] + out + [tuple(points[-1])] if points else out
    kept = []
    for i in range(1, len(full) - 1):
        (ax, ay), (bx, by), (cx, cy) = full[i - 1], full[i], full[i + 1]
        if abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) > 0.5:
            kept.append(full[i])
    return kept


def _middle(points) -> tuple[float, float]:
    """The point half way along the polyline draw.io draws (ends and waypoints)."""
    path = [tuple(points[0])] + _waypoints(points) + [tuple(points[-1])]
    lengths = [((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in zip(path, path[1:])]
    half = sum(lengths) / 2
    for (a, b), length in zip(zip(path, path[1:]), lengths):
        if half <= length and length > 0:
            t = half / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        half -= length
    return path[-1]
