"""An intangible product on a sync relation: a point where a service or a CSM can intervene.

What it does: reports each `intangible` product joined to anything by a sync
relation (`<->`), once per product however many sync relations it has, at the
product's definition. It is an info finding: the model is not wrong.

Why: an intangible product (know-how, a gut feeling, a verbal instruction) on a
sync relation means that something is decided together with tacit, personal
judgement: 肌感覚 settling 日々の販売目標. That is work which depends on one
person's skill and cannot be measured, and exactly the place where a service
(measured data) or a CSM (suggestions) can intervene in the ToBe model.

How to fix: nothing needs fixing. Note the point with `issue "…" on PRODUCT`
(once it is noted, the hint says so), and plan the ToBe model: a `role=service` actor supplying data, or a `role=csm`
actor whose suggestion feeds the decision. Silence it on the line with
`# prep: ignore[PREP401]` once it is dealt with.

Example:
```prep
process 店舗運営 {
  goal 売上前年比
  external 本部
  external 店舗
  actor 店長 {
    intangible 肌感覚
    product    日々の販売目標(日付, 金額)
    final      接客指示(内容)
  }
  本部 -> 日々の販売目標 -> 接客指示 -> 店舗
  肌感覚 <-> 日々の販売目標
}
```

Use instead:
```prep
process 店舗運営 [stage=tobe] {
  goal 売上前年比
  external 本部
  external 店舗
  actor 店長 {
    product 日々の販売目標(日付, 金額)
    final   接客指示(内容)
  }
  actor 分析サービス [role=service] {
    product 実績データ(来店数, 購買率)
  }
  本部 -> 日々の販売目標 -> 接客指示 -> 店舗
  実績データ <-> 日々の販売目標
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP401", Severity.INFO, name="intangible-on-sync", scope="process")
def intangible_on_sync(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for key, product in pg.products.items():
        if product.kind != "intangible" or not pg.synced_with(key):
            continue
        partners = _(", ").join(f"`{k}`" for k in dict.fromkeys(pg.synced_with(key)))
        noted = [i for i in pg.process.issues if pg.issue_targets.get(id(i)) == key]
        if pg.process.stage == "tobe":
            hint = _(
                "a point where a service or a CSM can intervene; in this ToBe model, show "
                "how: relate it to a product of a `role=service` actor, or mark its "
                "relations with `touch=`"
            )
        elif noted:
            hint = _(
                "a point where a service or a CSM can intervene; noted by the issue on "
                "line {line}: plan the ToBe model around it",
                line=noted[0].span.line,
            )
        else:
            hint = _(
                "a point where a service or a CSM can intervene; note it with "
                '`issue "…" on {key}` and plan the ToBe model',
                key=key,
            )
        yield intangible_on_sync.at(
            product.name_span,
            _("intangible `{key}` is synced with {partners}: tacit, personal work", key=key, partners=partners),
            hint,
            [
                Related(e.span, _("sync relation `{label}`", label=e.label))
                for e in pg.edges_of(key)
                if e.kind == "sync" and e.source != e.target
            ],
        )
