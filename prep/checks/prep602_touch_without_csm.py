"""A relation with `touch=` in an AsIs process, or touching no `role=csm` actor.

What it does: reports a relation marked `touch=high|low|tech`, at the relation,
when the process is AsIs (the default stage; an unknown stage is checked as AsIs;
one finding per statement, since a chain shares its attributes), or when, in a
ToBe process, neither end of the relation is a product in the lane of an actor
with `role=csm`.

Why: a touch is where the vendor's Customer Success Manager meets the customer's
business, at a high (personal), low or tech (mail, chat, in-product) level. In
the AsIs model there is no CSM yet; in the ToBe model a touch is a relation from
or to the CSM's lane (green in the paper). A touch between two of the customer's
own products says that the CSM acts where the model shows no CSM.

How to fix: in a ToBe model, start or end the relation at a product of the
`role=csm` actor (for example the CSM's suggestion, an intangible product); in an
AsIs model, remove `touch=` and mark it in the ToBe model.

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

from typing import Iterator

from prep.checks.base import asis_note, rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP602", Severity.WARNING, name="touch-without-csm", scope="process")
def touch_without_csm(pg: ProcessGraph) -> Iterator[Diagnostic]:
    process = pg.process
    touched = [e for e in pg.edges if e.relation.has_attr("touch")]
    if process.stage != "tobe":
        seen = set()
        for e in touched:
            attr = next(a for a in e.relation.attrs if a.name == "touch")
            if attr.span in seen:  # a chain or list shares its attributes
                continue
            seen.add(attr.span)
            yield touch_without_csm.at(
                e.span,
                _("relation `{label}` has `touch=` in AsIs process `{name}`", label=e.label, name=process.name),
                _(
                    "there is no CSM in an AsIs model: remove `touch=` here and mark the touch "
                    "in the ToBe model (`[stage=tobe]`)"
                ),
                asis_note(process),
            )
        return
    csm = [a for a in process.actors if a.role == "csm"]
    lanes = {a.name for a in csm}
    for e in touched:
        if any(pg.is_product(k) and pg.products[k].actor in lanes for k in (e.source, e.target)):
            continue
        hint = (
            _("start or end the relation at a product of the `role=csm` actor, or remove `touch=`")
            if csm
            else _("add an actor with `role=csm` and relate its product to the customer's, or remove `touch=`")
        )
        yield touch_without_csm.at(
            e.span,
            _("relation `{label}` has `touch=` but touches no CSM lane", label=e.label),
            hint,
            [Related(a.name_span, _("`{name}` is the CSM lane", name=a.name)) for a in csm],
        )
