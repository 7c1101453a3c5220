from conftest import check, codes
from rulecase import only

MODEL = """
process 製造 {
  goal 納期遵守率
  external 販売計画部
  external 営業
  actor 製造部 {
    intangible %s
    product    作業指示(ロット)
    final      出荷(ロット)
  }
  販売計画部 -> 作業指示 -> 出荷 -> 営業
  現場ノウハウ -> 作業指示
}
"""


def test_intangible_with_parameters():
    d = only(check(MODEL % "現場ノウハウ(工程, コツ)"), "PREP402", 7, "warning")
    assert d.message == "intangible `現場ノウハウ` has parameters `(工程, コツ)`"
    assert "intangible 現場ノウハウ" in d.hint


def test_intangible_with_a_state():
    found = check(MODEL % "現場ノウハウ<共有済>")
    assert codes(found) == [("PREP402", 7)]
    assert found[0].message == "intangible `現場ノウハウ<共有済>` has a state `<共有済>`"


def test_intangible_with_both():
    (d,) = check(MODEL % "現場ノウハウ<共有済>(工程)")
    assert d.message == "intangible `現場ノウハウ<共有済>` has parameters `(工程)` and a state `<共有済>`"


def test_plain_intangible_is_clean():
    assert check(MODEL % "現場ノウハウ") == []


def test_tangible_product_may_have_parameters():
    text = (MODEL % "現場ノウハウ").replace("intangible 現場ノウハウ", "product 現場ノウハウ(工程)")
    assert check(text) == []
