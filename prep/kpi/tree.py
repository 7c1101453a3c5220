"""Deriving the KPI tree of a process (docs/kpi.md).

Two views. `kpi` (the default) is the tree a consultant draws: the goal with its
KGIs, the final products with their KPIs, and below a product only the
*significant* products that feed it (with a KPI, milestones, intervention points,
the products of the service and of the CSM, products with an issue), passing
through every other product.
`products` is the full derivation through every product and external process.

Each node appears once. A later path to a node already shown gives a `Ref` to it;
a path that would repeat a node on its own path (a sync cycle) ends there. Ids are
stable: `goal` / `process`, `product:KEY`, `external:NAME`, `kpi:NAME`. Nothing
here recurses: a chain 10,000 products deep is walked with explicit stacks."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.kpi.children import Children, feeders_of

VIEWS = ("kpi", "products")
KPI_MARKS = ("supplemented", "service", "kgi")


@dataclass(slots=True)
class Node:
    id: str
    label: str
    kind: str
    marks: list[str] = field(default_factory=list)
    children: list = field(default_factory=list)  # Node | Ref
    key: str | None = None  # product key, external or KPI name; None for the root


@dataclass(slots=True)
class Ref:
    """A later path to a node shown in full elsewhere in the same tree."""

    node: Node

    @property
    def id(self) -> str:
        return self.node.id


@dataclass
class Tree:
    process: str
    stage: str
    view: str
    root: Node
    graph: object = None  # the ProcessGraph it was derived from
    added: list[str] | None = None  # ids, set by compare (ToBe side)
    removed: list[str] | None = None  # ids, set by compare (of the AsIs tree)
    pair: Tree | None = None  # with --tobe: the other side's tree
    compared: bool = False  # with --tobe (both sides)

    def walk(self):
        """(depth, parent, item) for every Node and Ref, in pre-order, iteratively."""
        stack = [(0, None, self.root)]
        while stack:
            depth, parent, item = stack.pop()
            yield depth, parent, item
            if isinstance(item, Node):
                stack.extend((depth + 1, item, c) for c in reversed(item.children))

    def depth(self) -> int:
        return max(d for d, _, _ in self.walk())

    def nodes(self):
        return [item for _, _, item in self.walk() if isinstance(item, Node)]

    def labels(self, ids) -> list[str]:
        """The labels of the nodes with these ids, in this tree or its pair."""
        found = {n.id: n.label for n in self.nodes()}
        if self.pair is not None:
            for n in self.pair.nodes():
                found.setdefault(n.id, n.label)
        return [found.get(i, i) for i in ids]

    def to_json(self) -> dict:
        data = {"process": self.process, "stage": self.stage, "view": self.view, "root": node_json(self.root)}
        if self.added is not None:
            data["added"] = list(self.added)
        if self.removed is not None:
            data["removed"] = list(self.removed)
        return data


def node_json(root: Node) -> dict:
    """A node as JSON data, built without recursion."""

    def shell(item):
        if isinstance(item, Ref):
            return {"ref": item.id}
        return {"id": item.id, "label": item.label, "kind": item.kind, "marks": list(item.marks), "children": []}

    top = shell(root)
    stack = [(root, top)]
    while stack:
        node, data = stack.pop()
        for child in node.children:
            made = shell(child)
            data["children"].append(made)
            if isinstance(child, Node):
                stack.append((child, made))
    return top


def derive_all(graphs, view: str = "kpi", externals: bool = False) -> list[Tree]:
    return [derive(pg, view, externals) for pg in graphs]


def derive(pg, view: str = "kpi", externals: bool = False) -> Tree:
    """The KPI tree of one ProcessGraph in `view` (kpi or products)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}")
    return _Deriver(pg, view, externals or view == "products").tree()


