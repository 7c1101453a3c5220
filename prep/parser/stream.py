"""Tokens from the lexer, one at a time, so that a large file is never held as a
token list: whitespace dropped, comments kept aside, one-token pushback for error
recovery, and the blocks (`process`, `actor`, `subprocess` … `{`) still open."""

from __future__ import annotations

from prep.model import Comment

BLOCK_KEYWORDS = ("PROCESS", "ACTOR", "SUBPROCESS")
NAME_TOKENS = ("IDENT", "STRING", "BAD_STRING")


STOP_EVERY = 4096  # tokens between two calls of `stop`


class TokenStream:
    def __init__(self, lexed, text: str, stop=None):
        self._lexed = _stopping(lexed, stop) if stop is not None else iter(lexed)
        self._text = text
        self._back: list = []
        self.comments: list[Comment] = []
        self.last = None  # the last token read from the lexer
        self.blocks: list[tuple] = []  # (keyword token or None, name token or None, line)
        self._keyword = None
        self._name = None
        self._awaiting_name = False

    def next(self):
        """The next token, or None at the end of the text."""
        if self._back:
            return self._back.pop()
        for tok in self._lexed:
            kind = tok.type
            if kind == "WS":
                continue
            if kind == "COMMENT":
                self._comment(tok)
                continue
            self._track(tok)
            return tok
        return None

    @property
    def text(self) -> str:
        return self._text

    def push(self, tok) -> None:
        self._back.append(tok)

    def peek(self):
        tok = self.next()
        if tok is not None:
            self.push(tok)
        return tok

    def _comment(self, tok) -> None:
        line_start = self._text.rfind("\n", 0, tok.start_pos) + 1
        own_line = not self._text[line_start : tok.start_pos].strip()
        self.comments.append(Comment(text=str(tok), line=tok.line, column=tok.column, own_line=own_line))

    def _track(self, tok) -> None:
        self.last = tok
        kind = tok.type
        if self._awaiting_name:
            self._name = tok if kind in NAME_TOKENS else None
            self._awaiting_name = False
        if kind in BLOCK_KEYWORDS:
            self._keyword, self._name, self._awaiting_name = tok, None, True
        elif kind == "LBRACE":
            self.blocks.append((self._keyword, self._name, tok.line))
            self._keyword = self._name = None
        elif kind == "RBRACE" and self.blocks:
            self.blocks.pop()


def _stopping(lexed, stop):
    """The tokens, calling `stop` every STOP_EVERY of them (it may raise to abandon
    the parse: the language server's newer version of a file)."""
    for count, tok in enumerate(lexed, 1):
        if not count % STOP_EVERY:
            stop()
        yield tok
