"""A KPI tree's units placed in rows and frames, lines routed, the legend put under
the trees (prep.layout.kpitree reads the trees; this turns them into a KpiLayout).

Every line runs the same way: straight down from its node to the bottom of that
node's row band, then in the open space between two rows as a curve (its
y stays inside that space), straight down through each row it passes in a slot
kept free for it, and so into the top of its child. Nothing else stands in the
space between rows, so no line crosses a node or joins two nodes of a row."""

from __future__ import annotations

from prep.layout import kpiplace as P
from prep.layout.kpipositions import KpiEdge, KpiLayout, KpiNode, KpiTree
from prep.layout.positions import Box

MARGIN, PAD, TITLE_GAP, RANKSEP = 12.0, 14.0, 20.0, 46.0
NOTE_GAP, NOTE_STACK, GUTTER, TREE_GAP = 16.0, 6.0, 9.0, 24.0
MIN_BAND = 24.0
NAME_PX, OTHER_PX, NAME_PT, OTHER_PT = 12.0, 10.0, 16.0, 12.0
LEGEND_SHARE = 10.0  # the legend is at most a tenth of the height


class _Placed:
    """One tree: its units' shapes, the grid, and (once framed) absolute boxes."""

    def __init__(self, parts, rows: list[int]) -> None:
        self.parts, self.items = parts, parts.items
        self.rows = rows
        sources = {a for a, _ in parts.lines}
        self.units = parts.units()
        self.index = {u: g for g, u in enumerate(self.units)}
        self.shape: dict[int, tuple] = {}  # unit -> (width, height, anchor)
        self.note_at: dict[int, tuple] = {}  # note -> (dx from unit left, dy from band middle)
        for u in self.units:
            self._shape(u, sources)
        lines = []
        for a, b in parts.lines:
            lines.append((self.index[parts.unit(a)], self._start(a), self.index[b]))
        self.grid = P.Grid(
            [rows[u] for u in self.units],
            [self.shape[u][0] for u in self.units],
            [self.shape[u][2] for u in self.units],
            lines,
            list(range(len(self.units))),
        )
        self.grid.order()
        self.grid.place()
        self.width = max(
            [self.grid.x[g] - self.grid.anchors[g] + self.grid.widths[g] for g in range(len(self.grid.widths))] + [0.0]
        )
        self.depth = max(rows[u] for u in self.units) + 1

    def _shape(self, u: int, sources: set[int]) -> None:
        item = self.items[u]
        w0, h0 = item.size
        notes = sorted(item.notes, key=lambda n: (n in sources, self.items[n].kind == "issue", item.notes.index(n)))
        if not notes:
            self.shape[u] = (w0, h0, w0 / 2)
            return
        col = max(self.items[n].size[0] for n in notes)
        height = sum(self.items[n].size[1] for n in notes) + NOTE_STACK * (len(notes) - 1)
        top, gutters = -height / 2, 0
        for k, n in enumerate(notes):
            nw, nh = self.items[n].size
            self.note_at[n] = (w0 + NOTE_GAP, top)
            top += nh + NOTE_STACK
            if n in sources and k < len(notes) - 1:
                gutters += 1
                self.items[n].gutter = w0 + NOTE_GAP + col + GUTTER * gutters
        self.shape[u] = (w0 + NOTE_GAP + col + GUTTER * gutters, max(h0, height), w0 / 2)

    def _start(self, a: int) -> float:
        item = self.items[a]
        if item.host is None:
            return self.shape[a][2]
        if item.gutter is not None:
            return item.gutter
        return self.note_at[a][0] + item.size[0] / 2

    def band_heights(self) -> list[float]:
        out = [0.0] * self.depth
        for u in self.units:
            out[self.rows[u]] = max(out[self.rows[u]], self.shape[u][1])
        return out

    def put(self, ox: float, tops: list[float], bands: list[float]) -> None:
        """Absolute boxes: content at x `ox`, row r from y tops[r], bands[r] high."""
        self.ox, self.tops, self.bands = ox, tops, bands
        for u in self.units:
            g = self.index[u]
            left = ox + self.grid.x[g] - self.grid.anchors[g]
            middle = tops[self.rows[u]] + bands[self.rows[u]] / 2
            item = self.items[u]
            w, h = item.size
            item.box = Box(round(left, 2), round(middle - h / 2, 2), w, h)
            for n in item.notes:
                dx, dy = self.note_at[n]
                nw, nh = self.items[n].size
                self.items[n].box = Box(round(left + dx, 2), round(middle + dy, 2), nw, nh)

    def route(self, a: int, b: int, chain: list[int]) -> tuple:
        """The line from item a down to item b through the grid's slots `chain`."""
        src, dst = self.items[a], self.items[b]
        row_a = self.rows[a]
        if src.gutter is not None:
            gx = self.ox + (src.box.x - self.ox) - self.note_at[a][0] + src.gutter
            pts = [(src.box.right, src.box.cy)]
            _straight(pts, (gx, src.box.cy))
            x = gx
        else:
            x = src.box.cx
            pts = [(x, src.box.bottom)]
        y = self.tops[row_a] + self.bands[row_a]
        _straight(pts, (x, y))
        for v in chain:
            r = self.grid.row[v]
            vx = self.ox + self.grid.x[v]
            _curve(pts, (vx, self.tops[r]))
            _straight(pts, (vx, self.tops[r] + self.bands[r]))
        _curve(pts, (dst.box.cx, self.tops[self.rows[b]]))
        _straight(pts, (dst.box.cx, dst.box.y))
        return tuple((round(px, 2), round(py, 2)) for px, py in pts)


