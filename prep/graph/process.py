"""The graph of one process (`ProcessGraph`), its edges and cycles, and the queries
that rules, the renderer and the KPI tree share. Built by prep/graph/build.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from prep.diagnostics import Diagnostic, Span, closest
from prep.model import Kpi, Process, Product, Ref, Relation
from prep.i18n import N_

# What a name can stand for (what_is, other_names), said in messages through `_()`.
WHAT = (
    N_("a product"),
    N_("an external process"),
    N_("an actor"),
    N_("a KPI"),
    N_("a subprocess"),
    N_("the goal"),
    N_("the process"),
    N_("a process"),
)


@dataclass(frozen=True)
class Edge:
    """A relation whose both ends resolved, in source order."""

    index: int
    source: str
    target: str
    kind: str
    relation: Relation

    @property
    def span(self) -> Span:
        return self.relation.span

    @property
    def label(self) -> str:
        arrow = "->" if self.kind == "input" else "<->"
        return f"{self.source} {arrow} {self.target}"


@dataclass(frozen=True)
class Cycle:
    """A strongly connected set of products joined by input relations."""

    members: tuple[str, ...]  # in the order the cycle is walked, from the first edge
    first_edge: Edge


@dataclass
class ProcessGraph:
    process: Process
    file: str
    nodes: dict[str, dict]  # key -> attributes, products first
    products: dict[str, Product]
    externals: dict[str, object]
    edges: list[Edge]
    kpi_targets: dict[int, str | None] = field(default_factory=dict)  # id(kpi) -> key
    issue_targets: dict[int, str | None] = field(default_factory=dict)
    until_targets: dict[int, str | None] = field(default_factory=dict)  # id(subprocess) -> key
    member_targets: dict[int, list[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    other_names: dict[str, str] = field(default_factory=dict)  # name -> "an actor", …
    edge_data: list[tuple[str, str, int, dict]] = field(default_factory=list, repr=False)

    @cached_property
    def graph(self):
        """The process as a networkx.MultiDiGraph (made on first use: checking needs
        no networkx unless a cycle is to be explained, and importing it is slow)."""
        import networkx as nx

        graph = nx.MultiDiGraph(name=self.process.name)
        for key, attrs in self.nodes.items():
            graph.add_node(key, **attrs)
        for source, target, index, attrs in self.edge_data:
            graph.add_edge(source, target, key=index, **attrs)
        return graph

    @property
    def name(self) -> str:
        return self.process.name

    def what_is(self, name: str) -> str | None:
        """What `name` stands for in this process: "a product", "an external process",
        "an actor", "a KPI", "a subprocess", "the goal", "the process", "a process" (another
        of the run), or None. The one answer that name resolution (PREP105) and PREP604 give."""
        if name in self._by_name:
            return "a product"
        if name in self.externals:
            return "an external process"
        what = self.other_names.get(name)
        return "the process" if what == "a process" and name == self.process.name else what

    def kind(self, key: str) -> str:
        return self.nodes[key]["kind"]

    def is_product(self, key: str) -> bool:
        return key in self.products

    def is_external(self, key: str) -> bool:
        return key in self.externals

    def kpi_target(self, kpi: Kpi) -> str | None:
        return self.kpi_targets.get(id(kpi))

    # -- neighbourhoods ----------------------------------------------------------
    @cached_property
    def _adjacency(self) -> dict[str, dict[str, list[str]]]:
        adj: dict[str, dict[str, list[str]]] = {k: {"in": [], "out": [], "sync": []} for k in self.nodes}
        for e in self.edges:
            if e.kind == "input":
                adj[e.source]["out"].append(e.target)
                adj[e.target]["in"].append(e.source)
            elif e.source != e.target:
                adj[e.source]["sync"].append(e.target)
                adj[e.target]["sync"].append(e.source)
        return adj

    def inputs_of(self, key: str) -> list[str]:
        """Nodes with an input relation into `key` (`Q -> key`), in source order."""
        return self._adjacency[key]["in"]

    def outputs_of(self, key: str) -> list[str]:
        return self._adjacency[key]["out"]

    def synced_with(self, key: str) -> list[str]:
        """Nodes joined to `key` by a sync relation, either side."""
        return self._adjacency[key]["sync"]

    def degree(self, key: str) -> int:
        """Relations at `key`, either way (a relation to itself counts twice), as
        networkx's degree of a MultiDiGraph."""
        return self._degrees.get(key, 0)

    @cached_property
    def _degrees(self) -> dict[str, int]:
        degrees: dict[str, int] = {}
        for e in self.edges:
            degrees[e.source] = degrees.get(e.source, 0) + 1
            degrees[e.target] = degrees.get(e.target, 0) + 1
        return degrees

    def edges_of(self, key: str) -> Iterator[Edge]:
        for e in self.edges:
            if e.source == key or e.target == key:
                yield e

    # -- shared analyses, each computed once ---------------------------------------
    @cached_property
    def input_cycles(self) -> list[Cycle]:
        """Cycles of input relations among products, one per strongly connected
        component (self-loops excluded: those are PREP210)."""
        if not self._may_cycle():
            return []
        import networkx as nx

        sub = nx.DiGraph()
        first: dict[tuple[str, str], Edge] = {}
        for e in self.edges:
            if e.kind == "input" and e.source != e.target and e.source in self.products and e.target in self.products:
                sub.add_edge(e.source, e.target)
                first.setdefault((e.source, e.target), e)
        cycles = []
        for component in nx.strongly_connected_components(sub):
            if len(component) < 2:
                continue
            inside = [
                e
                for e in self.edges
                if (e.source, e.target) in first and e.source in component and e.target in component
            ]
            start = min(inside, key=lambda e: e.index)
            cycles.append(Cycle(_walk(start, component, sub), start))
        cycles.sort(key=lambda c: c.first_edge.index)
        return cycles

    def _may_cycle(self) -> bool:
        """False when input relations among products surely form no cycle: every
        product can be taken away once nothing feeds it (Kahn's order). Only then is
        networkx needed, to find and walk the cycles."""
        feeds: dict[str, list[str]] = {}
        fed: dict[str, int] = {}
        for e in self.edges:
            if e.kind == "input" and e.source != e.target and e.source in self.products and e.target in self.products:
                feeds.setdefault(e.source, []).append(e.target)
                fed[e.target] = fed.get(e.target, 0) + 1
        ready = [k for k in feeds if k not in fed]
        while ready:
            for nxt in feeds.get(ready.pop(), ()):
                fed[nxt] -= 1
                if not fed[nxt]:
                    del fed[nxt]
                    ready.append(nxt)
        return bool(fed)

    @cached_property
    def kpi_cycles(self) -> list[tuple[Kpi, list[str]]]:
        """Cycles of `under` among KPIs (PREP604; the KPI tree cuts each at its start):
        (the first kpi of the cycle in source order, member names in the order `under`
        walks them), one per strongly connected component, in source order."""
        kpis = list(self.process.kpis)
        if not _kpis_may_cycle(kpis):
            return []  # no cycle of `under`: networkx not needed
        import networkx as nx

        first = {}
        for kpi in kpis:
            first.setdefault(kpi.name, kpi)
        tree = nx.DiGraph()
        for kpi in kpis:
            if kpi.under is not None and kpi.under.text in first:
                tree.add_edge(kpi.name, kpi.under.text)
        found = []
        for component in nx.strongly_connected_components(tree):
            if len(component) == 1 and not tree.has_edge(*component, *component):
                continue
            start = next(k for k in kpis if k.name in component)
            order, name = [], start.name
            while name not in order:
                order.append(name)
                name = next(n for n in sorted(tree.successors(name)) if n in component)
            order += sorted(component - set(order))
            found.append((start, order))
        found.sort(key=lambda c: kpis.index(c[0]))
        return found

    @cached_property
    def contributing(self) -> set[str]:
        """Products with a path of input or sync relations, over products only, to a
        final product (final products included)."""
        return self.upstream(k for k, p in self.products.items() if p.kind == "final")

    def upstream(self, keys) -> set[str]:
        """`keys` and the products with a path of input or sync relations, over
        products only, to one of them."""
        seen = {k for k in keys if k in self.products}
        stack = list(seen)
        adj = self._adjacency
        while stack:
            key = stack.pop()
            for nxt in adj[key]["in"] + adj[key]["sync"]:
                if nxt in self.products and nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    @cached_property
    def subprocess_members(self) -> dict[int, set[str]]:
        """id(subprocess) -> its products (docs/rules.md, membership)."""
        untils = {k for k in self.until_targets.values() if k is not None}
        members: dict[int, set[str]] = {}
        for sp in self.process.subprocesses:
            until = self.until_targets.get(id(sp))
            if until is None:
                members[id(sp)] = set()
                continue
            if sp.members is not None:
                members[id(sp)] = {until, *self.member_targets.get(id(sp), [])}
                continue
            seen, stack = {until}, [until]
            while stack:
                key = stack.pop()
                for prev in self.inputs_of(key):
                    if prev in self.products and prev not in seen and prev not in untils:
                        seen.add(prev)
                        stack.append(prev)
            members[id(sp)] = seen
        return members

    @cached_property
    def mentioned(self) -> set[str]:
        """Nodes named at an end of some relation as written, including relations whose
        other end did not resolve (PREP101-105 report those), and the names PREP101
        suggests for a name that is not defined: a typo then gets one finding, and
        neither the other end nor the name meant looks unrelated."""
        found: set[str] = set()
        unresolved = []
        for relation in self.process.relations:
            for ref in (relation.source, relation.target):
                nodes = self._nodes_named(ref)
                if nodes is None:
                    unresolved.append(ref)
                else:
                    found.update(nodes)
        return found | self.meant(unresolved) if unresolved else found

    def meant(self, refs, products_only: bool = False) -> set[str]:
        """The nodes that references which did not resolve were probably meant to name:
        the name PREP101 suggests for each ("did you mean"), every state of it. Rules
        that say something is missing spare these: the typo is the one finding.
        `products_only` where an external may not stand (`kpi … for`, `until`)."""
        names = set(self._by_name) | (set() if products_only else set(self.externals))
        found: set[str] = set()
        for ref in refs:
            if ref is None or ref.state is not None:
                continue
            name = closest(ref.name, names)
            if name is not None:
                found.update(self._by_name.get(name, [name]))
        return found

    @cached_property
    def dangling(self) -> set[str]:
        """Nodes whose relation toward another node did not resolve (`X -> typo`,
        `X <-> typo`, either side of a sync): where they lead is unknown until the
        typo (PREP101-105) is fixed, so rules about where products go spare them."""
        found: set[str] = set()
        for relation in self.process.relations:
            source = self._nodes_named(relation.source)
            target = self._nodes_named(relation.target)
            if target is None and source is not None:
                found.update(source)
            elif source is None and target is not None and relation.kind == "sync":
                found.update(target)
        return found

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        by_name: dict[str, list[str]] = {}
        for key, product in self.products.items():
            by_name.setdefault(product.name, []).append(key)
        return by_name

    def _nodes_named(self, ref: Ref) -> list[str] | None:
        """The nodes a reference names as written (every state of a product named
        without one), or None when it names nothing defined."""
        if ref.state is not None:
            return [ref.key] if ref.key in self.products else None
        if ref.name in self._by_name:
            return self._by_name[ref.name]
        if ref.name in self.externals:
            return [ref.name]
        return None


