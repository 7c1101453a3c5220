"""Rule documentation as Markdown: `prep rule CODE`, `prep rule --all`, docs/rules.md."""

from __future__ import annotations

from prep.checks.base import SECTIONS, Rule

HEADINGS = {"What it does": "What it does", "Why": "Why", "How to fix": "How to fix",
            "Example": "Example", "Use instead": "Use instead"}


def rule_markdown(rule: Rule, level: int = 1) -> str:
    sections = rule.sections
    h = "#" * level
    opt = " (opt-in)" if rule.opt_in else ""
    lines = [f"{h} {rule.code} {rule.name}", "",
             f"Default severity: **{rule.severity.value}**{opt}. "
             f"{sections.get('Title', rule.summary)}", ""]
    for title in SECTIONS:
        if title in sections:
            lines += [f"{h}# {HEADINGS[title]}", "", _sentence(sections[title]), ""]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _sentence(text: str) -> str:
    """Section text as a sentence: the docstring reads "What it does: finds …"."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def rules_table(rules) -> str:
    lines = ["| code | name | severity | default | summary |", "|---|---|---|---|---|"]
    for r in rules:
        lines.append(f"| {r.code} | {r.name} | {r.severity.value} | "
                     f"{'opt-in' if r.opt_in else 'yes'} | {_cell(r.summary)} |")
    return "\n".join(lines) + "\n"


def rules_document(rules) -> str:
    """The text of docs/rules.md (generated: `python -m prep.checks.docs > docs/rules.md`)."""
    parts = ["<!-- Generated from prep/checks/*.py by `python -m prep.checks.docs`; "
             "do not edit. -->", "", "# Rules", "",
             "Every rule `prep check` applies, with its default severity. Opt-in rules run "
             "only when selected (`--extend-select PREP501` or `extend-select` in the "
             "configuration). `prep rule CODE` prints one of these pages.", "",
             rules_table(rules)]
    for r in rules:
        parts.append(rule_markdown(r, level=2))
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    from prep.checks import all_rules

    sys.stdout.write(rules_document(all_rules()))
