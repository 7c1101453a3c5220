from conftest import check, codes
from rulecase import closed, only

HEAD = """
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    intangible 商談の勘 %s
    product    見積
    final      受注確認
  }
  顧客 -> 見積 -> 受注確認 -> 倉庫
  商談の勘 -> 見積
"""


def model(*relations, attrs=""):
    return closed(HEAD % attrs, *relations)


def test_intangible_goes_to_an_external():
    d = only(check(model("商談の勘 -> 顧客")), "PREP403", 13, "error")
    assert d.message == "intangible `商談の勘` goes to external process `顧客`"
    assert "`final` product" in d.hint
    assert [r.span.line for r in d.related] == [7]


def test_replaces_prep206_on_the_same_relation():
    found = check(model("商談の勘 -> 顧客"), select=["PREP206", "PREP403"])
    assert codes(found) == [("PREP403", 13)]


def test_one_finding_per_relation():
    found = check(model("商談の勘 -> 顧客, 倉庫"))
    assert codes(found) == [("PREP403", 13), ("PREP403", 13)]
    assert sorted(d.message for d in found) == [
        "intangible `商談の勘` goes to external process `倉庫`",
        "intangible `商談の勘` goes to external process `顧客`",
    ]


def test_inside_a_chain():
    found = check(model("顧客 -> 商談の勘 -> 倉庫"))
    assert codes(found) == [("PREP403", 13)]


def test_sync_with_an_external_is_no_hand_over():
    # a negotiation with an external hands nothing over (docs/rules.md)
    for relation in ("商談の勘 <-> 顧客", "顧客 <-> 商談の勘"):
        assert check(model(relation), select=["PREP403", "PREP206"]) == []


def test_intangible_coming_from_an_external_is_clean():
    assert check(model("顧客 -> 商談の勘")) == []


def test_intangible_inside_the_process_is_clean():
    assert check(model()) == []


def test_an_intangible_final_product_cannot_be_written():
    found = check(model(attrs="[final]"))
    assert [d.code for d in found] == ["PREP001"]
