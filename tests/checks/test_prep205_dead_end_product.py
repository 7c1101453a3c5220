from conftest import check, codes
from rulecase import MAKING, only

MODEL = MAKING.but(products=(MAKING.products[0], "%s 進捗報告(品目)", MAKING.products[1])).text("%s")


def test_dead_end_at_definition():
    d = only(check(MODEL % ("product", "生産計画 -> 進捗報告")), "PREP205", 8, "warning")
    assert d.message == "`進捗報告` contributes to no final product"


def test_path_to_final_is_clean():
    assert check(MODEL % ("product", "生産計画 -> 進捗報告 -> 出荷")) == []


def test_sync_relation_is_a_path():
    # a sync relation with a contributing product contributes
    assert check(MODEL % ("product", "進捗報告 <-> 生産計画")) == []
    assert check(MODEL % ("product", "生産計画 <-> 進捗報告")) == []


def test_path_does_not_run_through_externals():
    # 進捗報告 -> 販売計画部 -> 生産計画 -> 出荷 passes an external: no contribution
    found = check(MODEL % ("product", "生産計画 -> 進捗報告 -> 販売計画部"), select=["PREP205"])
    assert codes(found) == [("PREP205", 8)]


def test_whole_dead_branch_is_reported():
    found = check(
        MAKING.but(
            products=(MAKING.products[0], "product 進捗報告(品目)", "product 月報(品目)", MAKING.products[1])
        ).text("生産計画 -> 進捗報告 -> 月報")
    )
    assert codes(found) == [("PREP205", 8), ("PREP205", 9)]


def test_product_without_relation_is_prep204_not_prep205():
    assert codes(check(MODEL % ("product", ""))) == [("PREP204", 8)]


# 製造 with no final product, and nothing going to 営業
NO_FINAL = MAKING.but(externals=("販売計画部",), products=(MAKING.products[0],), flow=("販売計画部 -> 生産計画",))


def test_not_reported_where_prep201_is():
    found = check(
        NO_FINAL.but(
            products=(*NO_FINAL.products, "milestone 進捗報告(品目)"), flow=("販売計画部 -> 生産計画 -> 進捗報告",)
        ).text()
    )
    assert codes(found) == [("PREP201", 2)]
    # and not even when PREP201 is not selected
    assert check(NO_FINAL.text(), select=["PREP205"]) == []


def test_a_path_into_a_typo_may_reach_a_final_product():
    # `出貨` is a typo of `出荷`: 進捗報告 probably feeds it; PREP101 is the one finding
    found = check(MODEL % ("product", "生産計画 -> 進捗報告 -> 出貨"))
    assert [c for c, _ in codes(found)] == ["PREP101"]


def test_a_typo_upstream_does_not_hide_a_dead_end():
    found = check(MODEL % ("product", "生産計書 -> 進捗報告\n  生産計画 -> 進捗報告"))
    assert sorted(c for c, _ in codes(found)) == ["PREP101", "PREP205"]
