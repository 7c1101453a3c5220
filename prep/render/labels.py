"""Labels for Graphviz: HTML-like labels whose every piece of model text is escaped,
and plain strings (tooltips) escaped for dot's own quoting. Nothing a model says can
become markup, a dot statement or a Graphviz escape sequence (`\\N`, `\\l`)."""

from __future__ import annotations

import html

DOC_LIMIT = 48


def text(value: object) -> str:
    """Model text for inside an HTML-like label: `<`, `>`, `&` and quotes escaped,
    line breaks turned into spaces (a label line is one line)."""
    flat = " ".join(str(value).split())
    # Graphviz expands `\\N`, `\\G`, … even in HTML-like labels, and reads `\\\\` as one
    # backslash: doubling every backslash keeps them all literal.
    return html.escape(flat, quote=True).replace("\\", "\\\\")


def html_label(*lines: str) -> str:
    """An HTML-like label (for graphviz.quote, which keeps `<...>` as is) from lines
    that are already escaped markup."""
    return "<" + "<BR/>".join(lines) + ">"


def stacked(*lines: str) -> str:
    """An HTML-like label of lines as table rows (more legible spacing than <BR/>)."""
    rows = "".join(f"<TR><TD>{line}</TD></TR>" for line in lines)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0">{rows}</TABLE>>'


def small(markup: str, size: int = 9, colour: str | None = None) -> str:
    tint = f' COLOR="{colour}"' if colour else ""
    return f'<FONT POINT-SIZE="{size}"{tint}>{markup}</FONT>'


def plain(value: object) -> str:
    """A quoted-string attribute (tooltip). Graphviz unescapes tooltips more than once
    (`\\\\N` still becomes the node id), so a backslash is shown as the full-width
    `＼`; the string is marked not-HTML, and graphviz.quote escapes its quotes."""
    import graphviz

    return graphviz.nohtml(" ".join(str(value).split()).replace("\\", "＼"))


def shorten(value: object, limit: int = DOC_LIMIT) -> str:
    flat = " ".join(str(value).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def product_title(name: str, state: str | None) -> str:
    """`<B>申込</B>&lt;提出された&gt;`"""
    title = f"<B>{text(name)}</B>"
    if state:
        title += text(f"<{state}>")
    return title


def params_line(params: tuple[str, ...]) -> str:
    return text("(" + ", ".join(params) + ")")
