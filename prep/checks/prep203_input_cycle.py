"""Input relations form a cycle.

What it does: finds input relations (`->`) among products that lead back to
where they started. Each strongly connected group of products is one finding, at
the group's first relation in source order, naming every member. External
processes break cycles, and a relation from a product to itself is PREP210.

Why: an input relation passes parameter values one way, from a product that is
finished to one that is made from it. If values go round, the products are
determined together, which PReP writes as a sync relation (`<->`).

How to fix: replace one relation of the cycle with `<->` where the products are
really decided together, or split a product into two states (`計画<案>`,
`計画<確定>`).

Example:
```prep
process 店舗計画 {
  goal 売上前年比
  external 本部
  external 店舗
  actor 店長 {
    product 販売計画(月, 売上)
    product 週次計画(週, 売上)
    final   週次指示(週, 内容)
  }
  本部 -> 販売計画 -> 週次計画 -> 週次指示 -> 店舗
  週次計画 -> 販売計画
}
```

Use instead:
```prep
process 店舗計画 {
  goal 売上前年比
  external 本部
  external 店舗
  actor 店長 {
    product 販売計画(月, 売上)
    product 週次計画(週, 売上)
    final   週次指示(週, 内容)
  }
  本部 -> 販売計画 -> 週次計画 -> 週次指示 -> 店舗
  週次計画 <-> 販売計画
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP203", Severity.ERROR, name="input-cycle")
def input_cycle(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for cycle in pg.input_cycles:  # strongly connected components, computed once
        names = " -> ".join(f"`{m}`" for m in (*cycle.members, cycle.members[0]))
        yield input_cycle.at(
            cycle.first_edge.span,
            _("input relations form a cycle: {names}", names=names),
            _(
                "products determined together are related by `<->`; replace one `->` of the "
                "cycle, or split a product into two states"
            ),
            [Related(pg.products[m].name_span, _("`{name}` is in the cycle", name=m)) for m in cycle.members],
        )
