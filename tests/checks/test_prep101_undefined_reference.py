from conftest import check, codes

BASE = """
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


def test_typo_is_reported_at_the_reference_with_the_closest_name():
    (d,) = check(BASE % "生産計面 -> 出荷")
    assert (d.code, d.span.line, d.span.column) == ("PREP101", 11, 3)
    assert d.message == "`生産計面` is not defined in process `製造`"
    assert d.hint == "did you mean `生産計画`?"


def test_undefined_state_lists_the_defined_states():
    (d,) = check(BASE % "生産計画<確定> -> 出荷")
    assert d.code == "PREP101" and "`生産計画`" in d.message


def test_in_kpi_issue_and_subprocess():
    found = check(BASE % "kpi K for 生産計面\n  issue \"x\" on 出加\n  subprocess S until 出荷x")
    assert codes(found) == [("PREP101", 11), ("PREP101", 12), ("PREP101", 13)]


def test_one_finding_per_reference_even_in_a_list():
    found = check(BASE % "ない -> 出荷, 生産計画")
    assert codes(found) == [("PREP101", 11)]


def test_defined_names_are_clean():
    assert check(BASE % "") == []


def test_only_products_are_suggested_where_only_a_product_may_stand():
    # `営巣` is close to the external `営業`, but a KPI measures a product
    (d,) = check(BASE % "kpi 出荷率 for 営巣")
    assert d.code == "PREP101"
    assert "did you mean" not in d.hint
    (d,) = check(BASE % "営巣 -> 生産計画")
    assert d.hint == "did you mean `営業`?"
