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
    kind: str = "code"          # code, comment, open, close
    product: bool = False       # its first part is a product kind, to align
    block: int = 0              # the actor block it belongs to (for alignment)


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
    lines: list[Line] = []
    stack: list[str] = []        # open blocks: "process" or "actor"
    cur: Line | None = None      # the line being built
    pending: list[tuple[str, bool]] = []  # own-line comments not yet placed (text, blank)
    blank = False                # a blank line since the last thing placed
    newline = True               # a line break since the last token or comment
    prev = None                  # the type of the previous significant token
    statement = None             # the keyword of the statement being built
    members = False              # inside a subprocess's `{ … }`
    block_id = 0
    blocks: list[int] = []
    whole = None                 # the kept source line being copied (see _suppressing_lines)

    def place_comments(depth: int) -> None:
        nonlocal pending
        for body, gap in pending:
            lines.append(Line(depth, comment=body, blank_before=gap, kind="comment"))
        pending = []

    for tok in tokens:
        kind = tok.type
        if kind == "WS":
            breaks = tok.count("\n")
            if breaks:
                newline = True
            if breaks >= 2:
                blank = True
            continue
        if kind == "COMMENT":
            body = str(tok).rstrip()
            if not newline and lines and not pending:
                target = cur if cur is not None else lines[-1]
                target.comment = body
                cur = None           # the statement, if it goes on, continues below
            else:
                pending.append((body, blank))
                cur = None               # a statement that goes on continues below it
            blank = False
            newline = False
            continue
        depth = len(stack)
        if tok.line in kept and whole == tok.line and cur is not None:
            # a later token of a line with a suppression comment: kept on that line
            if kind == "RBRACE" and not members:
                stack.pop()
                if blocks:
                    blocks.pop()
                cur.kind = "code"
                statement = None
            elif kind in STARTERS or (kind in NAMES and prev in ENDERS):
                statement = kind
            _append(cur, kind, prev, tok)
            if kind == "LBRACE":
                if statement == "SUBPROCESS" and not members:
                    members = True
                else:
                    cur.kind = "open"
                    stack.append("actor" if statement == "ACTOR" else "process")
                    block_id += 1
                    blocks.append(block_id)
                    statement = None
            elif kind == "RBRACE":
                members = False
            prev, blank, newline = kind, False, False
            continue
        if tok.line in kept and whole != tok.line:
            whole = tok.line
            cur = None                   # no token of an earlier line joins it
        if kind == "RBRACE" and not members:
            place_comments(depth)
            stack.pop()
            if blocks:
                blocks.pop()
            lines.append(Line(len(stack), ["}"], kind="close"))
            cur, statement = None, None
            if whole == tok.line:
                cur = lines[-1]
            prev, blank, newline = kind, False, False
            continue
        starts = kind in STARTERS or (kind in NAMES and len(stack) == 1 and not members
                                      and (prev in ENDERS or prev is None))
        if starts:
            place_comments(depth)
            cur = Line(depth, blank_before=blank, block=blocks[-1] if blocks else 0,
                       product=kind in KINDS)
            lines.append(cur)
            statement = kind
        elif cur is None:
            # the statement goes on after a comment: one level deeper
            place_comments(depth + 1)
            cur = Line(depth + 1, blank_before=False)
            lines.append(cur)
        _append(cur, kind, prev, tok)
        if kind == "LBRACE":
            if statement == "SUBPROCESS" and not members:
                members = True
            else:
                cur.kind = "open"
                stack.append("actor" if statement == "ACTOR" else "process")
                block_id += 1
                blocks.append(block_id)
                statement = None
                if whole != tok.line:
                    cur = None
        elif kind == "RBRACE":
            members = False
        prev, blank, newline = kind, False, False
    place_comments(0)
    return lines


def _append(line: Line, kind: str, prev: str | None, tok) -> None:
    text = str(tok)
    if kind == "STATE":
        text = "<" + text[1:-1].strip() + ">"   # the parser trims it the same way
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
    rows: list[list] = []   # [blank line before, code with indentation, trailing comment]
    prev: Line | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        # `{` straight followed by its `}`: an empty block, `{}`
        if (line.kind == "open" and line.comment is None and i + 1 < len(lines)
                and lines[i + 1].kind == "close" and lines[i + 1].comment is None):
            close = lines[i + 1]
            lines[i + 1] = Line(line.depth, line.parts + close.parts, close.comment,
                                line.blank_before, "code")
            i += 1
            continue
        gap = False
        if prev is not None:
            gap = line.blank_before and prev.kind != "open" and line.kind != "close"
            if prev.depth == 0 and line.depth == 0 and prev.parts and prev.parts[-1] == "}":
                gap = True   # one blank line after each process
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
