from conftest import check, codes
from rulecase import only

MODEL = """
process 見積 {
  goal 見積回答日数
  external 顧客
  actor 営業部 {
    product 見積依頼(品目, 数量)
    %s 見積書(品目, 数量, 金額)
  }
  顧客 -> 見積依頼 -> 見積書%s
}
"""


def test_process_without_final_product_at_header():
    d = only(check(MODEL % ("milestone", "")), "PREP201", 2, "error")
    assert d.message == "process `見積` has no final product"
    assert "`final`" in d.hint
    assert (d.span.line, d.span.column) == (2, 1)


def test_final_product_is_clean():
    assert check(MODEL % ("final", " -> 顧客")) == []


def test_no_dead_end_findings_without_final_product():
    # every product leads nowhere, but PREP205 is not reported where PREP201 is
    found = check(MODEL % ("product", ""))
    assert codes(found) == [("PREP201", 2)]


def test_empty_process():
    found = check(
        """
    process 空 {
      goal 何か
    }
    """,
        select=["PREP201"],
    )
    assert codes(found) == [("PREP201", 2)]


def test_each_process_of_a_file():
    second = (MODEL % ("milestone", "")).replace("見積 {", "見積2 {")
    found = check(MODEL % ("final", " -> 顧客") + second, select=["PREP201"])
    assert codes(found) == [("PREP201", 12)]
    assert "`見積2`" in found[0].message
