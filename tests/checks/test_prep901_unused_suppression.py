"""PREP901: a suppression comment that silences nothing."""

import re

from conftest import check, codes
from prep.checks import get_rule
from prep.diagnostics import Severity

RULE = get_rule("PREP901")


def _blocks(section: str) -> str:
    return re.search(r"```prep\n(.*?)```", RULE.sections[section], re.S).group(1)


def test_documented_example_triggers_and_use_instead_does_not():
    assert codes(check(_blocks("Example"))) == [("PREP901", 6)]
    assert check(_blocks("Use instead")) == []


def test_is_info_and_in_the_default_set():
    assert RULE.severity is Severity.INFO and not RULE.opt_in
    found = check(_blocks("Example"))
    assert found[0].severity is Severity.INFO
    assert found[0].hint == "remove the code from the comment, or the whole comment"


def test_not_reported_when_not_selected():
    assert check(_blocks("Example"), ignore=["PREP901"]) == []
    assert check(_blocks("Example"), select=["PREP2"]) == []


def test_a_used_suppression_is_not_reported():
    text = _blocks("Use instead").replace(
        "final   出荷指示", "product 孤立  # prep: ignore[PREP204]\n    final 出荷指示"
    )
    assert check(text) == []
    assert codes(check(text, ignore=["PREP204"])) == []  # a rule that did not run
