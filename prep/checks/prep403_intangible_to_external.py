"""An intangible product goes to an external process or is final.

What it does: reports an input relation (`->`) from an `intangible` product to
an external process, at the relation; it replaces PREP206 for that relation. A
sync relation (`<->`) with an external process is a negotiation, not a
hand-over, and is not reported.
An intangible final product cannot be written: the kind is one keyword
(`intangible` or `final`) and `final` is reserved, so `[final]` is a syntax error.

Why: what leaves a process for another process is its final product, something
with substance that the receiver can use and that the process's KPIs measure. An
intangible product (know-how, a gut feeling, a verbal instruction) has no
substance: it cannot be handed over, only shared inside the work that uses it.
Sending one to an external process hides the real product that goes there.

How to fix: relate the intangible product to a product inside the process, and
send a tangible `final` product that carries what the receiver needs (for
example `商談の勘 -> 商談メモ -> 顧客`).

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

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP403", Severity.ERROR, name="intangible-to-external", scope="process")
def intangible_to_external(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for e in pg.edges:
        if e.kind != "input":
            continue  # a sync with an external hands nothing over
        here, there = e.source, e.target
        product = pg.products.get(here)
        if product is not None and product.kind == "intangible" and pg.is_external(there):
            said = _("intangible `{here}` goes to external process `{there}`", here=here, there=there)
            hint = _(
                "an intangible product cannot be handed over: relate `{here}` to a "
                "product inside the process, and send a `final` product to `{there}`",
                here=here,
                there=there,
            )
            defined = Related(product.name_span, _("`{here}` is defined as intangible here", here=here))
            yield intangible_to_external.at(e.span, said, hint, [defined])
