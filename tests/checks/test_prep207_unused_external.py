from conftest import check, codes
from rulecase import ORDER, only

MODEL = ORDER.but(externals=("顧客", "倉庫", "経理部")).text("%s")


def test_unused_external_at_declaration():
    d = only(check(MODEL % ""), "PREP207", 6, "warning")
    assert d.message == "the external process `経理部` takes part in no relation"
    assert d.hint


def test_sending_external_is_clean():
    assert check(MODEL % "経理部 -> 見積依頼") == []


def test_receiving_external_is_clean():
    assert check(MODEL % "出荷指示 -> 経理部") == []


def test_relation_with_an_undefined_end_still_counts():
    # the typo is PREP101 only; `経理部` is written in a relation
    found = check(MODEL % "経理部 -> 見積以来")
    assert [c for c, _ in codes(found)] == ["PREP101"]


def test_every_unused_external():
    found = check("""
    process 受注 {
      goal 納期遵守率
      external 顧客
      external 倉庫
      external 経理部
      external 法務部
      actor 営業部 {
        product 見積依頼
        final   出荷指示
      }
      顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
    }
    """)
    assert codes(found) == [("PREP207", 6), ("PREP207", 7)]


def test_the_external_a_typo_means_is_not_called_unused():
    # `経理府` is a typo of `経理部`: PREP101 suggests it; no PREP207 as well
    found = check(MODEL % "出荷指示 -> 経理府")
    assert [c for c, _ in codes(found)] == ["PREP101"]
    assert found[0].hint == "did you mean `経理部`?"