def _walk(start: Edge, component: set[str], sub) -> tuple[str, ...]:
    """Members of a cycle, starting at the first relation's source, in walk order
    (a depth-first walk inside the component; members not on it follow, sorted)."""
    order = [start.source]
    seen = {start.source}
    node = start.target
    while node not in seen:
        order.append(node)
        seen.add(node)
        nxt = [n for n in sub.successors(node) if n in component]
        node = next((n for n in nxt if n not in seen), nxt[0] if nxt else start.source)
    order.extend(sorted(component - seen))
    return tuple(order)


def _kpis_may_cycle(kpis) -> bool:
    """Whether following `under` from some KPI comes back to a KPI already passed
    (each KPI names at most one parent, so a walk up from each one tells)."""
    parents: dict[str, set[str]] = {}
    for kpi in kpis:
        if kpi.under is not None:
            parents.setdefault(kpi.name, set()).add(kpi.under.text)
    if any(len(p) > 1 for p in parents.values()):
        return True  # a name with two parents: let networkx look
    parent = {name: next(iter(p)) for name, p in parents.items()}
    done: set[str] = set()
    for start in parent:
        path: set[str] = set()
        name = start
        while name in parent and name not in done:
            if name in path:
                return True
            path.add(name)
            name = parent[name]
        done |= path
    return False
