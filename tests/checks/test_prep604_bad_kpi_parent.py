from conftest import check, codes
from rulecase import Model, only

model = Model.of("""
process 出荷業務 {
  goal 出荷件数
  external 物流センター
  external 配送業者
  actor 出荷課 {
    product 出荷予定
    final   配送依頼
  }
  物流センター -> 出荷予定 -> 配送依頼 -> 配送業者
  kpi 配送リードタイム for 配送依頼
}
""").text


def test_under_a_product():
    d = only(check(model("kpi 梱包時間 under 出荷予定")), "PREP604", 12, "error")
    assert d.message == "KPI `梱包時間` is under `出荷予定`, a product, not a KPI"
    assert "kpi 梱包時間 for 出荷予定" in d.hint


def test_under_an_undefined_name():
    d = only(check(model("kpi 梱包時間 under 配送リードタイ")), "PREP604", 12)
    assert d.message == "KPI `梱包時間` is under `配送リードタイ`, which is not defined in process `出荷業務`"
    assert d.hint == "did you mean `配送リードタイム`?"


def test_under_other_things_says_what_they_are():
    found = check(model("kpi a under 配送業者", "kpi b under 出荷課", "kpi c under 出荷件数", "kpi d under 出荷業務"))
    assert [d.message.split(", ", 1)[1] for d in found] == [
        "an external process, not a KPI",
        "an actor, not a KPI",
        "the goal, not a KPI",
        "the process, not a KPI",
    ]


def test_under_a_kpi_is_clean():
    assert check(model("kpi 梱包時間 for 出荷予定 under 配送リードタイム")) == []


def test_kpi_defined_later_is_fine():
    assert check(model("kpi 梱包時間 under 作業時間", "kpi 作業時間 under 配送リードタイム")) == []


def test_two_kpi_cycle():
    d = only(check(model("kpi 梱包時間 under 検品時間", "kpi 検品時間 under 梱包時間")), "PREP604", 12)
    assert d.message == "KPIs are under each other in a cycle: `梱包時間` -> `検品時間` -> `梱包時間`"
    assert [r.span.line for r in d.related] == [13]


def test_longer_cycle_and_a_second_one():
    found = check(model("kpi a under b", "kpi x under x", "kpi b under c", "kpi c under a"))
    assert codes(found) == [("PREP604", 12), ("PREP604", 13)]
    assert found[0].message.endswith("`a` -> `b` -> `c` -> `a`")
    assert found[1].message.endswith("`x` -> `x`")


def test_a_kpi_hanging_under_a_cycle_is_not_in_it():
    found = check(model("kpi a under b", "kpi b under a", "kpi c under a"))
    assert codes(found) == [("PREP604", 12)]
    assert [r.span.line for r in found[0].related] == [13]
