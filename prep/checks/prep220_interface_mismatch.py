"""Two processes checked together disagree about their interface.

What it does: when several files are checked in one run, processes find each
other by name. A final product that goes to `external X`, where `X` is a process
of the same run that declares no `external` for the sender, is reported at the
relation to the external; the receiving process's header is a related place.

Why: a hand-over has two sides. If the sales process sends its order to
production, production's model must show sales as the source of that order;
otherwise the two models, made in different workshops, tell different stories
about the same interface.

How to fix: declare the sender in the receiving process (`external 営業` in
process `生産`) and relate it to the product it delivers, or correct the name of
the external in the sending process.

Example:
```prep
process 営業 {
  goal 受注件数
  external 顧客
  external 生産
  actor 営業部 {
    product 引合(品目)
    final   受注確定(品目, 数量)
  }
  顧客 -> 引合 -> 受注確定 -> 生産
}

process 生産 {
  goal 納期遵守率
  external 販売部
  external 倉庫
  actor 生産管理 {
    product 生産指示(品目, 数量)
    final   完成品(品目, 数量)
  }
  販売部 -> 生産指示 -> 完成品 -> 倉庫
}
```

Use instead:
```prep
process 営業 {
  goal 受注件数
  external 顧客
  external 生産
  actor 営業部 {
    product 引合(品目)
    final   受注確定(品目, 数量)
  }
  顧客 -> 引合 -> 受注確定 -> 生産
}

process 生産 {
  goal 納期遵守率
  external 営業
  external 倉庫
  actor 生産管理 {
    product 生産指示(品目, 数量)
    final   完成品(品目, 数量)
  }
  営業 -> 生産指示 -> 完成品 -> 倉庫
}
```
"""

from prep.checks.base import rule
from prep.diagnostics import Related, Severity
from prep.i18n import _


@rule("PREP220", Severity.WARNING, name="interface-mismatch", scope="workspace")
def interface_mismatch(workspace):
    for sender in workspace.interfaces:
        for send in sender.sends:
            receivers = [r for r in workspace.processes_named(send.target) if r is not sender]
            if not receivers or any(sender.name in r.externals for r in receivers):
                continue  # not in this run, or the interfaces agree
            yield interface_mismatch.at(
                send.span,
                _(
                    "`{product}` goes to process `{target}`, which declares no `external {sender}`",
                    product=send.product,
                    target=send.target,
                    sender=sender.name,
                ),
                _(
                    "add `external {sender}` to process `{target}` and relate it to "
                    "the product it delivers, or correct the name of the external",
                    sender=sender.name,
                    target=send.target,
                ),
                [Related(r.header_span, _("process `{name}`", name=r.name)) for r in receivers],
            )
