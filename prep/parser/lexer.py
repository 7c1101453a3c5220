"""A faster lexer made of lark's own: the same terminals of `grammar/prep.lark`, in
the same order, in the one regular expression lark's basic lexer compiles, with the
same keyword rule (an IDENT spelt like a keyword is that keyword). What it saves is
lark's per-token bookkeeping: whitespace is skipped without making tokens, and
tokens are made without lark's keyword-argument constructor.

Tokens are lark `Token`s with the same type, value, position, line and column
(1-based; the end exclusive) as lark's lexer gives; `tests/test_lexer.py` compares
the two on every example and conformance case. When lark's lexer is set up in a way
this one does not copy (several expressions, callbacks other than keywords), lark's
own is used."""

from __future__ import annotations

SKIPPED = "WS"


class FastLexer:
    def __init__(self, lark_parser):
        from lark.lexer import PatternStr, UnlessCallback

        lexer = lark_parser._build_lexer(dont_ignore=True)
        scanner = lexer.scanner  # builds lexer.callback too
        self.usable = len(scanner._mres) == 1
        self.keywords: dict[str, dict[str, str]] = {}
        for type_, callback in lexer.callback.items():
            if not isinstance(callback, UnlessCallback) or not all(
                isinstance(t.pattern, PatternStr) and not t.pattern.flags for t in callback.scanner.terminals
            ):
                self.usable = False
                continue
            self.keywords[type_] = {t.pattern.value: t.name for t in callback.scanner.terminals}
        self.pattern = scanner._mres[0] if scanner._mres else None
        self.newline_types = lexer.newline_types
        self.lark_parser = lark_parser

    def lex(self, text: str, first_line: int = 1):
        """Tokens of `text` (no whitespace tokens), as lark's basic lexer makes them;
        the text's first line is numbered `first_line`."""
        if not self.usable:
            return (
                _moved(t, first_line - 1) for t in self.lark_parser.lex(text, dont_ignore=True) if t.type != SKIPPED
            )
        return self._lex(text, first_line)

    def _lex(self, text: str, start_line: int = 1):
        from lark.lexer import Token

        new = str.__new__
        keywords = self.keywords
        newline_types = self.newline_types
        line, line_start, pos = start_line, 0, 0
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if start != pos:  # cannot happen: BAD_CHAR matches any character
                raise ValueError(f"the lexer skipped text at offset {pos}")
            pos = end
            type_ = match.lastgroup
            value = match.group()
            column = start - line_start + 1
            first_line = line
            if type_ in newline_types:
                newlines = value.count("\n")
                if newlines:
                    line += newlines
                    line_start = start + value.rindex("\n") + 1
            if type_ == SKIPPED:
                continue
            if type_ in keywords:
                type_ = keywords[type_].get(value, type_)
            tok = new(Token, value)
            tok.type = type_
            tok.value = value
            tok.start_pos = start
            tok.line = first_line
            tok.column = column
            tok.end_line = line
            tok.end_column = end - line_start + 1
            tok.end_pos = end
            yield tok


def _moved(tok, lines: int):
    if lines:
        tok.line += lines
        tok.end_line += lines
    return tok


_lexer: FastLexer | None = None


def fast_lexer(lark_parser) -> FastLexer:
    global _lexer
    if _lexer is None or _lexer.lark_parser is not lark_parser:
        _lexer = FastLexer(lark_parser)
    return _lexer