def _straight(pts: list, q: tuple) -> None:
    p = pts[-1]
    if abs(q[1] - p[1]) < 0.01 and abs(q[0] - p[0]) < 0.01:
        return
    pts.extend(
        [
            (p[0] + (q[0] - p[0]) / 3, p[1] + (q[1] - p[1]) / 3),
            (p[0] + 2 * (q[0] - p[0]) / 3, p[1] + 2 * (q[1] - p[1]) / 3),
            q,
        ]
    )


def _curve(pts: list, q: tuple) -> None:
    p = pts[-1]
    mid = (p[1] + q[1]) / 2
    pts.extend([(p[0], mid), (q[0], mid), q])


def _side_by_side(widths: list[float]) -> bool:
    """Whether a pair stands side by side: when that keeps names >= 12 px and other
    text >= 10 px at 1920 px, or when one above the other is no narrower."""
    side = sum(widths) + 2 * PAD * len(widths) + TREE_GAP + 2 * MARGIN
    stack = max(widths) + 2 * PAD + 2 * MARGIN
    legible = NAME_PT * 1920 / side >= NAME_PX and OTHER_PT * 1920 / side >= OTHER_PX
    return legible or side <= stack


def frames(groups, rows, words: dict, legend) -> KpiLayout:
    trees, y, right, stacked, number = [], MARGIN, 0.0, False, 0
    for parts, group_rows in zip(groups, rows):
        placed = [_Placed(p, r) for p, r in zip(parts, group_rows)]
        depth = max(pl.depth for pl in placed)
        bands = [MIN_BAND] * depth
        for pl in placed:
            for r, h in enumerate(pl.band_heights()):
                bands[r] = max(bands[r], h)
        inner = [max(pl.width, pl.parts.title_size[0]) for pl in placed]
        side = len(placed) < 2 or _side_by_side(inner)
        stacked = stacked or not side
        head = max(pl.parts.title_size[1] for pl in placed)
        x = MARGIN
        bottom = y
        for pl, width in zip(placed, inner):
            number += 1
            top = y if side else bottom
            tree = _frame(pl, number, x, top, width, head, bands, words)
            trees.append(tree)
            right = max(right, tree.frame.right)
            bottom = max(bottom, tree.frame.bottom + (0 if side else TREE_GAP))
            if side:
                x = tree.frame.right + TREE_GAP
        y = bottom + TREE_GAP if side else bottom
    return _finish(trees, right + MARGIN, y, words, legend, stacked)


