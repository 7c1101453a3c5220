from conftest import check, codes
from rulecase import ORDER, only

# the order model whose final product goes nowhere yet
MODEL = ORDER.but(flow=("顧客 -> 見積依頼 -> 出荷指示",)).text("%s")
TWO_FINALS = ORDER.but(products=(*ORDER.products, "final   請求書"))


def test_final_product_going_nowhere_at_definition():
    d = only(check(MODEL % "倉庫 -> 見積依頼"), "PREP202", 8, "error")
    assert d.message == "final product `出荷指示` goes to no external process"
    assert "`出荷指示 -> " in d.hint


def test_final_product_to_external_is_clean():
    assert check(MODEL % "出荷指示 -> 倉庫") == []


def test_sync_with_external_is_not_going_to_it():
    found = check(MODEL % "出荷指示 <-> 倉庫")
    assert codes(found) == [("PREP202", 8)]
    assert found[0].hint == (
        "`出荷指示 <-> 倉庫` is a sync (a negotiation), not a hand-over: write `出荷指示 -> 倉庫` for what it receives"
    )


def test_input_from_external_is_not_going_to_it():
    assert codes(check(MODEL % "倉庫 -> 出荷指示")) == [("PREP202", 8)]


def test_final_product_without_relation_is_prep204_only():
    found = check(TWO_FINALS.text())
    assert codes(found) == [("PREP204", 9)]


def test_each_final_product_judged_alone():
    found = check(TWO_FINALS.text("見積依頼 -> 請求書"))
    assert codes(found) == [("PREP202", 9)]


def test_final_product_sent_to_a_typo_is_prep101_only():
    # `倉皇` is a typo of `倉庫`: where the final product goes is unknown until it is fixed
    found = check(MODEL % "出荷指示 -> 倉皇")
    assert [c for c, _ in codes(found)] == ["PREP101"]
    assert found[0].hint == "did you mean `倉庫`?"


def test_a_typo_arriving_at_the_final_product_hides_nothing():
    # `見積以来 -> 出荷指示`: the final product's own way out is known, and missing
    found = check(MODEL % "見積以来 -> 出荷指示")
    assert sorted(c for c, _ in codes(found)) == ["PREP101", "PREP202", "PREP207"]
