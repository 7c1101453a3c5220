"""Relations, note links and the legend of a process slide (prep.render.pptx).

A relation follows the layout's route, the one the SVG draws (docs/notation.md,
"Exports"): where a PowerPoint connector takes the same path it is that connector,
glued to both ends (it follows a product when it is moved): a straight route from
the middle of a side to the middle of a side, or a horizontal-vertical-horizontal
route between the middles of left and right sides (an elbow, its bend where the
route turns). Any other route is a freeform path through the route's points, as
drawn. A relation whose other end is on another slide of a split process follows
its route to the cut (a column's side, or the top or bottom of a group of lanes)
and ends at a small stand-in naming that end and its slide; the stand-ins at a cut
are stacked so none overlaps another."""

from __future__ import annotations

from prep import slides as S
from prep.layout.badges import kind_of
from prep.layout.positions import Box, Text
from prep.render.pptx_look import (
    LINK_GAP,
    LINK_H,
    LINK_W,
    MARK,
    PRESET,
    STUB,
    STUB_H,
    edge_look,
    node_look,
    note_look,
)
from prep import notation as N

NEAR = 1.0  # points: a route's end this close to a side's middle is glued there


def corners(points) -> list[tuple[float, float]]:
    """The route's control polygon without repeated points and without points in
    the middle of a straight run: the corners of an orthogonal route."""
    out: list[tuple[float, float]] = []
    for x, y in points:
        if out and abs(x - out[-1][0]) < 0.05 and abs(y - out[-1][1]) < 0.05:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            cross = (bx - ax) * (y - by) - (by - ay) * (x - bx)
            dot = (bx - ax) * (x - bx) + (by - ay) * (y - by)
            if abs(cross) < 0.05 * max(1.0, abs(bx - ax) + abs(by - ay)) and dot >= 0:
                out[-1] = (x, y)
                continue
        out.append((x, y))
    return out


GLUE_SIDES = {
    "rect": "all",
    "roundRect": "all",
    "foldedCorner": "all",
    "ellipse": "all",
    "hexagon": "sides",
    "homePlate": "sides",
}


def site_at(sp, b: Box, point) -> str | None:
    """The connection site of shape `sp` (drawn at layout box `b`) at `point`, if
    the point is the middle of a side the shape has a site at."""
    x, y = point
    sites = {"left": (b.x, b.cy), "right": (b.right, b.cy)}
    if GLUE_SIDES.get(sp.preset) == "all":
        sites.update(top=(b.cx, b.y), bottom=(b.cx, b.bottom))
    for name, (sx, sy) in sites.items():
        if abs(sx - x) <= NEAR and abs(sy - y) <= NEAR:
            return name
    return None


def glue(a, box_a: Box, b, box_b: Box, points):
    """(connector kind, begin site, end site, bend) when a PowerPoint connector glued
    to shapes a and b draws the route `points`; else None."""
    c = corners(points)
    if len(c) < 2:
        return None
    first, last = site_at(a, box_a, c[0]), site_at(b, box_b, c[-1])
    if first is None or last is None:
        return None
    if len(c) == 2:
        return "STRAIGHT", first, last, None
    if len(c) != 4 or first in ("top", "bottom") or last in ("top", "bottom"):
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = c
    if abs(y1 - y0) > 0.05 or abs(x2 - x1) > 0.05 or abs(y3 - y2) > 0.05 or abs(x3 - x0) < 1:
        return None
    return "ELBOW", first, last, (x1 - x0) / (x3 - x0)


def flatten(points, steps: int = 8) -> list[tuple[float, float]]:
    """A Bézier path (1 + 3k points) as a polyline."""
    out = [points[0]]
    for k in range(1, len(points) - 2, 3):
        out += bezier(points[k - 1], points[k], points[k + 1], points[k + 2], steps)
    return out


def bezier(p0, p1, p2, p3, steps: int) -> list[tuple[float, float]]:
    """`steps` points along one cubic Bézier segment, evenly in t, after its start up to its end."""
    out = []
    for n in range(1, steps + 1):
        t = n / steps
        u = 1 - t
        out.append(
            tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * e for a, b, c, e in zip(p0, p1, p2, p3))
        )
    return out


def _find(process, ident):
    for item in process.nodes + process.externals + process.notes:
        if item.id == ident:
            return item
    return None


