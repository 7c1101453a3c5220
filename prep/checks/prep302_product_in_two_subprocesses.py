"""A product belongs to two subprocesses.

What it does: reports a product that is a member of more than one subprocess,
at the second subprocess that claims it. Membership: with braces, the listed
products plus the `until` product; without braces, the `until` product and the
products from which it is reached along input relations without passing
another subprocess's `until` product.

Why: subprocesses cut the process into chunks, each ending at its own gate. A
product in two chunks blurs where one ends and the next begins, and which gate
controls its quality.

How to fix: list each subprocess's products explicitly with braces, or change
the relations so that the product feeds only one chunk (often it should feed the
other chunk through that chunk's milestone).

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product   需要予測(品目, 数量)
    milestone 生産計画(品目, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 計画 until 生産計画
  subprocess 出荷準備 until 出荷
  販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業
  需要予測 -> 出荷
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product   需要予測(品目, 数量)
    milestone 生産計画(品目, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 計画 until 生産計画
  subprocess 出荷準備 until 出荷
  販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Related, Severity


@rule("PREP302", Severity.ERROR, name="product-in-two-subprocesses",
      summary="a product belongs to two subprocesses")
def check(pg):
    owner = {}
    members = pg.subprocess_members
    for sp in pg.process.subprocesses:
        for key in sorted(members.get(id(sp), ()), key=lambda k: pg.products[k].span):
            first = owner.setdefault(key, sp)
            if first is not sp:
                yield check.at(sp.span, f"`{key}` belongs to subprocesses `{first.name}` and "
                                        f"`{sp.name}`",
                               "list each subprocess's products with braces, or change the "
                               "relations so that it feeds one subprocess only",
                               [Related(first.span, f"subprocess `{first.name}`"),
                                Related(pg.products[key].span, f"`{key}` is defined here")])
