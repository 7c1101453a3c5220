"""The canonical layout, from lark's token stream (grammar/prep.lark; comments and
whitespace are the grammar's ignored terminals, read here with `dont_ignore`).

One pass over the tokens cuts them into lines: a statement per line (a statement
starts at its keyword, or, for a relation, at a name that cannot continue the one
before), `{` ends a line and opens a block, `}` stands on its own line. Within a
line, tokens are joined by one space, except where they attach (`a.b`, `a<s>`,
`a(x, y)`, `[a, b=c]`). A comment stays where it was: after the code of its line,
or on a line of its own; a comment inside a statement keeps the statement broken
there, the rest continuing one level deeper. Blank lines between statements are
kept (one at most), none after `{` or before `}`, one always after a process.
A line whose code carries a suppression comment (`# prep: ignore[…]`) is kept whole
and alone, so the comment still applies to exactly what it applied to."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = {"PRODUCT", "MILESTONE", "FINAL", "INTANGIBLE"}
STARTERS = {"PROCESS", "GOAL", "ACTOR", "EXTERNAL", "SUBPROCESS", "KPI", "ISSUE"} | KINDS
NAMES = {"IDENT", "STRING"}
# After these a name completes something; a name that follows one starts a statement.
ENDERS = {"IDENT", "STRING", "STATE", "RPAR", "RSQB", "NUMBER", "RBRACE", "LBRACE"}
NO_SPACE_BEFORE = {"COMMA", "RPAR", "RSQB", "DOT", "EQUAL", "STATE", "LPAR"}
NO_SPACE_AFTER = {"LPAR", "LSQB", "DOT", "EQUAL"}
INDENT = "  "


@dataclass
class Line:
    depth: int
    parts: list[str] = field(default_factory=list)
    comment: str | None = None
    blank_before: bool = False
    kind: str = "code"  # code, comment, open, close
    product: bool = False  # its first part is a product kind, to align
    block: int = 0  # the actor block it belongs to (for alignment)


def canonical(tokens) -> str:
    """The canonical text of a model that parses without errors."""
    tokens = list(tokens)
    lines = _lines(tokens, _suppressing_lines(tokens))
    _align_products(lines)
    return _render(lines)


def _suppressing_lines(tokens) -> set[int]:
    """The source lines whose code carries a `# prep: ignore…` comment. A suppression
    applies to its line, so such a line is kept whole and alone: its tokens stay on
    one line (not split into statements) and no token of another line joins it."""
    from prep.model import SUPPRESSION

    code: set[int] = set()
    found: set[int] = set()
    for tok in tokens:
        if tok.type == "WS":
            continue
        if tok.type == "COMMENT":
            if tok.line in code and SUPPRESSION.search(str(tok)):
                found.add(tok.line)
        else:
            code.update((tok.line, tok.end_line or tok.line))
    return found


def _lines(tokens, kept: set[int] = frozenset()) -> list[Line]:
    cutter = _Cutter(kept)
    for tok in tokens:
        cutter.take(tok)
    cutter.place_comments(0)
    return cutter.lines


class _Cutter:
    """Cuts the token stream into Lines, one token at a time (see the module's docstring)."""

    def __init__(self, kept: set[int]):
        self.kept = kept  # see _suppressing_lines
        self.lines: list[Line] = []
        self.stack: list[str] = []  # open blocks: "process" or "actor"
        self.cur: Line | None = None  # the line being built
        self.pending: list[tuple[str, bool]] = []  # own-line comments not yet placed (text, blank)
        self.blank = False  # a blank line since the last thing placed
        self.newline = True  # a line break since the last token or comment
        self.prev: str | None = None  # the type of the previous significant token
        self.statement: str | None = None  # the keyword of the statement being built
        self.members = False  # inside a subprocess's `{ … }`
        self.block_id = 0
        self.blocks: list[int] = []
        self.whole: int | None = None  # the kept source line being copied

    def take(self, tok) -> None:
        kind = tok.type
        if kind == "WS":
            breaks = tok.count("\n")
            self.newline = self.newline or breaks >= 1
            self.blank = self.blank or breaks >= 2
            return
        if kind == "COMMENT":
            self._comment(str(tok).rstrip())
            return
        if tok.line in self.kept and self.whole == tok.line and self.cur is not None:
            self._on_kept_line(kind, tok)
        elif kind == "RBRACE" and not self.members:
            self._close(tok)
        else:
            self._code(kind, tok)
        self.prev, self.blank, self.newline = kind, False, False

    def place_comments(self, depth: int) -> None:
        for body, gap in self.pending:
            self.lines.append(Line(depth, comment=body, blank_before=gap, kind="comment"))
        self.pending = []

    def _comment(self, body: str) -> None:
        if not self.newline and self.lines and not self.pending:
            target = self.cur if self.cur is not None else self.lines[-1]
            target.comment = body
        else:
            self.pending.append((body, self.blank))
        self.cur = None  # a statement that goes on continues below it
        self.blank = False
        self.newline = False

    def _on_kept_line(self, kind: str, tok) -> None:
        """A later token of a line with a suppression comment: kept on that line."""
        if kind == "RBRACE" and not self.members:
            self._pop_block()
            self.cur.kind = "code"
            self.statement = None
        elif kind in STARTERS or (kind in NAMES and self.prev in ENDERS):
            self.statement = kind
        _append(self.cur, kind, self.prev, tok)
        self._brace(kind, tok)

    def _close(self, tok) -> None:
        """A `}` that closes a block, on a line of its own."""
        self._start_kept_line(tok)
        self.place_comments(len(self.stack))
        self._pop_block()
        self.lines.append(Line(len(self.stack), ["}"], kind="close"))
        self.cur, self.statement = None, None
        if self.whole == tok.line:
            self.cur = self.lines[-1]

    def _code(self, kind: str, tok) -> None:
        self._start_kept_line(tok)
        depth = len(self.stack)
        starts = kind in STARTERS or (
            kind in NAMES and depth == 1 and not self.members and (self.prev in ENDERS or self.prev is None)
        )
        if starts:
            self.place_comments(depth)
            self.cur = Line(
                depth, blank_before=self.blank, block=self.blocks[-1] if self.blocks else 0, product=kind in KINDS
            )
            self.lines.append(self.cur)
            self.statement = kind
        elif self.cur is None:
            # the statement goes on after a comment: one level deeper
            self.place_comments(depth + 1)
            self.cur = Line(depth + 1, blank_before=False)
            self.lines.append(self.cur)
        _append(self.cur, kind, self.prev, tok)
        self._brace(kind, tok)

    def _start_kept_line(self, tok) -> None:
        if tok.line in self.kept and self.whole != tok.line:
            self.whole = tok.line
            self.cur = None  # no token of an earlier line joins it

    def _brace(self, kind: str, tok) -> None:
        """After a `{` or `}` is appended to the current line: open or leave a block."""
        if kind == "RBRACE":
            self.members = False
        elif kind != "LBRACE":
            return
        elif self.statement == "SUBPROCESS" and not self.members:
            self.members = True
        else:
            self.cur.kind = "open"
            self.stack.append("actor" if self.statement == "ACTOR" else "process")
            self.block_id += 1
            self.blocks.append(self.block_id)
            self.statement = None
            if self.whole != tok.line:
                self.cur = None

    def _pop_block(self) -> None:
        self.stack.pop()
        if self.blocks:
            self.blocks.pop()


def _append(line: Line, kind: str, prev: str | None, tok) -> None:
    text = str(tok)
    if kind == "STATE":
        text = "<" + text[1:-1].strip() + ">"  # the parser trims it the same way
    if line.parts and kind not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
        line.parts.append(" ")
    line.parts.append(text)


def _align_products(lines: list[Line]) -> None:
    widths: dict[int, int] = {}
    for line in lines:
        if line.product:
            widths[line.block] = max(widths.get(line.block, 0), len(line.parts[0]))
    for line in lines:
        if line.product and len(line.parts) > 2 and line.parts[1] == " ":
            line.parts[1] = " " * (widths[line.block] - len(line.parts[0]) + 1)


def _render(lines: list[Line]) -> str:
    rows: list[list] = []  # [blank line before, code with indentation, trailing comment]
    prev: Line | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        # `{` straight followed by its `}`: an empty block, `{}`
        if (
            line.kind == "open"
            and line.comment is None
            and i + 1 < len(lines)
            and lines[i + 1].kind == "close"
            and lines[i + 1].comment is None
        ):
            close = lines[i + 1]
            lines[i + 1] = Line(line.depth, line.parts + close.parts, close.comment, line.blank_before, "code")
            i += 1
            continue
        gap = False
        if prev is not None:
            gap = line.blank_before and prev.kind != "open" and line.kind != "close"
            if prev.depth == 0 and line.depth == 0 and prev.parts and prev.parts[-1] == "}":
                gap = True  # one blank line after each process
        indent = INDENT * line.depth
        if line.kind == "comment":
            rows.append([gap, indent + line.comment, None])
        else:
            rows.append([gap, indent + "".join(line.parts), line.comment])
        prev = line
        i += 1
    _align_comments(rows)
    out = []
    for gap, code, comment in rows:
        if gap:
            out.append("")
        out.append(code if comment is None else code + comment)
    return "\n".join(out) + "\n" if out else ""


def _align_comments(rows: list[list]) -> None:
    """Trailing comments of consecutive lines start in one column, two spaces after
    the longest code (counting wide characters as two)."""
    i = 0
    while i < len(rows):
        if rows[i][2] is None:
            i += 1
            continue
        j = i + 1
        while j < len(rows) and rows[j][2] is not None and not rows[j][0]:
            j += 1
        column = max(_width(r[1]) for r in rows[i:j]) + 2
        for r in rows[i:j]:
            r[2] = " " * (column - _width(r[1])) + r[2]
        i = j


def _width(text: str) -> int:
    from unicodedata import east_asian_width

    if text.isascii():
        return len(text)
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)
