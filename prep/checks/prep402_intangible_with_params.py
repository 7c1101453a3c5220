"""An intangible product has parameters or a state.

What it does: reports an `intangible` product written with parameters
(`ノウハウ(工程, コツ)`) or a state (`ノウハウ<共有済>`), at its definition.

Why: an intangible product is know-how, a gut feeling or a verbal instruction:
shared, but without substance. Parameters are the values a product carries and
passes on along input relations, and a state is a stage of a thing that exists;
an intangible product has neither. Giving it parameters hides that the
information is really tangible (and then it is a `product`), or pretends that
tacit judgement can be passed on value by value.

How to fix: remove the parameters and the state, or, if the information is
really written down and carries values, make it a `product`.

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

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP402", Severity.WARNING, name="intangible-with-params", scope="process")
def intangible_with_params(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for key, product in pg.products.items():
        if product.kind != "intangible" or not (product.params or product.state):
            continue
        parts = []
        if product.params:
            parts.append(_("parameters `({params})`", params=", ".join(product.params)))
        if product.state:
            parts.append(_("a state `<{state}>`", state=product.state))
        yield intangible_with_params.at(
            product.span,
            _(
                "intangible `{key}` has {parts}",
                key=key,
                parts=parts[0] if len(parts) == 1 else _("{some} and {last}", some=parts[0], last=parts[1]),
            ),
            _(
                "an intangible product has no substance: write `intangible {name}`, "
                "or make it a `product` if it carries values",
                name=product.name,
            ),
        )
