"""Positions of one process (docs/notation.md): layers (columns, with the external
margins as layer 0 and the last), virtual nodes for long edges, the order inside
each (column, lane), then x by column widths, y by lane bands, and the routes."""

from __future__ import annotations

from prep.layout.bus import buses
from prep.layout.content import band_lines
from prep.layout.layers import NOTE_GAP, Layered
from prep.layout.positions import Band, Banner, Box, Lane, Node, Note, ProcessLayout
from prep.layout.route import Router, bulge_room, head_room

FRAME_PAD = 12.0
LANE_PAD = 16.0
GAP = 38.0  # between columns
BUS_GAP = 64.0  # between columns whose lines meet in a bus (layout/bus.py)
ARROW = 10.0  # arrowhead length
SEP = 16.0  # between stacked products
VSEP = 7.0  # between stacked edges
VSEP_NODE = 13.0  # between a product and an edge passing above or below it
SYNC_SEP = 34.0  # between a product and its sync partner stacked below it
HEADER_PAD = 8.0  # around the text of a lane's header cell
LANE_VPAD = 10.0  # above and below the tallest stack of a lane
BAND_ROW_GAP = 4.0


class Placer(Layered):
    """Lays out one Plan at vertical offset `top`; `size` maps a label key to its
    measured (w, h). Its layered graph is layers.Layered; what run() adds to it:"""

    bulge_room: dict[int, float]  # gap -> room its lines' bends take (route.bulge_room)
    bus_of: dict[str, int]  # edge id -> its bus number (layout/bus.py)
    bus_layers: set[int]  # layers a bus starts from (a wider gap after them)
    # x (_x)
    col_x: list[float]  # layer -> its left side
    col_w: list[float]  # layer -> its width
    product_w: list[float]  # layer -> the width of its products
    gap: list[float]  # k -> the gap between layer k and k + 1
    zone_l: list[float]  # k -> room for labels at the gap's left end
    zone_r: list[float]  # k -> and at its right end
    header_w: float  # the lanes' header cells
    lanes_x: float  # the lanes' left side
    lanes_right: float  # and right side
    frame_w: float
    # y (_y)
    banner_box: Box
    lanes_top: float
    lanes_bottom: float
    bottom: float  # the frame's bottom
    content_top: list[tuple[float, float]]  # lane -> top of its stacks, their height
    lane_boxes: list[Lane]
    bands: list[Band]
    item_y: list[float]  # item -> its top
    box_of: dict[str, Box]  # node or note id -> its box (_boxes)

    def __init__(self, plan, size, top: float, prefix: str, deadline=None, min_width: float = 0.0) -> None:
        self.min_width = min_width
        self.plan = plan
        # choices the layout search (layout/search.py) may change: the lane of an
        # external stand-in, the column of a product joined only by sync relations,
        # the last layer a lane-changing edge stays in its source's lane
        self.lane_choice: dict[str, int] = {}
        self.column_choice: dict[str, int] = {}
        self.switch_choice: dict[str, int] = {}
        self.via_choice: dict[str, int] = {}  # a long edge's middle in another lane
        self.seed_choice: dict[str, int] = {}  # the ordering sweeps' start
        self.size = head_room(plan, size)  # room to spread arrowheads apart
        self.least_gap = GAP  # between columns (content.Wrap.gap)
        self.top = top
        self.prefix = prefix
        self.deadline = deadline
        self.budget: int | None = None  # layout/search.py: None, or a quick redraw's
        self.start: dict | None = None  # … budget and the choices it starts from
        self.fixed: tuple | None = None  # layout/search.py tables_of: no search

    def run(self) -> ProcessLayout:
        from prep.layout.search import search

        plan = self.plan
        search(self)
        self.bulge_room = bulge_room(self)
        self.bus_of = buses(self)  # the order is final: its buses too
        self.bus_layers = {self.layer_of[self.chains[e][0][0]] for e in self.bus_of}
        self.track_room: dict[int, float] = {}  # gap -> room added for its tracks
        self._x()
        self._y()
        nodes, externals, notes, note_edges = self._boxes()
        router = Router(self)
        edges = router.edges(plan.edges)
        if router.short:  # gaps too narrow for their tracks (layout/tracks.py): once more, wider
            for k, more in router.short.items():
                self.track_room[k] = self.track_room.get(k, 0.0) + more
            self._x()
            self._y()
            nodes, externals, notes, note_edges = self._boxes()
            router = Router(self)
            edges = router.edges(plan.edges)
        edges += note_edges
        joints = router.joints()
        frame = Box(0.0, self.top, self.frame_w, self.bottom - self.top)
        banner = Banner(self.banner_box, plan.banner)
        return ProcessLayout(
            plan.name,
            plan.stage,
            self.prefix,
            frame,
            banner,
            tuple(self.lane_boxes),
            tuple(self.bands),
            tuple(nodes),
            tuple(externals),
            tuple(edges),
            tuple(notes),
            joints,
        )

    # -- x: column widths and gaps ---------------------------------------------------
    def _x(self) -> None:
        plan = self.plan
        n = self.count_layers
        width = [max([self.item_w[i] for i in layer] + [0.0]) for layer in self.layers]
        # products of one column share its products' width: a tidy grid
        self.product_w = [
            max(
                [
                    self.size(self.item_node[i].id)[0]
                    for i in layer
                    if self.item_node[i] is not None and self.item_node[i].kind != "external"
                ]
                + [0.0]
            )
            for layer in self.layers
        ]
        # the header column: one cell per lane at its left end, as wide as the widest
        header_w = max([self.size(f"h{k}")[0] + 2 * HEADER_PAD for k in range(len(plan.lanes))] + [0.0])
        self.header_w = header_w
        gap = [self.least_gap] * (n - 1)  # gap[k]: between layer k and k + 1
        # label zones: the end of a gap where edges run level under their labels
        self.zone_l = [0.0] * (n - 1)
        self.zone_r = [0.0] * (n - 1)
        for edge in plan.edges:
            if not edge.lines or edge.id not in self.chains:
                continue
            chain, reverse = self.chains[edge.id]
            w = self.size(edge.id)[0] + ARROW + 8
            if reverse:
                k = self.layer_of[chain[0]]
                self.zone_l[k] = max(self.zone_l[k], w)
            else:
                k = self.layer_of[chain[-1]] - 1
                self.zone_r[k] = max(self.zone_r[k], w)
        for k, room in self.bulge_room.items():
            if k < n - 1:
                self.zone_l[k] = max(self.zone_l[k], room)
        for k in range(n - 1):
            gap[k] = max(gap[k], GAP * 0.75 + self.zone_l[k] + self.zone_r[k], BUS_GAP if k in self.bus_layers else 0.0)
            gap[k] += self.track_room.get(k, 0.0)
        self.col_x = [0.0] * n
        self.col_w = width
        x = FRAME_PAD
        has_left = bool(self.layers[0])
        self.col_x[0] = x
        if has_left:
            x += width[0] + gap[0]
        self.lanes_x = x
        x += header_w + LANE_PAD
        for k in range(1, n - 1):
            self.col_x[k] = x
            x += width[k] + (gap[k] if k < n - 2 else 0)
        x += LANE_PAD
        self.lanes_right = max(x, self.lanes_x + header_w + 2 * LANE_PAD + 40)
        x = self.lanes_right
        if self.layers[n - 1]:
            x += gap[n - 2]
            self.col_x[n - 1] = x
            x += width[n - 1]
        else:
            self.col_x[n - 1] = x
        self.gap = gap
        banner_w = self.size("banner")[0] + 24
        self.frame_w = max(x + FRAME_PAD, banner_w + 2 * FRAME_PAD, self.min_width)
        extra = self.frame_w - (x + FRAME_PAD)
        if extra > 0:  # the lanes take the room; the right margin moves with them
            self.lanes_right += extra
            self.col_x[n - 1] += extra

    def transition(self, k: int) -> tuple[float, float]:
        """Where edges between layer k and k + 1 may change height: outside every
        column (and, next to the margins, outside the lanes) and the label zones."""
        t0, t1 = self.gap_ends(k)
        return t0 + self.zone_l[k], t1 - self.zone_r[k]

    def gap_ends(self, k: int) -> tuple[float, float]:
        if k == 0:
            return self.col_x[0] + self.col_w[0], self.lanes_x
        if k == self.count_layers - 2:
            return self.lanes_right, self.col_x[k + 1]
        return self.col_x[k] + self.col_w[k], self.col_x[k + 1]

    # -- y: banner, band labels, lane bands ----------------------------------------------
    def _y(self) -> None:
        plan = self.plan
        y = self.top + FRAME_PAD
        bw, bh = self.size("banner")
        self.banner_box = Box(FRAME_PAD, y, self.frame_w - 2 * FRAME_PAD, bh + 12)
        y += bh + 12 + 8
        spans = []
        for g, (name, keys) in enumerate(plan.groups):
            layers = [self.plan.column[k] + 1 for k in keys]
            first, last = min(layers), max(layers)
            # borders in the middle of where edges change height, clear of labels
            x0 = sum(self.transition(first - 1)) / 2 if first > 1 else self.lanes_x + self.header_w + LANE_PAD / 2
            x1 = sum(self.transition(last)) / 2 if last < self.count_layers - 2 else self.lanes_right - LANE_PAD / 2
            spans.append((g, name, x0, x1))
        rows: list[float] = []
        placed = []
        for g, name, x0, x1 in sorted(spans, key=lambda s: (s[2], s[0])):
            row = next((r for r, end in enumerate(rows) if end <= x0 + 0.01), None)
            if row is None:
                rows.append(x1)
                row = len(rows) - 1
            else:
                rows[row] = x1
            placed.append((g, name, x0, x1, row))
        label_h = max([self.size(f"b{g}")[1] + 8 for g in range(len(plan.groups))] + [0.0])
        band_top = y
        y += len(rows) * (label_h + BAND_ROW_GAP)
        self.lanes_top = y
        lane_h = []
        self.content_top = []
        self.lane_boxes = []
        for index, (actor, role, lines) in enumerate(plan.lanes):
            hh = self.size(f"h{index}")[1]
            top = y
            need = 0.0
            for layer in self.layers:
                stack = [i for i in layer if self.lane[i] == index]
                need = max(need, self._stack_height(stack))
            height, content, middle = self._header_room(need, hh, self._crossings(index, need))
            self.content_top.append((top + content, need))
            lane_h.append(height)
            box = Box(self.lanes_x, top, self.lanes_right - self.lanes_x, height)
            header = Box(self.lanes_x, top, self.header_w, height)
            text = Box(self.lanes_x, round(top + middle - hh / 2, 2), self.header_w, hh)
            self.lane_boxes.append(Lane(actor, role, index, box, header, lines, text))
            y += height
        if not plan.lanes:
            y += 40
        self.lanes_bottom = y
        self.bands = []
        for g, name, x0, x1, row in sorted(placed):
            label = Box(x0, band_top + row * (label_h + BAND_ROW_GAP), x1 - x0, label_h)
            box = Box(x0, label.y, x1 - x0, self.lanes_bottom - label.y)
            self.bands.append(Band(name, g, box, label, self._band_lines(g)))
        self.bottom = self.lanes_bottom + FRAME_PAD
        self.item_y = [0.0] * len(self.lane)
        for layer in self.layers:
            by_lane: dict[int, list[int]] = {}
            for i in layer:
                by_lane.setdefault(self.lane[i], []).append(i)
            for lane, stack in by_lane.items():
                content, need = self.content_top[lane] if lane < len(self.content_top) else (self.lanes_top, 40.0)
                y = content + (need - self._stack_height(stack)) / 2
                prev = None
                for i in stack:
                    if prev is not None:
                        y += self._sep(prev, i)
                    self.item_y[i] = y
                    y += self.item_h[i]
                    prev = i

    def _crossings(self, lane: int, need: float) -> list[tuple[float, float]]:
        """Where edges from the left margin cross the lane's header cell: level at the
        height of what they reach in the first column (offsets from the stack's top)."""
        if len(self.layers) < 3:
            return []
        stack = [i for i in self.layers[1] if self.lane[i] == lane]
        y = (need - self._stack_height(stack)) / 2
        out, prev = [], None
        for i in stack:
            if prev is not None:
                y += self._sep(prev, i)
            if any(self.layer_of[j] == 0 for j in self.up[i] + self.down[i]):
                out.append((y, y + self.item_h[i]))
            y += self.item_h[i]
            prev = i
        return out

    def _header_room(self, need: float, text_h: float, crossings) -> tuple[float, float, float]:
        """A lane's height, its stack's offset from the top and the middle of its header
        text: the text centred, or moved clear of the edges crossing the header cell
        (`crossings`, offsets from the stack's top), the lane growing when no gap fits."""
        height = max(need + 2 * LANE_VPAD, text_h + 2 * HEADER_PAD, 48.0)
        content = (height - need) / 2
        if not crossings:
            return height, content, height / 2
        room = text_h + 12
        blocked = sorted((content + a - 3, content + b + 3) for a, b in crossings)
        gaps, start = [], 2.0
        for a, b in blocked:
            gaps.append((start, a))
            start = max(start, b)
        gaps.append((start, height - 2))
        fits = [(g0, g1) for g0, g1 in gaps if g1 - g0 >= room]
        if fits:
            middle = min(
                (min(max(height / 2, g0 + room / 2), g1 - room / 2) for g0, g1 in fits),
                key=lambda m: (abs(m - height / 2), m),
            )
            return height, content, middle
        extra = room - (blocked[0][0] - 2)  # room above the first crossing
        return height + extra, content + extra, 2 + room / 2

    def _band_lines(self, g):
        return band_lines(self.plan.groups[g][0])

    def _sep(self, a: int, b: int) -> float:
        if self.item_node[a] is None and self.item_node[b] is None:
            return VSEP
        if self.item_node[a] is None or self.item_node[b] is None:
            return VSEP_NODE
        if b in self.same.get(a, ()):
            return SYNC_SEP  # room for a short sync line with two heads
        return SEP

    def _stack_height(self, stack: list[int]) -> float:
        if not stack:
            return 0.0
        total = sum(self.item_h[i] for i in stack)
        return total + sum(self._sep(a, b) for a, b in zip(stack, stack[1:]))

    # -- boxes ---------------------------------------------------------------------------
    def _boxes(self):
        from prep.layout.positions import Edge

        nodes, externals, notes, note_edges = [], [], [], []
        self.box_of: dict[str, Box] = {}
        for i, node in enumerate(self.item_node):
            if node is None:
                continue
            layer = self.layer_of[i]
            w, h = self.size(node.id)
            if node.kind != "external":
                w = self.product_w[layer]
            cx = self.col_x[layer] + self.col_w[layer] / 2
            if layer == 0:
                cx = self.col_x[0] + self.col_w[0] - w / 2  # flush toward the lanes
            elif layer == self.count_layers - 1:
                cx = self.col_x[layer] + w / 2
            box = Box(round(cx - w / 2, 2), round(self.item_y[i], 2), w, h)
            self.box_of[node.id] = box
            out = Node(
                node.id,
                node.key,
                node.kind,
                box,
                node.lines,
                node.actor,
                node.lane,
                layer,
                node.intervention,
                node.csm,
                node.subprocess,
                node.side,
                node.doc,
            )
            (externals if node.kind == "external" else nodes).append(out)
            y = box.bottom
            above = box
            for note in node.notes:
                nw, nh = self.size(note.id)
                nbox = Box(round(cx - nw / 2, 2), round(y + NOTE_GAP, 2), nw, nh)
                y = nbox.bottom
                self.box_of[note.id] = nbox
                notes.append(Note(note.id, note.kind, note.title, nbox, note.lines, note.target, note.marks, note.doc))
                x = round(cx, 2)
                p0, p1 = (x, above.bottom), (x, nbox.y)
                third = (p1[1] - p0[1]) / 3
                points = (p0, (x, round(p0[1] + third, 2)), (x, round(p1[1] - third, 2)), p1)
                source = note.parent or note.target
                note_edges.append(Edge(f"{note.id}l", source, note.id, "note", f"{note.title}", points))
                above = nbox
        nodes.sort(key=lambda n: int(n.id[1:]))
        externals.sort(key=lambda n: int(n.id[1:]))
        notes.sort(key=lambda n: int(n.id[1:]))
        return nodes, externals, notes, note_edges
