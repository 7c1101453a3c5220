"""A product named like a task (opt-in).

What it does: reports a product whose name reads as an action rather than a
thing: a Japanese name ending in する, すること or を行う (`見積を作成する`), or an
English name starting with a verb such as Create, Check, Send, Update or Review
followed by a space (`Send invoice`). Opt-in: enable it with `--extend-select
PREP501` or `extend-select = ["PREP501"]` in the configuration.

Why: PReP describes a business by its products, the information it creates, not
by its tasks; that is what keeps models small and focused on what matters. A
task-like name is usually a sign that the modeller slipped back into flowchart
thinking: name what the task produces instead.

How to fix: name the product the task creates: `見積を作成する` → `見積書`,
`Send invoice` → `Invoice`, `在庫を確認する` → `在庫確認結果`.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積を作成する
    final   受注確認
  }
  顧客 -> 見積を作成する -> 受注確認 -> 倉庫
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積書
    final   受注確認
  }
  顧客 -> 見積書 -> 受注確認 -> 倉庫
}
```
"""

import re

from prep.checks.base import rule
from prep.diagnostics import Severity

JAPANESE_ENDINGS = ("すること", "を行う", "する")
# Clear verbs only: words such as Plan, Order or Report are nouns as well.
ENGLISH_VERBS = (
    "analyse", "analyze", "approve", "calculate", "check", "collect", "confirm", "create",
    "decide", "define", "deliver", "determine", "do", "evaluate", "fill", "gather", "make",
    "prepare", "register", "review", "send", "submit", "update", "validate", "verify", "write",
)
ENGLISH = re.compile(r"^(" + "|".join(ENGLISH_VERBS) + r")\s", re.IGNORECASE)


def task_like(name: str) -> str | None:
    """Why `name` reads as a task, or None."""
    for ending in JAPANESE_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return f"it ends in `{ending}`"
    match = ENGLISH.match(name)
    if match:
        return f"it starts with the verb `{match.group(1)}`"
    return None


@rule("PREP501", Severity.WARNING, name="task-like-name",
      summary="a product named like a task", opt_in=True)
def check(pg):
    for key, product in pg.products.items():
        why = task_like(product.name)
        if why:
            yield check.at(product.span, f"`{product.name}` is named like a task: {why}",
                           "name the product the task creates (`見積を作成する` → `見積書`)")
