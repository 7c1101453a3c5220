"""A diff as text: per process, per category, `+` added (green), `-` removed (red),
`~` changed (yellow). Model text goes into rich `Text`, never into markup."""

from __future__ import annotations

import io
import json

from prep.diff.changes import CATEGORIES
from prep.i18n import _


def _value(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def describe(changes: dict) -> str:
    parts = []
    for name, change in changes.items():
        if name == "attrs":
            parts.extend(f"[{a}] {_value(o)} → {_value(n)}" for a, (o, n) in change.items())
        else:
            old, new = change
            parts.append(f"{name} {_value(old)} → {_value(new)}")
    return "; ".join(parts)


def renderable(result):
    from rich.console import Group
    from rich.text import Text

    parts = []
    for name in result.missing:
        parts.append(Text("- " + _("process {name} (only in the AsIs file)", name=name), style="bold red"))
    for name in result.extra:
        parts.append(Text("+ " + _("process {name} (only in the ToBe file)", name=name), style="bold green"))
    for p in result.processes:
        if p.empty:
            continue
        if result.prefixed:
            parts.append(Text(f"process {p.name}", style="bold underline"))
        indent = "  " if result.prefixed else ""
        for cat in CATEGORIES:
            lines = (
                [("+", e, "green") for e in p.added[cat]]
                + [("-", e, "red") for e in p.removed[cat]]
                + [("~", f"{c['name']}: {describe(c['changes'])}", "yellow") for c in p.changed[cat]]
            )
            if not lines:
                continue
            parts.append(Text(f"{indent}{_(cat)}", style="bold"))
            for sign, entry, style in lines:
                parts.append(Text(f"{indent}  {sign} {entry}", style=style))
    if result.empty and not result.missing and not result.extra:
        parts.append(Text(_("no differences"), style="dim"))
    return Group(*parts)


def to_text(result) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None, no_color=True, highlight=False, soft_wrap=True).print(
        renderable(result)
    )
    return buffer.getvalue()
