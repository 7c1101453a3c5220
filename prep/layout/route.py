"""Edge routes: from a port on the source's side, straight through each column at the
height of the edge's virtual node, changing height only in the gaps between columns
(a cubic S-curve with level ends), into a port on the target's side. Edges sharing a
side of a box get ports spread over its middle, in the order of where they go."""

from __future__ import annotations

from prep.layout.content import ZOOM
from prep.layout.positions import Box, Edge

ARROW = 10.0
PORT_GAP = 14.0  # between the ports on one side of a box, at least …
HEAD_PX = 8.5  # … and this many px at 1920 px wide (arrowheads kept apart)
HEAD_ROOM = 16.0  # a box is tall enough for its ports this far apart
LABEL_ROOM = 7.0  # a label beside a port: this much more room than its height
BULGE = 20.0
BULGE_ROOM = ARROW + BULGE + 8  # the room a sync line beside a column takes
LABEL_GAP = 4.0  # between a bulge and its label, and right of the label


def bulge_room(placer) -> dict[int, float]:
    """Layer -> the room its sync lines beside the column need in the gap after it: the
    bulge, and its label beside it (lines change height only right of that room, so
    none runs through the label)."""
    router = Router(placer)
    room: dict[int, float] = {}
    for edge in placer.same_layer:
        a, b = placer.item_of[edge.source], placer.item_of[edge.target]
        if not (router._adjacent(a, b) or router._adjacent(b, a)):
            label = placer.size(edge.id)[0] + LABEL_GAP if edge.lines else 0.0
            room[placer.layer_of[a]] = max(room.get(placer.layer_of[a], 0.0), BULGE_ROOM + label)
    return room


def head_room(plan, size):
    """`size` with every product tall enough to spread the lines on each of its sides
    HEAD_ROOM apart (docs/notation.md: arrowheads into one product are spread along its
    side): the left side holds the lines coming in, the right one the lines going out,
    and either may hold sync lines (two-headed); a side without heads needs no room.
    A labelled line's head needs room for its label beside it (_offsets). In a drawing
    whose texts are zoomed (it is that much wider), the room is zoomed too."""
    room = HEAD_ROOM * ZOOM.get()
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    synced: set[str] = set()
    for e in plan.edges:
        left[e.target] = left.get(e.target, 0) + 1
        right[e.source] = right.get(e.source, 0) + 1
        if e.kind == "sync":
            synced.update((e.source, e.target))
            left[e.source] = left.get(e.source, 0) + 1
            right[e.target] = right.get(e.target, 0) + 1
    labels: dict[str, float] = {}  # more room for the labels beside the heads
    for e in plan.edges:
        if e.lines and e.kind == "input":
            labels[e.target] = labels.get(e.target, 0.0) + max(0.0, size(e.id)[1] + LABEL_ROOM - room)
    need = {}
    for node in plan.nodes:
        if node.kind != "external":
            ports = max(left.get(node.id, 0), right.get(node.id, 0) if node.id in synced else 0)
            if ports > 1:
                need[node.id] = ((ports - 1) * room + labels.get(node.id, 0.0)) / 0.9

    def roomy(key):
        w, h = size(key)
        return (w, max(h, need[key])) if key in need else (w, h)

    return roomy


def _r(value: float) -> float:
    return round(value, 2)


def straight(p, q) -> list:
    return [
        p,
        (_r(p[0] + (q[0] - p[0]) / 3), _r(p[1] + (q[1] - p[1]) / 3)),
        (_r(p[0] + 2 * (q[0] - p[0]) / 3), _r(p[1] + 2 * (q[1] - p[1]) / 3)),
        q,
    ]


def s_curve(p, q) -> list:
    half = (q[0] - p[0]) / 2
    return [p, (_r(p[0] + half), p[1]), (_r(q[0] - half), q[1]), q]


def cubic(waypoints) -> tuple:
    """[(point, how)] with how 'L' (straight) or 'S' (S-curve) for the segment that
    ends at that point -> Bézier points (1 + 3k)."""
    points = [waypoints[0][0]]
    for point, how in waypoints[1:]:
        last = points[-1]
        if abs(point[0] - last[0]) < 0.01 and abs(point[1] - last[1]) < 0.01:
            continue
        segment = straight(last, point) if how == "L" or abs(point[1] - last[1]) < 0.01 else s_curve(last, point)
        points.extend(segment[1:])
    if len(points) == 1:
        points = straight(points[0], points[0])
    return tuple((_r(x), _r(y)) for x, y in points)


