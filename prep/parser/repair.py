"""Mistakes clear enough to read on as if they were mended.

A consultant's typical slips (a misspelt or capitalised keyword, a name with a
space, another notation's arrow, a full-width symbol, a `;`, a missing `)`, `]`
or `}`) each get one PREP001 that says what to write, with a fix (docs/editors.md, "Fixes on the command line")
where the mend is certain; then parsing goes on as if it were written, so that
one mistake is one finding and the lines after it are still checked."""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token

from prep.codes import SYNTAX_ERROR
from prep.diagnostics import KEYWORD_CUTOFF, Diagnostic, Edit, Fix, Span, closest

# Keyword token types and their text, products' kinds included.
WORDS = {"PROCESS": "process", "ACTOR": "actor", "EXTERNAL": "external",
         "SUBPROCESS": "subprocess", "UNTIL": "until", "GOAL": "goal", "KPI": "kpi",
         "FOR": "for", "UNDER": "under", "ISSUE": "issue", "ON": "on", "PRODUCT": "product",
         "MILESTONE": "milestone", "FINAL": "final", "INTANGIBLE": "intangible"}
# Error terminals of grammar/prep.lark: never taken by the parser.
ERROR_TOKENS = ("BAD_CHAR", "BAD_ARROW", "IME_ARROW")
KINDS = ("PRODUCT", "MILESTONE", "FINAL", "INTANGIBLE")
STATEMENTS = ("GOAL", "ACTOR", "EXTERNAL", "SUBPROCESS", "KPI", "ISSUE")
# What a full-width symbol stands for, as the token the parser wants.
HALF_WIDTH = {"（": "LPAR", "）": "RPAR", "｛": "LBRACE", "｝": "RBRACE", "［": "LSQB",
              "］": "RSQB", "【": "LSQB", "】": "RSQB", "，": "COMMA", "、": "COMMA",
              "．": "DOT", "＝": "EQUAL"}
TEXT = {"LPAR": "(", "RPAR": ")", "LBRACE": "{", "RBRACE": "}", "LSQB": "[", "RSQB": "]",
        "COMMA": ",", "DOT": ".", "EQUAL": "=", "INPUT": "->", "SYNC": "<->"}
IME_HINT = ("symbols are half-width (switch the input method to 直接入力 / half-width "
            "for them); names may stay Japanese")
ARROWS_HINT = ("PReP has two arrows: `A -> B` (A is input into B) and `A <-> B` "
               "(A and B are determined together)")


@dataclass
class Repair:
    """One finding, and the tokens to feed instead of the one that failed (after
    taking `previous` back from the parser's stack, when `pop`); with `tokens` None,
    the statement is dropped as after any syntax error."""

    diagnostic: Diagnostic
    tokens: list | None
    pop: bool = False
    closes_block: bool = False   # a `}` is among the tokens: the stream's open block ends


def apply(state, stream, repair: Repair) -> bool:
    """Feed the mended tokens; False when the parser still cannot take them."""
    from lark.exceptions import UnexpectedToken

    if repair.tokens is None:
        return False
    if repair.pop:
        del state.state_stack[-1]
        del state.value_stack[-1]
    if repair.closes_block and stream.blocks:
        stream.blocks.pop()
    try:
        for tok in repair.tokens:
            state.feed_token(tok)
    except UnexpectedToken:
        return False
    return True


def works(state, repair: Repair, then: Token | None) -> bool:
    """Whether the parser takes the mended tokens and the token after them (tried on
    a copy of its state), so that a mend does not lead into a second error."""
    from lark.exceptions import UnexpectedToken

    from prep.parser.build import Builder

    if repair.tokens is None:
        return True
    trial = state.copy(deepcopy_values=False)
    if repair.pop:
        del trial.state_stack[-1]
        del trial.value_stack[-1]
    errors = Builder.context.errors
    found = len(errors)
    try:
        for tok in repair.tokens:
            trial.feed_token(tok)
        if then is not None and then.type not in ERROR_TOKENS:
            trial.feed_token(then)
    except UnexpectedToken:
        return False
    finally:
        del errors[found:]      # what the trial's reductions reported is not said twice
    return True


def span_of(file: str, tok: Token, last: Token | None = None) -> Span:
    last = last or tok
    return Span(file, tok.line, tok.column, last.end_line or last.line,
                last.end_column or last.column + 1)


def _point_after(file: str, tok: Token) -> Span:
    return Span(file, tok.end_line, tok.end_column, tok.end_line, tok.end_column)


def _error(span: Span, message: str, hint: str, fix: Fix | None = None) -> Diagnostic:
    return SYNTAX_ERROR.at(span, message, hint, fix=fix)


def _virtual(kind: str, text: str, at: Token) -> Token:
    return Token.new_borrow_pos(kind, text, at)


