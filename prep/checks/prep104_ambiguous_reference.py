"""An ambiguous reference: the name has several states and none is given.

What it does: reports a reference `申込` when the process defines the product in
more than one state (`申込<提出された>`, `申込<受理された>`).

Why: the same name in two states is two products. Without the state, the reader
cannot tell which of them the relation, KPI or issue is about.

How to fix: name the state: `申込<受理された> -> 契約案内`.

Example:
```prep
process 申込受付 {
  goal 審査完了日数
  external 申込者
  external 契約部
  actor 窓口 {
    product 申込<提出された>(氏名)
    product 申込<受理された>(氏名)
    final   契約案内(氏名)
  }
  申込者 -> 申込<提出された> -> 申込<受理された>
  申込 -> 契約案内 -> 契約部
}
```

Use instead:
```prep
process 申込受付 {
  goal 審査完了日数
  external 申込者
  external 契約部
  actor 窓口 {
    product 申込<提出された>(氏名)
    product 申込<受理された>(氏名)
    final   契約案内(氏名)
  }
  申込者 -> 申込<提出された> -> 申込<受理された>
  申込<受理された> -> 契約案内 -> 契約部
}
```
"""

from prep.checks.base import reported_elsewhere
from prep.codes import AMBIGUOUS_REFERENCE

RULE = reported_elsewhere(AMBIGUOUS_REFERENCE, name="ambiguous-reference", scope="graph", module=__name__)
