"""Fixes (docs/editors.md): applying edits, `prep check --fix / --unsafe-fixes / --diff`,
fixes in JSON and SARIF, and fixing every documented mistake leaves no new finding."""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter

import pytest

from conftest import SHARED, run_prep as run
from prep.checks import all_rules
from prep.checks.fixes import apply_edits, choose, fix_text, unified_diff
from prep.checks.runner import CheckOptions, findings_for
from prep.checks.select import selected_codes
from prep.diagnostics import Diagnostic, Edit, Fix, Severity, Span
from prep.parser import decode
from test_report_sarif import region, sarif_fix

TYPO = textwrap.dedent("""\
    process P {
      goal G
      actor A {
        product 売上
        final   Out
      }
      売り上 -> Out
      Out -> 顧客
    }
    """)


def span(line, col, end_line, end_col):
    return Span("m.prep", line, col, end_line, end_col)


def test_apply_edits_replaces_inserts_and_counts_characters():
    text = "ab𠮷cd\nxyz\n"
    edits = [Edit(span(1, 3, 1, 4), "-"), Edit(span(2, 1, 2, 1), ">"), Edit(span(2, 3, 2, 4), "Z")]
    assert apply_edits(text, edits) == "ab-cd\n>xyZ\n"


def test_overlapping_fixes_are_left_for_the_next_round():
    a = Fix("a", (Edit(span(1, 1, 1, 3), "X"),))
    b = Fix("b", (Edit(span(1, 2, 1, 4), "Y"),))
    c = Fix("c", (Edit(span(1, 4, 1, 5), "Z"),))
    assert choose([a, b, c], "abcde") == [a, c]
    ins1 = Fix("i", (Edit(span(1, 1, 1, 1), "X"),))
    ins2 = Fix("j", (Edit(span(1, 1, 1, 1), "Y"),))
    assert choose([ins1, ins2], "abc") == [ins1]


def test_fix_text_stops_when_nothing_changes():
    loop = Fix("same", (Edit(span(1, 1, 1, 2), "a"),))

    class D:
        fix = loop

    assert fix_text("abc", lambda t: [D()]).applied == []


def opts():
    return CheckOptions(frozenset(selected_codes(None, (), ())))


def test_prep101_carries_unsafe_fixes_a_near_name_and_an_external():
    found = [d for d in findings_for(TYPO, "m.prep", opts()) if d.code == "PREP101"]
    fixes = [d.fix.to_json() for d in found]
    assert fixes == [
        {
            "message": "write `売上`",
            "applicability": "unsafe",
            "edits": [{"line": 7, "column": 3, "end_line": 7, "end_column": 6, "text": "売上"}],
        },
        {
            "message": "declare `external 顧客`",
            "applicability": "unsafe",
            "edits": [{"line": 3, "column": 1, "end_line": 3, "end_column": 1, "text": "  external 顧客\n"}],
        },
    ]


def test_check_fix_applies_only_safe_fixes_by_default(tmp_path):
    (tmp_path / "m.prep").write_text(TYPO, encoding="utf-8")
    proc = run(["check", "m.prep", "--fix"], tmp_path)
    assert proc.returncode == 1
    assert (tmp_path / "m.prep").read_text(encoding="utf-8") == TYPO
    assert "Fixed" not in proc.stderr


