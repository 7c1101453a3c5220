"""Rows, order and x positions of a KPI tree's units (prep.layout.kpitree).

A *unit* is what stands in a row: a node with the notes beside it. Rows are the
longest path from the root, so a node is below every node it hangs under (a shared
node below the lowest parent). A line spanning several rows passes each row between
them through a slot of its own (a virtual unit), so no line crosses a node. Order in
a row: tree order, then barycentre sweeps, keeping the order with fewest crossings.
x: each row's positions are the least-squares fit to the mean position of the
units it is joined to, under the rows' minimum gaps (isotonic regression, pool
adjacent violators), alternately from above and from below."""

from __future__ import annotations

from prep.layout.order import places

GAP = 28.0  # between two units of a row
SLOT = 12.0  # the room a passing line takes in a row
SWEEPS = 8
ROUNDS = 8


def longest_rows(count: int, edges: list[tuple[int, int]], root: int = 0, floor: list[int] | None = None) -> list[int]:
    """The row of each unit: 0 for the root, else 1 + the largest row of its parents
    and at least its `floor` (`edges` form a DAG; units reached by none get row 1)."""
    from collections import deque

    down: list[list[int]] = [[] for _ in range(count)]
    indeg = [0] * count
    for a, b in edges:
        down[a].append(b)
        indeg[b] += 1
    row = [0] * count
    queue = deque(i for i in range(count) if indeg[i] == 0)
    while queue:
        a = queue.popleft()
        if a != root and row[a] == 0:
            row[a] = 1
        if floor is not None and a != root:
            row[a] = max(row[a], floor[a])
        for b in down[a]:
            row[b] = max(row[b], row[a] + 1)
            indeg[b] -= 1
            if indeg[b] == 0:
                queue.append(b)
    return row


