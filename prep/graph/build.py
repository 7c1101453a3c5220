"""Building one process's graph: definitions (with PREP102), then references."""

from __future__ import annotations

from prep.codes import DUPLICATE_DEFINITION
from prep.diagnostics import Diagnostic, Related
from prep.graph.process import Edge, ProcessGraph
from prep.graph.resolve import Resolver
from prep.model import Document, External, Process, Product
from prep.i18n import N_, _


def _duplicate(what: str, name: str, span, first_span) -> Diagnostic:
    return DUPLICATE_DEFINITION.at(
        span,
        _("{what} `{name}` is defined twice", what=_(what), name=name),
        _("remove one definition, or give it another name (or a state)"),
        (Related(first_span, _("first defined here")),),
    )


def _keep_first(found: dict, key: str, item, what: str, diagnostics: list[Diagnostic], span: str = "name_span") -> None:
    """Put `item` in `found` under `key`, unless an earlier one is there: then PREP102
    at the item's `span` attribute."""
    if key in found:
        diagnostics.append(_duplicate(what, key, getattr(item, span), getattr(found[key], span)))
    else:
        found[key] = item


def build_process(process: Process, file: str, process_names: set[str] | dict[str, str]) -> ProcessGraph:
    diagnostics: list[Diagnostic] = []
    products, externals, actors = _definitions(process, diagnostics)
    other = _other_names(process, actors, process_names)
    resolver = Resolver(process, products, set(externals), other)
    edges, edge_data = _edges(process, resolver)
    pg = ProcessGraph(
        process, file, _nodes(products, externals), products, externals, edges, edge_data=edge_data, other_names=other
    )
    _targets(pg, process, resolver)
    pg.diagnostics = diagnostics + resolver.diagnostics
    return pg


def _definitions(process: Process, diagnostics: list[Diagnostic]):
    """(products, externals, actors) by name, the first of each; PREP102 for the rest."""
    products: dict[str, Product] = {}
    externals: dict[str, External] = {}
    actors: dict[str, object] = {}
    for actor in process.actors:
        _keep_first(actors, actor.name, actor, N_("actor"), diagnostics)
        for product in actor.products:
            _keep_first(products, product.key, product, N_("product"), diagnostics)
    for external in process.externals:
        name = external.name
        if name in products and name not in externals:
            diagnostics.append(
                DUPLICATE_DEFINITION.at(
                    external.span,
                    _("`{name}` is defined both as a product and as an external process", name=name),
                    _("give the external process another name"),
                    (Related(products[name].name_span, _("the product is defined here")),),
                )
            )
            continue
        _keep_first(externals, name, external, N_("external process"), diagnostics, "span")
    return products, externals, actors


def _nodes(products: dict[str, Product], externals: dict[str, External]) -> dict[str, dict]:
    """The nodes' data (the networkx graph is made only when asked for)."""
    nodes: dict[str, dict] = {}
    for key, p in products.items():
        nodes[key] = dict(
            kind=p.kind,
            name=p.name,
            actor=p.actor,
            params=p.params,
            state=p.state,
            attrs={a.name: a.value for a in p.attrs},
            span=p.span,
        )
    for name, x in externals.items():
        nodes[name] = dict(
            kind="external",
            name=name,
            actor=None,
            params=(),
            state=None,
            attrs={a.name: a.value for a in x.attrs},
            span=x.span,
        )
    return nodes


def _other_names(process: Process, actors: dict, process_names):
    """What other names are; every process's name is "a process" unless this process
    uses it otherwise. A view over one shared mapping, not a copy per process: a
    file of thousands of processes would otherwise take time squared."""
    from collections import ChainMap

    local: dict[str, str] = {}
    other = ChainMap(
        local, process_names if isinstance(process_names, dict) else dict.fromkeys(process_names, "a process")
    )
    for sp in process.subprocesses:
        local[sp.name] = "a subprocess"
    for kpi in process.kpis:
        local[kpi.name] = "a KPI"
    for goal in process.goals:
        local[goal.text] = "the goal"
    for name in actors:
        local[name] = "an actor"
    return other


def _edges(process: Process, resolver: Resolver) -> tuple[list[Edge], list[tuple]]:
    """The relations whose ends resolve, as edges and as the networkx edges' data."""
    edges: list[Edge] = []
    edge_data: list[tuple[str, str, int, dict]] = []
    ends: dict = {}  # a reference's span -> the names at the other end(s)
    for relation in process.relations:
        ends.setdefault(relation.source.span, set()).add(relation.target.name)
        ends.setdefault(relation.target.span, set()).add(relation.source.name)
    for relation in process.relations:
        # "did you mean" never suggests the other end: that would relate a thing to itself
        source = resolver.resolve(relation.source, avoid=ends[relation.source.span])
        target = resolver.resolve(relation.target, avoid=ends[relation.target.span])
        if source is None or target is None:
            continue
        edge = Edge(len(edges), source, target, relation.kind, relation)
        params = (
            (relation.source.param, relation.target.param) if relation.source.param or relation.target.param else None
        )
        edge_data.append(
            (
                source,
                target,
                edge.index,
                dict(
                    kind=relation.kind,
                    params=params,
                    span=relation.span,
                    attrs={a.name: a.value for a in relation.attrs},
                    relation=relation,
                ),
            )
        )
        edges.append(edge)
    return edges, edge_data


def _targets(pg: ProcessGraph, process: Process, resolver: Resolver) -> None:
    """What each `kpi … for`, `issue … on`, `subprocess … until` and member names."""
    for kpi in process.kpis:
        pg.kpi_targets[id(kpi)] = (
            resolver.resolve(kpi.for_, allow_external=False, what="`kpi … for`") if kpi.for_ is not None else None
        )
    for issue in process.issues:
        pg.issue_targets[id(issue)] = resolver.resolve(issue.on, allow_external=False, what="`issue … on`")
    for sp in process.subprocesses:
        pg.until_targets[id(sp)] = resolver.resolve(sp.until, allow_external=False, what="`subprocess … until`")
        if sp.members is not None:
            keys = [resolver.resolve(m, allow_external=False, what=N_("subprocess member")) for m in sp.members]
            pg.member_targets[id(sp)] = [k for k in keys if k is not None]


def build_document(
    document: Document, process_names: set[str] | dict | None = None
) -> tuple[list[ProcessGraph], list[Diagnostic]]:
    """The graphs of a document's processes, and the findings of building them
    (PREP101–PREP105, including duplicate processes in this document)."""
    if isinstance(process_names, dict) and all(p.name in process_names for p in document.processes):
        names = process_names  # shared by the caller: no copy for each of many pieces
    else:
        names = dict.fromkeys(set(process_names or ()) | {p.name for p in document.processes}, "a process")
    graphs, diagnostics = [], []
    seen: dict[str, Process] = {}
    for process in document.processes:
        if process.name in seen:
            first = seen[process.name]
            diagnostics.append(
                DUPLICATE_DEFINITION.at(
                    process.header_span,
                    _("process `{name}` is defined twice", name=process.name),
                    _("rename one of them, or merge them into one process"),
                    (Related(first.header_span, _("first defined here")),),
                )
            )
        seen.setdefault(process.name, process)
        pg = build_process(process, document.path, names)
        graphs.append(pg)
        diagnostics.extend(pg.diagnostics)
    return graphs, diagnostics
