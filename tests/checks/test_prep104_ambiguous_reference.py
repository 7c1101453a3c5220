from conftest import check, codes
from rulecase import APPLICATION

MODEL = APPLICATION.text("%s")


def test_name_without_state_is_ambiguous():
    (d,) = check(MODEL % "申込 -> 契約案内")
    assert (d.code, d.span.line) == ("PREP104", 12)
    assert "`申込<提出された>`" in d.message and "`申込<受理された>`" in d.message
    assert len(d.related) == 2


def test_state_given_is_clean():
    assert check(MODEL % "申込<受理された>.氏名 -> 契約案内.氏名") == []


def test_in_kpi_for():
    assert codes(check(MODEL % "kpi 件数 for 申込")) == [("PREP104", 12)]


def many_states(n: int, refs: int) -> str:
    products = "\n".join(f"    product X<s{i}>" for i in range(n))
    relations = "\n".join("  X -> F" for _ in range(refs))
    return (
        f"process P {{\n  goal G\n  external E\n  actor A {{\n{products}\n"
        f"    final F\n  }}\n{relations}\n  F -> E\n}}\n"
    )


def test_many_states_are_listed_up_to_five_then_counted():
    found = [d for d in check(many_states(40, 3)) if d.code == "PREP104"]
    assert len(found) == 3
    d = found[0]
    assert d.message == (
        "`X` is ambiguous: it is defined in several states (`X<s0>`, `X<s1>`, `X<s2>`, `X<s3>`, `X<s4>` and 35 more)"
    )
    assert [r.message for r in d.related] == [f"`X<s{i}>` is defined here" for i in range(5)]


def test_five_states_are_all_listed():
    (d, *_) = [d for d in check(many_states(5, 1)) if d.code == "PREP104"]
    assert d.message.endswith("`X<s3>`, `X<s4>`)") and len(d.related) == 5


def test_state_not_defined_lists_a_few_of_many():
    text = many_states(12, 0).replace("  F -> E", "  X<nope> -> F\n  F -> E")
    (d,) = [d for d in check(text) if d.code == "PREP101"]
    assert d.message == (
        "`X<nope>` is not defined: `X` is defined as `X<s0>`, `X<s1>`, `X<s2>`, `X<s3>`, `X<s4>` and 7 more"
    )