class _Deriver:
    def __init__(self, pg, view: str, externals: bool) -> None:
        self.pg = pg
        self.view = view
        process = pg.process
        self.roles = {a.name: a.role for a in process.actors}
        self.issues: dict[str, list[str]] = {}
        for issue in process.issues:
            key = pg.issue_targets.get(id(issue))
            if key is not None:
                self.issues.setdefault(key, []).append(issue.text)
        self.kpis = list(process.kpis)
        self.measured = {pg.kpi_target(k) for k in self.kpis} - {None}
        self.on_sync = {k for e in pg.edges if e.kind == "sync" and e.source != e.target for k in (e.source, e.target)}
        self.kpi_ids = _kpi_ids(self.kpis)
        self.show_externals = externals
        feeders = feeders_of(pg)
        if view == "products":
            self.children_of = lambda key: feeders[key]
        else:
            self.children_of = Children(pg, feeders, self.is_node).of
        self._place_kpis()

    # -- which products are nodes ----------------------------------------------------
    def is_node(self, key: str) -> bool:
        if key in self.pg.externals:
            return self.show_externals
        product = self.pg.products.get(key)
        if product is None:
            return False
        return (
            product.kind in ("final", "milestone")
            or key in self.measured
            or (product.kind == "intangible" and key in self.on_sync)
            or self.roles.get(product.actor) in ("service", "csm")
            or key in self.issues
        )

    # -- KPIs --------------------------------------------------------------------------
    def _place_kpis(self) -> None:
        """Where each KPI hangs: under the KPI it names (`under`), at the root when it is
        a KGI, under the product it measures (`for`), else at the root. An `under` that
        names no KPI, or a cycle of `under`s (PREP604, drawn only with --force), falls
        back as if it were not written; with two KPIs of one name, `under` means the
        first."""
        first: dict[str, object] = {}
        for kpi in self.kpis:
            first.setdefault(kpi.name, kpi)
        parent: dict[int, object] = {}
        for kpi in self.kpis:
            above = first.get(kpi.under.text) if kpi.under is not None else None
            parent[id(kpi)] = above if above is not None and above is not kpi else None
        for start, _members in self.pg.kpi_cycles:  # break each cycle of `under` at
            parent[id(start)] = None  # its first KPI (as PREP604 reports)
        for kpi in self.kpis:  # and any loop left by KPIs that share a name
            seen, k = {id(kpi)}, parent[id(kpi)]
            while k is not None:
                if id(k) in seen:
                    parent[id(kpi)] = None
                    break
                seen.add(id(k))
                k = parent[id(k)]
        self.under_kpi: dict[int, list] = {}
        self.for_product: dict[str, list] = {}
        self.kgis: list = []
        self.at_root: list = []
        for kpi in self.kpis:
            above = parent[id(kpi)]
            target = self.pg.kpi_target(kpi)
            if above is not None:
                self.under_kpi.setdefault(id(above), []).append(kpi)
            elif kpi.has_attr("kgi"):
                self.kgis.append(kpi)
            elif target is not None:
                self.for_product.setdefault(target, []).append(kpi)
            else:
                self.at_root.append(kpi)

    # -- nodes -----------------------------------------------------------------------
    def _spec_id(self, spec) -> str:
        what, item = spec
        if what == "kpi":
            return self.kpi_ids[id(item)]
        return ("external:" if item in self.pg.externals else "product:") + item

    def _make(self, spec, parent: Node) -> Node:
        what, item = spec
        if what == "kpi":
            marks = [m for m in KPI_MARKS if item.has_attr(m)]
            target = self.pg.kpi_target(item)
            if target is not None and target != parent.key:
                marks.append(f"for:{target}")
            return Node(self.kpi_ids[id(item)], item.name, "kpi", marks, [], item.name)
        product = self.pg.products.get(item)
        if product is None:
            return Node("external:" + item, item, "external", [], [], item)
        marks = []
        if self.roles.get(product.actor) == "service":
            marks.append("service")
        if product.kind == "intangible" and item in self.on_sync:
            marks.append("intervention")
        marks.extend(f"issue:{text}" for text in self.issues.get(item, ()))
        return Node("product:" + item, item, product.kind, marks, [], item)

    def _specs(self, spec) -> list:
        what, item = spec
        if what == "kpi":
            return [("kpi", k) for k in self.under_kpi.get(id(item), ())]
        if item in self.pg.externals:
            return []  # external processes are leaves
        return [("kpi", k) for k in self.for_product.get(item, ())] + [("product", q) for q in self.children_of(item)]

    def tree(self) -> Tree:
        process = self.pg.process
        goal = process.goal
        root = Node("goal", goal.text, "goal") if goal is not None else Node("process", process.name, "process")
        finals = []
        for product in process.products:
            key = product.key
            if product.kind == "final" and self.pg.products.get(key) is product and key not in finals:
                finals.append(key)
        specs = [("kpi", k) for k in self.kgis] + [("product", k) for k in finals] + [("kpi", k) for k in self.at_root]
        home = self._homes(root, specs)
        # KPIs of products that feed no final product: under the root, `for:` marked.
        rest = [("kpi", k) for ks in self.for_product.values() for k in ks if self.kpi_ids[id(k)] not in home]
        if rest:
            home.update(self._homes(root, rest))
            specs += rest
        self._walk(root, specs, home)
        return Tree(process.name, process.stage, self.view, root, self.pg)

    def _homes(self, root: Node, specs: list) -> dict[str, str]:
        """Breadth first: id -> the id of the parent under which it is shown in full,
        the first place the node is reached at its least depth. Later and deeper
        places get a reference."""
        from collections import deque

        home = {root.id: ""}
        queue = deque([(root.id, specs)])
        while queue:
            parent, children = queue.popleft()
            for spec in children:
                nid = self._spec_id(spec)
                if nid not in home:
                    home[nid] = parent
                    queue.append((nid, self._specs(spec)))
        return home

    def _walk(self, root: Node, specs: list, home: dict[str, str]) -> None:
        """Depth first, iteratively, along the breadth-first homes: each node in full
        once, elsewhere a reference; a node on its own path (a sync cycle) left out."""
        shown = {root.id: root}
        on_path = {root.id}
        later: list[tuple[Node, int, str]] = []  # references to nodes shown further on
        stack = [(root, iter(specs))]
        while stack:
            node, pending = stack[-1]
            spec = next(pending, None)
            if spec is None:
                stack.pop()
                on_path.discard(node.id)
                continue
            nid = self._spec_id(spec)
            if nid in on_path:
                continue
            if home.get(nid) != node.id:
                if nid in shown:
                    node.children.append(Ref(shown[nid]))
                else:
                    later.append((node, len(node.children), nid))
                    node.children.append(None)
                continue
            child = self._make(spec, node)
            shown[nid] = child
            node.children.append(child)
            on_path.add(nid)
            stack.append((child, iter(self._specs(spec))))
        for node, index, nid in later:
            node.children[index] = Ref(shown[nid])


def _kpi_ids(kpis) -> dict[int, str]:
    ids: dict[int, str] = {}
    count: dict[str, int] = {}
    for kpi in kpis:
        count[kpi.name] = count.get(kpi.name, 0) + 1
        n = count[kpi.name]
        ids[id(kpi)] = f"kpi:{kpi.name}" + (f"#{n}" if n > 1 else "")
    return ids
