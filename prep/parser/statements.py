"""Statements written in the wrong place or missing a part, read on as mended so that
one slip is one finding: a statement inside an actor's block that belongs to the
process (`external 経理`), a block with no `{` (`process 受注`), an issue with no
`on`, and `¥"` typed for the escape `\\"` (a Japanese keyboard's backslash)."""

from __future__ import annotations

from lark import Token

from prep.diagnostics import Edit, Fix, Span
from prep.parser.mending import (
    KINDS,
    STATEMENTS,
    Repair,
    error,
    point_after,
    shifted,
    span_of,
    virtual,
)
from prep.i18n import _

RELATION_NEXT = ("INPUT", "SYNC", "COMMA", "STATE", "DOT")


def mend(state, stream, file: str, tok: Token, previous: Token | None, wanted) -> Repair | None:
    if previous is None:
        return None
    if previous.type == "STRING" and tok.start_pos == previous.end_pos:
        return yen_escape(state, stream, file, tok, previous)
    values = state.value_stack
    if "ON" in wanted and len(values) > 1 and getattr(values[-2], "type", None) == "ISSUE":
        return _no_on(file, tok, previous)
    if tok.line == previous.end_line:
        return None
    if "LBRACE" in wanted:
        found = _no_brace(state, stream, file, tok, previous)
        if found is not None:
            return found
    if "RBRACE" in wanted and KINDS[0] in wanted and not _open_bracket(state):
        return _in_actor(stream, file, tok)
    return None


def _open_bracket(state) -> bool:
    """Whether a `(` or `[` of the statement being read is still open (then a missing
    `)` or `]` is the slip, said elsewhere)."""
    for value in reversed(state.value_stack):
        if isinstance(value, Token) and value.type in ("LPAR", "LSQB"):
            return True
        if not isinstance(value, Token) or value.type in ("LBRACE", "RBRACE"):
            return False
    return False


def _starts_statement(stream, tok: Token) -> bool:
    if tok.type in STATEMENTS:
        return True
    nxt = stream.peek()
    return tok.type in ("IDENT", "STRING") and nxt is not None and nxt.type in RELATION_NEXT


def _in_actor(stream, file: str, tok: Token) -> Repair | None:
    """`external 経理`, `kpi …` or a relation inside an actor's block (indented in it:
    at the actor's own indentation, the actor's `}` is missing, said elsewhere)."""
    if not stream.blocks or stream.blocks[-1][0] is None:
        return None
    keyword, name, _line = stream.blocks[-1]
    if keyword.type != "ACTOR" or tok.column <= keyword.column or not _starts_statement(stream, tok):
        return None
    last = tok
    while (nxt := stream.peek()) is not None and nxt.line == tok.line:
        last = stream.next()
    written = stream.text[tok.start_pos : last.end_pos]
    if len(written) > 40:
        written = written[:37] + "..."
    actor = str(name) if name is not None else "…"
    what = (
        _("an external process is declared in the process, outside any actor")
        if tok.type == "EXTERNAL"
        else _("an actor's block holds only the actor's products")
    )
    return Repair(
        error(
            span_of(file, tok, last),
            _("`{written}` is inside actor `{actor}`: {what}", written=written, actor=actor, what=what),
            _("move it after the `}}` that closes `actor {actor}`", actor=actor),
        ),
        [],
    )


def _no_brace(state, stream, file: str, tok: Token, previous: Token) -> Repair | None:
    """`process 受注` or `actor 営業部` and, on the next line, what goes in its block."""
    values = state.value_stack
    header = _header(values)
    if header is None:
        return None
    fits = (
        (tok.type in KINDS or tok.type == "RBRACE")
        if header.type == "ACTOR"
        else (tok.type in STATEMENTS or tok.type == "RBRACE" or _starts_statement(stream, tok))
    )
    if not fits:
        return None
    at = state.value_stack.index(header)
    name = state.value_stack[at + 1] if at + 1 < len(state.value_stack) else None
    label = getattr(name, "text", None) or "…"
    opened = stream.text[header.start_pos : previous.end_pos]
    return Repair(
        error(
            span_of(file, header, previous),
            _("`{opened}` has no `{{`: a block opens with `{{` at the end of its first line", opened=opened),
            _("write `{opened} {{`", opened=opened),
            Fix(_("add `{`"), (Edit(point_after(file, previous), " {"),)),
        ),
        [virtual("LBRACE", "{", previous), tok],
        opens_block=(header, _named(label, header), 0),
    )


