"""A product contributes to no final product.

What it does: reports a product that has relations but from which no path of
input or sync relations, over products only, leads to a final product; at its
definition. Not reported in a process without final products (that is PREP201),
nor for a product whose path runs into a relation to a name that is not defined:
that typo (PREP101) may be the way to the final product.

Why: every product of a process should serve its goal, and the goal is reached
through the final products. A product that leads nowhere (a progress report
nobody uses, say) is work outside the process's purpose, or a relation is
missing.

How to fix: relate it to the product that uses it, on the way to a final
product; or remove it if it really serves nothing.

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    product 進捗報告(品目)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
  生産計画 -> 進捗報告
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
    product 進捗報告(品目)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
  生産計画 -> 進捗報告 -> 出荷
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP205", Severity.WARNING, name="dead-end-product")
def dead_end_product(pg: ProcessGraph) -> Iterator[Diagnostic]:
    if not any(p.kind == "final" for p in pg.products.values()):
        return
    contributing = pg.contributing  # one reachability pass per process
    # A path that runs into a relation with a typo (PREP101) may well reach a final.
    unknown = pg.upstream(pg.dangling) if pg.dangling else set()
    for key, product in pg.products.items():
        if key not in contributing and key not in unknown and pg.degree(key) > 0:
            yield dead_end_product.at(
                product.span,
                _("`{key}` contributes to no final product", key=key),
                _("relate it to a product on the way to a final product, or remove it"),
            )
