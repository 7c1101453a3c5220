"""A process has no final product.

What it does: reports a process none of whose products is declared `final`, at
the process header.

Why: a PReP process exists to deliver something to another process: its final
products leave it for an external process, and the KPI tree hangs from the goal
through the final products. Without one, the model says the process produces
nothing anyone receives, and no KPI tree can be derived.

How to fix: declare the product that leaves the process as `final` (`final
見積書`) and relate it to the external process that receives it (`見積書 -> 顧客`).

Example:
```prep
process 見積 {
  goal 見積回答日数
  external 顧客
  actor 営業部 {
    product   見積依頼(品目, 数量)
    milestone 見積書(品目, 数量, 金額)
  }
  顧客 -> 見積依頼 -> 見積書
}
```

Use instead:
```prep
process 見積 {
  goal 見積回答日数
  external 顧客
  actor 営業部 {
    product 見積依頼(品目, 数量)
    final   見積書(品目, 数量, 金額)
  }
  顧客 -> 見積依頼 -> 見積書 -> 顧客
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP201", Severity.ERROR, name="no-final-product")
def no_final_product(pg: ProcessGraph) -> Iterator[Diagnostic]:
    if not any(p.kind == "final" for p in pg.products.values()):
        yield no_final_product.at(
            pg.process.header_span,
            _("process `{name}` has no final product", name=pg.name),
            _(
                "declare the product that leaves the process as `final` and relate "
                "it to the external process that receives it"
            ),
        )
