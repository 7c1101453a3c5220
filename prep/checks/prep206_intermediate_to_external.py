"""A product that is not final goes to an external process.

What it does: reports an input relation from a product that is not `final` to an
external process, at the relation. (For an intangible product this is PREP403
instead.)

Why: what leaves the process for another one is, by definition, a final
product; the KPI tree is derived from the final products. A plain product going
out means the model hides one of the process's real outputs.

How to fix: declare the product `final`, or, if it only informs the other
process along the way, check whether that exchange belongs in this model.

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
  生産計画 -> 営業
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    final 生産計画(品目, 数量)
    final 出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
  生産計画 -> 営業
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP206", Severity.WARNING, name="intermediate-to-external")
def intermediate_to_external(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for edge in pg.edges:
        if edge.kind != "input" or not pg.is_external(edge.target):
            continue
        product = pg.products.get(edge.source)
        if product is None or product.kind in ("final", "intangible"):
            continue
        yield intermediate_to_external.at(
            edge.span,
            _(
                "`{source}` goes to the external process `{target}` but is not a final product",
                source=edge.source,
                target=edge.target,
            ),
            _("declare `{source}` as `final`", source=edge.source),
        )
