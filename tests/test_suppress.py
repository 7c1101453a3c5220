"""Suppression comments: `# prep: ignore[CODE,…]`, `# prep: ignore`, `# prep: ignore-file[…]`."""

from __future__ import annotations

import json

from conftest import check, codes
from prep.checks.suppress import parse_suppressions
from prep.model import Comment
from test_cli_check import run, write

# Two findings on two lines: PREP106 (line 6) and PREP101 (line 11).
MODEL = """\
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼(品目, 数量) [color=red]{a}
    final   出荷指示(品目, 数量)
  }
  {file}
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
  未定義 -> 出荷指示{b}
}
"""


def model(a="", b="", file="") -> str:
    return MODEL.replace("{a}", a).replace("{b}", b).replace("{file}", file)


def test_without_suppressions_both_findings():
    assert codes(check(model())) == [("PREP101", 11), ("PREP106", 6)]


def test_ignore_with_a_code_silences_that_code_on_its_line():
    assert codes(check(model(b="  # prep: ignore[PREP101]"))) == [("PREP106", 6)]


def test_ignore_with_another_code_silences_nothing_and_is_reported():
    found = check(model(b="  # prep: ignore[PREP106]"))
    assert codes(found) == [("PREP101", 11), ("PREP106", 6), ("PREP901", 11)]
    unused = [d for d in found if d.code == "PREP901"][0]
    assert unused.message == "`# prep: ignore[…]` silences nothing for `PREP106`"
    assert (unused.span.column, unused.span.end_column) == (16, 39)


def test_bare_ignore_silences_everything_on_its_line():
    assert codes(check(model(a="  # prep: ignore"))) == [("PREP101", 11)]


def test_several_codes_and_prefixes():
    assert codes(check(model(b="  # prep: ignore[PREP205, PREP1]"))) == [("PREP106", 6), ("PREP901", 11)]
    assert codes(check(model(b="  # prep: ignore[PREP1,PREP101]"))) == [("PREP106", 6)]
    assert codes(check(model(b="  #prep:ignore[prep10]"))) == [("PREP106", 6)]


def test_partly_used_suppression_reports_the_unused_code():
    found = check(model(b="  # prep: ignore[PREP101,PREP207]"))
    assert codes(found) == [("PREP106", 6), ("PREP901", 11)]
    assert "`PREP207`" in found[1].message and "`PREP101`" not in found[1].message


def test_ignore_file_silences_a_code_in_the_whole_file():
    found = check(model(file="# prep: ignore-file[PREP101, PREP106]"))
    assert codes(found) == []
    assert codes(check(model(file="# prep: ignore-file[PREP1]"))) == []
    assert codes(check(model(file="# prep: ignore-file[PREP106]"))) == [("PREP101", 11)]


def test_ignore_file_that_silences_nothing_is_reported():
    found = check(model(file="# prep: ignore-file[PREP207]"))
    assert codes(found) == [("PREP101", 11), ("PREP106", 6), ("PREP901", 9)]
    [unused] = [d for d in found if d.code == "PREP901"]
    assert unused.message == "`# prep: ignore-file[…]` silences nothing for `PREP207`"


def test_bare_ignore_on_its_own_line_silences_nothing():
    found = check(model(file="# prep: ignore"))
    assert codes(found) == [("PREP101", 11), ("PREP106", 6), ("PREP901", 9)]
    [unused] = [d for d in found if d.code == "PREP901"]
    assert unused.message == "`# prep: ignore` silences nothing here"


def test_unknown_code_in_a_suppression_is_reported():
    found = check(model(b="  # prep: ignore[PREP101, PREP999]"))
    assert codes(found) == [("PREP106", 6), ("PREP901", 11)]
    assert found[1].message == "`# prep: ignore[…]` names no rule: `PREP999`"


def test_codes_of_rules_that_did_not_run_are_not_judged():
    found = check(model(b="  # prep: ignore[PREP101, PREP501]"))
    assert codes(found) == [("PREP106", 6)]
    found = check(model(b="  # prep: ignore[PREP207]"), select=["PREP101"])
    assert codes(found) == [("PREP101", 11)]


def test_prep901_itself_can_be_ignored_by_name_only():
    assert codes(check(model(b="  # prep: ignore[PREP106, PREP901]"))) == [("PREP101", 11), ("PREP106", 6)]
    assert codes(check(model(file="# prep: ignore-file[PREP901]", a="  # prep: ignore[PREP207]"))) == [
        ("PREP101", 11),
        ("PREP106", 6),
    ]
    assert codes(check(model(b="  # prep: ignore[PREP106]"), ignore=["PREP901"])) == [("PREP101", 11), ("PREP106", 6)]


def test_a_directive_inside_a_string_is_not_a_comment():
    text = model().replace("goal 納期遵守率", 'goal "率 # prep: ignore"')
    assert codes(check(text)) == [("PREP101", 11), ("PREP106", 6)]


def test_similar_words_are_not_directives():
    for comment in ("  # prep: ignored", "  # prep ignore[PREP101]", "  # preps: ignore"):
        assert codes(check(model(b=comment))) == [("PREP101", 11), ("PREP106", 6)], comment


def test_suppression_in_a_file_with_a_syntax_error_is_not_judged():
    text = model(b="  # prep: ignore[PREP207]").replace("final   出荷指示", "final -> 出荷指示")
    assert codes(check(text)) == [("PREP001", 7)]


def test_a_finding_on_a_multi_line_statement_is_silenced_at_its_start():
    text = model().replace("  未定義 -> 出荷指示", "  未定義  # prep: ignore[PREP101]\n    -> 出荷指示")
    assert codes(check(text)) == [("PREP106", 6)]


def test_parse_suppressions_unit():
    comments = (
        Comment(text="# prep: ignore[PREP101, prep2]", line=3, column=10, own_line=False),
        Comment(text="#   PREP: Ignore-File[PREP5]  why", line=1, column=1, own_line=True),
        Comment(text="# just a note", line=2, column=1, own_line=True),
    )
    first, second = parse_suppressions(comments)
    assert (first.line, first.file_wide, first.codes) == (3, False, ("PREP101", "PREP2"))
    assert (first.column, first.end_column) == (10, 40)
    assert (second.file_wide, second.codes) == (True, ("PREP5",))


def test_show_suppressed_lists_what_was_silenced(tmp_path):
    write(tmp_path, "a.prep", model(b="  # prep: ignore[PREP101]", file="# prep: ignore-file[PREP106]"))
    result = run(["check", "a.prep", "-f", "json", "--show-suppressed"], tmp_path)
    data = json.loads(result.stdout)
    assert data["diagnostics"] == []
    assert [(d["code"], d["line"]) for d in data["suppressed"]] == [("PREP106", 6), ("PREP101", 11)]
    assert result.exit_code == 0
