from conftest import check, codes
from rulecase import only

MODEL = """
process 店舗運営 %s {
  goal 売上前年比
  external 本部
  external 顧客
  actor 店長 {
    product 日々の販売目標(日付, 金額)
    final   接客(内容)
  }
  本部 -> 日々の販売目標 -> 接客 -> 顧客
  kpi 購買率 for 接客 %s
  kpi 客単価 for 接客
}
"""


def test_service_kpi_in_default_asis():
    d = only(check(MODEL % ("", "[service]")), "PREP601", 11, "warning")
    assert d.message == "KPI `購買率` is marked `service` in AsIs process `店舗運営`"
    assert "[stage=tobe]" in d.hint
    assert [r.span.line for r in d.related] == [2]


def test_service_kpi_in_explicit_asis():
    assert codes(check(MODEL % ("[stage=asis]", "[service]"))) == [("PREP601", 11)]


def test_service_kpi_in_tobe_is_clean():
    assert check(MODEL % ("[stage=tobe]", "[service]")) == []


def test_unknown_stage_is_checked_as_asis():
    found = check(MODEL % ("[stage=future]", "[service]"))
    assert codes(found) == [("PREP106", 2), ("PREP601", 11)]


def test_other_kpis_are_clean():
    assert check(MODEL % ("", "[supplemented, kgi]")) == []