def marked_edge(look: dict, edge) -> dict:
    """A relation's look with the diff's mark its label carries (as the SVG)."""
    kind = kind_of(edge.label)
    if kind is None:
        return look
    if kind == "removed":
        return {**look, "line": MARK["removed"][0], "dash": True, "width": 1.4}
    if look["line"] == N.TOUCH.get("color"):
        return {**look, "width": 3.0}
    return {**look, "line": MARK[kind][0], "width": 2.6}


def draw_edges(d) -> None:
    p = d.process
    stubs = []
    for edge in p.edges:
        kind = "touch" if edge.touch is not None else edge.kind
        title = d.pre + edge.title
        name = f"{'note link' if edge.kind == 'note' else kind}: {title}"
        look = marked_edge(edge_look(edge.kind, edge.touch), edge)
        a, b = d.shapes.get(edge.source), d.shapes.get(edge.target)
        if a is None and b is None or len(edge.points) < 2:
            continue
        if a is None or b is None:
            there = _find(p, edge.target if a is not None else edge.source)
            if there is not None and edge.kind != "note":
                stubs.append((edge, name, look, a is not None, there))
            continue
        _route(d, edge, name, look, a, b)
        if edge.label and edge.label_box is not None and d.view.holds(edge.label_box):
            d.label(edge.label_box, edge.label, f"label: {title}")
    if stubs:
        _stubs(d, stubs)


def _side(box, side: str) -> tuple[float, float]:
    """The middle of a box's side (left, right, top or bottom)."""
    if side in ("left", "right"):
        return (box.x if side == "left" else box.right), box.cy
    return box.cx, (box.y if side == "top" else box.bottom)


def _route(d, edge, name, look, a, b) -> None:
    box_a, box_b = d.boxes[edge.source], d.boxes[edge.target]
    glued = glue(a, box_a, b, box_b, edge.points)
    if glued is not None:
        kind, first, last, bend = glued
        begin, end = _side(box_a, first), _side(box_b, last)
        cx = S.connector(d.slide, kind, (d.x(begin[0]), d.y(begin[1])), (d.x(end[0]), d.y(end[1])), name, bend)
        S.attach(cx, a, first, b, last)
    else:
        curves = (len(edge.points) - 1) % 3 == 0
        cx = S.freeform(d.slide, [(d.x(x), d.y(y)) for x, y in edge.points], name, curves)
    S.set_line(cx, look["line"], d.width(look["width"]), look["dash"], head=look["head"], tail=look["tail"])


SIDES = {0: ("left", "right"), 1: ("top", "bottom")}


def clip(points, start: float, stop: float, axis: int = 0) -> tuple[list, str | None]:
    """The polyline `points` up to where it first leaves the range [start, stop] of
    its x (axis 0) or y (axis 1) (that point included), and the side it leaves by
    (left/right, top/bottom; None: it never does)."""
    out = [points[0]]
    for point in points[1:]:
        if start <= point[axis] <= stop:
            out.append(point)
            continue
        last = out[-1]
        cut = stop if point[axis] > stop else start
        t = (cut - last[axis]) / (point[axis] - last[axis]) if point[axis] != last[axis] else 0.0
        across = last[1 - axis] + t * (point[1 - axis] - last[1 - axis])
        out.append((cut, across) if axis == 0 else (across, cut))
        return out, SIDES[axis][cut == stop]
    return out, None


def clip_view(points, v) -> tuple[list, str | None]:
    """The route up to where it leaves the view: its columns, then its group of lanes."""
    route, side = clip(points, max(v.start, v.left), min(v.stop, v.right))
    if v.group is not None:
        shorter, across = clip(route, v.group.start, v.group.stop, axis=1)
        if across is not None:
            return shorter, across
    return route, side


STAND_W, STAND_H, STAND_GAP = 138.0, 34.0, 4.0
ARROW = {"left": "←", "right": "→", "top": "↑", "bottom": "↓"}


