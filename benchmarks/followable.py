"""How followable a swimlane drawing is (docs/notation.md, Layout), measured on the
Layout itself (points, as drawn): for benchmarks/bench_layout.py --followable.

  heads     pairs of arrowheads on one product closer than 8 px at 1920 px wide
            (the lines of a bus, layout/bus.py, share one head: not counted)
  labels    (line, text) pairs where a piece of a line, as drawn, enters the box of
            a text: a product's or external's name, a KPI or issue note, a relation
            label, a lane or band header, the goal banner (not the texts at the
            line's own ends, nor its own label)
  shared    pairs of relation lines running within 2 pt of each other (level,
            upright or slanted) for longer than one column gap in all
  width     the drawing's width in points, and the name / other text size at
            1920 px wide: the smallest drawn name (a product's or external's first
            lines) and the smallest other text (16 and 13 pt in prep.notation; more in
            a drawing whose texts are zoomed, docs/notation.md)
"""

from __future__ import annotations

import math

from prep import notation as N

NAME_PT = N.SIZE["name"]  # the smallest name and other text of a swimlane drawing
OTHER_PT = min(size for role, size in N.SIZE.items() if role != "name")  # (at zoom 1)
TRACK = 2.0  # lines closer than this run on one track
STEP = 2.0  # the spacing of the points a line is sampled at for that


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


def texts(process) -> list[tuple[str, object, set]]:
    """Every text of a process as (what, box, the ids of the lines it may touch):
    product and external names (their own lines end on them), KPI and issue notes
    (their links), relation labels (their own line), lane headers, band headers and the
    goal banner."""
    out = [(f"product {n.key}", n.box, {n.id}) for n in process.nodes + process.externals]
    out += [(f"{n.kind} {n.title}", n.box, {n.id}) for n in process.notes]
    out += [(f"label of {e.title}", e.label_box, {e.id}) for e in process.edges if e.label_box is not None]
    out += [(f"lane {lane.actor}", lane.label_box or lane.header, set()) for lane in process.lanes]
    out += [(f"band {b.name}", b.label_box, set()) for b in process.bands]
    out.append(("banner", process.banner.box, set()))
    return out


def _clips(box, a, b, inset: float = 0.5) -> bool:
    """Whether the segment a-b enters the box shrunk by `inset` (Liang-Barsky)."""
    x0, y0, x1, y1 = box.x + inset, box.y + inset, box.right - inset, box.bottom - inset
    dx, dy = b[0] - a[0], b[1] - a[1]
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return True


def label_hits(process) -> list[str]:
    """Each (line, text) pair where a piece of the line, as drawn, enters the text's box,
    other than the texts at its own ends (and its own label)."""
    hits = []
    boxes = texts(process)
    for e in process.edges:
        line = polyline(e.points, 16)
        own = {e.id, e.source, e.target}
        for what, box, ids in boxes:
            if ids & own:
                continue
            if any(_clips(box, a, b) for a, b in zip(line, line[1:])):
                hits.append(f"{e.title} through {what}")
    return hits


def _samples(line, step: float = STEP):
    """Points along a polyline about `step` apart, each with the length it stands for."""
    out = []
    for a, b in zip(line, line[1:]):
        d = math.dist(a, b)
        n = max(1, int(d / step))
        for k in range(n):
            t = (k + 0.5) / n
            out.append(((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), d / n))
    return out


def _distance(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = dx * dx + dy * dy
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / n))
    return math.dist(p, (a[0] + dx * t, a[1] + dy * t))


def _grid(lines: dict, cell: float) -> dict:
    grid: dict[tuple[int, int], list] = {}
    for ident, line in lines.items():
        for a, b in zip(line, line[1:]):
            for gx in range(int((min(a[0], b[0]) - TRACK) // cell), int((max(a[0], b[0]) + TRACK) // cell) + 1):
                for gy in range(int((min(a[1], b[1]) - TRACK) // cell), int((max(a[1], b[1]) + TRACK) // cell) + 1):
                    grid.setdefault((gx, gy), []).append((ident, a, b))
    return grid


def shared_tracks(process, gap: float = 38.0) -> list[str]:
    """Each pair of relation lines that run within TRACK points of each other for more
    than `gap` (one column gap) in all, whatever their direction: level, upright or
    slanted alike (the lines of one bus, layout/bus.py, share their track on purpose)."""
    edges = {e.id: e for e in process.edges if e.kind in ("input", "sync")}
    lines = {k: polyline(e.points, 16) for k, e in edges.items()}
    buses = {
        k: {j.id for j in process.joints if any(math.dist((j.x, j.y), q) < 0.6 for q in e.points)}
        for k, e in edges.items()
    }
    cell = 8.0
    grid = _grid(lines, cell)
    run: dict[tuple[str, str], float] = {}
    for k, line in lines.items():
        for p, w in _samples(line):
            near = {
                f
                for f, a, b in grid.get((int(p[0] // cell), int(p[1] // cell)), ())
                if f != k and _distance(p, a, b) <= TRACK
            }
            for f in near:
                run[(k, f)] = run.get((k, f), 0.0) + w
    out = []
    for (k, f), length in sorted(run.items()):
        if k < f and min(length, run.get((f, k), 0.0)) > gap and not buses[k] & buses[f]:
            out.append(f"{edges[k].title} and {edges[f].title} share {length:.0f} pt")
    return out


def followable(drawing, gap: float = 38.0) -> dict:
    """The counts (heads, labels, shared) and, under "hits", what each label hit and
    shared track is, as text (the tests show them)."""
    scale = 1920 / drawing.width
    heads = 0
    hits: list[str] = []
    tracks: list[str] = []
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
        prefix = f"{process.name}: " if len(drawing.processes) > 1 else ""
        hits += [prefix + h for h in label_hits(process)]
        tracks += [prefix + t for t in shared_tracks(process, gap)]
    return {
        "heads": heads,
        "labels": len(hits),
        "shared": len(tracks),
        "hits": hits + tracks,
        "width": drawing.width,
        "name_px": sizes(drawing)[0] * scale,
        "other_px": sizes(drawing)[1] * scale,
    }


def sizes(drawing) -> tuple[float, float]:
    """The smallest product or external name and the smallest other text drawn, in pt."""
    names, other = [], []
    for process in drawing.processes:
        for node in process.nodes + process.externals:
            names += [t.size for t in node.lines if t.role == "name"]
            other += [t.size for t in node.lines if t.role != "name"]
        other += [t.size for note in process.notes for t in note.lines]
        other += [t.size for edge in process.edges for t in edge.label]
        other += [t.size for lane in process.lanes for t in lane.label]
        other += [t.size for band in process.bands for t in band.label]
        other += [t.size for t in process.banner.lines]
    if drawing.legend is not None:
        other += [item.text.size for item in drawing.legend.items]
    return min(names, default=NAME_PT), min(other, default=OTHER_PT)


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
