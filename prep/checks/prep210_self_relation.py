"""A relation from a node to itself.

What it does: reports `A -> A` or `A <-> A`, at the relation.

Why: a relation says that one product's parameter values go into another, or
that two products are determined together. A product is trivially determined
with itself; the relation carries no information and usually is a typo for
another product.

How to fix: correct the name on one side, or remove the relation.

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 需要予測(品目, 数量)
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業
  生産計画 <-> 生産計画
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 需要予測(品目, 数量)
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業
  需要予測 <-> 生産計画
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP210", Severity.ERROR, name="self-relation")
def self_relation(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for edge in pg.edges:
        if edge.source == edge.target:
            yield self_relation.at(
                edge.span,
                _("`{label}` relates `{source}` to itself", label=edge.label, source=edge.source),
                _("correct the name on one side, or remove the relation"),
            )
