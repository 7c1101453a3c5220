"""prep's places (1-based line and column in characters, end exclusive) to LSP's
(0-based line, `character` in the negotiated units: UTF-16 code units unless the
client chose UTF-8 or UTF-32) and back."""

from __future__ import annotations

from lsprotocol import types


def units(text: str, encoding: str) -> int:
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def to_char(line_text: str, character: int, encoding: str) -> int:
    """The character index in `line_text` at `character` units (clamped)."""
    if encoding == "utf-32" or line_text.isascii():
        return min(character, len(line_text))
    count = 0
    for index, ch in enumerate(line_text):
        if count >= character:
            return index
        count += units(ch, encoding)
    return len(line_text)


class Lines:
    """A text's lines, for converting positions."""

    def __init__(self, text: str, encoding: str = "utf-16"):
        from prep.parser.lines import line_end, line_starts

        starts = line_starts(text)  # LF, CR LF or a lone CR, as everywhere
        self.lines = [text[start : line_end(text, starts, i)] for i, start in enumerate(starts)]
        self.encoding = encoding

    def line(self, n: int) -> str:
        return self.lines[n] if 0 <= n < len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """From 0-based line and character index."""
        text = self.line(line)
        return types.Position(line=max(line, 0), character=units(text[: max(column, 0)], self.encoding))

    def range(self, span) -> types.Range:
        """From a prep Span."""
        return types.Range(
            start=self.position(span.line - 1, span.column - 1),
            end=self.position(span.end_line - 1, span.end_column - 1),
        )

    def token_range(self, tok) -> types.Range:
        return types.Range(start=self.position(tok.line, tok.column), end=self.position(tok.line, tok.end))

    def char(self, position: types.Position) -> tuple[int, int]:
        """To 0-based line and character index."""
        return position.line, to_char(self.line(position.line), position.character, self.encoding)
