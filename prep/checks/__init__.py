"""The rule catalogue: one module per rule, listed here explicitly, in code order."""

from __future__ import annotations

import functools
import importlib

from prep.checks.base import Rule, rule

RULE_MODULES: tuple[str, ...] = (
    "prep001_syntax_error",
    "prep002_unreadable_file",
    "prep101_undefined_reference",
    "prep102_duplicate_definition",
    "prep103_unknown_parameter",
    "prep104_ambiguous_reference",
    "prep105_not_a_product",
    "prep106_unknown_attribute",
    "prep201_no_final_product",
    "prep202_final_goes_nowhere",
    "prep203_input_cycle",
    "prep204_unrelated_product",
    "prep205_dead_end_product",
    "prep206_intermediate_to_external",
    "prep207_unused_external",
    "prep208_goal_count",
    "prep209_empty_actor",
    "prep210_self_relation",
    "prep211_duplicate_relation",
    "prep212_external_to_external",
    "prep220_interface_mismatch",
    "prep301_until_not_milestone",
    "prep302_product_in_two_subprocesses",
    "prep303_milestone_without_subprocess",
    "prep401_intangible_on_sync",
    "prep402_intangible_with_params",
    "prep403_intangible_to_external",
    "prep501_task_like_name",
    "prep601_service_kpi_in_asis",
    "prep602_touch_without_csm",
    "prep603_final_without_kpi",
    "prep604_bad_kpi_parent",
    "prep901_unused_suppression",
)


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"prep.checks.{name}")
        # a rule reported elsewhere is RULE; a rule of its own is the function named
        # after what it finds, as the module is (prep210_self_relation: self_relation)
        found = getattr(module, "RULE", None) or getattr(module, name.split("_", 1)[1])
        rules.append(found)
    return tuple(sorted(rules, key=lambda r: r.code))


@functools.cache
def rules_by_code() -> dict[str, Rule]:
    return {r.code: r for r in all_rules()}


def get_rule(code: str) -> Rule | None:
    """The rule with this code (`PREP203`, `prep203`) or name (`input-cycle`)."""
    key = code.strip()
    found = rules_by_code().get(key.upper())
    if found is None:
        found = next((r for r in all_rules() if r.name == key.lower().replace("_", "-")), None)
    return found


__all__ = ["RULE_MODULES", "Rule", "all_rules", "get_rule", "rule", "rules_by_code"]