def _frame(
    pl: _Placed, number: int, x: float, y: float, width: float, head: float, bands: list[float], words: dict
) -> KpiTree:
    from prep.layout.kpicontent import title_lines

    tops, cursor = [], y + PAD + head + TITLE_GAP
    for h in bands:
        tops.append(cursor)
        cursor += h + RANKSEP
    content = cursor - RANKSEP
    ox = x + PAD + (width - pl.width) / 2
    pl.put(ox, tops, bands)
    tw, th = pl.parts.title_size
    frame = Box(round(x, 2), round(y, 2), round(width + 2 * PAD, 2), round(content + PAD - y, 2))
    title_box = Box(round(x + PAD, 2), round(y + PAD, 2), tw, th)
    prefix = f"t{number}"
    ids = {i: f"{prefix}n{i + 1}" for i in range(len(pl.items))}
    nodes = []
    for i, item in enumerate(pl.items):
        nodes.append(
            KpiNode(
                ids[i],
                item.kind,
                item.label,
                item.key,
                item.box,
                item.lines,
                item.marks,
                pl.rows[i],
                ids[item.host] if item.host is not None else None,
            )
        )
    edges = []
    for n, (a, b) in enumerate(pl.parts.lines):
        parent, child, chain = pl.grid.chains[n]
        edges.append(
            KpiEdge(
                f"{prefix}e{n + 1}",
                ids[a],
                ids[b],
                f"{pl.items[a].label} -> {pl.items[b].label}",
                pl.route(a, b, chain),
                "tree",
                "removed" in pl.items[b].marks,
            )
        )
    for n, (a, b) in enumerate(pl.parts.links):
        host, note = pl.items[a].box, pl.items[b].box
        start = (host.right, min(max(note.cy, host.y + 4), host.bottom - 4))
        pts = [start]
        _straight(pts, (note.x, note.cy))
        edges.append(
            KpiEdge(
                f"{prefix}l{n + 1}",
                ids[a],
                ids[b],
                f"{pl.items[a].label} -> {pl.items[b].label}",
                tuple((round(px, 2), round(py, 2)) for px, py in pts),
                "note",
                "removed" in pl.items[b].marks,
            )
        )
    tree = pl.parts.tree
    return KpiTree(
        number,
        tree.process,
        tree.stage,
        bool(getattr(tree, "compared", False)),
        frame,
        title_lines(tree, words),
        title_box,
        tuple(nodes),
        tuple(edges),
    )


def _finish(trees, width: float, y: float, words: dict, legend, stacked: bool) -> KpiLayout:
    if legend is None or not trees or not legend[0]:  # nothing a legend would explain
        return KpiLayout(round(width, 2), round(y - TREE_GAP + MARGIN, 2), tuple(trees), None, stacked)
    from prep.layout.legend import place_legend

    items, sizes, title_w = legend
    placed = place_legend(items, lambda n: sizes[n], words, 0.0, 1e9, title_w)
    h = placed.box.h
    top = max(y - TREE_GAP + 8, LEGEND_SHARE * h - MARGIN - h)  # at most a tenth
    placed = place_legend(items, lambda n: sizes[n], words, top, 1e9, title_w)
    moved = Box(MARGIN, placed.box.y, placed.box.w, placed.box.h)
    shift = MARGIN - placed.box.x
    from dataclasses import replace

    legend_items = tuple(
        replace(
            i,
            sample=Box(i.sample.x + shift, i.sample.y, i.sample.w, i.sample.h),
            text_box=Box(i.text_box.x + shift, i.text_box.y, i.text_box.w, i.text_box.h),
        )
        for i in placed.items
    )
    placed = replace(placed, box=moved, items=legend_items)
    width = max(width, moved.right + MARGIN)
    return KpiLayout(round(width, 2), round(moved.bottom + MARGIN, 2), tuple(trees), placed, stacked)