def _stubs(d, stubs) -> None:
    """Each relation to another slide: its route to the cut, then a short jog to the
    stand-in of its other end (one per end and side, shared by its relations); the
    stand-ins on each side stacked in the order of the routes, none overlapping: along
    a column cut (left, right) within the lanes, along a cut between lanes (top,
    bottom) within the columns."""
    groups: dict[tuple[str, str], list] = {}
    for edge, name, look, from_here, there in stubs:
        route = flatten(edge.points) if (len(edge.points) - 1) % 3 == 0 else list(edge.points)
        if not from_here:
            route = route[::-1]
        route, side = clip_view(route, d.view)
        if side is not None:
            groups.setdefault((side, there.id), []).append((edge, name, look, from_here, there, route))
    for side in ("left", "right", "top", "bottom"):
        along = 1 if side in ("left", "right") else 0  # the stand-ins are stacked along the cut
        items = sorted(
            ((sum(r[5][-1][along] for r in g) / len(g), key[1], g) for key, g in groups.items() if key[0] == side),
            key=lambda item: (item[0], item[1]),
        )
        if not items:
            continue
        low, high, most = _span(d, along, {key[0] for key in groups})
        size = min(most, (high - low - STAND_GAP * (len(items) - 1)) / len(items))
        places = _stack([at for at, *_ in items], size, low, high)
        for at, (_, _, group) in zip(places, items):
            _stub(d, side, at, size, group)


def _span(d, along: int, sides: set[str]) -> tuple[float, float, float]:
    """Where stand-ins may stand along a cut, and their largest size that way: along a
    column cut (along y) the lanes on this slide; along a cut between lanes (along x,
    in the room above or below them) the frame's width on this slide, less the
    column cuts' rooms where stand-ins stand there (`sides`)."""
    v, lanes, frame = d.view, d.lanes(), d.process.frame
    if along == 1:
        top = min((lane.box.y for lane in lanes), default=frame.y) + 2
        bottom = max((lane.box.bottom for lane in lanes), default=frame.bottom) - 2
        return top, bottom, STAND_H
    left = v.start if "left" in sides else max(v.left + v.header, frame.x + 8)
    right = v.stop if "right" in sides else min(v.right, frame.right - 8)
    return left + 2, right - 2, STAND_W


def _stack(wanted: list[float], size: float, low: float, high: float) -> list[float]:
    """Starts (top or left edges) for boxes `size` long centred as near `wanted` as
    they can be, in order, none overlapping, all within [low, high]."""
    out: list[float] = []
    for at in wanted:
        out.append(max(at - size / 2, low, out[-1] + size + STAND_GAP if out else low))
    for n in range(len(out) - 1, -1, -1):
        limit = high - (len(out) - n) * (size + STAND_GAP) + STAND_GAP
        out[n] = max(min(out[n], limit), low)
    return out


def _stub(d, side, at, size, group) -> None:
    """The stand-in of one end on `side`, starting at `at` along its cut, `size` long
    that way, and the relations' paths to it (the column stand-in turned on its side
    for a cut between lanes)."""
    v = d.view
    there = group[0][4]
    axis = 0 if side in ("left", "right") else 1  # across the cut
    far = side in ("right", "bottom")
    cut = group[0][5][-1][axis]
    slide = next((n for n, other in enumerate(d.views) if other.holds(there.box)), 0) + 1
    deep = min(STAND_W, STUB - 12) if axis == 0 else min(STAND_H, STUB_H - 12)
    start = cut + 8 if far else cut - 8 - deep
    box = Box(start, at, deep, size) if axis == 0 else Box(at, start, size, deep)
    jog = cut + 4 if far else cut - 4
    near = start if far else start + deep
    middle = box.cy if axis == 0 else box.cx

    def point(across: float, along: float) -> tuple[float, float]:
        return (across, along) if axis == 0 else (along, across)

    for edge, name, look, from_here, _, route in group:
        path = route + [point(jog, route[-1][1 - axis]), point(jog, middle), point(near, middle)]
        if not from_here:
            path = path[::-1]
        cx = S.freeform(d.slide, [(d.x(px), d.y(py)) for px, py in path], name, curves=False)
        S.set_line(cx, look["line"], d.width(look["width"]), look["dash"], head=look["head"], tail=look["tail"])
        if edge.label and edge.label_box is not None and v.holds(edge.label_box):
            d.label(edge.label_box, edge.label, f"label: {d.pre}{edge.title}")
    label = N.shorten(there.lines[0].text if there.lines else _title(there), 14)
    lines = (Text(f"{ARROW[side]} ({slide})", 10, "tag"), Text(label, 11, "name"))
    sp = d.shape(
        "ROUNDED_RECTANGLE",
        box,
        f"continued: {d.pre}{_title(there)}",
        {"fill": "#ffffff", "line": N.GREY, "width": 1.0, "dash": True, "double": False},
    )
    d.text(sp, lines, pad=2, wrap=True)
    sp.layout_box = box


