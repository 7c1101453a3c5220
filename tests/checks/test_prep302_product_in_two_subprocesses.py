from conftest import check, codes
from rulecase import MAKING, only

HEAD = MAKING.but(
    products=(
        "product   需要予測(品目, 数量)",
        "milestone 生産計画(品目, 数量)",
        "milestone 調達計画(部品, 数量)",
        "final     出荷(品目, 数量)",
    ),
    flow=("販売計画部 -> 需要予測 -> 生産計画 -> 調達計画 -> 出荷 -> 営業", "需要予測 -> 出荷"),
)


def model(plan="", buy="", ship="{ 出荷 }"):
    """The model with subprocesses 計画, 調達 and 出荷準備 (lines 14-16), each ending at its
    milestone or the final product, and listing in braces the products it claims."""
    ends = (("計画", "生産計画", plan), ("調達", "調達計画", buy), ("出荷準備", "出荷", ship))
    return HEAD.text(*(f"subprocess {name} until {end} {braces}".rstrip() for name, end, braces in ends))


def test_without_braces_reached_along_two_paths():
    d = only(check(model(ship="")), "PREP302", 16, "error")
    assert d.message == "`需要予測` belongs to subprocesses `計画` and `出荷準備`"
    assert "braces" in d.hint
    assert [r.span.line for r in d.related] == [14, 7]


def test_braces_fix_it():
    assert check(model()) == []


def test_with_braces_listing_a_product_twice():
    found = check(model("{ 需要予測, 生産計画 }", "{ 需要予測, 調達計画 }"))
    assert codes(found) == [("PREP302", 15)]
    assert found[0].message == "`需要予測` belongs to subprocesses `計画` and `調達`"


def test_braces_claiming_another_subprocess_end():
    found = check(model(buy="{ 生産計画, 調達計画 }"))
    assert codes(found) == [("PREP302", 15)]
    assert found[0].message.startswith("`生産計画` belongs to")


def test_once_per_product_at_the_second_claim():
    d = only(check(model("{ 需要予測, 生産計画 }", "{ 需要予測, 調達計画 }", "{ 需要予測, 出荷 }")), "PREP302", 15)
    assert d.message == "`需要予測` belongs to subprocesses `計画`, `調達` and `出荷準備`"
    assert [r.span.line for r in d.related] == [14, 16, 7]


def test_one_finding_per_shared_product():
    found = check(model("{ 需要予測, 生産計画, 調達計画 }", "{ 需要予測, 調達計画 }"))
    assert codes(found) == [("PREP302", 15), ("PREP302", 15)]
    assert sorted(d.message.split()[0] for d in found) == ["`調達計画`", "`需要予測`"]
