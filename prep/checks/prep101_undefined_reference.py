"""A reference to an undefined product or external process.

What it does: reports a name in a relation, `kpi … for`, `issue … on` or
`subprocess … until` that no product or `external` of the process defines. The
hint suggests the closest defined name, which catches most typos: any product or
external in a relation, a product only after `kpi … for`, `issue … on`, `until`.
The rules that would report what the typo leaves missing (PREP202, 204, 205, 207,
303, 603) spare the name suggested, so a typo gets one finding.

Why: every relation joins two things the model defines. An undefined name is
almost always a typo (`生産計面` for `生産計画`) or a product someone forgot to
put into an actor's lane; either way the relation means nothing.

How to fix: correct the name, define the product in the lane of the actor who
makes it, or declare `external NAME` when the name is another process.

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
  販売計画部 -> 生産計面 -> 出荷 -> 営業
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
from prep.codes import UNDEFINED_REFERENCE

RULE = reported_elsewhere(UNDEFINED_REFERENCE, name="undefined-reference", scope="graph", module=__name__)
