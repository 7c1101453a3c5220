"""A final product without a KPI.

What it does: reports a `final` product that no `kpi … for` names, at the
product's definition. Opt-in: enable it with `--extend-select PREP603`. A final
product that a `kpi … for` misspells (PREP101 suggests it) is not reported as
well: one typo, one finding.

Why: the KPI tree of a process hangs from its goal, and its first level is the
final products, the results the process hands over (method step 3, the AsIs KPI
tree). A final product that nothing measures leaves a gap in the tree: what it
should be judged by is usually found by interviewing the CSM, and then written as
a `supplemented` KPI.

How to fix: add `kpi NAME for FINAL` (with `[supplemented]` when it comes from
an interview).

Example:
```prep
process 出荷業務 {
  goal 出荷件数
  external 物流センター
  external 配送業者
  external 顧客
  actor 出荷課 {
    product 出荷予定
    final   配送依頼
    final   出荷案内
  }
  物流センター -> 出荷予定 -> 配送依頼 -> 配送業者
  出荷予定 -> 出荷案内 -> 顧客
  kpi 案内送信率 for 出荷案内
}
```

Use instead:
```prep
process 出荷業務 {
  goal 出荷件数
  external 物流センター
  external 配送業者
  external 顧客
  actor 出荷課 {
    product 出荷予定
    final   配送依頼
    final   出荷案内
  }
  物流センター -> 出荷予定 -> 配送依頼 -> 配送業者
  出荷予定 -> 出荷案内 -> 顧客
  kpi 案内送信率 for 出荷案内
  kpi 配送リードタイム for 配送依頼 [supplemented]
}
```
"""

from typing import Iterator

from prep.checks.base import rule, unreached
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP603", Severity.INFO, name="final-without-kpi", scope="process", opt_in=True)
def final_without_kpi(pg: ProcessGraph) -> Iterator[Diagnostic]:
    # A typo after `for` is PREP101; the final product it means has its KPI.
    typos = [kpi.for_ for kpi in pg.process.kpis if kpi.for_ is not None and pg.kpi_targets.get(id(kpi)) is None]
    for key, product in unreached(pg, "final", pg.kpi_targets.values(), typos):
        yield final_without_kpi.at(
            product.name_span,
            _("final product `{key}` has no KPI", key=key),
            _("add `kpi NAME for {key}` (with `[supplemented]` if it comes from an interview)", key=key),
        )
