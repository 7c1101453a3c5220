"""A CSM touch where there is no CSM.

What it does: reports a relation with `touch=` in a process with `stage=asis`,
and, in a ToBe process, a `touch=` relation neither end of which is in the lane
of a `role=csm` actor; at the relation.

Why: `touch=high|low|tech` marks where the vendor's Customer Success Manager
touches the customer's process (green in the paper's ToBe model). The CSM only
appears in the ToBe model, and a touch is a relation between the CSM's lane and
the customer's; a touch between two of the customer's own products says the CSM
acts where the model shows no CSM.

How to fix: move the touch to the relation that joins the CSM's product (such
as `CSMの示唆`) with the customer's; put the CSM's products in an actor with
`[role=csm]`; in an AsIs model, remove `touch=`.

Example:
```prep
process 店舗販売 [stage=tobe] {
  goal 売上前年比
  external POSシステム
  external 顧客
  actor 店長 {
    product 前日の販売実績(日付, 売上)
    product 接客指示(内容)
  }
  actor 店舗スタッフ {
    final 接客(内容)
  }
  actor CSM [role=csm] {
    intangible CSMの示唆
  }
  POSシステム -> 前日の販売実績 -> CSMの示唆 -> 接客指示 -> 接客 -> 顧客
  前日の販売実績 -> 接客指示 [touch=low]
}
```

Use instead:
```prep
process 店舗販売 [stage=tobe] {
  goal 売上前年比
  external POSシステム
  external 顧客
  actor 店長 {
    product 前日の販売実績(日付, 売上)
    product 接客指示(内容)
  }
  actor 店舗スタッフ {
    final 接客(内容)
  }
  actor CSM [role=csm] {
    intangible CSMの示唆
  }
  POSシステム -> 前日の販売実績 -> CSMの示唆
  CSMの示唆 -> 接客指示 [touch=low]
  接客指示 -> 接客 -> 顧客
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP602", Severity.WARNING, name="touch-without-csm",
      summary="a relation with `touch=` in an AsIs process, or touching no `role=csm` actor")
def check(pg):
    csm_lanes = {a.name for a in pg.process.actors if a.role == "csm"}
    for edge in pg.edges:
        if not edge.relation.has_attr("touch"):
            continue
        if pg.process.stage == "asis":
            yield check.at(edge.span, f"`{edge.relation}` has `touch=` in the AsIs process "
                                      f"`{pg.name}`",
                           "CSM touches belong to the ToBe model: remove `touch=`, or mark the "
                           "process `[stage=tobe]`")
            continue
        ends = [pg.products[k].actor for k in (edge.source, edge.target) if k in pg.products]
        if not any(actor in csm_lanes for actor in ends):
            yield check.at(edge.span, f"`{edge.relation}` has `touch=` but touches no CSM",
                           "put the touch on a relation to or from a product of an actor with "
                           "`[role=csm]`")
