"""An intangible product on a sync relation: a point to intervene.

What it does: reports, once per product and as information, an intangible
product joined to another by a sync relation (`<->`), at its definition.

Why: an intangible product (know-how, a verbal instruction, a gut feeling such
as 肌感覚) determined together with a real product is personal, tacit work: the
decision rests on one person's feel. That is exactly where a service (data in
place of feel) or a Customer Success Manager can intervene, so the finding marks
intervention points for the ToBe model rather than mistakes. It never fails a
run at the default `--fail-on warning`.

How to fix: nothing needs fixing in an AsIs model. In the ToBe model, show what
replaces the feel: a service product (`実績データ`) feeding the decision with
`->`, or a CSM's suggestion on a `touch=` relation. Silence it for a product with
`# prep: ignore[PREP401]` once it has been discussed.

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
  実績データ -> 日々の販売目標
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Related, Severity


@rule("PREP401", Severity.INFO, name="intangible-on-sync",
      summary="an intangible product on a sync relation: a point where a service or a CSM "
              "can intervene")
def check(pg):
    for key, product in pg.products.items():
        if product.kind != "intangible":
            continue
        partners = pg.synced_with(key)
        if partners:
            listed = ", ".join(f"`{p}`" for p in dict.fromkeys(partners))
            yield check.at(product.span,
                           f"`{key}` is intangible and determined together with {listed}: "
                           "tacit, personal work, where a service or a CSM can intervene",
                           "in the ToBe model, show what replaces it (service data, a CSM "
                           "suggestion on a `touch=` relation)",
                           [Related(e.span, f"`{e.relation}`") for e in pg.edges_of(key)
                            if e.kind == "sync"])
