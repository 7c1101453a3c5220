"""Deriving the KPI tree of a process (LANGUAGE.md §6; docs/kpi.md).

The root is the goal (KGI), or the process name; below it the final products;
below a product node the products and external processes that feed it (`Q -> P`,
`Q <-> P`). Plain products that nothing measures are passed through: what feeds
them takes their place. KPIs hang under the product they measure (`for`), the KPI
they break down (`under`) or the root. A node never repeats on its own path, so
sync relations and cycles through passed-through products end there.

Work is linear in the model plus the size of the tree written out; past
`max_nodes` nodes a subtree already written in full is referenced (`ref` mark)
instead of repeated, so dense models cannot blow up."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MAX_NODES = 5000
NODE_KINDS = ("milestone", "final", "intangible")
KPI_MARKS = ("supplemented", "service", "kgi")


@dataclass
class Node:
    label: str
    kind: str
    marks: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    key: str | None = None            # product key or external name; None for goal/KPI

    def to_json(self) -> dict:
        return {"label": self.label, "kind": self.kind, "marks": list(self.marks),
                "children": [c.to_json() for c in self.children]}

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Tree:
    process: str
    stage: str
    root: Node
    truncated: bool = False
    removed: list[str] | None = None          # set by compare (with --tobe)

    @property
    def note(self) -> str | None:
        if not self.truncated:
            return None
        return ("the tree is large: subtrees shown in full once are referenced "
                "(mark `ref`) where they repeat")

    def to_json(self) -> dict:
        data = {"process": self.process, "stage": self.stage, "root": self.root.to_json()}
        if self.removed is not None:
            data["removed"] = list(self.removed)
        if self.truncated:
            data["truncated"] = True
            data["note"] = self.note
        return data


def derive_all(graphs, max_nodes: int = DEFAULT_MAX_NODES) -> list[Tree]:
    return [derive(pg, max_nodes) for pg in graphs]


def derive(pg, max_nodes: int = DEFAULT_MAX_NODES) -> Tree:
    """The KPI tree of one ProcessGraph."""
    return _Deriver(pg, max_nodes).tree()


class _Deriver:
    def __init__(self, pg, max_nodes: int) -> None:
        self.pg = pg
        self.max_nodes = max_nodes
        self.count = 0
        self.truncated = False
        self.expanded: set[str] = set()          # keys whose subtree was written in full
        process = pg.process
        self.feeders = _feeders(pg)
        self.kpis = list(process.kpis)
        self.kpi_names = {}
        for kpi in self.kpis:
            self.kpi_names.setdefault(kpi.name, kpi)
        self.measured = {pg.kpi_target(k) for k in self.kpis} - {None}
        self.on_sync = {k for e in pg.edges if e.kind == "sync" for k in (e.source, e.target)}
        self.issues: dict[str, list[str]] = {}
        for issue in process.issues:
            key = pg.issue_targets.get(id(issue))
            if key is not None:
                self.issues.setdefault(key, []).append(issue.text)
        self._place_kpis()
        self.resolved = _Resolver(pg, self.feeders, self.is_node)

    # -- what is a node ---------------------------------------------------------
    def is_node(self, key: str) -> bool:
        if key in self.pg.externals:
            return True
        product = self.pg.products.get(key)
        return product is None or product.kind in NODE_KINDS or key in self.measured

    # -- KPIs --------------------------------------------------------------------
    def _place_kpis(self) -> None:
        """Where each KPI hangs: under a KPI (`under`), a product (`for`) or the root.
        An `under` naming no KPI, or a cycle of `under`s (PREP604 errors, drawn only
        with --force), falls back to `for`, then the root."""
        parent: dict[int, object] = {}
        for kpi in self.kpis:
            above = self.kpi_names.get(kpi.under.text) if kpi.under is not None else None
            parent[id(kpi)] = above if above is not None and above is not kpi else None
        for start, _members in self.pg.kpi_cycles:   # break each cycle of `under` at
            parent[id(start)] = None                 # its first KPI (as PREP604 reports)
        for kpi in self.kpis:      # and any loop left by KPIs that share a name
            seen, k = {id(kpi)}, parent[id(kpi)]
            while k is not None:
                if id(k) in seen:
                    parent[id(kpi)] = None
                    break
                seen.add(id(k))
                k = parent[id(k)]
        self.kpi_parent = parent
        self.kpis_under_kpi: dict[int, list] = {}
        self.kpis_for: dict[str, list] = {}
        self.kpis_at_root: list = []
        for kpi in self.kpis:
            above = parent[id(kpi)]
            target = self.pg.kpi_target(kpi)
            if above is not None:
                self.kpis_under_kpi.setdefault(id(above), []).append(kpi)
            elif target is not None and target in self.pg.contributing | self._finals():
                self.kpis_for.setdefault(target, []).append(kpi)
            else:
                self.kpis_at_root.append(kpi)

    def _finals(self) -> set[str]:
        return {k for k, p in self.pg.products.items() if p.kind == "final"}

    def _kpi_node(self, kpi, parent_key: str | None) -> Node:
        marks = [m for m in KPI_MARKS if kpi.has_attr(m)]
        target = self.pg.kpi_target(kpi)
        if target is not None and target != parent_key:
            marks.append(f"for:{target}")
        node = self._new(kpi.name, "kpi", marks)
        for child in self.kpis_under_kpi.get(id(kpi), ()):
            node.children.append(self._kpi_node(child, None))
        return node

    # -- the tree ----------------------------------------------------------------
    def _new(self, label: str, kind: str, marks: list[str], key: str | None = None) -> Node:
        self.count += 1
        return Node(label, kind, marks, [], key)

    def tree(self) -> Tree:
        process = self.pg.process
        goal = process.goal
        root = (self._new(goal.text, "goal", []) if goal is not None
                else self._new(process.name, "process", []))
        finals = []
        for product in process.products:
            key = product.key
            if product.kind == "final" and self.pg.products.get(key) is product \
                    and key not in finals:
                finals.append(key)
        for key in finals:
            root.children.append(self._product(key, frozenset()))
        for kpi in self.kpis_at_root:
            root.children.append(self._kpi_node(kpi, None))
        return Tree(process.name, process.stage, root, self.truncated)

    def _marks(self, key: str) -> list[str]:
        marks = []
        product = self.pg.products.get(key)
        if product is not None and product.kind == "intangible" and key in self.on_sync:
            marks.append("intervention")
        marks.extend(f"issue:{text}" for text in self.issues.get(key, ()))
        return marks

    def _product(self, key: str, path: frozenset[str]) -> Node:
        product = self.pg.products.get(key)
        kind = product.kind if product is not None else "external"
        node = self._new(key, kind, self._marks(key), key)
        if kind == "external":
            return node                   # external processes are leaves (docs/kpi.md)
        if self.count > self.max_nodes and key in self.expanded:
            node.marks.append("ref")
            self.truncated = True
            return node
        self.expanded.add(key)
        for kpi in self.kpis_for.get(key, ()):
            node.children.append(self._kpi_node(kpi, key))
        inner = path | {key}
        for child in self.resolved.of(key):
            if child not in inner:
                node.children.append(self._product(child, inner))
        return node


def _feeders(pg) -> dict[str, list[str]]:
    """key -> the nodes feeding it (`Q -> key`, `Q <-> key`), in source order, once each."""
    feeders: dict[str, dict[str, None]] = {k: {} for k in pg.graph.nodes}
    for e in pg.edges:
        if e.source == e.target:
            continue
        if e.kind == "input":
            feeders[e.target][e.source] = None
        else:
            feeders[e.target][e.source] = None
            feeders[e.source][e.target] = None
    return {k: list(v) for k, v in feeders.items()}


class _Resolver:
    """The node children of a product: its feeders, with passed-through products
    replaced by what feeds them. Passed-through products are grouped into strongly
    connected components, each resolved once (memoised), so the work stays linear
    in the model plus the lists produced."""

    def __init__(self, pg, feeders: dict[str, list[str]], is_node) -> None:
        self.feeders = feeders
        self.is_node = is_node
        self.order = {k: n for n, k in enumerate(pg.graph.nodes)}
        self.component: dict[str, int] = {}
        self.members: list[list[str]] = []
        self.memo: dict[int, list[str]] = {}
        self.cache: dict[str, list[str]] = {}
        self._components([k for k in pg.graph.nodes if not is_node(k)])

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

    def of(self, key: str) -> list[str]:
        """The node children of the node `key` (itself excluded), in order."""
        if key not in self.cache:
            out: dict[str, None] = {}
            for q in self.feeders[key]:
                if self.is_node(q):
                    out[q] = None
                else:
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
            below = [self.component[q] for k in self.members[c] for q in self.feeders[k]
                     if not self.is_node(q) and self.component[q] != c]
            if not ready:
                stack.append((c, True))
                stack.extend((b, False) for b in below if b not in self.memo)
                continue
            out: dict[str, None] = {}
            for k in self.members[c]:
                for q in self.feeders[k]:
                    if self.is_node(q):
                        out[q] = None
                    elif self.component[q] != c:
                        out.update(dict.fromkeys(self.memo[self.component[q]]))
            self.memo[c] = list(out)
        return self.memo[comp]
