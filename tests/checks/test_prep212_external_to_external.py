import pytest

from conftest import check, codes
from rulecase import MAKING, only

MODEL = MAKING.text("%s")


def test_external_to_external_at_relation():
    d = only(check(MODEL % "販売計画部 -> 営業"), "PREP212", 11, "error")
    assert d.message == "`販売計画部 -> 営業` relates two external processes directly"
    assert d.hint


@pytest.mark.parametrize(
    "relation, select",
    [
        pytest.param("営業 <-> 販売計画部", None, id="a_sync_between_externals"),
        pytest.param("出荷 -> 営業 -> 販売計画部", ["PREP212"], id="inside_a_chain"),
    ],
)
def test_also_found(relation, select):
    assert codes(check(MODEL % relation, select=select)) == [("PREP212", 11)]


def test_products_between_externals_are_clean():
    assert check(MODEL % "") == []
