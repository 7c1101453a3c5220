"""How followable a swimlane drawing is (docs/notation.md, Layout), measured on the
Layout itself (points, as drawn): for benchmarks/bench_layout.py --followable.

  heads     pairs of arrowheads on one product closer than 8 px at 1920 px wide
            (the lines of a bus, layout/bus.py, share one head: not counted)
  labels    relation labels crossed by another relation's line
  shared    pairs of lines running on one track (level, within 2 pt of each other)
            for longer than one column gap
  width     the drawing's width in points, and the name / other text size at
            1920 px wide (names are 16 pt, other text 12 pt: prep.notation)
"""

from __future__ import annotations

import math

NAME_PT, OTHER_PT = 16.0, 11.0  # the smallest of each (prep.notation sizes)


def polyline(points, steps: int = 8) -> list[tuple[float, float]]:
    """A cubic Bézier path (start, then three points a segment) as `steps` straight
    pieces a segment (bench_layout.py measures Graphviz's drawings with it too)."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for s in range(1, steps + 1):
            t = s / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _hits(box, line) -> bool:
    x0, y0, x1, y1 = box.x + 1, box.y + 1, box.right - 1, box.bottom - 1
    for (ax, ay), (bx, by) in zip(line, line[1:]):
        for s in range(5):
            t = s / 4
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
            if x0 < x < x1 and y0 < y < y1:
                return True
    return False


def followable(drawing, gap: float = 38.0) -> dict:
    scale = 1920 / drawing.width
    heads = labels = shared = 0
    for process in drawing.processes:
        edges = [e for e in process.edges if e.kind in ("input", "sync")]
        tips: dict[str, list] = {}
        for e in edges:
            tips.setdefault(e.target, []).append(e.points[-1])
            if e.kind == "sync":
                tips.setdefault(e.source, []).append(e.points[0])
        for points in tips.values():
            for i, p in enumerate(points):
                heads += sum(
                    1
                    for q in points[i + 1 :]  # a bus's lines share one
                    if 0.5 < math.dist(p, q) and math.dist(p, q) * scale < 8
                )
        lines = {e.id: polyline(e.points) for e in edges}
        for e in edges:
            if e.label_box is None:
                continue
            labels += any(_hits(e.label_box, lines[o.id]) for o in edges if o.id != e.id)
        runs = []
        for e in edges:
            for (ax, ay), (bx, by) in zip(lines[e.id], lines[e.id][1:]):
                if abs(ay - by) < 0.5 and abs(bx - ax) > 1:
                    runs.append((e, ay, min(ax, bx), max(ax, bx)))
        pairs = {}
        for n, (e, y, x0, x1) in enumerate(runs):
            for f, y2, u0, u1 in runs[n + 1 :]:
                if f.id == e.id or abs(y - y2) > 2 or {e.source, e.target} & {f.source, f.target}:
                    continue
                overlap = min(x1, u1) - max(x0, u0)
                if overlap > 0:
                    key = tuple(sorted((e.id, f.id)))
                    pairs[key] = pairs.get(key, 0) + overlap
        shared += sum(1 for v in pairs.values() if v > gap)
    return {
        "heads": heads,
        "labels": labels,
        "shared": shared,
        "width": drawing.width,
        "name_px": NAME_PT * scale,
        "other_px": OTHER_PT * scale,
    }


def band_widths(drawing, graphs) -> tuple[int, int, int]:
    """(columns the subprocess bands span, in all; the least the relations allow, each
    band at least its members' longest input path (a vertical hand-off saves a
    column, so a band may be narrower); bands wider than that least)."""
    import networkx as nx

    total = least = wider = 0
    for process, pg in zip(drawing.processes, graphs):
        g = nx.DiGraph()
        g.add_nodes_from(pg.products)
        g.add_edges_from(
            (e.source, e.target)
            for e in pg.edges
            if e.kind == "input" and e.source in pg.products and e.target in pg.products
        )
        dag = nx.condensation(g)
        block = dag.graph["mapping"]
        order = list(nx.topological_sort(dag))
        members: dict[str, list] = {}
        for node in process.nodes:
            if node.subprocess:
                members.setdefault(node.subprocess, []).append(node)
        for nodes in members.values():
            longest = 0
            for a in nodes:
                dist = {block[a.key]: 0}
                for u in order:
                    for v in dag.successors(u) if u in dist else ():
                        dist[v] = max(dist.get(v, 0), dist[u] + 1)
                longest = max([longest] + [dist.get(block[b.key], 0) for b in nodes])
            cols = [n.column for n in nodes]
            width = max(cols) - min(cols) + 1
            total += width
            least += longest + 1
            wider += width > longest + 1
    return total, least, wider
