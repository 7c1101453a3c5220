"""Output formats and the file suffixes that choose them: one table for `prep render`,
`prep kpi` and `prep diff`, each of which takes the formats it can write."""

from __future__ import annotations

SUFFIX_FORMAT = {
    ".txt": "text",
    ".json": "json",
    ".csv": "csv",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".html": "html",
    ".htm": "html",
    ".pptx": "pptx",
    ".drawio": "drawio",
}
# the suffix a file of each format gets when prep names it (the first in the table)
SUFFIX_OF = {fmt: suffix for suffix, fmt in reversed(SUFFIX_FORMAT.items())}
TEXT = frozenset({"text", "json", "csv", "svg", "dot", "mermaid", "html", "drawio"})


def suffixes(formats: tuple[str, ...]) -> dict[str, str]:
    """The suffixes that choose one of `formats`, in the table's order."""
    return {suffix: fmt for suffix, fmt in SUFFIX_FORMAT.items() if fmt in formats}


def text_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """Those of `formats` that are text (safe to write to a terminal)."""
    return tuple(fmt for fmt in formats if fmt in TEXT)
