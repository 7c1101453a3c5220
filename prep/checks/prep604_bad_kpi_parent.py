"""A KPI `under` a name that is not a KPI, or KPIs `under` each other in a cycle.

What it does: reports `kpi K under X` where `X` is not a KPI of the same process
(a product, an external process, an actor, the goal, or a name defined nowhere;
the message says which), at the `kpi` statement. KPIs hung under each other in a
cycle (`A under B`, `B under A`) are one finding per cycle, at the first `kpi` of
the cycle in source order, naming every member.

Why: `under` builds the KPI tree: a KPI breaks down the KPI it is under, and the
tree hangs from the goal (KGI). A product is measured with `for`, not `under`; a
parent that is no KPI leaves the KPI nowhere in the tree, and a cycle has no way
up to the goal at all.

How to fix: to measure a product write `kpi K for PRODUCT`; to break down a KPI
name a `kpi` of this process after `under`; to break a cycle, drop the `under`
of one KPI of it (it then hangs under the goal) or hang it under another KPI.

Example:
```prep
process 出荷業務 {
  goal 出荷件数
  external 物流センター
  external 配送業者
  actor 出荷課 {
    product 出荷予定
    final   配送依頼
  }
  物流センター -> 出荷予定 -> 配送依頼 -> 配送業者
  kpi 配送リードタイム for 配送依頼
  kpi 梱包時間 under 出荷予定
}
```

Use instead:
```prep
process 出荷業務 {
  goal 出荷件数
  external 物流センター
  external 配送業者
  actor 出荷課 {
    product 出荷予定
    final   配送依頼
  }
  物流センター -> 出荷予定 -> 配送依頼 -> 配送業者
  kpi 配送リードタイム for 配送依頼
  kpi 梱包時間 for 出荷予定 under 配送リードタイム
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity, closest
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP604", Severity.ERROR, name="bad-kpi-parent", scope="process")
def bad_kpi_parent(pg: ProcessGraph) -> Iterator[Diagnostic]:
    kpis = list(pg.process.kpis)
    names = {k.name for k in kpis}
    for kpi in kpis:
        if kpi.under is None or kpi.under.text in names:
            continue
        parent = kpi.under.text
        what = pg.what_is(parent)
        if what == "a product":
            yield bad_kpi_parent.at(
                kpi.span,
                _("KPI `{kpi}` is under `{parent}`, a product, not a KPI", kpi=kpi.name, parent=parent),
                _(
                    "to measure a product write `kpi {kpi} for {parent}`; `under` names another KPI",
                    kpi=kpi.name,
                    parent=parent,
                ),
            )
            continue
        close = closest(parent, names)
        hint = (
            _("did you mean `{close}`?", close=close)
            if close
            else _("name a `kpi` of this process after `under`, or drop `under` to hang it under the goal")
        )
        said = (
            _("{what}, not a KPI", what=_(what))
            if what
            else _("which is not defined in process `{name}`", name=pg.name)
        )
        yield bad_kpi_parent.at(
            kpi.span, _("KPI `{kpi}` is under `{parent}`, {said}", kpi=kpi.name, parent=parent, said=said), hint
        )
    for start, order in pg.kpi_cycles:
        walk = " -> ".join(f"`{n}`" for n in (*order, order[0]))
        members = [k for k in kpis if k.name in order and k is not start]
        yield bad_kpi_parent.at(
            start.span,
            _("KPIs are under each other in a cycle: {walk}", walk=walk),
            _("drop the `under` of one KPI of the cycle (it then hangs under the goal), or hang it under another KPI"),
            [Related(k.span, _("`{name}` is in the cycle", name=k.name)) for k in members],
        )