def draw_links(d) -> None:
    """Processes linked with this one (they name each other as externals, drawn on
    their own slides): a dashed grey connector from the frame's right side, glued to
    it, to a stand-in naming the other process and its slide (a click shows it)."""
    p = d.process
    frame = Box(p.frame.x, p.frame.y + d.shift, p.frame.w, d.height)  # as drawn on this slide
    look = S.look(N.LINK)
    step = LINK_H + 8
    top = frame.cy - (len(d.links) * step - 8) / 2
    top = max(min(top, frame.bottom - len(d.links) * step), frame.y)
    for n, (other, slide) in enumerate(d.links):
        box = Box(frame.right + LINK_GAP, top + n * step, LINK_W, LINK_H)
        sp = d.shape(
            "ROUNDED_RECTANGLE",
            box,
            f"linked process: {other}",
            {"fill": "#ffffff", "line": look["line"], "width": 1.0, "dash": True, "double": False},
        )
        d.text(sp, (Text(f"↔ {other} ({slide})", 11, "tag"),), pad=2, wrap=True)
        d.jumps.append((sp, slide))
        begin, end = (frame.right, frame.cy), (box.x, box.cy)
        kind = "STRAIGHT" if abs(begin[1] - end[1]) < 1 else "ELBOW"
        cx = S.connector(
            d.slide,
            kind,
            (d.x(begin[0]), d.y(begin[1])),
            (d.x(end[0]), d.y(end[1])),
            f"link: {_pair(d.layout, p.name, other)}",
            0.5 if kind == "ELBOW" else None,
        )
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
    top = d.oy + d.height * v.scale + 6.0

    def place(b: Box) -> tuple[float, float, float, float]:
        return (S.MARGIN + (b.x - legend.box.x) * ls, top + (b.y - legend.box.y) * ls, b.w * ls, b.h * ls)

    S.shape(d.slide, "ROUNDED_RECTANGLE", *place(legend.box), "legend", None, "#aaaaaa", max(0.5, ls))

    def roomy(b: Box, lines) -> Box:
        """The text's box widened (to the right: the text is left-aligned) and heightened
        by the slack, so the text keeps its size."""
        w, h = d.sizes.of(lines, "left", ls)
        grow_w, grow_h = max(b.w, w / ls * S.SLACK), max(b.h, h / ls * S.SLACK)
        return Box(b.x, b.cy - grow_h / 2, grow_w, grow_h)

    first = legend.items[0].text_box if legend.items else legend.box
    title = S.text_box(
        d.slide,
        *place(roomy(Box(legend.box.x + 8, first.y, 40, first.h), (legend.title,))),
        f"legend title: {legend.title.text}",
    )
    d.text(title, (legend.title,), "left", pad=0, scale=ls)
    for item in legend.items:
        x, y, w, h = place(item.sample)
        name = f"legend {item.kind}: {item.text.text}"
        if item.kind in ("input", "sync", "touch"):
            look = edge_look("sync" if item.kind == "sync" else "input", "high" if item.kind == "touch" else None)
            cx = S.connector(d.slide, "STRAIGHT", (x, y + h / 2), (x + w, y + h / 2), name)
            S.set_line(
                cx, look["line"], max(0.5, look["width"] * ls), look["dash"], head=look["head"], tail=look["tail"]
            )
        else:
            preset, look = _sample(item.kind)
            S.shape(
                d.slide,
                preset,
                x,
                y,
                w,
                h,
                name,
                look["fill"],
                look["line"],
                max(0.5, look["width"] * ls),
                look["dash"],
                look["double"],
            )
        tb = S.text_box(d.slide, *place(roomy(item.text_box, (item.text,))), f"legend text: {item.text.text}")
        d.text(tb, (item.text,), "left", pad=0, scale=ls)


def _sample(kind: str):
    if kind in PRESET:

        class _N:
            intervention = False
            csm = False

        node = _N()
        node.kind = kind
        return PRESET[kind], node_look(node)
    if kind == "intervention":
        return "ROUNDED_RECTANGLE", S.look({**N.KIND["intangible"], **N.INTERVENTION})
    if kind in ("kpi", "issue"):

        class _T:
            marks = ()

        note = _T()
        note.kind = kind
        return "FOLDED_CORNER", note_look(note)
    return "RECTANGLE", S.look({**N.BAND_LABEL, "style": "dashed"})
