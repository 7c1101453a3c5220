"""Which rules run: `select`, `extend-select`, `ignore` (codes or prefixes, or ALL)."""

from __future__ import annotations

from prep.checks import all_rules
from prep.i18n import _


class SelectionError(ValueError):
    """A code or prefix that names no rule."""


def expand(patterns, what: str = "--select") -> set[str]:
    codes = {r.code for r in all_rules()}
    chosen: set[str] = set()
    for raw in patterns:
        pattern = raw.strip().upper()
        if not pattern:
            raise SelectionError(f"{what}: " + _("an empty rule code selects nothing (see `prep rule --all`)"))
        if pattern == "ALL":
            chosen |= codes
            continue
        matched = {c for c in codes if c.startswith(pattern)}
        if not matched:
            raise SelectionError(
                f"{what}: " + _("`{code}` is not a rule code or prefix (see `prep rule --all`)", code=raw.strip())
            )
        chosen |= matched
    return chosen


def split_codes(value, what: str = "--select") -> list[str]:
    """`"PREP201,PREP3"` or a list of such strings -> ["PREP201", "PREP3"]. An empty
    code (`""`, `","`, `"PREP2,"`) is a SelectionError: it would select nothing, or
    as a severity prefix match every code."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    parts = [part.strip() for item in items for part in str(item).split(",")]
    if any(not part for part in parts):
        shown = ", ".join(f"`{item}`" for item in items if str(item).strip(", "))
        raise SelectionError(
            f"{what}: "
            + (
                _(
                    "an empty rule code in {shown}; give codes or prefixes such as PREP2 (see `prep rule --all`)",
                    shown=shown,
                )
                if shown
                else _("an empty rule code; give codes or prefixes such as PREP2 (see `prep rule --all`)")
            )
        )
    return parts


def chosen_codes(layers) -> set[str]:
    """The one rule selection: start from every rule that is not opt-in; each layer
    (select, extend_select, ignore), lowest first (configuration file, then command
    line), replaces the set when it has a `select` (None: keep it), then adds and
    removes."""
    chosen = {r.code for r in all_rules() if not r.opt_in}
    for select, extend_select, ignore in layers:
        if select is not None:
            chosen = expand(select, "select")
        chosen |= expand(extend_select, "extend-select")
        chosen -= expand(ignore, "ignore")
    return chosen


def selected_codes(select=None, extend_select=(), ignore=()) -> set[str]:
    """The codes to report for one layer (the API and tests). Without `select` (or
    with an empty one), every rule that is not opt-in."""
    return chosen_codes([(select or None, extend_select, ignore)])
