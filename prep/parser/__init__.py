"""Text to model: `parse_file(path)` / `parse_text(text, path)` -> ParseResult.

Syntax errors become PREP001 and unreadable files PREP002; nothing raises (but a
caller's `stop`, which may abandon a parse)."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from prep.codes import SYNTAX_ERROR, UNREADABLE_FILE
from prep.diagnostics import Diagnostic, Span
from prep.folders import not_regular
from prep.parser.lines import normalize as normalize_lines
from prep.i18n import N_, _
from prep.model import Document

import contextlib
import gc
import os

MAX_FILE_BYTES = 64 * 1024 * 1024
_NAMES = frozenset(("IDENT", "STRING", "BAD_STRING", "TEXT"))
_lock = threading.Lock()


@dataclass
class ParseResult:
    """The document (None when the file could not be read) and the syntax findings."""

    path: str
    document: Document | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.diagnostics


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while building large, acyclic structures: its
    repeated full passes over every live object make big models superlinear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def unreadable(path: str, why: str, hint: str | None = None) -> ParseResult:
    d = UNREADABLE_FILE.at(Span.point(path), why, hint)
    return ParseResult(path, None, [d])


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_SAVE_AS_UTF8 = N_("save the file as UTF-8 (for example, convert it with `iconv -f {encoding} -t UTF-8`)")


def binary(text: str | bytes, path: str) -> ParseResult | None:
    """PREP002 for text with a NUL (a binary file, or UTF-16/32 read as bytes), naming
    the line of the first NUL; the same whether bytes come from a file or text from
    an editor or `check_text`."""
    nul = "\x00" if isinstance(text, str) else b"\x00"
    at = text.find(nul)
    if at < 0:
        return None
    line = text.count("\n" if isinstance(text, str) else b"\n", 0, at) + 1
    if _looks_wide(text):
        return unreadable(
            path,
            _("the file is UTF-16 or UTF-32 text, not UTF-8 (a NUL byte on line {line})", line=line),
            _(_SAVE_AS_UTF8, encoding="UTF-16"),
        )
    return unreadable(
        path,
        _("the file is binary, not a text model (a NUL byte on line {line})", line=line),
        _("`prep` reads `.prep` text files saved as UTF-8"),
    )


def _looks_wide(text: str | bytes) -> bool:
    """UTF-16/32 without a byte order mark: NULs at every second (or fourth) byte."""
    sample = text[:400]
    nul = "\x00" if isinstance(sample, str) else b"\x00"
    return len(sample) >= 4 and sample.count(nul) * 3 >= len(sample)


def decode(data: bytes, path: str) -> str | ParseResult:
    """UTF-8 text without a byte order mark, NFC-normalised; or a PREP002 result."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return unreadable(
                path,
                _("the file is {encoding} text, not UTF-8 (its byte order mark on line 1)", encoding=encoding),
                _(_SAVE_AS_UTF8, encoding=encoding),
            )
    found = binary(data, path)
    if found is not None:
        return found
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = f"0x{data[error.start]:02x}"
        return unreadable(
            path,
            _("the file is not valid UTF-8 (byte {byte} on line {line})", byte=byte, line=line),
            _("save the file as UTF-8 (for example, convert it from Shift_JIS with `iconv -f SHIFT_JIS -t UTF-8`)"),
        )
    return unicodedata.normalize("NFC", text)


