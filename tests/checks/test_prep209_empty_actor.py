from conftest import check, codes

MODEL = """
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  actor 品質保証 [role=vendor] {%s}
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
"""


def test_empty_actor_at_actor():
    found = check(MODEL % "")
    assert codes(found) == [("PREP209", 10)]
    (d,) = found
    assert d.severity.value == "warning"
    assert d.message == "actor `品質保証` has no products"
    assert d.hint


def test_empty_actor_over_several_lines():
    assert codes(check(MODEL % "\n  ")) == [("PREP209", 10)]


def test_actor_with_products_is_clean():
    found = check(MODEL % "\n    product 検査記録\n  ", select=["PREP209"])
    assert found == []
