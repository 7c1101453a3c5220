from conftest import check, codes

MODEL = """
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 生産管理 {
    product 生産計画(品目, 数量)
    final   出荷(品目, 数量)
  }
  販売計画部 -> 生産計画 -> 出荷 -> 営業
  %s
}
"""


def test_external_to_external_at_relation():
    found = check(MODEL % "販売計画部 -> 営業")
    assert codes(found) == [("PREP212", 11)]
    (d,) = found
    assert d.severity.value == "error"
    assert d.message == "`販売計画部 -> 営業` relates two external processes directly"
    assert d.hint


def test_sync_between_externals():
    assert codes(check(MODEL % "営業 <-> 販売計画部")) == [("PREP212", 11)]


def test_inside_a_chain():
    found = check(MODEL % "出荷 -> 営業 -> 販売計画部", select=["PREP212"])
    assert codes(found) == [("PREP212", 11)]


def test_products_between_externals_are_clean():
    assert check(MODEL % "") == []
