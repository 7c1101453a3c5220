"""The layered graph of one process (docs/notation.md), the first part of placing it
(place.py): items — the products, the external stand-ins in the margins (layer 0 and
the last) and one virtual node per layer a long edge passes — in layers (columns) and
lanes, joined up and down along the edges. The layout search (search.py) builds it
again for each choice it tries; order.py orders it, place.py and route.py read it."""

from __future__ import annotations

NOTE_GAP = 8.0  # between a product and its note, and between notes
VSLOT = 2.0  # an edge's slot height in a column


class Layered:
    """The layered graph of a Placer's plan, built by `_layers` from the plan, the
    measured sizes and the search's choices. Items are numbered from 0; every list
    below is indexed by item."""

    plan: object  # layout/plan.Plan
    size: object  # label key -> measured (w, h)
    lane_choice: dict[str, int]  # the search's choices: see Placer
    column_choice: dict[str, int]
    switch_choice: dict[str, int]
    via_choice: dict[str, int]

    count_layers: int  # the product columns and the two margins
    right_layer: int  # the right margin's layer
    lane: list[int]  # item -> its lane
    item_w: list[float]  # item -> width (a product with its notes; 0 virtual)
    item_h: list[float]  # item -> its slot's height
    item_node: list  # item -> its PNode, or None (a virtual node)
    up: list[list[int]]  # item -> the items it joins in the layer before
    down: list[list[int]]  # item -> the items it joins in the layer after
    layers: list[list[int]]  # layer -> its items, in their order
    layer_of: list[int]  # item -> its layer
    item_of: dict[str, int]  # PNode id -> its item
    chains: dict[str, tuple[list[int], bool]]  # edge id -> its items left to right,
    # and whether it runs right to left
    switch_range: dict[str, tuple[int, int, int]]  # edge id -> the first and last
    # layer it may leave its source's lane in, and the one chosen
    via_range: list[str]  # edges long enough to pass through another lane
    same_layer: list  # PEdges whose two ends share a layer
    same: dict[int, list[int]]  # item -> the items beside it (a short sync line)
    home: dict[str, int]  # external stand-in -> the lane it exchanges most with
    homes: dict[str, list[int]]  # external stand-in -> every such lane

    def _layers(self) -> None:
        width = max(self.plan.column.values(), default=-1) + 1
        self.right_layer = width + 1
        self.count_layers = width + 2
        self.lane, self.item_w, self.item_h, self.item_node = [], [], [], []
        self.up, self.down, self.layer_of = [], [], []
        self.layers = [[] for _ in range(self.count_layers)]
        self.item_of = {}
        self._home_lanes()
        for node in self.plan.nodes:
            self.item_of[node.id] = self._node_item(node)
        self.chains, self.switch_range, self.via_range = {}, {}, []
        self.same_layer, self.same = [], {}
        spans = self._spans()
        busy = self._busy(spans)
        for span in spans:
            self._chain(span, busy)
        for edge in self.same_layer:  # an item joined by nothing else sits by
            a, b = self.item_of[edge.source], self.item_of[edge.target]
            if not (self.up[a] or self.down[a]) or not (self.up[b] or self.down[b]):
                self.same.setdefault(a, []).append(b)
                self.same.setdefault(b, []).append(a)

    def _node_item(self, node) -> int:
        """The item of a product (its notes below it) or an external stand-in."""
        if node.kind == "external":
            layer = 0 if node.side == "left" else self.right_layer
            lane = self.lane_choice.get(node.id, self.home[node.id])
        else:
            layer = self.column_choice.get(node.key, self.plan.column[node.key]) + 1
            lane = node.lane
        w, h = self.size(node.id)
        slot = h + sum(NOTE_GAP + self.size(n.id)[1] for n in node.notes)
        wide = max([w] + [self.size(n.id)[0] for n in node.notes])
        return self._item(layer, lane, wide, slot, node)

    def _spans(self) -> list[tuple]:
        """(edge, a, b, layer a, layer b, lane a, lane b, reversed) of the edges across
        layers, a left of b; the others go to same_layer."""
        spans = []
        for edge in self.plan.edges:
            a, b = self.item_of[edge.source], self.item_of[edge.target]
            la, lb = self.layer_of[a], self.layer_of[b]
            if la == lb:
                self.same_layer.append(edge)
                continue
            reverse = la > lb
            if reverse:
                a, b, la, lb = b, a, lb, la
            spans.append((edge, a, b, la, lb, self.lane[a], self.lane[b], reverse))
        return spans

    def _busy(self, spans) -> dict[tuple[int, int], int]:
        """(layer, lane) -> how many items and level edges it holds so far."""
        busy: dict[tuple[int, int], int] = {}
        for i in range(len(self.item_node)):
            key = (self.layer_of[i], self.lane[i])
            busy[key] = busy.get(key, 0) + 1
        for _, _, _, la, lb, lane_a, lane_b, _ in spans:
            if lane_a == lane_b:
                for layer in range(la + 1, lb):
                    busy[(layer, lane_a)] = busy.get((layer, lane_a), 0) + 1
        return busy

    def _switch(self, a, b, la, lb, lane_a, lane_b, busy) -> int:
        """The last layer a long edge stays in lane_a: where it changes lanes, in the
        gap whose columns hold the fewest items in the lanes it passes over (each is a
        line it would cross)."""
        if self.item_node[a].kind == "external":
            return la  # into the product's lane at once
        if self.item_node[b].kind == "external":
            return lb - 1  # in the product's lane to the margin
        if lane_a == lane_b or lb - la <= 1:
            return (la + lb) // 2
        low, high = sorted((lane_a, lane_b))
        between = range(low + 1, high)

        def cost(g: int) -> int:
            return sum(busy.get((layer, lane), 0) for layer in (g, g + 1) if la < layer < lb for lane in between)

        middle = (la + lb - 1) / 2
        return min(range(la, lb), key=lambda g: (cost(g), abs(g - middle), g))

    def _chain(self, span, busy) -> None:
        """The items of one edge across layers, a virtual node in each layer between."""
        edge, a, b, la, lb, lane_a, lane_b, reverse = span
        switch = self._switch(a, b, la, lb, lane_a, lane_b, busy)
        if lane_a != lane_b and lb - la > 1:
            self.switch_range[edge.id] = (la, lb - 1, switch)
            switch = self.switch_choice.get(edge.id, switch)
        if lb - la > 1 and len(self.plan.lanes) > 2:  # one layer between is enough
            self.via_range.append(edge.id)
        via = self.via_choice.get(edge.id)
        chain = [a]
        for layer in range(la + 1, lb):
            lane = via if via is not None else lane_a if layer <= switch else lane_b
            busy[(layer, lane)] = busy.get((layer, lane), 0) + 1
            chain.append(self._item(layer, lane, 0.0, VSLOT, None))
        chain.append(b)
        for u, v in zip(chain, chain[1:]):
            self.down[u].append(v)
            self.up[v].append(u)
        self.chains[edge.id] = (chain, reverse)

    def _item(self, layer: int, lane: int, w: float, h: float, node) -> int:
        i = len(self.lane)
        self.lane.append(lane)
        self.item_w.append(w)
        self.item_h.append(h)
        self.item_node.append(node)
        self.up.append([])
        self.down.append([])
        self.layer_of.append(layer)
        self.layers[layer].append(i)
        return i

    def _home_lanes(self) -> None:
        """An external stand-in goes to the lane it exchanges most with."""
        plan = self.plan
        lane_of = {n.id: n.lane for n in plan.nodes if n.kind != "external"}
        counts: dict[str, dict[int, int]] = {}
        for e in plan.edges:
            for here, there in ((e.source, e.target), (e.target, e.source)):
                if here not in lane_of and there in lane_of:
                    tally = counts.setdefault(here, {})
                    tally[lane_of[there]] = tally.get(lane_of[there], 0) + 1
        self.home = {}
        self.homes = {}
        for n in plan.nodes:
            if n.kind == "external":
                tally = counts.get(n.id)
                self.home[n.id] = min(tally, key=lambda k: (-tally[k], k)) if tally else 0
                most = max(tally.values()) if tally else 0
                self.homes[n.id] = sorted(k for k, c in (tally or {}).items() if c == most)
