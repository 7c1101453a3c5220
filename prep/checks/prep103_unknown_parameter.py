"""A reference to a parameter that the product does not have.

What it does: reports `A.p` where product `A` has no parameter `p` (or where `A`
is an external process, which has no parameters). The relation itself still
counts; only the parameter is wrong.

Why: `A.氏名 -> B.名前` says that one parameter value of `A` is input into `B`.
If `A` has no such parameter, the model claims a flow of information that does
not exist.

How to fix: use one of the product's parameters (the hint lists them), or add
the parameter to the product's definition: `与信(顧客名, 限度額, 与信額)`.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 与信(顧客名, 限度額)
    final   出荷指示(品目, 数量)
  }
  顧客 -> 与信 -> 出荷指示 -> 倉庫
  与信.与信額 -> 出荷指示.数量
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 与信(顧客名, 限度額)
    final   出荷指示(品目, 数量)
  }
  顧客 -> 与信 -> 出荷指示 -> 倉庫
  与信.限度額 -> 出荷指示.数量
}
```
"""

from prep.checks.base import reported_elsewhere
from prep.codes import UNKNOWN_PARAMETER

RULE = reported_elsewhere(UNKNOWN_PARAMETER, name="unknown-parameter", scope="graph", module=__name__)