_IN_HEADER = ("IDENT", "STRING", "BAD_STRING", "TEXT", "LSQB", "RSQB", "COMMA", "EQUAL", "NUMBER")


def _header(values) -> Token | None:
    """The `process`/`actor` keyword whose header (name, attributes) ends the stack."""
    from prep.model import Attr
    from prep.parser.build import Word

    for value in reversed(values):
        if isinstance(value, Token):
            if value.type in ("PROCESS", "ACTOR"):
                return value
            if value.type not in _IN_HEADER:
                return None
        elif not isinstance(value, (Word, Attr, tuple)):
            return None
    return None


def _named(label: str, at: Token) -> Token:
    return Token.new_borrow_pos("IDENT", label, at)


def _no_on(file: str, tok: Token, previous: Token) -> Repair | None:
    """`issue "…" 見積依頼` (an `on` is missing) or `issue "…"` alone on its line."""
    if tok.line == previous.end_line and tok.type in ("IDENT", "STRING"):
        at = Span(file, tok.line, tok.column, tok.line, tok.column)
        return Repair(
            error(
                span_of(file, tok),
                _("`on` is missing before `{word}`: an issue names the product it is about after `on`", word=str(tok)),
                _("write `issue {text} on {word}`", text=str(previous), word=str(tok)),
                Fix(_("add `on`"), (Edit(at, "on "),)),
            ),
            [virtual("ON", "on", tok), tok],
        )
    if tok.line == previous.end_line:
        return None
    text = str(previous) if len(str(previous)) <= 40 else str(previous)[:37] + '..."'
    return Repair(
        error(
            span_of(file, previous),
            _("`issue {text}` names no product: an issue is about a product, named after `on`", text=text),
            _("write `issue {text} on PRODUCT`", text=text),
        ),
        None,
    )


def yen_escape(state, stream, file: str, tok: Token, previous: Token) -> Repair | None:
    """`"率¥""`: `¥"` typed for `\\"` (on a Japanese keyboard the backslash key types `¥`)."""
    text = stream.text
    top = state.value_stack[-1] if state.value_stack else None
    if not str(previous).endswith('¥"') or not (
        shifted(state, previous)
        or getattr(top, "span", None) is not None
        and (top.span.line, top.span.column) == (previous.line, previous.column)
    ):
        return None
    i, end = previous.start_pos + 1, None
    while i < len(text) and text[i] != "\n":
        if text[i] in "\\¥" and text[i + 1 : i + 2] == '"':
            i += 2
        elif text[i] == '"':
            end = i + 1
            break
        else:
            i += 1
    line_end = text.find("\n", tok.start_pos)
    line_end = len(text) if line_end < 0 else line_end
    if end is None or tok.end_pos > line_end:
        return None
    dropped = []
    while (nxt := stream.peek()) is not None and nxt.start_pos < line_end:
        dropped.append(stream.next())  # the rest of the line is read again below
    if dropped and dropped[-1].end_pos > line_end:
        for t in reversed(dropped):
            stream.push(t)
        return None
    for again in reversed(_lex(text[end:line_end], end, previous.line, previous.column + end - previous.start_pos)):
        stream.push(again)
    written = text[previous.start_pos : end]
    meant = written.replace('¥"', '\\"')
    end_column = previous.column + end - previous.start_pos
    span = Span(file, previous.line, previous.column, previous.line, end_column)
    merged = Token("STRING", meant, previous.start_pos, previous.line, previous.column, previous.line, end_column, end)
    return Repair(
        error(
            span,
            _('`¥"` is not an escape: a quote inside a name is written `\\"`'),
            _("write `{meant}`", meant=meant),
            Fix(_("write `{meant}`", meant=meant), (Edit(span, meant),), safe=False),
        ),
        [merged],
        pop=True,
    )


def _lex(text: str, offset: int, line: int, column: int) -> list[Token]:
    """The tokens of `text` (the rest of one line), placed where it stands in the file."""
    from prep.parser.grammar import lark_parser
    from prep.parser.lexer import fast_lexer

    tokens = [t for t in fast_lexer(lark_parser()).lex(text) if t.type != "COMMENT"]
    for t in tokens:
        t.start_pos += offset
        t.end_pos += offset
        t.line = t.end_line = line
        t.column += column - 1
        t.end_column += column - 1
    return tokens
