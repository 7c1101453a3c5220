"""`prep rule`: a rule's documentation, or the list of rules."""

from __future__ import annotations

from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import console, fail, optional_argument
from prep.i18n import _


@app.command()
def rule(
    code: Optional[str] = optional_argument(
        "A rule code or name, such as PREP203 or input-cycle.",
        autocompletion=lambda incomplete: _complete(incomplete),
    ),
    all_: bool = typer.Option(False, "--all", help="List every rule."),
) -> None:
    """Show a rule's documentation: what it does, why, how to fix it, examples.

    Example: prep rule PREP203   (or: prep rule input-cycle)
    """
    from prep.checks import all_rules, get_rule
    from prep.checks.docs import rule_markdown, rules_table

    out = console()
    if all_ or code is None:
        if code is None and not all_:
            fail(_("give a rule code, or --all to list them"), "prep rule PREP203")
        out.print(rules_table(all_rules()), markup=False, end="")
        return
    found = get_rule(code)
    if found is None:
        near = _near(code, all_rules())
        fail(
            _("unknown rule code or name `{code}`", code=code),
            _("did you mean {rules}? (`prep rule --all` lists the rules)", rules=near)
            if near
            else _("`prep rule --all` lists the rules"),
        )
    out.print(rule_markdown(found), markup=False, end="")


def _near(word: str, rules) -> str:
    """The rules whose name or summary holds `word` (`cycle`: PREP203 input-cycle and
    PREP604 bad-kpi-parent), else those with a name close to it, as `CODE name`."""
    import difflib

    low = word.lower().strip()
    found = [r for r in rules if low and (low in r.name.lower() or low in r.summary.lower())]
    if not found:
        close = difflib.get_close_matches(low, [r.name for r in rules], n=3, cutoff=0.6)
        found = [r for r in rules if r.name in close]
    return ", ".join(f"`{r.code}` ({r.name})" for r in found[:5])


def _complete(incomplete: str) -> list[tuple[str, str]]:
    from prep.checks import all_rules

    low = incomplete.lower()
    return [(value, r.summary) for r in all_rules() for value in (r.code, r.name) if value.lower().startswith(low)]
