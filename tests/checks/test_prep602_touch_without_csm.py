from conftest import check, codes
from rulecase import closed, only

HEAD = """
process 店舗販売 %s {
  goal 売上前年比
  external POSシステム
  external 顧客
  actor 店長 {
    product 前日の販売実績(日付, 売上)
    product 接客指示(内容)
  }
  actor 店舗スタッフ {
    final 接客(内容)
  }
  actor CSM %s {
    intangible CSMの示唆
  }
  POSシステム -> 前日の販売実績 -> CSMの示唆
  接客指示 -> 接客 -> 顧客
"""


def model(*relations, stage="[stage=tobe]", role="[role=csm]"):
    return closed(HEAD % (stage, role), *relations)


def test_tobe_touch_between_customer_products():
    d = only(check(model("CSMの示唆 -> 接客指示", "前日の販売実績 -> 接客指示 [touch=low]")), "PREP602", 19, "warning")
    assert d.message == "relation `前日の販売実績 -> 接客指示` has `touch=` but touches no CSM lane"
    assert "`role=csm`" in d.hint
    assert [r.span.line for r in d.related] == [13]


def test_tobe_touch_from_the_csm_lane_is_clean():
    assert check(model("CSMの示唆 -> 接客指示 [touch=high]")) == []


def test_tobe_touch_into_the_csm_lane_is_clean():
    text = model("CSMの示唆 -> 接客指示").replace(
        "POSシステム -> 前日の販売実績 -> CSMの示唆",
        "POSシステム -> 前日の販売実績\n  前日の販売実績 -> CSMの示唆 [touch=tech]",
    )
    assert check(text) == []


def test_tobe_touch_without_any_csm_actor():
    found = check(model("CSMの示唆 -> 接客指示 [touch=high]", role="[role=service]"))
    assert codes(found) == [("PREP602", 18)]
    assert "add an actor with `role=csm`" in found[0].hint
    assert found[0].related == ()


def test_tobe_touch_to_an_external_only():
    found = check(
        model("CSMの示唆 -> 接客指示").replace(
            "接客指示 -> 接客 -> 顧客", "接客指示 -> 接客\n  接客 -> 顧客 [touch=tech]"
        )
    )
    assert codes(found) == [("PREP602", 18)]


def test_asis_touch_even_on_the_csm_lane():
    d = only(check(model("CSMの示唆 -> 接客指示 [touch=high]", stage="")), "PREP602", 18)
    assert d.message == "relation `CSMの示唆 -> 接客指示` has `touch=` in AsIs process `店舗販売`"
    assert [r.span.line for r in d.related] == [2]


def test_asis_chain_is_reported_once():
    found = check(model("CSMの示唆 -> 接客指示, 接客 [touch=low]", stage="[stage=asis]"))
    assert codes(found) == [("PREP602", 18)]


def test_tobe_chain_is_reported_per_relation():
    found = check(model("CSMの示唆 -> 接客指示", "前日の販売実績 -> 接客指示, 接客 [touch=low]"))
    assert codes(found) == [("PREP602", 19), ("PREP602", 19)]


def test_no_touch_is_clean_in_both_stages():
    assert check(model("CSMの示唆 -> 接客指示")) == []
    assert check(model("CSMの示唆 -> 接客指示", stage="")) == []
