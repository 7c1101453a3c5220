"""A product named like a task.

What it does: reports a product whose name reads as an action rather than a
thing: a Japanese name ending in `する`, `すること`, `を行う` or `を行うこと`
(`見積を作成する`), or an English name whose first word, followed by a space, is a
clear verb (`Create plan`, `Check stock`, `Send invoice`; any letter case). Words
that are nouns as well (Plan, Order, Process, Issue, Report, Forecast, Request,
Schedule) are not on the list. Opt-in: enable it with `--extend-select PREP501`.

Why: PReP describes a business by its products, units of meaningful information,
and never by its tasks. A product named as an action drags the model back into a
task flow: it mixes levels of abstraction and hides what is actually produced,
which is what the goal and the KPIs are measured against.

How to fix: name the result of the work: `見積` instead of `見積を作成する`,
`Invoice` instead of `Send invoice`. A state can say how far it has come
(`見積<作成済>`).

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積を作成する
    product "Send invoice"
    final   受注確認
  }
  顧客 -> 見積を作成する -> "Send invoice" -> 受注確認 -> 倉庫
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積
    product Invoice
    final   受注確認
  }
  顧客 -> 見積 -> Invoice -> 受注確認 -> 倉庫
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Severity

ENDINGS = ("を行うこと", "すること", "を行う", "する")       # longest first
# Clear verbs only: words that are nouns as well (plan, order, process...) stay out.
VERBS = frozenset("""
analyse analyze approve assign calculate check collect compile confirm create decide define
deliver determine do evaluate execute fill gather generate make manage notify perform prepare
receive register review send submit update validate verify write
""".split())


def task_like(name: str) -> tuple[str, str] | None:
    """(what makes `name` task-like, a suggested product name), or None."""
    for ending in ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            stem = name[: -len(ending)]
            noun = stem.rsplit("を", 1)[0]          # 見積を作成 -> 見積
            return f"it ends in `{ending}`", noun or stem
    first, space, rest = name.partition(" ")
    if space and rest.strip() and first.lower() in VERBS:
        rest = rest.strip()
        return f"it starts with the verb `{first}`", rest[:1].upper() + rest[1:]
    return None


@rule("PREP501", Severity.WARNING, name="task-like-name",
      summary="a product named like a task", scope="process", opt_in=True)
def check(pg):
    for product in pg.products.values():
        found = task_like(product.name)
        if found is None:
            continue
        why, noun = found
        yield check.at(
            product.name_span,
            f"product `{product.name}` is named like a task: {why}",
            f"name the result of the work, not the work, for example `{noun}`")
