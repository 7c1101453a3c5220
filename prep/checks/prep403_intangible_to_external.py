"""An intangible product goes to an external process.

What it does: reports a relation between an intangible product and an external
process, at the relation (this replaces PREP206 for that relation).

Why: what leaves the process for another one is a final product, something
with substance that the receiver can use. Know-how or a gut feeling cannot be
handed over as it is; if it must reach another process, it has to become
something recorded first. (The syntax makes a product either `intangible` or
`final`, so an intangible final product cannot be written.)

How to fix: make the recorded result of the know-how a `final` product and send
that (`商談の勘 -> 商談メモ -> 顧客`), or remove the relation.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    intangible 商談の勘
    product    見積
    final      受注確認
  }
  顧客 -> 見積 -> 受注確認 -> 倉庫
  商談の勘 -> 見積
  商談の勘 -> 顧客
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    intangible 商談の勘
    product    見積
    final      受注確認
  }
  顧客 -> 見積 -> 受注確認 -> 倉庫
  商談の勘 -> 見積
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP403", Severity.ERROR, name="intangible-to-external",
      summary="an intangible product goes to an external process or is final")
def check(pg):
    for edge in pg.edges:
        for here, there in ((edge.source, edge.target), (edge.target, edge.source)):
            if edge.kind == "input" and here != edge.source:
                continue
            product = pg.products.get(here)
            if product is not None and product.kind == "intangible" and pg.is_external(there):
                yield check.at(edge.span, f"the intangible product `{here}` goes to the external "
                                          f"process `{there}`",
                               "send a recorded, final product instead, or remove the relation")