def _acceptable(state, below: int = 0) -> dict:
    return state.parse_conf.states[state.state_stack[-1 - below]]


def _shifted(state, tok: Token | None) -> bool:
    """Whether `tok` is the last token shifted, not yet part of a reduced rule."""
    return tok is not None and len(state.value_stack) > 1 and state.value_stack[-1] is tok


def keyword_for(word: str, wanted) -> str | None:
    """The keyword token type that `word` is a slip of (`KPI`, `Kpi`, `kpis`,
    `gaol`, `extrenal`), among the token types in `wanted`."""
    if not word.isascii():
        return None
    lower = word.lower()
    candidates = {t: w for t, w in WORDS.items() if t in wanted}
    for kind, text in candidates.items():
        if lower in (text, text + "s"):
            return kind
    if len(lower) < 4:
        return None
    close = closest(lower, [w for w in candidates.values() if len(w) >= 4], KEYWORD_CUTOFF)
    return next((t for t, w in candidates.items() if close and w == close), None)


def _keyword(file: str, word: Token, kind: str) -> Diagnostic:
    keyword = WORDS[kind]
    fix = Fix(f"write `{keyword}`", (Edit(span_of(file, word), keyword),))
    if str(word).lower() == keyword:
        return _error(span_of(file, word), f"`{word}` is not a keyword: keywords are lower case",
                      f"write `{keyword}`", fix)
    return _error(span_of(file, word), f"`{word}` is not a keyword",
                  f"did you mean the keyword `{keyword}`?", fix)


def _mend_keyword(state, file: str, tok: Token, previous: Token | None) -> Repair | None:
    """`prodcut 見積` (the failed token is the slip) or `KPI 率 for 見積` (the token
    before it, read as the start of a relation, is)."""
    if tok.type == "IDENT":
        kind = keyword_for(str(tok), _acceptable(state))
        if kind is not None:
            return Repair(_keyword(file, tok, kind), [_virtual(kind, WORDS[kind], tok)])
    if previous is not None and previous.type == "IDENT" and _shifted(state, previous):
        kind = keyword_for(str(previous), _acceptable(state, below=1))
        if kind is not None:
            return Repair(_keyword(file, previous, kind),
                          [_virtual(kind, WORDS[kind], previous), tok], pop=True)
    return None


def adjacent(state, stream, text: str, file: str, previous: Token, tok: Token) -> Repair | None:
    """Before `tok` is fed: a name followed by another on the same line. Either the
    first is a misspelt keyword (`gaol 満足度`, `isue "…"`), or the two are one name
    with a space (`院外 処方箋`, also with U+3000), which must be quoted. (Checked before
    feeding: once the parser has reduced the first name, it cannot be taken back.)"""
    if not _shifted(state, previous):
        return None
    kind = keyword_for(str(previous), _acceptable(state, below=1))
    if kind is not None:
        mend = Repair(_keyword(file, previous, kind),
                      [_virtual(kind, WORDS[kind], previous), tok], pop=True)
        return mend if works(state, mend, stream.peek()) else None
    if keyword_for(str(previous), WORDS) is not None or tok.type != "IDENT":
        return None         # `Product 見積` outside an actor: the usual message says more
    words = [tok]
    while (nxt := stream.peek()) is not None and nxt.type == "IDENT" and nxt.line == tok.line:
        words.append(stream.next())
    last = words[-1]
    raw = text[previous.start_pos:last.end_pos]
    quoted = f'"{raw}"'
    count = {2: "two", 3: "three"}.get(raw.count(" ") + raw.count("\u3000") + 1, "several")
    merged = Token("STRING", quoted, previous.start_pos, previous.line, previous.column,
                   last.end_line, last.end_column, last.end_pos)
    span = span_of(file, previous, last)
    diagnostic = _error(span, f"`{raw}` is read as {count} names: a name with a space is "
                              "written in double quotes", f"write `{quoted}`",
                        Fix(f"quote the name: `{quoted}`", (Edit(span, quoted),)))
    mend = Repair(diagnostic, [merged], pop=True)
    if works(state, mend, stream.peek()):
        return mend
    for word in reversed(words[1:]):     # not one name after all: the usual message
        stream.push(word)
    return None


def at_error(state, stream, file: str, tok: Token, previous: Token | None) -> Repair | None:
    """A mend for the token the parser could not take, or None (also when the mend
    would only lead into the next error)."""
    mend = _at_error(state, stream, file, tok, previous)
    if mend is not None and not works(state, mend, stream.peek()):
        return None
    return mend


