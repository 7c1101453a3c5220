from conftest import check, codes

MODEL = """
process 店舗計画 {
  goal 売上前年比
  external 本部
  external 店舗
  actor 店長 {
    product 販売計画(月, 売上)
    product 週次計画(週, 売上)
    product 人員計画(週, 人数)
    final   週次指示(週, 内容)
  }
  本部 -> 販売計画
  週次計画 -> 週次指示 -> 店舗
  %s
}
"""


def test_one_finding_per_cycle_at_its_first_relation_naming_every_member():
    (d,) = check(MODEL % "販売計画 -> 週次計画\n  週次計画 -> 人員計画\n  人員計画 -> 販売計画")
    assert (d.code, d.span.line) == ("PREP203", 14)
    assert d.message == ("input relations form a cycle: `販売計画` -> `週次計画` -> `人員計画` -> `販売計画`")
    assert [r.span.line for r in d.related] == [7, 8, 9]
    assert "`<->`" in d.hint


def test_two_separate_cycles_are_two_findings():
    found = check(MODEL % "販売計画 -> 週次計画 -> 販売計画\n  人員計画 -> 週次指示 -> 人員計画")
    assert codes(found) == [("PREP203", 14), ("PREP203", 15)]


def test_sync_relations_and_externals_break_cycles():
    found = check(MODEL % "販売計画 -> 週次計画\n  週次計画 <-> 販売計画\n  人員計画 -> 週次指示\n  週次指示 -> 本部")
    assert [d.code for d in found if d.code == "PREP203"] == []


def test_self_relation_is_prep210_only():
    found = check(MODEL % "販売計画 -> 週次計画 -> 人員計画 -> 週次指示\n  週次計画 -> 週次計画")
    assert [d.code for d in found] == ["PREP210"]
