"""The children of a node in a KPI tree (prep.kpi.tree): the products and external
processes feeding it, where a product the view does not show is passed through and
replaced by what feeds it (docs/kpi.md)."""

from __future__ import annotations


def feeders_of(pg) -> dict[str, list[str]]:
    """key -> the nodes feeding it (`Q -> key`, `Q <-> key`), in source order, once
    each. External processes are fed by nothing here: they are leaves."""
    feeders: dict[str, dict[str, None]] = {k: {} for k in pg.graph.nodes}
    for e in pg.edges:
        if e.source == e.target:
            continue
        if e.target not in pg.externals:
            feeders[e.target][e.source] = None
        if e.kind == "sync" and e.source not in pg.externals:
            feeders[e.source][e.target] = None
    return {k: list(v) for k, v in feeders.items()}


class Children:
    """The node children of a product: its feeders, with passed-through products
    replaced by what feeds them, and external processes that are not shown left out.
    Passed-through products are grouped into strongly connected components, each
    resolved once (memoised), so the work stays linear in the model plus the lists
    produced."""

    def __init__(self, pg, feeders: dict[str, list[str]], is_node) -> None:
        self.feeders = feeders
        self.is_node = is_node
        self.externals = pg.externals
        self.order = {k: n for n, k in enumerate(pg.graph.nodes)}
        self.component: dict[str, int] = {}
        self.members: list[list[str]] = []
        self.memo: dict[int, list[str]] = {}
        self.cache: dict[str, list[str]] = {}
        self._components([k for k in pg.graph.nodes if k not in self.externals and not is_node(k)])

    def _components(self, passed: list[str]) -> None:
        import networkx as nx

        sub = nx.DiGraph()
        sub.add_nodes_from(passed)
        inside = set(passed)
        for key in passed:
            for q in self.feeders[key]:
                if q in inside:
                    sub.add_edge(q, key)
        for n, comp in enumerate(nx.strongly_connected_components(sub)):
            members = sorted(comp, key=self.order.__getitem__)
            self.members.append(members)
            for key in members:
                self.component[key] = n

    def _passed(self, q: str) -> bool:
        return q in self.component

    def of(self, key: str) -> list[str]:
        """The node children of the node `key` (itself excluded), in order."""
        if key not in self.cache:
            out: dict[str, None] = {}
            for q in self.feeders[key]:
                if self.is_node(q):
                    out[q] = None
                elif self._passed(q):
                    out.update(dict.fromkeys(self._through(self.component[q])))
            out.pop(key, None)
            self.cache[key] = list(out)
        return self.cache[key]

    def _through(self, comp: int) -> list[str]:
        """What a component of passed-through products resolves to. Iterative (deep
        chains of plain products must not hit the recursion limit)."""
        if comp in self.memo:
            return self.memo[comp]
        stack = [(comp, False)]
        while stack:
            c, ready = stack.pop()
            if c in self.memo:
                continue
            below = [
                self.component[q]
                for k in self.members[c]
                for q in self.feeders[k]
                if self._passed(q) and self.component[q] != c
            ]
            if not ready:
                stack.append((c, True))
                stack.extend((b, False) for b in below if b not in self.memo)
                continue
            out: dict[str, None] = {}
            for k in self.members[c]:
                for q in self.feeders[k]:
                    if self.is_node(q):
                        out[q] = None
                    elif self._passed(q) and self.component[q] != c:
                        out.update(dict.fromkeys(self.memo[self.component[q]]))
            self.memo[c] = list(out)
        return self.memo[comp]