def _at_error(state, stream, file: str, tok: Token, previous: Token | None) -> Repair | None:
    if previous is not None and previous.type in ("BAD_STRING", "BAD_TEXT"):
        return None         # the unclosed quote is the mistake (syntax_errors says so)
    found = _mend_keyword(state, file, tok, previous)
    if found is not None:
        return found
    wanted = _acceptable(state)
    text = str(tok)
    if tok.type == "BAD_CHAR" and text in HALF_WIDTH and HALF_WIDTH[text] in wanted:
        kind = HALF_WIDTH[text]
        meant = TEXT[kind]
        return Repair(
            _error(span_of(file, tok), f"`{text}` is not part of the language: write `{meant}`",
                   IME_HINT, Fix(f"write `{meant}`", (Edit(span_of(file, tok), meant),))),
            [_virtual(kind, meant, tok)])
    if tok.type == "IME_ARROW":
        return _ime_arrow(file, tok, wanted)
    if tok.type == "BAD_CHAR" and text == ";":
        return Repair(_error(span_of(file, tok), "`;` is not needed: a statement ends by itself",
                             "remove the `;`; write one statement per line",
                             Fix("remove the `;`", (Edit(span_of(file, tok), ""),))), [])
    if tok.type == "BAD_ARROW":
        return _arrow(state, stream, file, tok, previous, wanted)
    if previous is not None and tok.line > previous.end_line:
        return _unclosed(state, stream, file, tok, previous, wanted)
    return None


def _arrow(state, stream, file, tok, previous, wanted) -> Repair | None:
    text = str(tok)
    span = span_of(file, tok)
    if text == "<>" and previous is not None and previous.end_pos == tok.start_pos:
        return None         # `申込<>`: an empty state, said by the usual message
    if text.startswith("<") and not text.endswith(">"):      # `<-`, `<--`
        nxt = stream.peek()
        left = str(previous) if previous is not None and previous.type == "IDENT" else "B"
        right = str(nxt) if nxt is not None and nxt.type == "IDENT" else "A"
        return Repair(_error(span, f"`{text}` is not a PReP arrow: relations run left to right; "
                                   f"write `{right} -> {left}`", ARROWS_HINT), None)
    kind, meant, what = (("SYNC", "<->", "a sync relation") if text.startswith("<")
                         else ("INPUT", "->", "an input relation"))
    diagnostic = _error(span, f"`{text}` is not a PReP arrow: write `{meant}` for {what}",
                        ARROWS_HINT, Fix(f"write `{meant}`", (Edit(span, meant),)))
    return Repair(diagnostic, [_virtual(kind, meant, tok)] if kind in wanted else None)


def _ime_arrow(file: str, tok: Token, wanted) -> Repair:
    """`ー＞`, `－＞`, `→` typed for `->`; `＜－＞`, `↔` for `<->` (the input method on)."""
    text = str(tok)
    kind = "SYNC" if text[0] in "<＜↔⇔" else "INPUT"
    meant = TEXT[kind]
    span = span_of(file, tok)
    diagnostic = _error(span, f"`{text}` is not part of the language: write `{meant}`",
                        IME_HINT, Fix(f"write `{meant}`", (Edit(span, meant),)))
    return Repair(diagnostic, [_virtual(kind, meant, tok)] if kind in wanted else None)


def _unclosed(state, stream, file, tok, previous, wanted) -> Repair | None:
    """The line before `tok` left a `(`, `[` or block open."""
    for closer, opener in (("RPAR", "LPAR"), ("RSQB", "LSQB")):
        if closer in wanted:
            where = next((v for v in reversed(state.value_stack)
                          if isinstance(v, Token) and v.type == opener), previous)
            close = TEXT[closer]
            return Repair(
                _error(span_of(file, where), f"`{TEXT[opener]}` on line {where.line} has no "
                                             f"closing `{close}`", f"add `{close}` after `{previous}`",
                       Fix(f"add `{close}`", (Edit(_point_after(file, previous), close),),
                           safe=False)),
                [_virtual(closer, close, previous), tok])
    starts = tok.type in STATEMENTS or tok.type == "PROCESS" or (
        tok.type in ("IDENT", "STRING") and (nxt := stream.peek()) is not None
        and nxt.type in ("INPUT", "SYNC", "COMMA", "STATE", "DOT"))
    if "RBRACE" in wanted and starts and stream.blocks and stream.blocks[-1][0] is not None:
        keyword, name, _line = stream.blocks[-1]
        if keyword.type == "PROCESS" and tok.type != "PROCESS":
            return None
        label = f"{WORDS[keyword.type]} {name}" if name is not None else WORDS[keyword.type]
        opened = f"{label} {{"
        indent = " " * (keyword.column - 1)
        start = Span(file, tok.line, 1, tok.line, 1)
        return Repair(
            _error(span_of(file, tok), f"`{opened}` on line {keyword.line} has no closing `}}`",
                   f"add `}}` before line {tok.line}, after the last line of `{label}`",
                   Fix("add `}`", (Edit(start, f"{indent}}}\n"),), safe=False)),
            [_virtual("RBRACE", "}", tok), tok], closes_block=True)
    return None