def parse_file(path: str | Path, display: str | None = None) -> ParseResult:
    name = display if display is not None else str(path)
    try:
        # Non-blocking open, so a FIFO named *.prep does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if os.path.islink(path) and not os.path.exists(path):
            return unreadable(name, _("the file is a symbolic link to nothing (a missing target, or a loop)"))
        try:
            kind = _not_regular(os.stat(path).st_mode)
        except OSError:
            kind = ""
        if kind and kind != "a folder":
            return unreadable(
                name,
                _("the file cannot be read: it is {kind}, not a regular file", kind=_(kind)),
                _("give the model as a regular .prep file"),
            )
        why = error.strerror or error
        return unreadable(
            name,
            _("the folder cannot be read: {why}", why=why) if kind else _("the file cannot be read: {why}", why=why),
        )
    with open(fd, "rb", closefd=True) as handle:
        kind = _not_regular(os.fstat(fd).st_mode)
        if kind:
            return unreadable(
                name,
                _("the file cannot be read: it is {kind}, not a regular file", kind=_(kind)),
                _("give the model as a regular .prep file"),
            )
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return unreadable(name, _("the file cannot be read: {why}", why=error.strerror or error))
    if len(data) > MAX_FILE_BYTES:
        return unreadable(
            name,
            _("the file is larger than {size} MiB", size=MAX_FILE_BYTES // (1024 * 1024)),
            _("split the model into several files"),
        )
    return parse_bytes(data, name)


def _not_regular(mode: int) -> str:
    """What a file is when it is not a regular file ("a FIFO", "a folder"), else ""."""
    import stat

    if stat.S_ISREG(mode):
        return ""
    return not_regular(mode, [(stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a FIFO (named pipe)"))])


def parse_bytes(data: bytes, path: str) -> ParseResult:
    text = decode(data, path)
    if isinstance(text, ParseResult):
        return text
    return parse_text(text, path, normalized=True)


def parse_text(
    text: str,
    path: str = "<string>",
    normalized: bool = False,
    stop: Callable[[], None] | None = None,
    first_line: int = 1,
) -> ParseResult:
    """The model in `text`. `stop`, when given, is called every few thousand tokens and
    may raise to abandon the parse (the language server's newer version of a file).
    `first_line`: the line of the file `text` starts on (the language server parses a
    file one process at a time)."""
    from lark.exceptions import UnexpectedToken

    from prep.parser.build import Builder, Context
    from prep.parser.grammar import lark_parser
    from prep.parser.lalr import QuickState
    from prep.parser.lexer import fast_lexer
    from prep.parser.repair import adjacent, apply, at_error
    from prep.parser.stream import TokenStream
    from prep.parser.recovery import recover
    from prep.parser.syntax_errors import MAX_SYNTAX_ERRORS, syntax_error

    if not normalized:
        found = binary(text, path)
        if found is not None:
            return found
        text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = normalize_lines(text)  # one definition of a line (prep/parser/lines.py)
    parser = lark_parser()
    context = Context(path)
    errors: list[Diagnostic] = []
    with _lock, gc_paused():  # the builder's context is shared by the one parser instance
        Builder.context = context
        stream = TokenStream(fast_lexer(parser).lex(text, first_line), text, stop)
        state = QuickState.of(parser.parse_interactive().parser_state)
        previous = resumed = result = None
        while (tok := stream.next()) is not None:
            mend = None
            if (
                tok.type in _NAMES
                and previous is not None
                and previous.end_line == tok.line
                and previous.type in ("IDENT", "STRING")
            ):  # `gaol 満足度`, `院外 処方箋`
                mend = adjacent(state, stream, text, path, previous, tok)
            if mend is None:
                try:
                    state.feed_token(tok)
                    previous = tok
                    continue
                except UnexpectedToken as error:
                    if tok is resumed:  # the token we resumed at fails again: drop it
                        continue
                    mend = at_error(state, stream, path, tok, previous)
                    if mend is None:
                        errors.append(syntax_error(path, tok, error.expected, previous, stream, state))
            if mend is not None:
                errors.append(mend.diagnostic)
                if len(errors) < MAX_SYNTAX_ERRORS and apply(state, stream, mend):  # read on as if
                    # it were written right
                    previous = mend.tokens[-1] if mend.tokens else tok
                    continue
            if len(errors) >= MAX_SYNTAX_ERRORS:
                break
            resumed = recover(state, stream, tok, previous)
        if len(errors) < MAX_SYNTAX_ERRORS:
            result = _at_end(state, stream, path, errors, first_line)
        errors = list(dict.fromkeys(context.errors + errors))  # an unclosed quote: once
    if len(errors) >= MAX_SYNTAX_ERRORS:
        last = errors[-1]
        errors.append(
            SYNTAX_ERROR.at(last.span, _("too many syntax errors; stopped after {count}", count=MAX_SYNTAX_ERRORS))
        )
    errors.sort(key=lambda d: (d.span.line, d.span.column))
    document = Document(path=path, processes=tuple(result or ()), comments=tuple(stream.comments))
    return ParseResult(path, document, errors, text)


def _at_end(state, stream, path: str, errors: list[Diagnostic], first_line: int = 1):
    """Feed the parser the end of the text: its result, the processes (None when even
    popping back to a state that can end fails). A PREP001 goes into `errors`."""
    from lark.exceptions import UnexpectedToken
    from lark.lexer import Token

    from prep.parser.recovery import recover_at_end
    from prep.parser.syntax_errors import syntax_error

    last = stream.last
    end = Token.new_borrow_pos("$END", "", last) if last else Token("$END", "", 0, first_line, 1)
    if last:
        end.line, end.column = last.end_line, last.end_column
    try:
        return state.feed_token(end, True)
    except UnexpectedToken as error:
        errors.append(syntax_error(path, end, error.expected, last, stream))
    recover_at_end(state)
    try:
        return state.feed_token(end, True)
    except UnexpectedToken:
        return None


__all__ = ["ParseResult", "gc_paused", "parse_bytes", "parse_file", "parse_text"]
