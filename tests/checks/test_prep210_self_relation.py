from conftest import check, codes
from rulecase import MAKING, only

MODEL = MAKING.but(
    products=("product 需要予測(品目, 数量)", *MAKING.products),
    flow=("販売計画部 -> 需要予測 -> 生産計画 -> 出荷 -> 営業",),
).text("%s")


def test_sync_to_itself_at_relation():
    d = only(check(MODEL % "生産計画 <-> 生産計画"), "PREP210", 12, "error")
    assert d.message == "`生産計画 <-> 生産計画` relates `生産計画` to itself"
    assert d.span.column == 3


def test_input_to_itself_is_prep210_only_not_a_cycle():
    assert codes(check(MODEL % "生産計画 -> 生産計画")) == [("PREP210", 12)]


def test_parameter_to_itself():
    assert codes(check(MODEL % "生産計画.品目 -> 生産計画.数量")) == [("PREP210", 12)]


def test_external_to_itself_is_prep210_not_prep212():
    assert codes(check(MODEL % "営業 -> 営業")) == [("PREP210", 12)]


def test_inside_a_chain():
    found = check(MODEL % "需要予測 -> 生産計画 -> 生産計画", select=["PREP210"])
    assert codes(found) == [("PREP210", 12)]


def test_other_product_is_clean():
    assert check(MODEL % "需要予測 <-> 生産計画") == []
