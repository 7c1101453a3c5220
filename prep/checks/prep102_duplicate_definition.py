"""The same product, actor, external or process is defined twice.

What it does: reports the second definition of a product (the same name and
state), an actor, an external process or a process (in one file), and points at
the first one. A product and an external with the same name are reported too.

Why: a reference must name exactly one thing. Two definitions of `見積依頼` in two
lanes leave it unclear which actor makes it and which parameters it has.

How to fix: remove one definition, merge the two, or tell them apart: by another
name, or by a state (`申込<提出された>` and `申込<受理された>` are two products).

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  actor 営業事務 {
    product 見積依頼
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
  actor 営業事務 {
    product 受注伝票
  }
  顧客 -> 見積依頼 -> 受注伝票 -> 出荷指示 -> 倉庫
}
```
"""

from prep.checks.base import reported_elsewhere
from prep.codes import DUPLICATE_DEFINITION

RULE = reported_elsewhere(DUPLICATE_DEFINITION, name="duplicate-definition", scope="graph", module=__name__)
