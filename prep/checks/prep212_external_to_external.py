"""An external process is related to another external process directly.

What it does: reports a relation whose both ends are external processes, at the
relation.

Why: a PReP model describes the products of one process. What two other
processes exchange between themselves happens outside it and does not belong
in its model; drawn in, it suggests this process takes part when it does not.

How to fix: remove the relation, or model the product that passes through this
process (`販売計画部 -> 販売計画 -> 営業`).

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
  販売計画部 -> 営業
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
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP212", Severity.ERROR, name="external-to-external")
def external_to_external(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for edge in pg.edges:
        if edge.source == edge.target:  # a relation to itself is PREP210
            continue
        if pg.is_external(edge.source) and pg.is_external(edge.target):
            yield external_to_external.at(
                edge.span,
                _("`{label}` relates two external processes directly", label=edge.label),
                _("remove it: what other processes exchange is outside this model"),
            )
