"""A KPI marked `service` in an AsIs process.

What it does: reports a `kpi … [service]` in a process whose stage is `asis`
(the default), at the `kpi` statement.

Why: a service KPI is one the vendor's service newly provides: it belongs to
the ToBe model, after the service is introduced (red in the paper's ToBe KPI
tree). In an AsIs model, which describes the business as it is today, it claims
a measurement nobody can take yet.

How to fix: move the KPI to the ToBe model (`process … [stage=tobe]`), or, if
the process already is the ToBe model, mark it `[stage=tobe]`.

Example:
```prep
process 店舗運営 {
  goal 売上前年比
  external 本部
  external 顧客
  actor 店長 {
    product 日々の販売目標(日付, 金額)
    final   接客(内容)
  }
  本部 -> 日々の販売目標 -> 接客 -> 顧客
  kpi 購買率 for 接客 [service]
}
```

Use instead:
```prep
process 店舗運営 [stage=tobe] {
  goal 売上前年比
  external 本部
  external 顧客
  actor 店長 {
    product 日々の販売目標(日付, 金額)
    final   接客(内容)
  }
  本部 -> 日々の販売目標 -> 接客 -> 顧客
  kpi 購買率 for 接客 [service]
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP601", Severity.WARNING, name="service-kpi-in-asis",
      summary="a KPI marked `service` in a process with `stage=asis`")
def check(pg):
    if pg.process.stage != "asis":
        return
    for kpi in pg.process.kpis:
        if kpi.has_attr("service"):
            yield check.at(kpi.span, f"`{kpi.name}` is a service KPI in the AsIs process "
                                     f"`{pg.name}`",
                           "service KPIs belong to the ToBe model: `process … [stage=tobe]`")
