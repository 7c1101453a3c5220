from conftest import check, codes
from rulecase import MAKING, only

MODEL = MAKING.text("%s")


def test_external_to_external_at_relation():
    d = only(check(MODEL % "販売計画部 -> 営業"), "PREP212", 11, "error")
    assert (d.message, d.hint) == (
        "`販売計画部 -> 営業` relates two external processes directly",
        "remove it: what other processes exchange is outside this model",
    )


def test_a_sync_between_externals_and_a_chain_through_them():
    assert codes(check(MODEL % "営業 <-> 販売計画部")) == [("PREP212", 11)]
    assert codes(check(MODEL % "出荷 -> 営業 -> 販売計画部", select=["PREP212"])) == [("PREP212", 11)]


def test_products_between_externals_are_clean():
    assert check(MODEL % "") == []
