import pytest

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


@pytest.mark.parametrize(
    "relation, select",
    [
        pytest.param("生産計画 -> 生産計画", None, id="an_input_to_itself_is_PREP210_only_not_a_cycle"),
        pytest.param("生産計画.品目 -> 生産計画.数量", None, id="a_parameter_to_itself"),
        pytest.param("営業 -> 営業", None, id="an_external_to_itself_is_PREP210_not_PREP212"),
        pytest.param("需要予測 -> 生産計画 -> 生産計画", ["PREP210"], id="inside_a_chain"),
    ],
)
def test_also_found(relation, select):
    assert codes(check(MODEL % relation, select=select)) == [("PREP210", 12)]


def test_other_product_is_clean():
    assert check(MODEL % "需要予測 <-> 生産計画") == []
