from conftest import check, codes
from rulecase import MAKING, only

MODEL = MAKING.but(products=("%s 生産計画(品目, 数量)", "final 出荷(品目, 数量)")).text("%s")


def test_intermediate_to_external_at_relation():
    d = only(check(MODEL % ("product", "生産計画 -> 営業")), "PREP206", 11, "warning")
    assert d.message == "`生産計画` goes to the external process `営業` but is not a final product"
    assert "`final`" in d.hint
    assert d.span.column == 3


def test_final_to_external_is_clean():
    assert check(MODEL % ("final", "生産計画 -> 営業")) == []


def test_milestone_to_external():
    assert codes(check(MODEL % ("milestone", "生産計画 -> 営業"))) == [("PREP206", 11)]


def test_input_from_external_is_clean():
    assert check(MODEL % ("product", "営業 -> 生産計画")) == []


def test_sync_with_external_is_not_going_to_it():
    assert check(MODEL % ("product", "生産計画 <-> 営業"), select=["PREP206"]) == []


def test_intangible_is_left_to_prep403():
    found = check(
        """
    process 受注 {
      goal 納期遵守率
      external 顧客
      external 倉庫
      actor 営業部 {
        intangible 商談の勘
        product    見積
        final      受注確認
      }
      顧客 -> 見積 -> 受注確認 -> 倉庫
      商談の勘 -> 見積
      商談の勘 -> 顧客
    }
    """,
        select=["PREP206"],
    )
    assert found == []


def test_one_finding_per_relation_of_a_list():
    found = check(MODEL % ("product", "生産計画 -> 営業, 販売計画部"))
    assert codes(found) == [("PREP206", 11), ("PREP206", 11)]
    assert {d.message.split("`")[3] for d in found} == {"営業", "販売計画部"}
