from conftest import check, codes
from rulecase import ORDER

MODEL = ORDER.but(
    products=("product 与信(顧客名, 限度額)", "final   出荷指示(品目, 数量)"),
    flow=("顧客 -> 与信 -> 出荷指示 -> 倉庫",),
).text("%s")


def test_unknown_parameter_at_the_reference_lists_the_parameters():
    (d,) = check(MODEL % "与信.与信額 -> 出荷指示.数量")
    assert (d.code, d.span.line, d.span.column) == ("PREP103", 11, 3)
    assert d.message == "`与信` has no parameter `与信額`"
    assert "`顧客名`, `限度額`" in d.hint


def test_external_has_no_parameters():
    found = check(MODEL % "出荷指示.数量 -> 倉庫.在庫")
    assert codes(found) == [("PREP103", 11)]


def test_relation_still_counts_when_only_the_parameter_is_wrong():
    found = check(MODEL % "与信.限度額 -> 出荷指示.件数")
    assert codes(found) == [("PREP103", 11)]  # no PREP204/205 follow-ups


def test_known_parameters_are_clean():
    assert check(MODEL % "与信.限度額 -> 出荷指示.数量") == []


def test_did_you_mean_a_parameter_carries_an_unsafe_fix():
    from conftest import check as check_model

    found = check_model("""
        process 製造 {
          goal 納期遵守率
          external 営業
          actor 生産管理 {
            product 生産計画(品目, 数量)
            final   出荷(品目, 数量)
          }
          営業 -> 生産計画 -> 出荷 -> 営業
          生産計画.数料 -> 出荷.数量
        }
        """)
    (d,) = [d for d in found if d.code == "PREP103"]
    assert d.fix.safe is False
    assert [(e.span.line, e.span.column, e.span.end_column, e.text) for e in d.fix.edits] == [
        (10, 3, 10, "生産計画.数量")
    ]
