"""A subprocess ends at a product that is neither milestone nor final.

What it does: reports a `subprocess … until P` whose product `P` is a plain
`product` or an `intangible`, at the `subprocess` statement.

Why: in PReP a subprocess is a chunk of the process up to a control gate: the
milestone product at which the process's quality risk is checked, or the final
product that leaves the process. Ending a chunk at an ordinary intermediate
product leaves the chunk without a gate, so nobody can say when it is done.

How to fix: make the `until` product a `milestone` (it is a gate), or end the
subprocess at a milestone or final product further on.

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
  subprocess 出荷準備 until 出荷
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

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _

GATES = ("milestone", "final")


@rule("PREP301", Severity.ERROR, name="until-not-milestone", scope="process")
def until_not_milestone(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for sp in pg.process.subprocesses:
        key = pg.until_targets.get(id(sp))
        if key is None or pg.products[key].kind in GATES:
            continue  # unresolved: PREP101-105 said why
        product = pg.products[key]
        yield until_not_milestone.at(
            sp.span,
            _("subprocess `{name}` ends at `{key}`, which is neither milestone nor final", name=sp.name, key=key),
            _("make `{key}` a `milestone`, or end the subprocess at a milestone or final product", key=key),
            [Related(product.name_span, _("`{key}` is defined as `{kind}` here", key=key, kind=product.kind))],
        )
