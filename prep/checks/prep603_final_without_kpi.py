"""A final product without a KPI (opt-in).

What it does: reports, as information, a final product that no `kpi … for`
measures, at its definition. Opt-in: enable it with `--extend-select PREP603`.

Why: the KPI tree hangs from the goal through the final products; each final
product is one of the means of reaching the goal, and a means nobody measures
cannot be managed. In the method, KPIs missing from the model are supplemented by
interviewing the CSM; this rule lists where they are still missing.

How to fix: add `kpi NAME for PRODUCT` (with `[supplemented]` when it came from
an interview rather than from the model).

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
  kpi 配送依頼リードタイム for 配送依頼 [supplemented]
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity


@rule("PREP603", Severity.INFO, name="final-without-kpi",
      summary="a final product without a KPI", opt_in=True)
def check(pg):
    measured = {pg.kpi_target(k) for k in pg.process.kpis}
    for key, product in pg.products.items():
        if product.kind == "final" and key not in measured:
            yield check.at(product.span, f"no KPI measures the final product `{key}`",
                           f"add `kpi NAME for {key}`")
