"""The same relation written twice.

What it does: reports a relation that was already written, at the second
writing. Relations are the same when their kind, their ends (in either order for
`<->`) and their parameters are the same; chains and lists count relation by
relation (`A -> B -> C` contains `B -> C`).

Why: a repeated relation adds nothing to the model but noise, and when the two
copies drift apart in review (one gets a `touch=`, the other not) the model
contradicts itself.

How to fix: remove the second writing (or merge its attributes into the first).

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    product 調達計画(部品, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業
  調達計画 -> 出荷
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    product 調達計画(部品, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


def _identity(edge) -> tuple:
    source = (edge.source, edge.relation.source.param)
    target = (edge.target, edge.relation.target.param)
    if edge.kind == "sync":
        source, target = sorted((source, target), key=lambda end: (end[0], end[1] or ""))
    return edge.kind, source, target


@rule("PREP211", Severity.WARNING, name="duplicate-relation")
def duplicate_relation(pg: ProcessGraph) -> Iterator[Diagnostic]:
    first = {}
    for edge in pg.edges:
        key = _identity(edge)
        if key in first:
            yield duplicate_relation.at(
                edge.span,
                _("the relation `{relation}` is written twice", relation=edge.relation),
                _("remove this writing"),
                [Related(first[key].span, _("first written here"))],
            )
        else:
            first[key] = edge