def acyclic(
    count: int, edges: list[tuple[int, int]], extra: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """`edges` (acyclic) with each of `extra` that keeps them acyclic, in order; and
    the ones left out (they would point back up a cycle)."""
    down: list[set[int]] = [set() for _ in range(count)]
    for a, b in edges:
        down[a].add(b)
    kept, left = list(edges), []
    for a, b in extra:
        if a == b or _reaches(down, b, a):
            left.append((a, b))
            continue
        down[a].add(b)
        kept.append((a, b))
    return kept, left


def _reaches(down, start: int, goal: int) -> bool:
    seen, stack = {start}, [start]
    while stack:
        a = stack.pop()
        if a == goal:
            return True
        for b in down[a]:
            if b not in seen:
                seen.add(b)
                stack.append(b)
    return False


class Grid:
    """Units in rows with virtual slots for long lines; `order()` then `place()`.

    widths[u], anchors[u]: a unit's width and where its own box's centre is (from
    its left); lines: (parent unit, offset of the line's start from that unit's
    left, child unit)."""

    def __init__(
        self,
        rows: list[int],
        widths: list[float],
        anchors: list[float],
        lines: list[tuple[int, float, int]],
        rank: list[int],
    ) -> None:
        self.count = len(rows)
        self.widths = list(widths)
        self.anchors = list(anchors)
        self.starts: list[float] = [0.0] * self.count  # per slot: where a line leaves
        depth = max(rows) + 1 if rows else 1
        self.layers: list[list[int]] = [[] for _ in range(depth)]
        self.row = list(rows)
        self.up: list[list[int]] = [[] for _ in range(self.count)]
        self.down: list[list[int]] = [[] for _ in range(self.count)]
        self.offset: dict[tuple[int, int], float] = {}
        self.bias: dict[tuple[int, int], float] = {}  # a line leaving right of the anchor
        self.chains: list[tuple[int, int, list[int]]] = []  # (parent, child, slots)
        order: dict[int, float] = {u: float(rank[u]) for u in range(self.count)}
        for u in range(self.count):
            self.layers[rows[u]].append(u)
        for parent, start, child in lines:
            chain = [parent]
            for r in range(rows[parent] + 1, rows[child]):
                v = self._slot(r)
                order[v] = rank[child] - 0.5  # beside the nodes before its child
                chain.append(v)
            chain.append(child)
            for a, b in zip(chain, chain[1:]):
                self.down[a].append(b)
                self.up[b].append(a)
            self.offset[(parent, chain[1])] = start
            width = max(widths[parent], 1.0)
            self.bias[(parent, chain[1])] = (start - anchors[parent]) / width
            self.chains.append((parent, child, chain[1:-1]))
        for layer in self.layers:
            layer.sort(key=order.__getitem__)
        self.x = [0.0] * len(self.widths)

    def _slot(self, r: int) -> int:
        v = len(self.widths)
        self.widths.append(0.0)
        self.anchors.append(0.0)
        self.row.append(r)
        self.up.append([])
        self.down.append([])
        self.layers[r].append(v)
        return v

    def virtual(self, u: int) -> bool:
        return u >= self.count

    # -- order -------------------------------------------------------------------------
    def order(self) -> None:
        """Barycentre sweeps down and up; the best order seen is kept."""
        pos = places(self.layers, len(self.widths))
        best = [list(layer) for layer in self.layers]
        fewest = self.crossings(pos)
        for sweep in range(SWEEPS):
            if fewest == 0:
                break
            rows = range(1, len(self.layers)) if sweep % 2 == 0 else range(len(self.layers) - 2, -1, -1)
            for r in rows:
                down = sweep % 2 == 0
                near = self.up if down else self.down
                layer = self.layers[r]
                keys = {}
                for i, u in enumerate(layer):
                    ps = [
                        pos[w] + (self.bias.get((w, u), 0.0) if down else -self.bias.get((u, w), 0.0)) for w in near[u]
                    ]
                    keys[u] = sum(ps) / len(ps) if ps else i
                layer.sort(key=lambda u: (keys[u], pos[u]))
                for i, u in enumerate(layer):
                    pos[u] = i
            count = self.crossings(pos)
            if count < fewest:
                fewest, best = count, [list(layer) for layer in self.layers]
        self.layers = best

    def crossings(self, pos=None) -> int:
        pos = pos or places(self.layers, len(self.widths))
        total = 0
        for layer in self.layers:
            pairs = sorted((pos[a] + self.bias.get((a, b), 0.0), pos[b]) for a in layer for b in self.down[a])
            for i, (a1, b1) in enumerate(pairs):
                for a2, b2 in pairs[i + 1 :]:
                    if a2 > a1 and b2 < b1:
                        total += 1
        return total

    # -- x -----------------------------------------------------------------------------
    def gap(self, a: int, b: int) -> float:
        return SLOT if self.virtual(a) or self.virtual(b) else GAP

    def place(self) -> None:
        """x of each unit's anchor; every row packed first, then fitted."""
        for layer in self.layers:
            x = 0.0
            for i, u in enumerate(layer):
                if i:
                    prev = layer[i - 1]
                    x += self.widths[prev] - self.anchors[prev] + self.gap(prev, u)
                x += self.anchors[u]
                self.x[u] = x
        for n in range(ROUNDS):
            rows = range(1, len(self.layers)) if n % 2 == 0 else range(len(self.layers) - 2, -1, -1)
            for r in rows:
                self._fit(self.layers[r], from_above=n % 2 == 0)
        left = min((self.x[u] - self.anchors[u] for layer in self.layers for u in layer), default=0.0)
        self.x = [x - left for x in self.x]

    def attach(self, a: int, b: int) -> float:
        """Where the line from a down to b leaves a."""
        base = self.x[a] - self.anchors[a]
        return base + self.offset[(a, b)] if (a, b) in self.offset else self.x[a]

    def _fit(self, layer: list[int], from_above: bool) -> None:
        wanted, weight = [], []
        for u in layer:
            if from_above:
                ps = [self.attach(w, u) for w in self.up[u]]
            else:
                ps = [self.x[w] - (self.attach(u, w) - self.x[u]) for w in self.down[u]]
            if ps:
                wanted.append(sum(ps) / len(ps))
                weight.append(3.0 if self.virtual(u) else 1.0)
            else:
                wanted.append(self.x[u])
                weight.append(0.05)
        shift = [0.0]
        for i in range(1, len(layer)):
            a, b = layer[i - 1], layer[i]
            shift.append(shift[-1] + self.widths[a] - self.anchors[a] + self.gap(a, b) + self.anchors[b])
        fitted = isotonic([w - s for w, s in zip(wanted, shift)], weight)
        for u, y, s in zip(layer, fitted, shift):
            self.x[u] = y + s


def isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence nearest to `values` in weighted least squares
    (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, w in zip(values, weights):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            total = w1 + w2
            blocks.append([(m1 * w1 + m2 * w2) / total, total, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * int(count))
    return out
