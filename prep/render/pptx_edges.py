"""Relations, note links and the legend of a process slide (prep.render.pptx).

A relation is a connector glued to both ends: an elbow between products side by
side (its bend where the layout's route turns), a straight line between products
above one another. A relation whose other end is on another slide of a split
process ends at a small stand-in naming that end and its slide."""

from __future__ import annotations

from prep import slides as S
from prep.layout.model import Box, Text
from prep.render.pptx import MARK, PRESET, _look, edge_look, note_look
from prep import notation as N


def sides(a: Box, b: Box) -> tuple[str, str, str]:
    """(site on a, site on b, connector kind) for a line from box a to box b."""
    if b.x >= a.right - 1:
        return "right", "left", "ELBOW"
    if b.right <= a.x + 1:
        return "left", "right", "ELBOW"
    if b.cy >= a.cy:
        return "bottom", "top", "STRAIGHT"
    return "top", "bottom", "STRAIGHT"


def site(b: Box, side: str) -> tuple[float, float]:
    return {"right": (b.right, b.cy), "left": (b.x, b.cy), "top": (b.cx, b.y),
            "bottom": (b.cx, b.bottom)}[side]


def side_of(b: Box, point) -> str:
    """The side of box b a route's end point lies on."""
    x, y = point
    gaps = {"left": abs(x - b.x), "right": abs(x - b.right), "top": abs(y - b.y),
            "bottom": abs(y - b.bottom)}
    return min(gaps, key=gaps.get)


def route_sides(a: Box, b: Box, points) -> tuple[str, str, str]:
    """Sites and connector kind following the layout's route: an elbow between two
    left/right sites, else a straight line."""
    if len(points) < 2:
        return sides(a, b)
    first, last = side_of(a, points[0]), side_of(b, points[-1])
    horizontal = first in ("left", "right") and last in ("left", "right")
    return first, last, "ELBOW" if horizontal else "STRAIGHT"


def _bend(points, begin, end) -> float | None:
    """Where the route leaves the begin's height, as a fraction of the way across
    (below 0 or above 1 for a detour beside both ends); None: no elbow fits."""
    span = end[0] - begin[0]
    if abs(span) < 1:
        return None
    turn = next((x for x, y in points if abs(y - points[0][1]) > 1), None)
    if turn is None:
        return 0.5
    return min(max((turn - begin[0]) / span, -20.0), 20.0)


def _find(process, ident):
    for item in process.nodes + process.externals + process.notes:
        if item.id == ident:
            return item
    return None


def draw_edges(d) -> None:
    p = d.process
    for edge in p.edges:
        kind = "touch" if edge.touch is not None else edge.kind
        title = d.pre + edge.title
        name = f"{'note link' if edge.kind == 'note' else kind}: {title}"
        look = edge_look(edge.kind, edge.touch)
        mark = d.marks.get(title) if edge.kind != "note" else None
        if mark is not None:
            look = {**look, "line": MARK[mark[0]][0], "width": max(look["width"], 2.4),
                    **({"dash": True} if mark[0] == "removed" else {})}
        a, b = d.shapes.get(edge.source), d.shapes.get(edge.target)
        if a is None and b is None:
            continue
        if a is None or b is None:
            here = edge.source if a is not None else edge.target
            there = _find(p, edge.target if a is not None else edge.source)
            if there is None or edge.kind == "note":
                continue
            stand_in = _stand_in(d, there)
            if a is None:
                a, box_a, b, box_b = stand_in, stand_in.layout_box, b, d.boxes[here]
            else:
                box_a, b, box_b = d.boxes[here], stand_in, stand_in.layout_box
        else:
            box_a, box_b = d.boxes[edge.source], d.boxes[edge.target]
        if a is d.shapes.get(edge.source) and b is d.shapes.get(edge.target):
            from_side, to_side, shape_kind = route_sides(box_a, box_b, edge.points)
        else:
            from_side, to_side, shape_kind = sides(box_a, box_b)
        begin, end = site(box_a, from_side), site(box_b, to_side)
        bend = _bend(edge.points, begin, end) if shape_kind == "ELBOW" else None
        if edge.kind == "note" or abs(begin[1] - end[1]) < 1 or bend is None:
            shape_kind, bend = "STRAIGHT", None
        cx = S.connector(d.slide, shape_kind, (d.x(begin[0]), d.y(begin[1])),
                         (d.x(end[0]), d.y(end[1])), name, bend)
        S.attach(cx, a, from_side, b, to_side)
        S.set_line(cx, look["line"], d.width(look["width"]), look["dash"],
                   head=look["head"], tail=look["tail"])
        if edge.label and edge.label_box is not None and d.view.holds(edge.label_box):
            tb = S.text_box(d.slide, *d.box(edge.label_box), f"label: {title}")
            S.put_text(tb, edge.label, d.view.scale, pad=0)
        if mark is not None and edge.label_box is None and edge.kind != "note":
            mid = Box((begin[0] + end[0]) / 2 - 6, (begin[1] + end[1]) / 2 - 6, 12, 12)
            d.badge(mid, mark, title)


