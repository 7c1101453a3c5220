"""How a process is split across slides and scaled (prep.render.pptx): a process too
wide to keep its text legible (product names under 12 pt) is cut at subprocess band
edges, else where no product, note or label is; one too tall is split into groups of
whole lanes (pptx_lanes.py), each group its own slide (with a column split too:
each column's groups, top to bottom)."""

from __future__ import annotations

from prep import notation as N
from prep import slides as S
from prep.render.pptx_lanes import Group, lane_groups
from prep.render.pptx_look import STUB

# Below this scale product names are under 12 pt on the slide (docs/notation.md,
# "Exports"): a process wider than that is cut into columns, one taller into lane groups.
MIN_SCALE = 12.0 / N.SIZE["name"]
LEGEND_GAP = 6.0


class View:
    """One slide's part of a process: x range [left, right) of the layout shown,
    items whose centre lies in [start, stop) (and, for a group of lanes, in the
    group's y range), scale and offsets."""

    def __init__(self, left, right, start, stop, scale, legend_scale, header, group: Group | None = None):
        self.left, self.right, self.start, self.stop = left, right, start, stop
        self.scale, self.legend_scale, self.header = scale, legend_scale, header
        self.group = group

    def holds(self, box) -> bool:
        if self.group is not None and not self.group.start <= box.cy < self.group.stop:
            return False
        return self.start <= box.cx < self.stop


def _fit(width: float, height: float, legend, reserve: float = 0.0) -> tuple[float, float]:
    room_w = S.SLIDE_W - 2 * S.MARGIN
    room_h = S.SLIDE_H - 2 * S.MARGIN - reserve
    legend_scale = 0.0
    if legend is not None:
        legend_scale = min(room_w / legend.box.w, room_w / max(width, 1.0), 1.0)
        room_h -= legend.box.h * legend_scale + LEGEND_GAP
    scale = min(room_w / max(width, 1.0), room_h / max(height, 1.0), 1.0)
    return scale, min(legend_scale, scale) if legend is not None else 0.0


def plan_slides(process, legend, reserve: float = 0.0, room: float = 0.0) -> list[View]:
    """The slides of a process; `reserve`: height kept free under the legend, `room`:
    width kept free right of the frame (for the stand-ins of linked processes)."""
    frame = process.frame
    edge = frame.right + room
    scale, legend_scale = _fit(frame.w + room, frame.h, legend, reserve)
    whole = [View(frame.x, edge, float("-inf"), float("inf"), scale, legend_scale, 0.0)]
    room_h = _room_h(legend, legend_scale, reserve)
    tall = room_h / max(frame.h, 1.0)
    if scale >= MIN_SCALE:
        return whole  # legible already
    header = max((lane.header.w for lane in process.lanes), default=0.0) + 4.0  # repeated after a cut
    if tall < MIN_SCALE:  # too tall for 12 pt: groups of lanes, each maybe in columns
        groups = lane_groups(process, room_h / MIN_SCALE)
        if len(groups) > 1:
            return _grouped(process, groups, edge, header, room_h, legend, reserve)
    if tall <= scale * 1.05:
        return whole  # the height is the limit
    widest = (S.SLIDE_W - 2 * S.MARGIN) / min(tall, MIN_SCALE)
    pieces = _pieces(process, edge, widest, header)
    if len(pieces) == 1:
        return whole
    return _views(pieces, frame, edge, header, legend, reserve)


def _grouped(process, groups, edge: float, header: float, room_h: float, legend, reserve: float) -> list[View]:
    """Each group of lanes on slides of its own, top to bottom, split into columns as
    its height allows (cut where its own items leave room), left to right; a slide
    that would hold nothing of its group is left out."""
    frame = process.frame
    views = []
    for group in groups:
        tall = room_h / max(group.height, 1.0)
        widest = (S.SLIDE_W - 2 * S.MARGIN) / min(tall, MIN_SCALE)
        pieces = _pieces(process, edge, widest, header, group)
        for n in range(len(pieces)):
            left, right, start, stop, head = _piece(pieces, n, frame, edge, header)
            scale, legend_scale = _fit(right - left, group.height, legend, reserve)
            view = View(left, right, start, stop, scale, legend_scale, head, group)
            if any(view.holds(item.box) for item in process.nodes + process.externals + process.notes):
                views.append(view)
    return views


def _room_h(legend, legend_scale: float, reserve: float) -> float:
    """The slide's height left for the drawing under the legend."""
    legend_h = legend.box.h * legend_scale + LEGEND_GAP if legend is not None else 0.0
    return S.SLIDE_H - 2 * S.MARGIN - reserve - legend_h


