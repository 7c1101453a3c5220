"""A KPI marked `service` in a process with `stage=asis`.

What it does: reports a `kpi … [service]` in a process that is not
`[stage=tobe]` (AsIs is the default stage, and an unknown stage, reported by
PREP106, is checked as AsIs), at the `kpi` statement.

Why: the AsIs model describes the customer's business as it is today, before the
vendor's service. A KPI that the service provides (measured by the service, red
in the paper's ToBe KPI tree) does not exist yet in that business; it belongs to
the ToBe model, where the service and the CSM appear as actors. Marking it in the
AsIs model blurs the comparison that shows what the service adds.

How to fix: move the KPI to the ToBe model (a process with `[stage=tobe]`), or
drop `service` if the customer already measures it today (mark it
`supplemented` if it came from interviews).

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
process 店舗運営 {
  goal 売上前年比
  external 本部
  external 顧客
  actor 店長 {
    product 日々の販売目標(日付, 金額)
    final   接客(内容)
  }
  本部 -> 日々の販売目標 -> 接客 -> 顧客
  kpi 購買率 for 接客 [supplemented]
}
```
"""

from typing import Iterator

from prep.checks.base import asis_note, rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP601", Severity.WARNING, name="service-kpi-in-asis", scope="process")
def service_kpi_in_asis(pg: ProcessGraph) -> Iterator[Diagnostic]:
    process = pg.process
    if process.stage == "tobe":
        return
    for kpi in process.kpis:
        if kpi.has_attr("service"):
            said = _("KPI `{kpi}` is marked `service` in AsIs process `{name}`", kpi=kpi.name, name=process.name)
            hint = _(
                "a KPI that the service provides belongs to the ToBe model: move it to a "
                "process with `[stage=tobe]`, or drop `service`"
            )
            yield service_kpi_in_asis.at(kpi.span, said, hint, asis_note(process))