def _stand_in(d, there):
    """A small box at the slide's edge for an end drawn on another slide."""
    v, p = d.view, d.process
    slide = next((n for n, other in enumerate(d.views) if other.holds(there.box)), 0) + 1
    right = there.box.cx >= v.stop
    text = f"{'→' if right else '←'} {there.lines[0].text if there.lines else ''} ({slide})"
    lanes_top = min((lane.box.y for lane in p.lanes), default=there.box.y)
    lanes_bottom = max((lane.box.bottom for lane in p.lanes), default=there.box.bottom)
    from prep.render.pptx import STUB

    w, h = STUB - 12, 24.0
    y = min(max(there.box.cy - h / 2, lanes_top + 2), lanes_bottom - h - 2)
    x = v.stop + 6 if right else v.start - STUB + 6
    box = Box(x, y, w, h)
    sp = d.shape("ROUNDED_RECTANGLE", box, f"continued: {d.pre}{_title(there)}",
                 {"fill": "#ffffff", "line": N.GREY, "width": 1.0, "dash": True,
                  "double": False})
    S.put_text(sp, (Text(text, 11, "tag"),), v.scale, pad=2)
    sp.layout_box = box
    return sp


def draw_links(d) -> None:
    """Processes linked with this one (they name each other as externals, drawn on
    their own slides): a dashed grey connector from the frame's right side, glued to
    it, to a stand-in naming the other process and its slide (a click shows it)."""
    from prep.render.pptx import LINK_GAP, LINK_H, LINK_W

    p, v = d.process, d.view
    frame = p.frame
    look = _look(N.LINK)
    step = LINK_H + 8
    top = frame.cy - (len(d.links) * step - 8) / 2
    top = max(min(top, frame.bottom - len(d.links) * step), frame.y)
    for n, (other, slide) in enumerate(d.links):
        box = Box(frame.right + LINK_GAP, top + n * step, LINK_W, LINK_H)
        sp = d.shape("ROUNDED_RECTANGLE", box, f"linked process: {other}",
                     {"fill": "#ffffff", "line": look["line"], "width": 1.0, "dash": True,
                      "double": False})
        S.put_text(sp, (Text(f"↔ {other} ({slide})", 11, "tag"),), v.scale, pad=2,
                   wrap=True)
        d.jumps.append((sp, slide))
        begin, end = (frame.right, frame.cy), (box.x, box.cy)
        kind = "STRAIGHT" if abs(begin[1] - end[1]) < 1 else "ELBOW"
        cx = S.connector(d.slide, kind, (d.x(begin[0]), d.y(begin[1])),
                         (d.x(end[0]), d.y(end[1])), f"link: {_pair(d.layout, p.name, other)}",
                         0.5 if kind == "ELBOW" else None)
        S.attach(cx, d.frame_shape, "right", sp, "left")
        S.set_line(cx, look["line"], d.width(look["width"]), look["dash"])


def _pair(layout, a: str, b: str) -> str:
    """`source - target` of the layout's link between processes a and b (the SVG's
    title of that line)."""
    for link in layout.links:
        if {link.source, link.target} == {a, b}:
            return f"{link.source} - {link.target}"
    return f"{a} - {b}"


def _title(item) -> str:
    return item.key if hasattr(item, "key") else item.title


def draw_legend(d, legend) -> None:
    v = d.view
    ls = v.legend_scale
    top = d.oy + d.process.frame.h * v.scale + 6.0

    def place(b: Box) -> tuple[float, float, float, float]:
        return (S.MARGIN + (b.x - legend.box.x) * ls, top + (b.y - legend.box.y) * ls,
                b.w * ls, b.h * ls)

    S.shape(d.slide, "ROUNDED_RECTANGLE", *place(legend.box), "legend",
                    None, "#aaaaaa", max(0.5, ls))
    first = legend.items[0].text_box if legend.items else legend.box
    title = S.text_box(d.slide, *place(Box(legend.box.x + 8, first.y, 40, first.h)),
                       f"legend title: {legend.title.text}")
    S.put_text(title, (legend.title,), ls, "left", pad=0)
    for item in legend.items:
        x, y, w, h = place(item.sample)
        name = f"legend {item.kind}: {item.text.text}"
        if item.kind in ("input", "sync", "touch"):
            look = edge_look("sync" if item.kind == "sync" else "input",
                             "high" if item.kind == "touch" else None)
            cx = S.connector(d.slide, "STRAIGHT", (x, y + h / 2), (x + w, y + h / 2), name)
            S.set_line(cx, look["line"], max(0.5, look["width"] * ls), look["dash"],
                       head=look["head"], tail=look["tail"])
        else:
            preset, look = _sample(item.kind)
            S.shape(d.slide, preset, x, y, w, h, name, look["fill"], look["line"],
                    max(0.5, look["width"] * ls), look["dash"], look["double"])
        tb = S.text_box(d.slide, *place(item.text_box), f"legend text: {item.text.text}")
        S.put_text(tb, (item.text,), ls, "left", pad=0)


def _sample(kind: str):
    from prep.render.pptx import node_look

    if kind in PRESET:
        class _N:
            intervention = False
            csm = False

        node = _N()
        node.kind = kind
        return PRESET[kind], node_look(node)
    if kind == "intervention":
        return "ROUNDED_RECTANGLE", _look({**N.KIND["intangible"], **N.INTERVENTION})
    if kind in ("kpi", "issue"):
        class _T:
            marks = ()

        note = _T()
        note.kind = kind
        return "FOLDED_CORNER", note_look(note)
    return "RECTANGLE", _look({**N.BAND_LABEL, "style": "dashed"})
