"""A subprocess ends at a product that is neither milestone nor final.

What it does: reports `subprocess S until P` where `P` is a plain or intangible
product, at the `subprocess` statement.

Why: a subprocess is a chunk of the process up to a control gate. In PReP the
gate is a milestone product (where the process's quality risk is checked) or a
final product; an ordinary intermediate product is no gate, so the chunk has no
defined end.

How to fix: end the subprocess at the milestone that closes it, or declare the
product a `milestone` if it really is a gate.

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
  subprocess 調達 until 調達計画
  販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product   生産計画(品目, 数量)
    milestone 調達計画(部品, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 調達 until 調達計画
  subprocess 出荷準備 until 出荷
  販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Related, Severity


@rule("PREP301", Severity.ERROR, name="until-not-milestone",
      summary="a subprocess ends at a product that is neither milestone nor final")
def check(pg):
    for sp in pg.process.subprocesses:
        key = pg.until_targets.get(id(sp))
        if key is None:
            continue
        product = pg.products[key]
        if product.kind not in ("milestone", "final"):
            yield check.at(sp.span, f"subprocess `{sp.name}` ends at `{key}`, which is a "
                                    f"{product.kind}, not a milestone or final product",
                           f"end it at a milestone, or declare `milestone {product.name}`",
                           [Related(product.span, f"`{key}` is defined here")])
