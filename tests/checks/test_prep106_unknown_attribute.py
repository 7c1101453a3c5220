from conftest import check, codes
from rulecase import ORDER

MODEL = ORDER.but(
    name="受注 %s",
    actor="営業部 %s",
    products=("product 見積依頼 %s", "final   出荷指示"),
    flow=("顧客 -> 見積依頼 -> 出荷指示 -> 倉庫 %s", "kpi 率 for 出荷指示 %s"),
).text()


def model(process="", actor="", product="", relation="", kpi=""):
    return MODEL % (process, actor, product, relation, kpi)


def test_unknown_value_and_unknown_attribute():
    found = check(model(process="[stage=future]", product="[color=red]"))
    assert codes(found) == [("PREP106", 2), ("PREP106", 7)]
    assert found[0].message == "unknown value `future` for `stage`; it is ignored"
    assert "`stage=asis`" in found[0].hint
    assert found[1].message == "unknown attribute `color` on a product; it is ignored"


def test_known_attributes_are_clean():
    found = check(
        model(process='[stage=asis, doc="x"]', actor="[role=vendor]", product='[doc="note"]', kpi="[supplemented, kgi]")
    )
    assert found == []


def test_flags_take_no_value_and_doc_needs_text():
    found = check(model(kpi="[service=yes]", product="[doc]"), select=["PREP106"])
    assert [d.message for d in found] == ['`doc` needs a text: `doc="…"`', "`service` is a flag and takes no value"]


def test_chain_attributes_are_reported_once():
    found = check(model(relation="[tuch=high]"))
    assert codes(found) == [("PREP106", 10)]


def test_warning_severity():
    (d,) = check(model(actor="[role=CSM]"))
    assert d.severity.value == "warning"


def test_a_misspelt_attribute_or_value_gets_a_did_you_mean():
    found = check(model(actor="[role=CSM]", relation="[touch=hi]", kpi="[servise]"))
    hints = [d.hint for d in found if d.code == "PREP106"]
    assert hints[0] == "write `role=csm`"
    assert hints[1].startswith("did you mean `touch=high`? use one of ")
    assert hints[2].startswith("did you mean `service`? attributes of a kpi: ")


def test_no_did_you_mean_when_nothing_is_close():
    (d,) = check(model(product="[color=red]"))
    assert d.hint.startswith("attributes of a product: ")


def fix_of(d):
    return ([(e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.text) for e in d.fix.edits], d.fix.safe)


def test_a_stage_in_another_case_is_read_as_that_stage():
    from prep.parser import parse_text

    text = "process 外来 [stage=ToBe] {\n}\n"
    (d,) = check(text, select=["PREP106"])
    assert (d.span.line, d.span.column, d.span.end_column) == (1, 13, 23)
    assert d.message == "`stage=ToBe` is read as `stage=tobe`: values are lower case"
    assert d.hint == "write `stage=tobe`"
    assert fix_of(d) == ([(1, 13, 1, 23, "stage=tobe")], True)
    assert parse_text(text, "m.prep").document.processes[0].stage == "tobe"


def test_a_misspelt_value_carries_an_unsafe_fix():
    found = check(model(relation="[touch=hi]"), select=["PREP106"])
    (d,) = found
    assert d.fix.safe is False and d.fix.edits[0].text == "touch=high"


def test_a_value_attribute_written_as_a_flag_is_reported_not_a_crash():
    from conftest import check

    found = [d for d in check("process A [stage] {\n}\n") if d.code == "PREP106"]
    assert len(found) == 1  # a bare `stage` once raised AttributeError (found by prep fmt's tests)
