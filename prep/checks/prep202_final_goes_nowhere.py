"""A final product goes to no external process.

What it does: reports a final product that has relations, but no input relation
(`->`) to an external process, at its definition. (A final product with no
relation at all is PREP204 only.) Not reported while the final product has a
relation to a name that is not defined: that is probably a typo of the receiver,
and PREP101 reports it. A sync relation (`<->`) with an external process is a
negotiation, not a hand-over: a final product that is only synced with an
external is reported, and the hint names the sync.

Why: "final" means the product leaves this process for another one; that
hand-over is what the relation to an `external` says. A final product that goes
nowhere is either not final or its receiver is missing from the model.

How to fix: add the relation to the receiving process (`出荷指示 -> 倉庫`, with
`external 倉庫`), or declare the product `product` or `milestone` instead.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示
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


@rule("PREP202", Severity.ERROR, name="final-goes-nowhere")
def final_goes_nowhere(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for key, product in pg.products.items():
        if product.kind != "final" or pg.degree(key) == 0 or key in pg.dangling:
            continue  # unrelated: PREP204; a relation to a typo: PREP101 says
        if any(pg.is_external(t) for t in pg.outputs_of(key)):
            continue
        synced = [n for n in pg.synced_with(key) if pg.is_external(n)]
        if synced:
            there = synced[0]
            hint = _(
                "`{key} <-> {there}` is a sync (a negotiation), not a hand-over: "
                "write `{key} -> {there}` for what it receives",
                key=key,
                there=there,
            )
        else:
            hint = _(
                "relate it to the process that receives it: `{key} -> RECEIVER` "
                "with `external RECEIVER`, or make it a `product`",
                key=key,
            )
        yield final_goes_nowhere.at(product.span, _("final product `{key}` goes to no external process", key=key), hint)
