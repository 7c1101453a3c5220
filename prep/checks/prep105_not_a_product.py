"""A reference names something that is not a product.

What it does: reports a relation, `kpi … for`, `issue … on` or `subprocess …
until` that names an actor, a process, a subprocess, a KPI or the goal.
Relations may also name external processes; the other three statements may not.

Why: relations join products (and, at the edge of the process, external
processes). An actor is who makes products, not a product; a KPI measures a
product, it is not one.

How to fix: name the product you mean. To relate to another process, declare it
with `external NAME` first.

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
  生産管理 -> 出荷
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
}
```
"""

from prep.checks.base import reported_elsewhere
from prep.codes import NOT_A_PRODUCT

RULE = reported_elsewhere(NOT_A_PRODUCT, name="not-a-product", scope="graph", module=__name__)
