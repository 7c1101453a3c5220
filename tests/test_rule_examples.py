"""Every rule's documented Example triggers it, and its `Use instead` does not."""

import re

import pytest

from conftest import check
from prep.checks import all_rules

PREP_BLOCK = re.compile(r"```prep\n(.*?)```", re.S)
NO_EXAMPLE = {"PREP002"}  # an unreadable file cannot be shown as model text

RULES = [r for r in all_rules()]


def blocks(rule, section):
    return PREP_BLOCK.findall(rule.sections.get(section, ""))


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_EXAMPLE], ids=lambda r: r.code)
def test_example_triggers_the_rule(rule):
    examples = blocks(rule, "Example")
    assert examples, f"{rule.code} has no ```prep block under `Example:`"
    if rule.scope == "meta":
        # a meta rule judges the other rules' findings (PREP901: suppressions of
        # selected codes), so it runs with the default set
        found = check(examples[0], extend_select=[rule.code])
    else:
        found = check(examples[0], select=[rule.code])
    assert rule.code in {d.code for d in found}, f"{rule.code} Example does not trigger it"


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_EXAMPLE], ids=lambda r: r.code)
def test_use_instead_is_clean_of_the_rule(rule):
    fixed = blocks(rule, "Use instead")
    assert fixed, f"{rule.code} has no ```prep block under `Use instead:`"
    # the default set, plus the rule itself when it is opt-in
    found = check(fixed[0], extend_select=[rule.code])
    assert [(d.code, d.span.line, d.message) for d in found if d.code == rule.code] == []


def test_prep002_has_no_model_example():
    rule = next(r for r in RULES if r.code == "PREP002")
    assert blocks(rule, "Example") == []


@pytest.mark.parametrize("rule", [r for r in RULES if r.code.startswith("PREP2")], ids=lambda r: r.code)
def test_structure_rule_examples_are_exact(rule):
    """For the structure rules (PREP2xx) the Example triggers this rule only and
    `Use instead` checks clean with the default set."""
    (example,) = blocks(rule, "Example")
    (fixed,) = blocks(rule, "Use instead")
    assert {d.code for d in check(example)} == {rule.code}
    assert check(fixed) == []
