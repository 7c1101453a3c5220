"""Groups of lanes for slides (prep.render.pptx_views): a process too tall to keep its
product names at 12 pt on one slide is split into groups of consecutive, whole lanes,
each group its own slide (docs/notation.md, "Exports"). The fewest groups that each
fit the slide's height at 12 pt (a single lane taller than that is a group of its
own); among those, the cuts fewest relations cross, then the most even heights.

A group's slide shows the process's head (banner, subprocess labels) as drawn, then
the group's lanes moved up under it, with room above and below them (at a cut that
relations cross) for the stand-ins of relations to lanes on other slides, then the
frame's bottom margin."""

from __future__ import annotations

from dataclasses import dataclass

from prep.render.pptx_look import STUB_H


@dataclass(frozen=True)
class Group:
    """Lanes `first`..`last` (indices into the process's lanes, top to bottom): items
    whose centre lies in [start, stop) belong to it; `top`/`bottom` the y range of its
    lanes; `shift` how far up they are drawn; `height` the frame's drawn height."""

    first: int
    last: int
    start: float
    stop: float
    top: float
    bottom: float
    shift: float
    height: float


def lane_groups(process, most: float) -> list[Group]:
    """The process's lanes in groups each at most `most` tall as drawn (layout points)."""
    lanes = [lane.box for lane in process.lanes]
    n = len(lanes)
    if n < 2:
        return [_group(process, 0, max(n - 1, 0))]
    crossing = _crossings(process, [lane.y for lane in lanes])
    for count in range(1, n + 1):
        cuts = _best(process, n, count, most, crossing)
        if cuts is not None:
            bounds = [0, *cuts, n]
            return [_group(process, a, b - 1, crossing) for a, b in zip(bounds, bounds[1:])]
    return [_group(process, 0, n - 1)]


def _group(process, first: int, last: int, crossing: list[int] | None = None) -> Group:
    """Lanes first..last as a group; room for stand-ins is kept at a cut that
    relations cross (all cuts when `crossing`, the count per lane's top edge, is None)."""
    lanes = [lane.box for lane in process.lanes]
    frame = process.frame
    if not lanes:
        return Group(0, 0, float("-inf"), float("inf"), frame.y, frame.bottom, 0.0, frame.h)
    n = len(lanes)
    above = STUB_H if first > 0 and (crossing is None or crossing[first]) else 0.0
    below = STUB_H if last < n - 1 and (crossing is None or crossing[last + 1]) else 0.0
    top, bottom = lanes[first].y, lanes[last].bottom
    head, tail = lanes[0].y - frame.y, frame.bottom - lanes[-1].bottom
    start = lanes[first].y if first > 0 else float("-inf")
    stop = lanes[last + 1].y if last < n - 1 else float("inf")
    shift = top - above - lanes[0].y if first > 0 else 0.0
    height = head + above + (bottom - top) + below + tail
    return Group(first, last, start, stop, top, bottom, shift, height)


def _crossings(process, cuts: list[float]) -> list[int]:
    """How many relations cross each lane's top edge (their ends' centres on either side)."""
    where = {item.id: item.box.cy for item in process.nodes + process.externals}
    out = [0] * len(cuts)
    for edge in process.edges:
        if edge.kind == "note" or edge.source not in where or edge.target not in where:
            continue
        a, b = where[edge.source], where[edge.target]
        for n, y in enumerate(cuts):
            out[n] += (a >= y) != (b >= y)
    return out


def _best(process, n: int, count: int, most: float, crossing: list[int]) -> list[int] | None:
    """The cuts (lane indices starting a group) of the best `count` groups that fit,
    or None: by dynamic programming over (groups, lanes so far)."""
    best: dict[int, tuple[tuple[int, float], list[int]]] = {0: ((0, 0.0), [])}
    for k in range(count):
        step: dict[int, tuple[tuple[int, float], list[int]]] = {}
        for a, ((cross, even), cuts) in sorted(best.items()):
            for b in range(a + 1, n + 1):
                if (b == n) != (k == count - 1):
                    continue
                height = _group(process, a, b - 1, crossing).height
                if height > most and b - a > 1:
                    continue
                cost = (cross + (crossing[a] if a else 0), even + height * height)
                if b not in step or cost < step[b][0]:
                    step[b] = (cost, cuts + ([a] if a else []))
        best = step
    return best[n][1] if n in best else None
