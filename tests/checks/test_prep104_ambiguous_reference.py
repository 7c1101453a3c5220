from conftest import check, codes

MODEL = """
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
  %s
}
"""


def test_name_without_state_is_ambiguous():
    (d,) = check(MODEL % "申込 -> 契約案内")
    assert (d.code, d.span.line) == ("PREP104", 12)
    assert "`申込<提出された>`" in d.message and "`申込<受理された>`" in d.message
    assert len(d.related) == 2


def test_state_given_is_clean():
    assert check(MODEL % "申込<受理された>.氏名 -> 契約案内.氏名") == []


def test_in_kpi_for():
    assert codes(check(MODEL % "kpi 件数 for 申込")) == [("PREP104", 12)]
