from conftest import check, codes
from rulecase import MAKING

MODEL = MAKING.but(flow=("kpi 出荷率 for 出荷", *MAKING.flow)).text("%s")


def test_relation_naming_an_actor():
    (d,) = check(MODEL % "生産管理 -> 出荷")
    assert (d.code, d.span.line) == ("PREP105", 12)
    assert d.message == "`生産管理` is an actor, not a product or an external process"


def test_relation_naming_a_kpi_the_goal_and_the_process():
    found = check(MODEL % "出荷率 -> 出荷\n  納期遵守率 -> 出荷\n  製造 -> 出荷")
    assert codes(found) == [("PREP105", 12), ("PREP105", 13), ("PREP105", 14)]
    assert "declare `external 製造`" in found[2].hint


def test_kpi_issue_and_subprocess_cannot_name_an_external():
    found = check(MODEL % 'kpi K for 営業\n  issue "x" on 営業\n  subprocess S until 営業')
    assert codes(found) == [("PREP105", 12), ("PREP105", 13), ("PREP105", 14)]


def test_relations_may_name_externals():
    assert check(MODEL % "") == []
