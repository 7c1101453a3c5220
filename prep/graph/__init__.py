"""Model to graph: one `networkx.MultiDiGraph` per process (docs/architecture.md), and the
queries that rules, the renderer and the KPI tree share.

Nodes: a product (`name` or `name<state>`) or an external process, with `kind`
(product, milestone, final, intangible, external), `actor`, `params`, `state`,
`attrs`, `span`. Edges: one per relation, `kind` input or sync (a sync relation is
stored once, left to right), `params` (source, target) where parameters are named,
`span`, `attrs` and `relation` (the model element). The networkx graph is made on
first use of `ProcessGraph.graph`; the rules work on the plain `nodes` and `edges`
(importing networkx costs more than checking a small model)."""

from __future__ import annotations

from prep.graph.build import build_document
from prep.graph.process import Cycle, Edge, ProcessGraph
from prep.graph.resolve import Resolver

__all__ = ["Cycle", "Edge", "ProcessGraph", "Resolver", "build_document"]
