from conftest import check, codes
from rulecase import MAKING, only

HEAD = MAKING.but(
    products=("milestone 生産計画(品目, 数量)", "milestone 調達計画(部品, 数量)", "final     出荷(品目, 数量)"),
    flow=("販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業", "生産計画 -> 出荷"),
)


def model(*subprocesses):
    return HEAD.text(*subprocesses)


def test_milestone_that_ends_no_subprocess():
    d = only(
        check(model("subprocess 計画 until 生産計画 { 生産計画 }", "subprocess 出荷準備 until 出荷 { 出荷 }")),
        "PREP303",
        8,
    )
    assert d.message == "milestone `調達計画` ends no subprocess"
    assert "subprocess NAME until 調達計画" in d.hint
    assert d.severity.value == "warning"


def test_every_milestone_ends_a_subprocess():
    assert (
        check(
            model(
                "subprocess 計画 until 生産計画 { 生産計画 }",
                "subprocess 調達 until 調達計画 { 調達計画 }",
                "subprocess 出荷準備 until 出荷 { 出荷 }",
            )
        )
        == []
    )


def test_not_reported_without_subprocesses():
    assert check(model()) == []


def test_once_per_milestone():
    # 調達計画 is a member of 出荷準備 and reached along two paths: still one finding
    found = check(model("subprocess 計画 until 生産計画", "subprocess 出荷準備 until 出荷"))
    assert codes(found) == [("PREP303", 8)]


def test_each_milestone_without_subprocess():
    found = check(model("subprocess 出荷準備 until 出荷 { 出荷 }"))
    assert codes(found) == [("PREP303", 7), ("PREP303", 8)]


def test_a_typo_after_until_is_prep101_only():
    # `調達計書` is a typo of `調達計画`: that milestone is meant to end a subprocess
    found = check(
        model(
            "subprocess 計画 until 生産計画 { 生産計画 }",
            "subprocess 調達 until 調達計書",
            "subprocess 出荷準備 until 出荷 { 出荷 }",
        )
    )
    assert [c for c, _ in codes(found)] == ["PREP101"]
    assert found[0].hint == "did you mean `調達計画`?"
