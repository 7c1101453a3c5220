"""The positions of a KPI tree picture (docs/kpi.md, "Pictures"): what
`prep.layout.kpitree.kpi_layout` computes and every drawer of a KPI tree reads (the
pinned Graphviz of prep.render.kpitree for svg/png/pdf, the slides of
prep.kpi.pptx). Plain frozen dataclasses in points, origin top left, y down, as in
prep.layout.positions.

    KpiLayout(width, height, trees, legend, stacked)
      trees: [KpiTree] in output order; with --tobe an AsIs tree and its ToBe tree
      side by side (their rows at the same heights) or, when that is more legible
      at 1920 px, one above the other (`stacked`); processes top to bottom.
    KpiTree(index, process, stage, compared, frame, title, title_box, nodes, edges)
      frame: the tree's rounded frame; title: Text lines (process, side), drawn in
      title_box at the top of the frame; nodes: KpiNode; edges: KpiEdge.
    KpiNode(id, kind, label, key, box, lines, marks, row, host)
      id: "t1n1", … (stable, tree order); kind: goal|process|final|milestone|
      intangible|product|external|kpi|issue|ref|more; label: the name as written
      (the SVG <title>); key: the product key or KPI name the node stands for (None
      for the root, issues and stubs); row: 0 for the root; host: for a KPI or
      issue note, the id of the product it stands beside (same row), else None.
      A `ref` node is a reference that could not be drawn as a line downward (it
      would point up a sync cycle): a small `name (*)` box; `more`: the stub of a
      tree cut at the depth limit.
    KpiEdge(id, source, target, title, points, kind, removed)
      kind: "tree" (a line from a node down to its child: `PARENT -> CHILD`) or
      "note" (the dotted link from a product to a note beside it); points: a cubic
      Bézier path, 1 + 3k points, from the source's bottom to the target's top.
"""

from __future__ import annotations

from dataclasses import dataclass

from prep.layout.positions import Box, Legend, Text


@dataclass(frozen=True, slots=True)
class KpiNode:
    id: str
    kind: str
    label: str
    key: str | None
    box: Box
    lines: tuple[Text, ...]
    marks: tuple[str, ...]
    row: int
    host: str | None = None


@dataclass(frozen=True, slots=True)
class KpiEdge:
    id: str
    source: str
    target: str
    title: str
    points: tuple[tuple[float, float], ...]
    kind: str = "tree"
    removed: bool = False


@dataclass(frozen=True, slots=True)
class KpiTree:
    index: int
    process: str
    stage: str
    compared: bool
    frame: Box
    title: tuple[Text, ...]
    title_box: Box
    nodes: tuple[KpiNode, ...]
    edges: tuple[KpiEdge, ...]


@dataclass(frozen=True, slots=True)
class KpiLayout:
    width: float
    height: float
    trees: tuple[KpiTree, ...]
    legend: Legend | None
    stacked: bool = False
