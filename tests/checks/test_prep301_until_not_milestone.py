from conftest import check, codes
from rulecase import MAKING, only

MODEL = MAKING.but(
    products=("product   生産計画(品目, 数量)", "%s 調達計画%s", "final     出荷(品目, 数量)"),
    flow=(
        "subprocess 調達 until %s",
        "subprocess 出荷準備 until 出荷",
        "販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業",
    ),
).text()


def model(kind="product", until="調達計画", params="(部品, 数量)"):
    return MODEL % (kind, params, until)


def test_until_an_intermediate_product():
    d = only(check(model()), "PREP301", 11, "error")
    assert d.message == "subprocess `調達` ends at `調達計画`, which is neither milestone nor final"
    assert "`milestone`" in d.hint
    assert [r.span.line for r in d.related] == [8]


def test_until_a_milestone_is_clean():
    assert check(model(kind="milestone")) == []


def test_until_a_final_product_is_clean():
    text = model().replace("  subprocess 調達 until 調達計画\n", "")
    assert check(text) == []


def test_until_an_intangible():
    found = check(model(kind="intangible", params=""))
    assert codes(found) == [("PREP301", 11)]


def test_unresolved_until_is_left_to_prep101():
    found = check(model(until="調達書"))
    assert codes(found) == [("PREP101", 11)]
