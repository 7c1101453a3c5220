"""KPI trees as text, drawn with `├──` guides as `cargo tree` does: a node shown
before is written again as `name (*)`. Lines are built without recursion; past
DEPTH levels a branch is continued in a section of its own below the tree, so a
very deep chain stays readable and linear in size. Model text goes into rich
`Text` objects, never into markup, so a name cannot style output."""

from __future__ import annotations

import io
import re

from prep.diagnostics import printable
from prep.kpi.tree import Node
from prep.i18n import _


_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _shown(text: str) -> str:
    """Model text on one line (a multi-line issue text stays on its line), with
    anything that would act on a terminal or hide itself escaped (`\u2028`)."""
    return printable(_BREAKS.sub(" ", text))


DEPTH = 32
MARK_STYLE = {
    "new": "bold magenta",
    "removed": "dim strike",
    "service": "bold red",
    "supplemented": "cyan",
    "kgi": "bold",
    "intervention": "bold red",
}
KIND_STYLE = {
    "goal": "bold",
    "process": "bold",
    "final": "bold",
    "milestone": "",
    "intangible": "italic",
    "product": "",
    "external": "dim",
    "kpi": "blue",
}


def _node_line(node: Node, suffix: str = "") -> list[tuple[str, str]]:
    style = KIND_STYLE.get(node.kind, "")
    if "service" in node.marks:
        style = "bold red"
    if "removed" in node.marks:
        style = "dim"
    parts = [(_shown(node.label), style), (f"  {node.kind}", "dim")]
    for mark in node.marks:
        if mark.startswith("issue:"):
            parts.append((f" [issue: {_shown(mark[6:])}]", "dark_orange"))
        elif mark.startswith("for:"):
            parts.append((f" [for {_shown(mark[4:])}]", "dim"))
        else:
            parts.append((f" [{mark}]", MARK_STYLE.get(mark, "")))
    if suffix:
        parts.append((suffix, "dim"))
    return parts


def tree_lines(tree) -> list[list[tuple[str, str]]]:
    """The lines of one tree (without its heading), as (text, style) segments."""
    out: list[list[tuple[str, str]]] = []
    sections = [tree.root]
    while sections:
        top = sections.pop(0)
        if top is not tree.root:
            out.append([])
            out.append(_node_line(top, _("  (continued)")))
        else:
            out.append(_node_line(top))
        stack = [(c, "", n == len(top.children) - 1, 1) for n, c in reversed(list(enumerate(top.children)))]
        while stack:
            item, prefix, last, depth = stack.pop()
            guide = prefix + ("└── " if last else "├── ")
            if not isinstance(item, Node):
                out.append([(guide, "dim"), (_shown(item.node.label), ""), (" (*)", "dim")])
                continue
            if depth >= DEPTH and item.children:
                out.append([(guide, "dim")] + _node_line(item, _("  (continued below)")))
                sections.append(item)
                continue
            out.append([(guide, "dim")] + _node_line(item))
            inner = prefix + ("    " if last else "│   ")
            count = len(item.children)
            stack.extend((c, inner, n == count - 1, depth + 1) for n, c in reversed(list(enumerate(item.children))))
    return out


def all_lines(trees) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    for n, tree in enumerate(trees):
        if n:
            out.append([])
        view = "" if tree.view == "kpi" else ", products"
        out.append([(_shown(tree.process), "bold underline"), (f"  ({tree.stage}{view})", "dim")])
        out.extend(tree_lines(tree))
        if tree.added is not None and tree.stage == "tobe":
            out.append(
                [
                    (_("added: "), "bold magenta"),
                    (_shown(", ".join(tree.labels(tree.added))) or _("(nothing)"), "magenta"),
                ]
            )
        if tree.removed is not None and tree.stage == "tobe":
            out.append([(_("removed: "), "bold"), (_shown(", ".join(tree.labels(tree.removed))) or _("(nothing)"), "")])
    if not trees:
        out.append([(_("no process"), "dim")])
    return out


def renderable(trees):
    """One rich renderable for all trees (terminal output, with styles)."""
    from rich.console import Group
    from rich.text import Text

    lines = []
    for parts in all_lines(trees):
        line = Text()
        for text, style in parts:
            line.append(text, style=style)
        lines.append(line)
    return Group(*lines)


def to_text(trees) -> str:
    """Plain text (no colour), for files, pipes and `-o -`."""
    buffer = io.StringIO()
    for parts in all_lines(trees):
        buffer.write("".join(text for text, _style in parts).rstrip() + "\n")
    return buffer.getvalue()
