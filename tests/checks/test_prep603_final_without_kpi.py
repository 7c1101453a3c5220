from conftest import check, codes
from rulecase import Model, only

model = Model.of("""
process 出荷業務 {
  goal 出荷件数
  external 物流センター
  external 配送業者
  external 顧客
  actor 出荷課 {
    product 出荷予定
    final   配送依頼
    final   出荷案内<送信済>
  }
  物流センター -> 出荷予定 -> 配送依頼 -> 配送業者
  出荷予定 -> 出荷案内 -> 顧客
}
""").text


def test_opt_in_not_reported_by_default():
    assert check(model()) == []


def test_final_without_kpi_with_extend_select():
    d = only(check(model("kpi 案内送信率 for 出荷案内"), extend_select=["PREP603"]), "PREP603", 9, "info")
    assert d.message == "final product `配送依頼` has no KPI"
    assert "kpi NAME for 配送依頼" in d.hint


def test_every_final_without_kpi():
    found = check(model("kpi 出荷件数KPI"), select=["PREP603"])
    assert codes(found) == [("PREP603", 9), ("PREP603", 10)]
    assert found[1].message == "final product `出荷案内<送信済>` has no KPI"


def test_every_final_measured_is_clean():
    text = model(
        "kpi 案内送信率 for 出荷案内<送信済>", "kpi 配送リードタイム for 配送依頼 under 案内送信率 [supplemented]"
    )
    assert check(text, extend_select=["PREP603"]) == []


def test_a_kpi_under_another_does_not_measure_the_final():
    text = model("kpi 案内送信率 for 出荷案内", "kpi 配送リードタイム under 案内送信率")
    assert codes(check(text, select=["PREP603"])) == [("PREP603", 9)]


def test_a_typo_after_for_is_prep101_only():
    # `配送以来` is a typo of `配送依頼`: that final product is meant to have its KPI
    found = check(model("kpi 案内送信率 for 出荷案内", "kpi 配送リードタイム for 配送以来"), extend_select=["PREP603"])
    assert [c for c, _ in codes(found)] == ["PREP101"]
    assert found[0].hint == "did you mean `配送依頼`?"
