"""An intangible product has parameters or a state.

What it does: reports an `intangible` product declared with parameters
(`現場ノウハウ(工程, コツ)`) or a state (`勘<確信>`), at its definition.

Why: an intangible product is shared but has no substance: know-how, a verbal
instruction, a gut feeling. Parameters and states describe recorded information;
giving them to an intangible says it is written down after all, which
contradicts its kind.

How to fix: remove the parameters and state; or, if the information really is
recorded (a checklist, a manual), make it a `product`.

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 製造部 {
    intangible 現場ノウハウ(工程, コツ)
    product    作業指示(ロット)
    final      出荷(ロット)
  }
  販売計画部 -> 作業指示 -> 出荷 -> 営業
  現場ノウハウ -> 作業指示
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 製造部 {
    intangible 現場ノウハウ
    product    作業指示(ロット)
    final      出荷(ロット)
  }
  販売計画部 -> 作業指示 -> 出荷 -> 営業
  現場ノウハウ -> 作業指示
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP402", Severity.WARNING, name="intangible-with-params",
      summary="an intangible product has parameters or a state")
def check(pg):
    for key, product in pg.products.items():
        if product.kind != "intangible" or not (product.params or product.state):
            continue
        what = " and a state" if product.params and product.state else ""
        what = ("parameters" + what) if product.params else "a state"
        yield check.at(product.span, f"the intangible product `{key}` has {what}",
                       f"remove them, or make `{product.name}` a `product` if it is recorded")
