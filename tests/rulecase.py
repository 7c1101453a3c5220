"""What the rule tests share: the models they start from, and a reading of one finding.

A model is written whole (`Model.of`) and given back line by line: `ORDER.text("%s")` is
ORDER as written below with a line `  %s` before its closing brace (line 11; line 1 is
blank), where each case writes what its rule needs. `.but(...)` changes one part (say,
one more product), so a test file shows only what its rule adds, and the line numbers
its assertions name can be counted from the model here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from conftest import codes


@dataclass(frozen=True)
class Model:
    """A process with one actor, written line by line (line 1 is blank)."""

    name: str
    externals: tuple[str, ...]
    actor: str
    products: tuple[str, ...]
    flow: tuple[str, ...]
    goal: str = "goal 納期遵守率"
    actors: tuple[str, ...] = ()  # lines after the first actor's block

    @classmethod
    def of(cls, text: str) -> Model:
        """The model of a text laid out as ORDER is (its lines after the actor are its flow)."""
        head, goal, *lines = [line.strip() for line in text.strip().splitlines()]
        externals = [line.removeprefix("external ") for line in lines if line.startswith("external ")]
        actor, *rest = lines[len(externals) :]
        products = rest[: rest.index("}")]
        flow = rest[len(products) + 1 : -1]
        name, actor_name = head.split()[1], actor.split()[1]
        return cls(name, tuple(externals), actor_name, tuple(products), tuple(flow), goal)

    def but(self, **changes) -> Model:
        return replace(self, **changes)

    def text(self, *more: str) -> str:
        """The model's text, with `more` lines before its closing brace."""
        lines = ["", f"process {self.name} {{", f"  {self.goal}"]
        lines += [f"  external {name}" for name in self.externals]
        lines += [f"  actor {self.actor} {{", *(f"    {p}" for p in self.products), "  }"]
        lines += [f"  {line}" for line in (*self.actors, *self.flow, *more)]
        return "\n".join([*lines, "}", ""])


ORDER = Model.of("""
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
""")

MAKING = Model.of("""
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
}
""")

# The process 営業 that sends 受注確定 to process 生産 (PREP220, the result cache).
SALES = Model.of("""
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
""")

# A process whose product has two states (PREP104, PREP211).
APPLICATION = Model.of("""
process 申込受付 {
  goal 審査完了日数
  external 申込者
  external 契約部
  actor 窓口 {
    product 申込<提出された>(氏名)
    product 申込<受理された>(氏名)
    final   契約案内(氏名)
  }
  申込者 -> 申込<提出された> -> 申込<受理された> -> 契約案内 -> 契約部
}
""")

# The process that receives 受注確定 from process 営業 (PREP220, the result cache):
# `RECEIVER % (external, sender)` names the sender as its external and in its flow.
RECEIVER = """
process 生産 {
  goal 納期遵守率
  external %s
  external 倉庫
  actor 生産管理 {
    product 生産指示(品目, 数量)
    final   完成品(品目, 数量)
  }
  %s -> 生産指示 -> 完成品 -> 倉庫
}
"""


def only(found, code: str, line: int, severity: str | None = None):
    """The one finding of `found`, which must be `code` at `line` (of `severity` if given)."""
    assert codes(found) == [(code, line)]
    (d,) = found
    if severity is not None:
        assert d.severity.value == severity
    return d


def closed(head: str, *more: str) -> str:
    """`head`, a model without its closing brace, with `more` lines and the brace."""
    return head + "".join(f"  {line}\n" for line in more) + "}\n"


def customer_order(products: tuple[str, ...], *flow: str) -> str:
    """ORDER with 顧客 its only external, from line 1 (the tests of slips and cascades)."""
    return ORDER.but(externals=("顧客",), products=products, flow=flow).text().removeprefix("\n")
