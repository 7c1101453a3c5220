from conftest import check, codes
from rulecase import MAKING

BASE = MAKING.text("%s")


def test_typo_is_reported_at_the_reference_with_the_closest_name():
    (d,) = check(BASE % "生産計面 -> 出荷")
    assert (d.code, d.span.line, d.span.column) == ("PREP101", 11, 3)
    assert d.message == "`生産計面` is not defined in process `製造`"
    assert d.hint == "did you mean `生産計画`?"


def test_undefined_state_lists_the_defined_states():
    (d,) = check(BASE % "生産計画<確定> -> 出荷")
    assert d.code == "PREP101" and "`生産計画`" in d.message


def test_in_kpi_issue_and_subprocess():
    found = check(BASE % 'kpi K for 生産計面\n  issue "x" on 出加\n  subprocess S until 出荷x')
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


HOSPITAL = """
process 外来 {
  goal 待ち時間短縮
  external 患者
  actor 医師 {
    product 診察記録
    final   処方箋
  }
  患者 -> 診察記録 -> 処方箋 -> 患者
  %s
}
"""


def fix_of(d):
    return ([(e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.text) for e in d.fix.edits], d.fix.safe)


def test_where_a_product_must_stand_only_a_product_is_suggested():
    (d,) = check(HOSPITAL % "kpi 待合混雑度 for 待合室")
    assert (d.code, d.span.line, d.span.column) == ("PREP101", 10, 17)
    assert d.hint == ("a `kpi … for` must name a product: define `待合室` as a product in an actor")
    assert d.fix is None
    (d,) = check(HOSPITAL % "issue 混む on 待合室")
    assert d.hint == ("a `issue … on` must name a product: define `待合室` as a product in an actor")


def test_did_you_mean_carries_an_unsafe_fix():
    (d,) = check(HOSPITAL % "診察記緑 -> 処方箋")
    assert d.hint == "did you mean `診察記録`?"
    assert fix_of(d) == ([(10, 3, 10, 7, "診察記録")], False)


def test_did_you_mean_keeps_the_parameter():
    found = check(HOSPITAL.replace("product 診察記録", "product 診察記録(所見)") % "診察記緑.所見 -> 処方箋")
    (d,) = [d for d in found if d.code == "PREP101"]
    assert fix_of(d) == ([(10, 3, 10, 10, "診察記録.所見")], False)


def test_an_undefined_receiver_gets_an_unsafe_external_declaration():
    (d,) = check(HOSPITAL % "処方箋 -> 調剤薬局")
    assert d.hint == "define it as a product in an actor, or as `external 調剤薬局`"
    assert fix_of(d) == ([(5, 1, 5, 1, "  external 調剤薬局\n")], False)
