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
_ENDING = re.compile(r"\r\n|\r|\n")


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


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins (index 0 is line 1), after LF, CR LF or a
    lone CR alike."""
    return [0, *(match.end() for match in _ENDING.finditer(text))]


def line_end(text: str, starts: list[int], index: int) -> int:
    """The offset where line `index` (0-based) ends, before its line end."""
    if index + 1 >= len(starts):
        return len(text)
    end = starts[index + 1] - 1
    return end - 1 if text[end] == "\n" and end > starts[index] and text[end - 1] == "\r" else end


def ending(text: str) -> str:
    """The line end the text uses (its first one): "\r\n", "\r" or "\n" (also when it
    has none)."""
    match = _ENDING.search(text)
    return match.group() if match else "\n"


def to_lf(text: str) -> str:
    """`text` with every line end (CR LF, lone CR) made an LF."""
    return _ENDING.sub("\n", text) if "\r" in text else text
