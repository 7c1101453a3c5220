"""KPI trees as text: a rich Tree per process, marks as coloured tags. Model text
goes into rich `Text` objects, never into markup, so a name cannot style output."""

from __future__ import annotations

import io

MARK_STYLE = {
    "new": "bold green",
    "service": "bold red",
    "supplemented": "cyan",
    "kgi": "bold magenta",
    "intervention": "bold yellow",
    "ref": "dim",
}
KIND_STYLE = {
    "goal": "bold", "process": "bold", "final": "bold", "milestone": "",
    "intangible": "italic", "product": "", "external": "dim", "kpi": "blue",
}


def _line(node):
    from rich.text import Text

    from prep.diagnostics import printable

    style = KIND_STYLE.get(node.kind, "")
    if "service" in node.marks:
        style = "bold red"
    line = Text(printable(node.label), style=style)   # no bidi override reaches a terminal
    line.append(f"  {node.kind}", style="dim")
    for mark in map(printable, node.marks):
        if mark.startswith("issue:"):
            line.append(f" [issue: {mark[6:]}]", style="dark_orange")
        elif mark.startswith("for:"):
            line.append(f" [for {mark[4:]}]", style="dim")
        elif mark == "ref":
            line.append(" [ref: shown in full above]", style="dim")
        else:
            line.append(f" [{mark}]", style=MARK_STYLE.get(mark, ""))
    return line


def renderable(trees):
    """One rich renderable for all trees."""
    from rich.console import Group
    from rich.text import Text
    from rich.tree import Tree as RichTree

    parts = []
    for n, tree in enumerate(trees):
        if n:
            parts.append(Text(""))
        heading = Text(f"{tree.process}", style="bold underline")
        heading.append(f"  ({tree.stage})", style="dim")
        parts.append(heading)
        top = RichTree(_line(tree.root), guide_style="dim")
        stack = [(top, tree.root)]
        while stack:                       # iterative: deep trees must not recurse
            branch, node = stack.pop()
            made = [(branch.add(_line(child)), child) for child in node.children]
            stack.extend(reversed(made))
        parts.append(top)
        if tree.removed:
            gone = Text("removed: ", style="bold red")
            gone.append(", ".join(tree.removed), style="red")
            parts.append(gone)
        if tree.truncated:
            parts.append(Text(f"note: {tree.note}", style="yellow"))
    if not trees:
        parts.append(Text("no process", style="dim"))
    return Group(*parts)


def to_text(trees, width: int = 200) -> str:
    """Plain text (no colour), for files and `-o -`."""
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, no_color=True, highlight=False,
            soft_wrap=True, legacy_windows=False).print(renderable(trees))
    return buffer.getvalue()
