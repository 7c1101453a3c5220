"""How a process is split across slides and scaled (prep.render.pptx): a process too
wide to keep its text legible (product names under 12 pt) is cut at subprocess band
edges, else where no product, note or label is, as its height allows."""

from __future__ import annotations

from prep import notation as N
from prep import slides as S
from prep.render.pptx_look import STUB

# Below this scale product names are under 12 pt on the slide (docs/notation.md,
# "Exports"): a process wider than that is split instead, where its height allows.
MIN_SCALE = 12.0 / N.SIZE["name"]
LEGEND_GAP = 6.0


class View:
    """One slide's part of a process: x range [left, right) of the layout shown,
    items whose centre lies in [start, stop), scale and offsets."""

    def __init__(self, left, right, start, stop, scale, legend_scale, header):
        self.left, self.right, self.start, self.stop = left, right, start, stop
        self.scale, self.legend_scale, self.header = scale, legend_scale, header

    def holds(self, box) -> bool:
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
    tall = _room_h(legend, legend_scale, reserve) / max(frame.h, 1.0)
    if scale >= MIN_SCALE or tall <= scale * 1.05:
        return whole  # legible already, or the height is the limit
    header = max((lane.header.w for lane in process.lanes), default=0.0) + 4.0
    widest = (S.SLIDE_W - 2 * S.MARGIN) / min(tall, MIN_SCALE)
    pieces = _pieces(process, edge, widest, header)
    if len(pieces) == 1:
        return whole
    return _views(pieces, frame, edge, header, legend, reserve)


def _room_h(legend, legend_scale: float, reserve: float) -> float:
    """The slide's height left for the drawing under the legend."""
    legend_h = legend.box.h * legend_scale + LEGEND_GAP if legend is not None else 0.0
    return S.SLIDE_H - 2 * S.MARGIN - reserve - legend_h


def _pieces(process, edge: float, widest: float, header: float) -> list[tuple[float, float]]:
    """The x ranges [start, cut) of the slides: each as wide as `widest` allows (less
    the repeated lane headers and the stand-ins at its cuts), cut where _next_cut says."""
    cuts, bands = cut_places(process), band_edges(process)
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
    views, last = [], len(pieces) - 1
    for n, (a, b) in enumerate(pieces):
        left = frame.x if n == 0 else a - header - STUB
        right = edge if n == last else b + STUB
        scale, legend_scale = _fit(right - left, frame.h, legend, reserve)
        start = float("-inf") if n == 0 else a
        stop = float("inf") if n == last else b
        views.append(View(left, right, start, stop, scale, legend_scale, header if n else 0.0))
    return views


def band_edges(process) -> set[float]:
    """The x positions of the subprocess bands' left and right edges."""
    return {round(b.box.x, 2) for b in process.bands} | {round(b.box.right, 2) for b in process.bands}


def cut_places(process) -> list[float]:
    """x positions where no product, note or relation label lies: band edges in such
    gaps, else the middle of each gap."""
    spans = sorted(
        [(b.box.x, b.box.right) for b in list(process.nodes) + list(process.notes)]
        + [(e.label_box.x, e.label_box.right) for e in process.edges if e.label and e.label_box is not None]
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
    return out
