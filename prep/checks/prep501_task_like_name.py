"""A product named like a task.

What it does: reports a product whose name reads as an action rather than a
thing: a Japanese name ending in a verb (`する`, `すること`, `を行う`, `を行うこと`,
or an object marker `を` and a verbal noun: `を作成`, `を確認`, `を送付` and the
like; `見積を作成する`, `在庫を確認`), or an English name whose first word (split
at spaces, `_` and camelCase) is a clear imperative verb, followed by more words
(`Create plan`, `send_invoice`, `calculatePrice`; any letter case). Words that are
nouns as well (Check, Review, Update, Register, Plan, Order, Process, Issue,
Report, Forecast, Request, Schedule) are not on the list. Opt-in: enable it with `--extend-select PREP501`.

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

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph

import re
from prep.i18n import _

# A verb where a product noun belongs; longest first.
ENDINGS = ("を行うこと", "すること", "を行う", "する") + tuple(
    "を" + noun for noun in "作成 確認 実施 送付 送信 登録 提出 承認 入力 依頼 決定 検討 作る 送る 出す 決める".split()
)
# Clear imperative verbs only: words that are common nouns as well (check, review,
# update, register, plan, order, process...) stay out (docs/rules.md).
VERBS = frozenset(
    """
analyse analyze approve assign calculate collect compile confirm create decide define
deliver determine do evaluate execute gather generate notify perform prepare
receive send submit validate verify write
""".split()
)
_WORDS = re.compile(r"[\s_]+|(?<=[a-z])(?=[A-Z])")


def task_like(name: str) -> tuple[str, str] | None:
    """(what makes `name` task-like, a suggested product name), or None."""
    for ending in ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            stem = name[: -len(ending)]
            noun = stem.rsplit("を", 1)[0]  # 見積を作成 -> 見積
            return _("it ends in `{ending}`", ending=ending), noun or stem
    words = [w for w in _WORDS.split(name.strip()) if w]
    if len(words) > 1 and words[0].lower() in VERBS:
        first = words[0]
        rest = name.strip()[len(first) :].lstrip(" _")
        return _("it starts with the verb `{first}`", first=first), rest[:1].upper() + rest[1:]
    return None


@rule("PREP501", Severity.WARNING, name="task-like-name", scope="process", opt_in=True)
def task_like_name(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for product in pg.products.values():
        found = task_like(product.name)
        if found is None:
            continue
        why, noun = found
        yield task_like_name.at(
            product.name_span,
            _("product `{name}` is named like a task: {why}", name=product.name, why=why),
            _("name the result of the work, not the work, for example `{noun}`", noun=noun),
        )
