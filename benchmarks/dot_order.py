"""`--layout dot`'s crossings with its lanes put back in file order, for a fair
comparison with prep's swimlanes (which keep the file's lane order; dot reorders the
lane clusters as it likes). Graphviz cannot be told to keep clusters in an order
(invisible flat edges between anchors in each lane are not honoured across clusters),
so the figure is counted on dot's own drawing:

- the ranks are the columns of dot's product centres (rankdir=LR);
- every relation line is an item at each rank it spans: its ends, and where its
  spline passes the ranks between (a virtual node, in the lane whose box it passes);
- each rank is stacked by (process, lane in file order, dot's height): dot's own order
  inside each lane, the lanes as in the file;
- two lines cross between neighbouring ranks when their order swaps (lines sharing a
  product meet rather than cross; two lines crossing twice are one pair), as
  prep/layout/search.py counts.

`counted(data, file_order=False)` counts dot's order as drawn, a check that the
counting agrees with the geometry (bench_layout.py's `measure`).
"""

from __future__ import annotations

import re

LANE = re.compile(r"cluster_p(\d+)_a(\d+)$")


def _lanes(data: dict) -> tuple[dict[int, tuple[int, int]], list[tuple[tuple[int, int], tuple[float, ...]]]]:
    """Node gvid -> (process, lane) and every lane's box, from dot's JSON."""
    lane_of: dict[int, tuple[int, int]] = {}
    boxes = []
    for obj in data.get("objects", []):
        m = LANE.match(obj.get("name", ""))
        if not m or "bb" not in obj:
            continue
        key = (int(m.group(1)), int(m.group(2)))
        boxes.append((key, tuple(float(v) for v in obj["bb"].split(","))))
        for gvid in obj.get("nodes", ()):
            lane_of[gvid] = key
    return lane_of, boxes


def _lane_at(x: float, y: float, boxes) -> tuple[int, int]:
    """The lane whose box holds (x, y), else the nearest one (by distance to its box)."""

    def distance(box) -> float:
        x0, y0, x1, y1 = box
        return max(x0 - x, 0.0, x - x1) + max(y0 - y, 0.0, y - y1)

    return min(boxes, key=lambda b: (distance(b[1]), b[0]))[0] if boxes else (0, 0)


def _y_at(points: list[tuple[float, float]], x: float) -> float:
    """The height where a polyline passes x (the nearest point when it does not)."""
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if min(x0, x1) <= x <= max(x0, x1) and x0 != x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return min(points, key=lambda p: abs(p[0] - x))[1]


def counted(data: dict, lines: list, file_order: bool = True) -> int:
    """Crossing pairs of `lines` ((tail gvid, head gvid, edge number, polyline) of the
    counted relations) with each rank stacked as the module says."""
    lane_of, boxes = _lanes(data)
    centre = {}
    for obj in data.get("objects", []):
        if "pos" in obj and "_gvid" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            centre[obj["_gvid"]] = (round(x, 1), y)
    ranks = sorted({centre[g][0] for tail, head, _, _ in lines for g in (tail, head) if g in centre})
    index = {x: k for k, x in enumerate(ranks)}
    stacks: dict[int, list] = {}  # rank -> (key, edge number)
    chains = []
    for tail, head, number, points in lines:
        if tail not in centre or head not in centre:
            continue
        (xa, ya), (xb, yb) = centre[tail], centre[head]
        if xa == xb:
            continue  # within one rank: no crossing between ranks
        (xa, ya, a), (xb, yb, b) = sorted(((xa, ya, tail), (xb, yb, head)))
        chain = []
        for x in ranks[index[xa] : index[xb] + 1]:
            end = a if x == xa else b if x == xb else None
            y = ya if end == a else yb if end == b else _y_at(points, x)
            lane = lane_of.get(end) if end is not None else None
            lane = lane or _lane_at(x, y, boxes)
            key = (lane, -y) if file_order else (-y,)
            stacks.setdefault(index[x], []).append((key, number))
            chain.append(index[x])
        chains.append((number, {tail, head}, chain))
    place: dict[tuple[int, int], int] = {}
    for rank, items in stacks.items():
        for p, (_, number) in enumerate(sorted(items)):
            place[(rank, number)] = p
    return _pairs(chains, place)


def _pairs(chains, place) -> int:
    gaps: dict[int, list] = {}
    for number, ends, chain in chains:
        for r in chain[:-1]:
            gaps.setdefault(r, []).append((place[(r, number)], place[(r + 1, number)], ends, number))
    pairs = set()
    for segments in gaps.values():
        for n, (u1, v1, ends1, id1) in enumerate(segments):
            for u2, v2, ends2, id2 in segments[n + 1 :]:
                if (u1 - u2) * (v1 - v2) < 0 and not ends1 & ends2:
                    pairs.add((min(id1, id2), max(id1, id2)))
    return len(pairs)
