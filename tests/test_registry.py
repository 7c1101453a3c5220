"""Every registered rule is complete: documentation in five sections, a conformance
case, and a unit-test file."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SHARED
from prep.checks import RULE_MODULES, all_rules
from prep.checks.base import SECTIONS

RULES = list(all_rules())
CASES = SHARED / "conformance" / "cases"
TESTS = ROOT / "tests" / "checks"


def test_registry_is_in_code_order_and_codes_are_unique():
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    assert [m[:7].upper() for m in RULE_MODULES] == codes
    for r in RULES:
        assert re.fullmatch(r"PREP\d{3}", r.code)
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", r.name), r.name
        assert r.module.endswith(f".{r.code.lower()}_{r.name.replace('-', '_')}") or r.module.split(".")[-1].startswith(
            r.code.lower() + "_"
        )


def test_names_are_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documentation_has_every_section(rule):
    sections = rule.sections
    missing = [s for s in SECTIONS if not sections.get(s, "").strip()]
    assert not missing, f"{rule.code}: missing sections {missing}"
    assert "(stub" not in rule.doc, f"{rule.code}: the documentation is still a stub"
    assert sections.get("Title"), f"{rule.code}: the docstring needs a title line"
    if rule.code == "PREP002":  # an unreadable file cannot be shown as text
        return
    for title in ("Example", "Use instead"):
        assert re.search(r"```prep\n.+?```", sections[title], re.S), f"{rule.code}: `{title}:` needs a ```prep block"


@pytest.mark.skipif(not CASES.is_dir(), reason="the conformance cases are absent (a clone alone)")
@pytest.mark.parametrize("rule", [r for r in RULES if not r.code.startswith("PREP9")], ids=lambda r: r.code)
def test_a_conformance_case_exists(rule):
    assert list(CASES.glob(f"{rule.code.lower()}*.prep")), f"{rule.code}: no conformance case {rule.code.lower()}*.prep"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_unit_test_file_exists(rule):
    assert list(TESTS.glob(f"test_{rule.code.lower()}_*.py")), (
        f"{rule.code}: no tests/checks/test_{rule.code.lower()}_*.py"
    )
