"""One definition of a line, used everywhere a line is counted or shown.

A line ends at LF, CR LF, or a lone CR: the Language Server Protocol's definition,
and what VS Code and most editors show. Nothing else ends a line: vertical tab, form
feed, the information separators U+001C–U+001E, NEL (U+0085) and the line and
paragraph separators U+2028/U+2029 are characters on the line (shown escaped in
excerpts, see prep.diagnostics.printable). The parser reads text after `normalize`,
so the lexer's line numbers, the spans of findings and the excerpts of the text
report (`split`) agree."""

from __future__ import annotations

import re

_LONE_CR = re.compile(r"\r(?!\n)")


def normalize(text: str) -> str:
    """`text` with each lone CR made an LF: one character for one, so offsets and
    columns are unchanged, and the lexer (which counts LF) sees every line end."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def split(text: str) -> list[str]:
    """The lines of `text` without their ends (line 1 is item 0)."""
    lines = normalize(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
