"""An external process has no relation.

What it does: reports an `external` declaration that no relation uses, at the
declaration. A relation whose other end is undefined still counts (that is
PREP101), and so does a typo of the external's own name where PREP101 suggests
it ("did you mean"): one typo, one finding.

Why: an external process is in the model because it sends products into the
process or receives them. One that exchanges nothing tells the reader nothing,
and usually means a relation was forgotten.

How to fix: write the relation that brings its product in or takes the final
product out (`経理部 -> 見積依頼`, `出荷指示 -> 経理部`), or remove the declaration.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  external 経理部
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP207", Severity.WARNING, name="unused-external")
def unused_external(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for name, external in pg.externals.items():
        if name not in pg.mentioned:  # no relation names it, even a broken one
            yield unused_external.at(
                external.span,
                _("the external process `{name}` takes part in no relation", name=name),
                _("relate it to the product it sends or receives, or remove it"),
            )