def test_check_fix_with_unsafe_fixes_rewrites_and_reports_what_remains(tmp_path):
    (tmp_path / "m.prep").write_text(TYPO, encoding="utf-8")
    proc = run(["check", "m.prep", "--fix", "--unsafe-fixes"], tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "All checks passed (1 file checked)."
    assert proc.stderr == "Fixed 2 findings in 1 file.\n"
    text = (tmp_path / "m.prep").read_text(encoding="utf-8")
    assert "  goal G\n  external 顧客\n  actor A" in text and "  売上 -> Out\n" in text


def test_diff_prints_and_writes_nothing(tmp_path):
    (tmp_path / "m.prep").write_text(TYPO, encoding="utf-8")
    proc = run(["check", "m.prep", "--diff", "--unsafe-fixes"], tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == unified_diff(
        TYPO, TYPO.replace("  goal G\n", "  goal G\n  external 顧客\n").replace("売り上 ->", "売上 ->"), "m.prep"
    )
    assert proc.stdout.startswith("--- a/m.prep\n+++ b/m.prep\n")
    assert (tmp_path / "m.prep").read_text(encoding="utf-8") == TYPO
    assert run(["check", "m.prep", "--diff"], tmp_path).returncode == 0  # no safe fix


def test_fix_from_stdin_writes_the_model_to_stdout(tmp_path):
    proc = run(["check", "-", "--fix", "--unsafe-fixes", "--stdin-filename", "x.prep"], tmp_path, stdin=TYPO)
    assert proc.stdout.startswith("process P {\n  goal G\n  external 顧客\n")
    assert "All checks passed" in proc.stderr


def test_json_and_sarif_carry_the_fix(tmp_path):
    (tmp_path / "m.prep").write_text(TYPO, encoding="utf-8")
    data = json.loads(run(["check", "m.prep", "-f", "json"], tmp_path).stdout)
    assert data["diagnostics"][0]["fix"]["applicability"] == "unsafe"
    sarif = json.loads(run(["check", "m.prep", "-f", "sarif"], tmp_path).stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["fixes"] == [sarif_fix("write `売上`", "m.prep", region(7, 3, 7, 6), "売上", "unsafe")]


PREP_BLOCK = re.compile(r"```prep\n(.*?)```", re.S)


def mistakes():
    for rule in all_rules():
        for n, block in enumerate(PREP_BLOCK.findall(rule.sections.get("Example", ""))):
            yield pytest.param(block, id=f"{rule.code}-{n}")
    cases = SHARED / "conformance" / "cases"
    for path in sorted(cases.glob("*.prep")):
        text = decode(path.read_bytes(), path.name)
        if isinstance(text, str):  # not the unreadable ones (PREP002)
            yield pytest.param(text, id=path.name)


def _key(d):
    return d.code, re.sub(r"line \d+", "line N", d.message)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("text", list(mistakes()))
def test_fixing_removes_the_fixed_findings_and_adds_none(text, unsafe):
    """Safe fixes: the fixed findings go and no new one comes. Unsafe fixes may
    change meaning (a near name can make a relation a duplicate), so of them only
    that the fixed findings are gone."""
    options = CheckOptions(frozenset(r.code for r in all_rules()))
    before = findings_for(text, "m.prep", options)
    fixed = fix_text(text, lambda t: findings_for(t, "m.prep", options), unsafe=unsafe)
    after = findings_for(fixed.text, "m.prep", options)
    assert not [d for d in after if d.fix is not None and (d.fix.safe or unsafe)]
    left = Counter(map(_key, before)) - Counter(map(_key, fixed.applied))
    now = Counter(map(_key, after))
    for key in set(map(_key, fixed.applied)):
        assert now[key] <= left[key], f"{key} is still there"
    if any(d.code == "PREP001" for d in before) or unsafe:
        return  # a mended syntax error lets the other rules speak for the first time
    assert not now - left, f"new findings after fixing: {sorted(now - left)}"


PLAN = (
    "process P {\n  goal G\n  external X\n  actor A {\n    product PlanOrder\n    final F\n"
    "  }\n  PlanOrder -> Planner\n  F -> X\n}\n"
)


def test_did_you_mean_never_suggests_the_other_end_of_the_relation():
    options = CheckOptions(frozenset(r.code for r in all_rules()))
    found = [d for d in findings_for(PLAN, "m.prep", options) if d.code == "PREP101"]
    assert [d.hint for d in found] == ["define it as a product in an actor, or as `external Planner`"]
    fixed = fix_text(PLAN, lambda t: findings_for(t, "m.prep", options), unsafe=True)
    assert "PlanOrder -> PlanOrder" not in fixed.text
    assert not [d for d in findings_for(fixed.text, "m.prep", options) if d.severity == "error"]


def test_an_unsafe_fix_that_brings_a_new_error_is_not_kept():
    text = "A -> B\n"
    bad = Diagnostic(
        "PREP101",
        Severity.ERROR,
        "`B` is not defined",
        Span("m", 1, 6, 1, 7),
        fix=Fix("write `A`", (Edit(Span("m", 1, 6, 1, 7), "A"),), safe=False),
    )
    self_loop = Diagnostic("PREP210", Severity.ERROR, "`A` is related to itself", Span("m", 1, 1, 1, 7))

    def findings(t):
        return [bad] if t == text else [self_loop]

    fixed = fix_text(text, findings, unsafe=True)
    assert fixed.text == text and not fixed.applied