def _offsets(labels: list[float], gap: float) -> list[float]:
    """The offsets of the ports on one side of a box from the first, `gap` apart; a
    label (its height in `labels`, 0 for none) sits above its port (the last port's
    below), so the gap above a labelled port holds it (LABEL_ROOM around)."""
    out = [0.0]
    for k in range(1, len(labels)):
        room = labels[k] + LABEL_ROOM if labels[k] and k < len(labels) - 1 else 0.0
        out.append(out[-1] + max(gap, room))
    return out


class Router:
    def __init__(self, placer) -> None:
        self.p = placer

    # -- ports -------------------------------------------------------------------------
    def _centre_y(self, i: int) -> float:
        p = self.p
        node = p.item_node[i]
        if node is None:
            return p.item_y[i] + p.item_h[i] / 2
        box = p.box_of[node.id]
        return box.cy

    def _ports(self, plan_edges) -> dict:
        """(edge id, 'start'|'end') -> port y; ports on one side of a box spread."""
        p = self.p
        sides: dict[tuple[int, str], list] = {}
        self.bus_of = p.bus_of
        self.bus_y = self._bus_heights()
        self.bus_x: dict[int, float] = {}
        shared: dict[tuple, list] = {}  # one port per box and bus
        for edge in plan_edges:
            if edge.id in self.bus_of:
                chain, _ = p.chains[edge.id]
                bus = self.bus_of[edge.id]
                for item, side, which in ((chain[0], "right", "low"), (chain[-1], "left", "high")):
                    key = (item, side, bus)
                    if key not in shared:
                        shared[key] = []
                        sides.setdefault((item, side), []).append(((1, self.bus_y[bus]), f"\0bus{bus}", f"{item}"))
                    shared[key].append((edge.id, which))
            elif edge.id in p.chains:
                chain, _ = p.chains[edge.id]
                sides.setdefault((chain[0], "right"), []).append(((1, self._centre_y(chain[1])), edge.id, "low"))
                sides.setdefault((chain[-1], "left"), []).append(((1, self._centre_y(chain[-2])), edge.id, "high"))
            else:
                a, b = p.item_of[edge.source], p.item_of[edge.target]
                if self._adjacent(a, b) or self._adjacent(b, a):
                    continue
                # a sync line beside the column takes the outermost port toward its
                # partner, so the edges leaving level into the gap pass clear of it
                ya, yb = self._centre_y(a), self._centre_y(b)
                sides.setdefault((a, "right"), []).append(((0 if yb < ya else 2, yb), edge.id, "a"))
                sides.setdefault((b, "right"), []).append(((0 if ya < yb else 2, ya), edge.id, "b"))
        ports = {}
        self.bottom_port = {}
        labelled = self._labelled(plan_edges)
        for (i, side), ends in sides.items():
            box = p.box_of[p.item_node[i].id]
            ends.sort()
            n = len(ends)
            offsets = _offsets(
                [labelled.get((e[1], e[2]), 0.0) for e in ends], max(PORT_GAP, HEAD_PX * p.frame_w / 1920)
            )
            fit = min(1.0, box.h * 0.9 / offsets[-1]) if offsets[-1] else 1.0
            low = labelled.get((ends[-1][1], ends[-1][2]), 0.0) if n > 1 else 0.0
            lift = self._lift(box, offsets[-1] * fit, low, labelled.get((ends[0][1], ends[0][2]), 0.0))
            for k, (_, edge_id, which) in enumerate(ends):
                y = box.cy - offsets[-1] * fit / 2 + offsets[k] * fit - lift
                ports[(edge_id, which)] = (self._port_x(i, side, y), _r(y))
                self.bottom_port[(edge_id, which)] = n > 1 and k == n - 1
        for (item, _, bus), members in shared.items():
            for edge_id, which in members:
                ports[(edge_id, which)] = ports[(f"\0bus{bus}", f"{item}")]
        return ports

    @staticmethod
    def _lift(box, spread: float, low: float, high: float) -> float:
        """How far to raise the ports of a side so the label below its last port
        (`low` high: two lines, narrow drawings) ends inside the box's height, where no
        other line passes, or to lower them (a negative lift) so the label above its
        first port (`high` high) starts inside it; as far as the other end allows."""
        over = box.cy + spread / 2 + 3 + low - (box.bottom - 2) if low else 0.0
        if over > 0:
            return max(0.0, min(over, box.cy - spread / 2 - (box.y + 4)))
        under = box.y + 2 - (box.cy - spread / 2 - 3 - high) if high else 0.0
        if under > 0:
            return -max(0.0, min(under, box.bottom - 4 - (box.cy + spread / 2)))
        return 0.0

    def _labelled(self, plan_edges) -> dict:
        """(edge id, end) -> the height of the label drawn beside that end."""
        p = self.p
        out = {}
        for edge in plan_edges:
            if edge.lines and edge.id in p.chains and edge.id not in self.bus_of:
                out[(edge.id, "low" if p.chains[edge.id][1] else "high")] = p.size(edge.id)[1]
        return out

    def joints(self) -> tuple:
        """Where each bus's lines meet (after `edges`), with its sources and targets."""
        from prep.layout.positions import Joint

        p = self.p
        ends: dict[int, tuple[dict, dict]] = {}
        for edge_id, bus in self.bus_of.items():
            chain, _ = p.chains[edge_id]
            sources, targets = ends.setdefault(bus, ({}, {}))
            for item, names in ((chain[0], sources), (chain[-1], targets)):
                names[item] = p.item_node[item].key
        out = []
        for bus in sorted(ends):
            sources, targets = (
                ", ".join(names[i] for i in sorted(names, key=p.item_y.__getitem__)) for names in ends[bus]
            )
            out.append(Joint(f"j{bus + 1}", f"{sources} -> {targets}", self.bus_x[bus], self.bus_y[bus]))
        return tuple(out)

    def _bus_heights(self) -> dict[int, float]:
        """Where each bus's lines meet: halfway between its sources' and its
        targets' middles."""
        p = self.p
        ends: dict[int, tuple[list, list]] = {}
        for edge_id, bus in self.bus_of.items():
            chain, _ = p.chains[edge_id]
            sources, targets = ends.setdefault(bus, ([], []))
            sources.append(self._centre_y(chain[0]))
            targets.append(self._centre_y(chain[-1]))
        return {bus: _r((sum(a) / len(a) + sum(b) / len(b)) / 2) for bus, (a, b) in ends.items()}

    def _port_x(self, i: int, side: str, y: float) -> float:
        p = self.p
        node = p.item_node[i]
        box: Box = p.box_of[node.id]
        inset = 0.0
        dy = min(abs(y - box.cy) / (box.h / 2), 1.0) if box.h else 0.0
        if node.kind == "milestone":
            inset = box.w / 4 * dy
        elif node.kind == "external" and side == "right":
            inset = box.h * 0.25 * dy
        return _r(box.x + inset if side == "left" else box.right - inset)

    # -- routes ------------------------------------------------------------------------
    def edges(self, plan_edges) -> list[Edge]:
        p = self.p
        from prep.layout.tracks import assign

        ports = self._ports(plan_edges)
        steps = {e.id: self._steps(e, ports) for e in plan_edges if e.id in p.chains}
        node_of = {e.id: frozenset((e.source, e.target)) for e in plan_edges}
        buses: dict[int, list] = {}
        for edge_id, bus in self.bus_of.items():
            step = steps[edge_id][0]
            buses.setdefault(step[0], []).append((step, self.bus_y[bus], node_of[edge_id]))
        tracked = {(k, n): s for k, ss in steps.items() if k not in self.bus_of for n, s in enumerate(ss)}
        tracks, self.short, self.bus_zone = assign(tracked, buses, {key: node_of[key[0]] for key in tracked})
        out = []
        for edge in plan_edges:
            if edge.id in p.chains:
                points, label = self._chain(edge, ports, steps[edge.id], tracks)
            else:
                points, label = self._same_layer(edge, ports)
            out.append(
                Edge(
                    edge.id,
                    edge.source,
                    edge.target,
                    edge.kind,
                    edge.title,
                    points,
                    edge.lines,
                    label,
                    edge.touch,
                    edge.params,
                    edge.doc,
                )
            )
        return out

    def _label(self, edge, x_anchor: float, y: float, below: bool, right: bool):
        """The label box near the head, over (or under) the level end of the line."""
        if not edge.lines:
            return None
        w, h = self.p.size(edge.id)
        x = x_anchor - w if right else x_anchor
        top = y + 3 if below else y - 3 - h
        return Box(_r(x), _r(top), w, h)

    def _steps(self, edge, ports) -> list:
        """(gap, a, b, y0, y1) of each gap a chain crosses: it may change height from y0
        to y1 between a and b (layout/tracks.py)."""
        p = self.p
        chain, reverse = p.chains[edge.id]
        start_arrow = reverse or edge.kind == "sync"
        end_arrow = not reverse or edge.kind == "sync"
        end = ports[(edge.id, "high")]
        y = ports[(edge.id, "low")][1]
        out = []
        for n, c in enumerate(chain[1:], 1):
            k = p.layer_of[c] - 1
            t0, t1 = p.transition(k)
            if n == 1 and start_arrow:
                t0 = min(t0 + ARROW, t1 - 1)
            last = n == len(chain) - 1
            if last and end_arrow:
                t1 = max(t1 - ARROW, t0 + 1)
            y_next = end[1] if last else _r(self._centre_y(c))
            out.append((k, _r(t0), _r(t1), y, y_next))
            y = y_next
        return out

    def _chain(self, edge, ports, steps, tracks):
        p = self.p
        chain, reverse = p.chains[edge.id]
        start = ports[(edge.id, "low")]
        end = ports[(edge.id, "high")]
        way = [(start, "L")]
        for n, (k, t0, t1, y, y_next) in enumerate(steps):
            way.append(((t0, y), "L"))
            if edge.id in self.bus_of:  # through the bus's meeting point, in its part of the gap
                bus = self.bus_of[edge.id]
                b0, b1 = self.bus_zone.get(k, (t0, t1))
                self.bus_x[bus] = _r((b0 + b1) / 2)
                way.append(((_r(b0), y), "L"))
                way.append(((self.bus_x[bus], self.bus_y[bus]), "S"))
                way.append(((_r(b1), y_next), "S"))
            elif (edge.id, n) in tracks:  # up or down its own track
                x, bend = tracks[(edge.id, n)]
                x = min(max(x, t0 + bend), t1 - bend)
                way.append(((_r(x - bend), y), "L"))
                way.append(((_r(x + bend), y_next), "S"))
            way.append(((t1, y_next), "S"))
        way.append((end, "L"))
        points = cubic(way)
        # the label near the head, in the gap's label zone
        if reverse:
            t0, _ = p.gap_ends(p.layer_of[chain[0]])
            below = self.bottom_port.get((edge.id, "low"), False)
            label = self._label(edge, t0 + ARROW + 4, start[1], below, right=False)
            points = tuple(reversed(points))
        else:
            _, t1 = p.gap_ends(p.layer_of[chain[-1]] - 1)
            below = self.bottom_port.get((edge.id, "high"), False)
            label = self._label(edge, t1 - ARROW - 4, end[1], below, right=True)
        return points, label

    def _adjacent(self, a: int, b: int) -> bool:
        """Whether b is stacked right below a (same lane, or a vertical hand-off into
        the next lane; nothing between, no notes)."""
        p = self.p
        if p.lane[b] - p.lane[a] not in (0, 1) or p.item_node[a].notes:
            return False
        layer = p.layers[p.layer_of[a]]
        k = layer.index(a)
        return k + 1 < len(layer) and layer[k + 1] == b

    def _same_layer(self, edge, ports):
        p = self.p
        a = p.item_of[edge.source]
        b = p.item_of[edge.target]
        for upper, lower, flip in ((a, b, False), (b, a, True)):
            if self._adjacent(upper, lower):
                # straight down (or up) to the partner stacked right below
                top = p.box_of[p.item_node[upper].id]
                bottom = p.box_of[p.item_node[lower].id]
                x = _r(min(top.cx, bottom.cx) if abs(top.cx - bottom.cx) < 1 else top.cx)
                points = straight((x, _r(top.bottom)), (x, _r(bottom.y)))
                if flip:
                    points = list(reversed(points))
                label = None
                if edge.lines:
                    w, h = p.size(edge.id)
                    label = Box(_r(x + 6), _r((top.bottom + bottom.y) / 2 - h / 2), w, h)
                return tuple(points), label
        layer = p.layer_of[a]
        start, end = ports[(edge.id, "a")], ports[(edge.id, "b")]  # beside: bulge right
        right = p.col_x[layer] + p.col_w[layer]
        if layer == 0:
            right = p.col_x[0] + p.col_w[0]
        elif layer == p.count_layers - 2:
            right = p.lanes_right - 2
        gap = p.gap[layer] if layer < len(p.gap) else 40.0
        # a small bulge, left of where the gap's edges change height
        bulge = _r(max(6.0, min(gap * 0.3 - ARROW, BULGE)))
        edge_x = _r(right + ARROW)
        way = [(start, "L"), ((edge_x, start[1]), "L")]
        points = list(cubic(way))
        points += [(_r(edge_x + bulge), start[1]), (_r(edge_x + bulge), end[1]), (edge_x, end[1])]
        points += straight((edge_x, end[1]), end)[1:]
        label = None
        if edge.lines:
            w, h = p.size(edge.id)
            label = Box(_r(edge_x + bulge + LABEL_GAP), _r((start[1] + end[1]) / 2 - h / 2), w, h)
        return tuple(points), label
