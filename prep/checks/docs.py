"""Rule documentation as Markdown: `prep rule CODE`, `prep rule --all`, docs/rules.md."""

from __future__ import annotations

from prep.checks.base import SECTIONS, Rule
from prep.i18n import N_, _

HEADINGS = {
    "What it does": N_("What it does"),
    "Why": N_("Why"),
    "How to fix": N_("How to fix"),
    "Example": N_("Example"),
    "Use instead": N_("Use instead"),
}


def rule_markdown(rule: Rule, level: int = 1) -> str:
    sections = rule.sections
    h = "#" * level
    opt = _(" (opt-in)") if rule.opt_in else ""
    lines = [
        f"{h} {rule.code} {rule.name}",
        "",
        _(
            "Default severity: **{severity}**{opt}. {title}",
            severity=rule.severity.value,
            opt=opt,
            title=sections.get("Title", rule.summary),
        ),
        "",
    ]
    for title in SECTIONS:
        if title in sections:
            lines += [f"{h}# {_(HEADINGS[title])}", "", _sentence(sections[title]), ""]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _sentence(text: str) -> str:
    """Section text as a sentence: the docstring reads "What it does: finds …"."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def rules_table(rules) -> str:
    lines = [_("| code | name | severity | default | summary |"), "|---|---|---|---|---|"]
    for r in rules:
        default = _("opt-in") if r.opt_in else _("yes")
        lines.append(f"| {r.code} | {r.name} | {r.severity.value} | {default} | {_cell(r.summary)} |")
    return "\n".join(lines) + "\n"


def rules_document(rules) -> str:
    """The text of docs/rules.md (generated: `python -m prep.checks.docs > docs/rules.md`)."""
    parts = [
        _("<!-- Generated from prep/checks/*.py by `python -m prep.checks.docs`; do not edit. -->"),
        "",
        _("# Rules"),
        "",
        _(
            "Every rule `prep check` applies, with its default severity. Opt-in rules run "
            "only when selected (`--extend-select PREP501` or `extend-select` in the "
            "configuration). `prep rule CODE` prints one of these pages."
        ),
        "",
        rules_table(rules),
    ]
    for r in rules:
        parts.append(rule_markdown(r, level=2))
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str]) -> None:
    """`python -m prep.checks.docs [--lang ja]`: docs/rules.md, or docs/ja/rules.md."""
    import sys

    from prep.checks import all_rules
    from prep.i18n import set_language

    set_language(argv[argv.index("--lang") + 1] if "--lang" in argv else "en")
    sys.stdout.write(rules_document(all_rules()))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
