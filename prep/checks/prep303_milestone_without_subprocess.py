"""A milestone product ends no subprocess, while the process has subprocesses.

What it does: in a process that has at least one `subprocess`, reports each
`milestone` product that no `subprocess … until` names, once, at the product's
definition. A process without subprocesses is not checked. A milestone that an
`until` misspells (PREP101 suggests it) is not reported as well: one typo, one
finding.

Why: a milestone is a control gate for the process's quality risk, and once a
process is cut into subprocesses, each gate closes one of them. A milestone that
closes none is either a gate that was forgotten when the subprocesses were drawn,
or an ordinary product marked as a milestone by mistake.

How to fix: add `subprocess NAME until MILESTONE`, or make the product a plain
`product` if it is not a gate.

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

from typing import Iterator

from prep.checks.base import rule, unreached
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP303", Severity.WARNING, name="milestone-without-subprocess", scope="process")
def milestone_without_subprocess(pg: ProcessGraph) -> Iterator[Diagnostic]:
    if not pg.process.subprocesses:
        return
    # A typo after `until` is PREP101; the milestone it means does end a subprocess.
    typos = [sp.until for sp in pg.process.subprocesses if pg.until_targets.get(id(sp)) is None]
    for key, product in unreached(pg, "milestone", pg.until_targets.values(), typos):
        yield milestone_without_subprocess.at(
            product.name_span,
            _("milestone `{key}` ends no subprocess", key=key),
            _("add `subprocess NAME until {key}`, or make it a `product` if it is not a gate", key=key),
        )
