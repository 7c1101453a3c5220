"""Which rules run: `select`, `extend-select`, `ignore` (codes or prefixes, or ALL)."""

from __future__ import annotations

from prep.checks import all_rules


class SelectionError(ValueError):
    """A code or prefix that names no rule."""


def expand(patterns, what: str = "--select") -> set[str]:
    codes = {r.code for r in all_rules()}
    chosen: set[str] = set()
    for raw in patterns:
        pattern = raw.strip().upper()
        if not pattern:
            continue
        if pattern == "ALL":
            chosen |= codes
            continue
        matched = {c for c in codes if c.startswith(pattern)}
        if not matched:
            raise SelectionError(f"{what}: `{raw.strip()}` is not a rule code or prefix "
                                 "(see `prep rule --all`)")
        chosen |= matched
    return chosen


def split_codes(value) -> list[str]:
    """`"PREP201,PREP3"` or a list of such strings -> ["PREP201", "PREP3"]."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def selected_codes(select=None, extend_select=(), ignore=()) -> set[str]:
    """The codes to report. Without `select`, every rule that is not opt-in."""
    if select:
        chosen = expand(select, "select")
    else:
        chosen = {r.code for r in all_rules() if not r.opt_in}
    chosen |= expand(extend_select, "extend-select")
    chosen -= expand(ignore, "ignore")
    return chosen
