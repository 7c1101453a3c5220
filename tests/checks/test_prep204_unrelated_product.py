from conftest import check, codes
from rulecase import ORDER, only

MODEL = ORDER.but(products=("product 見積依頼", "%s 議事録", "final   出荷指示")).text("%s")


def test_product_without_relation_at_definition():
    d = only(check(MODEL % ("product", "")), "PREP204", 8, "warning")
    assert d.message == "`議事録` takes part in no relation"
    assert d.hint


def test_related_product_is_clean():
    assert check(MODEL % ("product", "見積依頼 -> 議事録 -> 出荷指示")) == []


def test_sync_relation_counts():
    assert check(MODEL % ("product", "議事録 <-> 出荷指示")) == []


def test_lone_final_product_gets_prep204_only():
    assert codes(check(MODEL % ("final  ", ""))) == [("PREP204", 8)]


def test_lone_milestone_and_intangible():
    assert codes(check(MODEL % ("milestone", ""))) == [("PREP204", 8)]
    assert codes(check(MODEL % ("intangible", ""))) == [("PREP204", 8)]


def test_product_in_a_state_is_named_by_key():
    found = check("""
    process 受注 {
      goal 納期遵守率
      external 顧客
      external 倉庫
      actor 営業部 {
        product 見積依頼<受付>
        product 見積依頼<確認済>
        final   出荷指示
      }
      顧客 -> 見積依頼<受付> -> 出荷指示 -> 倉庫
    }
    """)
    assert codes(found) == [("PREP204", 8)]
    assert "`見積依頼<確認済>`" in found[0].message


def test_relation_with_an_undefined_end_still_counts():
    # the typo is PREP101; `議事録` is written in a relation, so no PREP204
    found = check(MODEL % ("product", "議事録 -> 出荷支持"))
    assert [c for c, _ in codes(found)] == ["PREP101"]


def test_the_product_a_typo_means_is_not_called_unrelated():
    # `議事緑` is a typo of `議事録`: one finding (PREP101 suggests the name), not two
    found = check(MODEL % ("product", "議事緑 -> 出荷指示"))
    assert [c for c, _ in codes(found)] == ["PREP101"]
    assert found[0].hint == "did you mean `議事録`?"


def test_a_name_like_no_other_leaves_the_product_unrelated():
    found = check(MODEL % ("product", "まったく別 -> 出荷指示"))
    assert sorted(c for c, _ in codes(found)) == ["PREP101", "PREP204"]