def _pieces(process, edge: float, widest: float, header: float, group=None) -> list[tuple[float, float]]:
    """The x ranges [start, cut) of the slides: each as wide as `widest` allows (less
    the repeated lane headers and the stand-ins at its cuts), cut where _next_cut says
    (for a group of lanes: between its own items)."""
    cuts, bands = cut_places(process, group), band_edges(process)
    pieces: list[tuple[float, float]] = []
    start = process.frame.x
    while True:
        limit = start + widest - (header + STUB if pieces else 0.0) - STUB
        cut = None if edge <= limit else _next_cut(cuts, bands, start, limit, widest)
        if cut is None:
            pieces.append((start, edge))
            return pieces
        pieces.append((start, cut))
        start = cut


def _next_cut(cuts: list[float], bands: set[float], start: float, limit: float, widest: float) -> float | None:
    """Where a slide starting at `start` ends: the last band edge before `limit` that
    fills at least half the slide, else the last cut before `limit`, else the first
    cut after it (the slide is then wider than it should be), else None (no cut)."""
    fitting = [c for c in cuts if start + 20 < c <= limit]
    at_bands = [c for c in fitting if c in bands and c - start >= widest / 2]
    if at_bands or fitting:
        return (at_bands or fitting)[-1]
    later = [c for c in cuts if c > start + 20]
    return later[0] if later else None


def _views(pieces, frame, edge: float, header: float, legend, reserve: float) -> list[View]:
    """One View per piece: after the first, the lane headers are repeated left of it;
    a stand-in's room is kept at each cut."""
    views = []
    for n in range(len(pieces)):
        left, right, start, stop, head = _piece(pieces, n, frame, edge, header)
        scale, legend_scale = _fit(right - left, frame.h, legend, reserve)
        views.append(View(left, right, start, stop, scale, legend_scale, head))
    return views


def _piece(pieces, n: int, frame, edge: float, header: float) -> tuple[float, float, float, float, float]:
    """(left, right, start, stop, header) of column piece n: after the first, the lane
    headers are repeated left of it; a stand-in's room is kept at each cut."""
    (a, b), last = pieces[n], len(pieces) - 1
    left = frame.x if n == 0 else a - header - STUB
    right = edge if n == last else b + STUB
    start = float("-inf") if n == 0 else a
    stop = float("inf") if n == last else b
    return left, right, start, stop, header if n else 0.0


def band_edges(process) -> set[float]:
    """The x positions of the subprocess bands' left and right edges."""
    return {round(b.box.x, 2) for b in process.bands} | {round(b.box.right, 2) for b in process.bands}


def cut_places(process, group=None) -> list[float]:
    """x positions where no product, note or relation label lies (of a group of lanes,
    none of the group's): band edges in such gaps, else the middle of each gap."""

    def kept(box) -> bool:
        return group is None or group.start <= box.cy < group.stop

    spans = sorted(
        [(b.box.x, b.box.right) for b in list(process.nodes) + list(process.notes) if kept(b.box)]
        + [
            (e.label_box.x, e.label_box.right)
            for e in process.edges
            if e.label and e.label_box is not None and kept(e.label_box)
        ]
    )
    gaps, reach = [], None
    for a, b in spans:
        if reach is not None and a > reach + 2:
            gaps.append((reach, a))
        reach = b if reach is None else max(reach, b)
    edges = sorted(band_edges(process))
    out = []
    for a, b in gaps:
        inside = [e for e in edges if a <= e <= b]
        out.append(round(inside[0], 2) if inside else round((a + b) / 2, 2))
    if group is None or not spans or not process.lanes:
        return out
    return sorted(_ends(process, group, spans[0][0], reach) + out)


def _ends(process, group, first: float, reach: float) -> list[float]:
    """For a group of lanes: cuts in the empty lane ends just before its first item
    and just after its last, and their relations' routes, so a slide need not show
    the width where the group has nothing (a slide left holding nothing is left out)."""
    ends = {n.id for n in process.nodes if group.start <= n.box.cy < group.stop}
    xs = [x for e in process.edges if e.source in ends and e.target in ends for x, _ in e.points]
    first, reach = min([first, *xs]), max([reach, *xs])
    out = []
    if first - max(lane.header.right for lane in process.lanes) > 20:
        out.append(round(first - 8, 2))
    if min(lane.box.right for lane in process.lanes) - reach > 20:
        out.append(round(reach + 8, 2))
    return out
