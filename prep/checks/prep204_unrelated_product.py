"""A product has no relation at all.

What it does: reports a product that takes part in no relation (neither `->`
nor `<->`), at its definition. A relation whose other end is undefined still
counts (that is PREP101), and so does a typo of the product's own name where
PREP101 suggests it ("did you mean"): one typo, one finding. A final product with
no relation gets this finding only, not PREP202.

Why: a PReP model is the products *and how they feed each other*. A product
that nothing feeds and that feeds nothing is information that plays no part in
reaching the goal: a leftover from a workshop, or a relation not yet written.

How to fix: write the relations that make and use it (`見積依頼 -> 議事録`,
`議事録 -> 出荷指示`), or remove the product.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    product 議事録
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
    product 議事録
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 議事録 -> 出荷指示 -> 倉庫
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP204", Severity.WARNING, name="unrelated-product")
def unrelated_product(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for key, product in pg.products.items():
        if key not in pg.mentioned:  # no relation names it, even a broken one
            yield unrelated_product.at(
                product.span,
                _("`{key}` takes part in no relation", key=key),
                _("relate it to the products it is made from and feeds, or remove it"),
            )
