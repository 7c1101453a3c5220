"""A product belongs to two subprocesses.

What it does: works out the products of each subprocess and reports a product
that two of them claim, at the second `subprocess` statement claiming it (once
per product). With braces, a subprocess holds the listed products and its `until`
product; without braces, its `until` product and every product from which that
one is reached along input relations, stopping at other subprocesses' `until`
products (paths do not pass through external processes).

Why: subprocesses cut the process into chunks, each ending at its own milestone.
A product in two chunks has two owners and two gates: the chunks overlap, and the
milestone of neither says when the product is done.

How to fix: list the members explicitly (`subprocess 計画 until 生産計画 { … }`)
so that each product is in one chunk, or change the relations so that the product
feeds one chunk only (often via that chunk's milestone).

Example:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product   需要予測(品目, 数量)
    milestone 生産計画(品目, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 計画 until 生産計画
  subprocess 出荷準備 until 出荷
  販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業
  需要予測 -> 出荷
}
```

Use instead:
```prep
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product   需要予測(品目, 数量)
    milestone 生産計画(品目, 数量)
    final     出荷(品目, 数量)
  }
  subprocess 計画 until 生産計画
  subprocess 出荷準備 until 出荷 { 出荷 }
  販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業
  需要予測 -> 出荷
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Related, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP302", Severity.ERROR, name="product-in-two-subprocesses", scope="process")
def product_in_two_subprocesses(pg: ProcessGraph) -> Iterator[Diagnostic]:
    members = pg.subprocess_members
    order = {key: i for i, key in enumerate(pg.products)}  # definition order
    claims: dict[str, list] = {}
    for sp in pg.process.subprocesses:
        for key in sorted(members.get(id(sp), ()), key=order.__getitem__):
            claims.setdefault(key, []).append(sp)
    for key in sorted(claims, key=order.__getitem__):
        owners = claims[key]
        if len(owners) < 2:
            continue
        first, second = owners[0], owners[1]
        listed = [f"`{sp.name}`" for sp in owners]
        names = _("{some} and {last}", some=_(", ").join(listed[:-1]), last=listed[-1])
        yield product_in_two_subprocesses.at(
            second.span,
            _("`{key}` belongs to subprocesses {names}", key=key, names=names),
            _(
                "list each subprocess's products in braces (`subprocess NAME until P {{ … }}`), "
                "or relate `{key}` to one subprocess only",
                key=key,
            ),
            [
                Related(first.span, _("`{key}` already belongs to subprocess `{name}`", key=key, name=first.name)),
                *(
                    Related(sp.span, _("`{key}` also belongs to subprocess `{name}`", key=key, name=sp.name))
                    for sp in owners[2:]
                ),
                Related(pg.products[key].name_span, _("`{key}` is defined here", key=key)),
            ],
        )
