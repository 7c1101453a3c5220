"""`prep rule CODE`, `prep rule --all` and docs/rules.md, all from the rule modules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from prep.checks import all_rules, get_rule
from prep.checks.docs import rule_markdown, rules_document, rules_table
from test_cli_check import run

DOC = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_current():
    expected = rules_document(all_rules())
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run `python -m prep.checks.docs > docs/rules.md`"
    )


def test_the_module_prints_the_document():
    proc = subprocess.run([sys.executable, "-m", "prep.checks.docs"], capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == rules_document(all_rules())


def test_rule_code_prints_its_documentation(tmp_path):
    result = run(["rule", "PREP203"], tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("# PREP203 input-cycle\n")
    for heading in ("## What it does", "## Why", "## How to fix", "## Example", "## Use instead"):
        assert f"\n{heading}\n" in result.stdout
    assert result.stdout == rule_markdown(get_rule("PREP203"))


def test_rule_code_is_case_insensitive(tmp_path):
    assert run(["rule", "prep901"], tmp_path).stdout.startswith("# PREP901 unused-suppression")


def test_rule_all_lists_every_rule(tmp_path):
    result = run(["rule", "--all"], tmp_path)
    assert result.exit_code == 0
    assert result.stdout == rules_table(all_rules())
    for r in all_rules():
        assert f"| {r.code} | {r.name} |" in result.stdout


def test_unknown_rule_exits_2(tmp_path):
    result = run(["rule", "PREP999"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "prep: error: unknown rule code or name `PREP999`"


@pytest.mark.parametrize(
    "word, hint",
    [
        (
            "cycle",
            "did you mean `PREP203` (input-cycle), `PREP604` (bad-kpi-parent)? (`prep rule --all` lists the rules)",
        ),
        ("input-cylce", "did you mean `PREP203` (input-cycle)? (`prep rule --all` lists the rules)"),
        ("zzz", "`prep rule --all` lists the rules"),
    ],
)
def test_an_unknown_rule_suggests_the_rules_about_the_word(tmp_path, word, hint):
    result = run(["rule", word], tmp_path, env={"PREP_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr == (f"prep: error: unknown rule code or name `{word}`\n  hint: {hint}\n")


def test_rule_without_a_code_exits_2(tmp_path):
    result = run(["rule"], tmp_path)
    assert result.exit_code == 2
    assert "give a rule code, or --all" in result.stderr


def test_rule_output_is_not_styled(tmp_path):
    # Markdown such as `[PREP204]` in examples must not be taken for rich markup.
    from prep.checks import get_rule
    from prep.checks.docs import rule_markdown

    text = run(["rule", "PREP901"], tmp_path).stdout
    assert text == rule_markdown(get_rule("PREP901"))  # the Markdown, as written
    assert text.splitlines().count("    product 見積依頼  # prep: ignore[PREP204]") == 1
