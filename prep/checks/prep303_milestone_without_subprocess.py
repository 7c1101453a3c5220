"""A milestone product ends no subprocess, while the process has subprocesses.

What it does: in a process that declares subprocesses, reports each milestone
product that is not the `until` product of any of them, at its definition.

Why: a milestone is a control gate, and a subprocess is the chunk of work up to
a gate. Once a process is cut into subprocesses, a gate with no chunk ending at
it is a chunk that was forgotten (or a product that is not really a gate).

How to fix: add `subprocess NAME until MILESTONE`, or declare the product a
plain `product`.

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    milestone 生産計画(品目, 数量)
    milestone 調達計画(部品, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 計画 until 生産計画 { 生産計画 }
  subprocess 出荷準備 until 出荷 { 出荷 }
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
    milestone 生産計画(品目, 数量)
    milestone 調達計画(部品, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 計画 until 生産計画 { 生産計画 }
  subprocess 調達 until 調達計画 { 調達計画 }
  subprocess 出荷準備 until 出荷 { 出荷 }
  販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP303", Severity.WARNING, name="milestone-without-subprocess",
      summary="a milestone product ends no subprocess, while the process has subprocesses")
def check(pg):
    if not pg.process.subprocesses:
        return
    ends = set(pg.until_targets.values())
    for key, product in pg.products.items():
        if product.kind == "milestone" and key not in ends:
            yield check.at(product.span, f"milestone `{key}` ends no subprocess",
                           f"add `subprocess NAME until {key}`, or make it a plain `product`")
