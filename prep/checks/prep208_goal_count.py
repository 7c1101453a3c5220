"""A process has no goal, or more than one.

What it does: reports a process without a `goal` (at the process header) and a
process with several (once, at the second goal; the hint says that KPI trees use
the first).

Why: PReP judges a process against one management goal: it is the root of the
KPI tree (the KGI), and the final products are the means of reaching it.
Without a goal the KPI tree has no root; with two, the process mixes two
purposes and should usually be split.

How to fix: state the one goal, taken from the management objectives, as
`goal "品質基準をみたす納期遵守率100%"`; split a process that really serves two.

Example:
```prep
process 受注 {
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP208", Severity.WARNING, name="goal-count")
def goal_count(pg: ProcessGraph) -> Iterator[Diagnostic]:
    goals = pg.process.goals
    if not goals:
        yield goal_count.at(
            pg.process.header_span,
            _("process `{name}` has no goal", name=pg.name),
            _('add the goal it serves, from the management objectives: `goal "…"`'),
        )
    elif len(goals) > 1:
        yield goal_count.at(
            goals[1].span,
            _("process `{name}` has {count} goals", name=pg.name, count=len(goals)),
            _(
                "KPI trees use the first goal, `{goal}`; keep one goal per "
                "process, and split a process that serves two purposes",
                goal=goals[0].text,
            ),
            [Related(g.span, _("goal `{goal}`", goal=g.text)) for g in goals if g is not goals[1]],
        )
