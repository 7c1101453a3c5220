from conftest import check, codes
from rulecase import Model, only

model = Model.of("""
process 店舗運営 {
  goal 売上前年比
  external 本部
  external 店舗
  actor 店長 {
    intangible 肌感覚
    product    日々の販売目標(日付, 金額)
    product    商品の陳列(商品)
    final      接客指示(内容)
  }
  本部 -> 日々の販売目標 -> 接客指示 -> 店舗
  日々の販売目標 -> 商品の陳列 -> 接客指示
}
""").text


def test_intangible_on_a_sync_relation():
    d = only(check(model("肌感覚 <-> 日々の販売目標")), "PREP401", 7, "info")
    assert [r.span.line for r in d.related] == [14]
    assert d.message == "intangible `肌感覚` is synced with `日々の販売目標`: tacit, personal work"
    assert "service or a CSM can intervene" in d.hint


def test_sync_on_the_right_side_counts_too():
    assert codes(check(model("日々の販売目標 <-> 肌感覚"))) == [("PREP401", 7)]


def test_once_per_product_with_several_sync_relations():
    d = only(check(model("肌感覚 <-> 日々の販売目標", "肌感覚 <-> 商品の陳列", "接客指示 <-> 肌感覚")), "PREP401", 7)
    assert d.message == (
        "intangible `肌感覚` is synced with `日々の販売目標`, `商品の陳列`, `接客指示`: tacit, personal work"
    )
    assert [r.span.line for r in d.related] == [14, 15, 16]


def test_input_relation_is_not_reported():
    assert check(model("肌感覚 -> 日々の販売目標")) == []


def test_sync_between_tangible_products_is_not_reported():
    text = model("肌感覚 -> 日々の販売目標", "商品の陳列 <-> 日々の販売目標")
    assert check(text) == []


def test_the_hint_knows_an_issue_is_noted():
    (d,) = check(model("肌感覚 <-> 日々の販売目標", 'issue "担当者の勘に頼る" on 肌感覚'))
    assert d.hint == (
        "a point where a service or a CSM can intervene; noted by the issue on line 15: plan the ToBe model around it"
    )


def test_the_hint_in_a_tobe_model():
    text = model("肌感覚 <-> 日々の販売目標").replace("process 店舗運営 {", "process 店舗運営 [stage=tobe] {")
    (d,) = check(text)
    assert d.hint == (
        "a point where a service or a CSM can intervene; in this ToBe model, "
        "show how: relate it to a product of a `role=service` actor, or mark "
        "its relations with `touch=`"
    )


def test_the_hint_before_an_issue_is_noted():
    (d,) = check(model("肌感覚 <-> 日々の販売目標"))
    assert d.hint == (
        'a point where a service or a CSM can intervene; note it with `issue "…" on 肌感覚` and plan the ToBe model'
    )
