from conftest import check, codes
from rulecase import ORDER, only

MODEL = ORDER.but(goal="%s").text()


def test_missing_goal_at_header():
    d = only(check(MODEL % ""), "PREP208", 2, "warning")
    assert d.message == "process `受注` has no goal"
    assert "goal" in d.hint
    assert d.span.column == 1


def test_one_goal_is_clean():
    assert check(MODEL % "goal 納期遵守率") == []


def test_two_goals_at_the_second():
    d = only(check(MODEL % 'goal 納期遵守率\n  goal "売上前年比110%"'), "PREP208", 4)
    assert d.message == "process `受注` has 2 goals"
    assert d.hint == (
        "KPI trees use the first goal, `納期遵守率`; keep one goal per process, "
        "and split a process that serves two purposes"
    )
    assert [r.span.line for r in d.related] == [3]


def test_three_goals_once():
    found = check(MODEL % "goal 納期遵守率\n  goal 売上\n  goal 利益")
    assert codes(found) == [("PREP208", 4)]
    assert "3 goals" in found[0].message
    assert sorted(r.span.line for r in found[0].related) == [3, 5]


def test_goal_anywhere_in_the_process():
    text = MODEL % "" + ""
    text = text.replace("  顧客 -> 見積依頼", "  goal 納期遵守率\n  顧客 -> 見積依頼")
    assert check(text) == []
