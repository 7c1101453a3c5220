"""An actor has no products.

What it does: reports an `actor` whose lane holds no products, at the actor.

Why: in PReP an actor is responsible for products on the way to the goal; its
swimlane holds them. An empty lane is someone who, according to the model,
contributes nothing: a leftover, or products put in someone else's lane.

How to fix: move the products this actor is responsible for into its lane, or
remove the actor.

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
  actor 品質保証 {
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
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _


@rule("PREP209", Severity.WARNING, name="empty-actor")
def empty_actor(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for actor in pg.process.actors:
        if not actor.products:
            yield empty_actor.at(
                actor.span,
                _("actor `{name}` has no products", name=actor.name),
                _("put the products this actor is responsible for in its lane, or remove it"),
            )
