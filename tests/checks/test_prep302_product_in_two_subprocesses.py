from conftest import check, codes
from rulecase import MAKING

HEAD = MAKING.but(
    products=(
        "product   需要予測(品目, 数量)",
        "milestone 生産計画(品目, 数量)",
        "milestone 調達計画(部品, 数量)",
        "final     出荷(品目, 数量)",
    ),
    flow=("販売計画部 -> 需要予測 -> 生産計画 -> 調達計画 -> 出荷 -> 営業", "需要予測 -> 出荷"),
)


def model(*subprocesses):
    return HEAD.text(*subprocesses)


def test_without_braces_reached_along_two_paths():
    found = check(
        model("subprocess 計画 until 生産計画", "subprocess 調達 until 調達計画", "subprocess 出荷準備 until 出荷")
    )
    assert codes(found) == [("PREP302", 16)]
    (d,) = found
    assert d.message == "`需要予測` belongs to subprocesses `計画` and `出荷準備`"
    assert "braces" in d.hint
    assert [r.span.line for r in d.related] == [14, 7]
    assert d.severity.value == "error"


def test_braces_fix_it():
    found = check(
        model(
            "subprocess 計画 until 生産計画",
            "subprocess 調達 until 調達計画",
            "subprocess 出荷準備 until 出荷 { 出荷 }",
        )
    )
    assert found == []


def test_with_braces_listing_a_product_twice():
    found = check(
        model(
            "subprocess 計画 until 生産計画 { 需要予測, 生産計画 }",
            "subprocess 調達 until 調達計画 { 需要予測, 調達計画 }",
            "subprocess 出荷準備 until 出荷 { 出荷 }",
        )
    )
    assert codes(found) == [("PREP302", 15)]
    assert found[0].message == "`需要予測` belongs to subprocesses `計画` and `調達`"


def test_braces_claiming_another_subprocess_end():
    found = check(
        model(
            "subprocess 計画 until 生産計画",
            "subprocess 調達 until 調達計画 { 生産計画, 調達計画 }",
            "subprocess 出荷準備 until 出荷 { 出荷 }",
        )
    )
    assert codes(found) == [("PREP302", 15)]
    assert found[0].message.startswith("`生産計画` belongs to")


def test_once_per_product_at_the_second_claim():
    found = check(
        model(
            "subprocess 計画 until 生産計画 { 需要予測, 生産計画 }",
            "subprocess 調達 until 調達計画 { 需要予測, 調達計画 }",
            "subprocess 出荷準備 until 出荷 { 需要予測, 出荷 }",
        )
    )
    assert codes(found) == [("PREP302", 15)]
    (d,) = found
    assert d.message == "`需要予測` belongs to subprocesses `計画`, `調達` and `出荷準備`"
    assert [r.span.line for r in d.related] == [14, 16, 7]


def test_one_finding_per_shared_product():
    found = check(
        model(
            "subprocess 計画 until 生産計画 { 需要予測, 生産計画, 調達計画 }",
            "subprocess 調達 until 調達計画 { 需要予測, 調達計画 }",
            "subprocess 出荷準備 until 出荷 { 出荷 }",
        )
    )
    assert codes(found) == [("PREP302", 15), ("PREP302", 15)]
    assert sorted(d.message.split()[0] for d in found) == ["`調達計画`", "`需要予測`"]
