"""Mistakes clear enough to read on as if they were mended.

A consultant's typical slips (a misspelt or capitalised keyword, a name with a
space, another notation's arrow, a full-width symbol, a `;`, a missing `)`, `]`
or `}`) each get one PREP001 that says what to write, with a fix (docs/editors.md)
where the mend is certain; then parsing goes on as if it were written, so that
one mistake is one finding and the lines after it are still checked."""

from __future__ import annotations

import unicodedata

from lark import Token

from prep.diagnostics import KEYWORD_CUTOFF, Diagnostic, Edit, Fix, Span, closest
from prep.parser import ime, statements
from prep.parser.mending import (  # noqa: F401 (apply, works: the parser's entry points)
    ARROWS_HINT,
    HALF_WIDTH,
    IME_HINT,
    KINDS,
    STATEMENTS,
    TEXT,
    WORDS,
    Repair,
    acceptable,
    apply,
    error,
    point_after,
    shifted,
    span_of,
    virtual,
    works,
)
from prep.i18n import N_, _


def keyword_for(word: str, wanted) -> str | None:
    """The keyword token type that `word` is a slip of (`KPI`, `Kpi`, `kpis`,
    `gaol`, `extrenal`, full-width `ｋｐｉ`), among the token types in `wanted`."""
    if not word.isascii():
        folded = unicodedata.normalize("NFKC", word).lower()
        if not folded.isascii():
            return None
        return next((t for t, w in WORDS.items() if t in wanted and w == folded), None)
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
    fix = Fix(_("write `{meant}`", meant=keyword), (Edit(span_of(file, word), keyword),))
    written = str(word)
    if not written.isascii():
        return error(
            span_of(file, word),
            _("`{word}` is typed in full-width: write `{meant}`", word=written, meant=keyword),
            _(IME_HINT),
            fix,
        )
    if written.lower() == keyword:
        return error(
            span_of(file, word),
            _("`{word}` is not a keyword: keywords are lower case", word=written),
            _("write `{meant}`", meant=keyword),
            fix,
        )
    return error(
        span_of(file, word),
        _("`{word}` is not a keyword", word=written),
        _("did you mean the keyword `{keyword}`?", keyword=keyword),
        fix,
    )


def _mend_keyword(state, file: str, tok: Token, previous: Token | None) -> Repair | None:
    """`prodcut 見積` (the failed token is the slip) or `KPI 率 for 見積` (the token
    before it, read as the start of a relation, is)."""
    if tok.type == "IDENT":
        kind = keyword_for(str(tok), acceptable(state))
        if kind is not None:
            return Repair(_keyword(file, tok, kind), [virtual(kind, WORDS[kind], tok)])
    if previous is not None and previous.type == "IDENT" and shifted(state, previous):
        kind = keyword_for(str(previous), acceptable(state, below=1))
        if kind is not None:
            return Repair(_keyword(file, previous, kind), [virtual(kind, WORDS[kind], previous), tok], pop=True)
    return None


def adjacent(state, stream, text: str, file: str, previous: Token, tok: Token) -> Repair | None:
    """Before `tok` is fed: a name followed by another on the same line. Either the
    first is a misspelt keyword (`gaol 満足度`, `isue "…"`), or the second is (`kpi 率
    ｆｏｒ 見積`, `kpi 率 of 見積`), or the two are one name with a space (`院外 処方箋`),
    which must be quoted. (Checked before feeding: once the parser has reduced the first
    name, it cannot be taken back.)"""
    if previous.type == "STRING":  # `"率¥""`: `¥"` typed for `\"`
        return statements.yen_escape(state, stream, file, tok, previous) if tok.start_pos == previous.end_pos else None
    if not shifted(state, previous):
        return None
    kind = keyword_for(str(previous), acceptable(state, below=1))
    if kind is not None:
        mend = Repair(_keyword(file, previous, kind), [virtual(kind, WORDS[kind], previous), tok], pop=True)
        return mend if works(state, mend, stream.peek()) else None
    if keyword_for(str(previous), WORDS) is not None or tok.type != "IDENT":
        return None  # `Product 見積` outside an actor: the usual message says more
    mend = _keyword_after(state, stream, file, tok)
    if mend is not None:
        return mend
    words = [tok]
    while (nxt := stream.peek()) is not None and nxt.type == "IDENT" and nxt.line == tok.line:
        words.append(stream.next())
    mend = _spaced_name(state, stream, text, file, previous, words)
    if mend is not None and works(state, mend, stream.peek()):
        return mend
    for word in reversed(words[1:]):  # not one name after all: the usual message
        stream.push(word)
    return None


# English words written where a keyword belongs (`kpi 率 of 見積`): a guess, so unsafe.
CONNECTORS = {"of": "FOR", "to": "FOR", "about": "ON", "at": "ON", "in": "UNDER"}


def _keyword_after(state, stream, file: str, tok: Token) -> Repair | None:
    """`kpi 率 ｆｏｒ 見積`, `kpi 率 Under 親`: the word after a name is a keyword slip;
    `kpi 率 of 見積`: an English word where `for` fits (an unsafe fix: a guess)."""
    wanted = acceptable(state)
    kind = keyword_for(str(tok), wanted)
    if kind is not None:
        diagnostic = _keyword(file, tok, kind)
    elif CONNECTORS.get(str(tok).lower()) in wanted:
        kind = CONNECTORS[str(tok).lower()]
        keyword = WORDS[kind]
        hint = _KEYWORD_HINTS.get(kind)
        diagnostic = error(
            span_of(file, tok),
            _("`{word}` is not a keyword: did you mean `{keyword}`?", word=str(tok), keyword=keyword),
            _(hint) if hint else None,
            Fix(_("write `{meant}`", meant=keyword), (Edit(span_of(file, tok), keyword),), safe=False),
        )
    else:
        return None
    mend = Repair(diagnostic, [virtual(kind, WORDS[kind], tok)])
    return mend if works(state, mend, stream.peek()) else None


_KEYWORD_HINTS = {
    "FOR": N_("`kpi NAME for PRODUCT` names the product a KPI measures; `under` its parent KPI"),
    "ON": N_('`issue "…" on PRODUCT` names the product an issue is about'),
    "UNDER": N_("`kpi NAME under PARENT` hangs a KPI under another"),
}
# Tokens before a name that make it a definition (or a text): there, words with a space
# can only be one name, so quoting them is safe. Elsewhere a `,` or a keyword may be
# missing between them (`A B -> C`, `kpi 率 見積`, `(品目 数量)`): quoting is a guess.
DEFINES = ("PROCESS", "ACTOR", "EXTERNAL", "SUBPROCESS", "GOAL", "ISSUE", *KINDS)


def _spaced_name(state, stream, text: str, file: str, previous: Token, words: list):
    """Words with spaces where one name stands: quote them (safe in a definition), or,
    in a list of parameters, separate them with `,`; a full-width space is a slip."""
    last = words[-1]
    raw = text[previous.start_pos : last.end_pos]
    quoted = f'"{raw}"'
    names = [str(previous), *map(str, words)]
    count = {2: _("two"), 3: _("three")}.get(len(names), _("several"))
    merged = Token(
        "STRING",
        quoted,
        previous.start_pos,
        previous.line,
        previous.column,
        last.end_line,
        last.end_column,
        last.end_pos,
    )
    span = span_of(file, previous, last)
    before = state.value_stack[-2] if len(state.value_stack) > 1 else None
    context = before.type if isinstance(before, Token) else ""
    nxt = stream.peek()
    if "\u3000" in raw:
        joined = "".join(names)
        said = _("`{raw}` has a full-width space inside: a name has no space", raw=raw)
        hint = _('write `{joined}`, or `"{spaced}"` for a name with a space', joined=joined, spaced=" ".join(names))
        diagnostic = _rewrite(span, said, hint, joined)
    elif "RPAR" in acceptable(state) and context in ("LPAR", "COMMA"):
        listed = ", ".join(names)
        said = _("`{raw}`: parameters are separated by `,`", raw=raw)
        hint = _("write `{listed}`, or `{quoted}` for one parameter with a space", listed=listed, quoted=quoted)
        diagnostic = _rewrite(span, said, hint, listed)
    else:
        # `kpi 納期 遵守率 for 出荷`: one name; `kpi 率 出荷 under 親` may lack a `for`
        safe = context in DEFINES or (
            context == "KPI" and nxt is not None and nxt.line == last.line and nxt.type == "FOR"
        )
        safe = safe and not any(n.lower() in CONNECTORS or n.lower() in WORDS.values() for n in names)
        hint = _("write `{meant}`", meant=quoted)
        rest = " ".join(names[1:])
        if context == "KPI" and not safe:
            hint = _(
                "write `kpi {first} for {rest}` if the KPI measures `{rest}`, or `kpi {quoted}` for one name",
                first=names[0],
                rest=rest,
                quoted=quoted,
            )
        elif not safe:
            hint = _(
                "write `{quoted}` for one name with a space, or `{listed}` for {count} names",
                quoted=quoted,
                listed=", ".join(names),
                count=count,
            )
        diagnostic = error(
            span,
            _(
                "`{raw}` is read as {count} names: a name with a space is written in double quotes",
                raw=raw,
                count=count,
            ),
            hint,
            Fix(_("quote the name: `{quoted}`", quoted=quoted), (Edit(span, quoted),), safe=safe),
        )
    return Repair(diagnostic, [merged], pop=True)


def _rewrite(span, said: str, hint: str, meant: str):
    """A syntax error whose fix (not safe: the meaning is a guess) writes `meant` over `span`."""
    return error(span, said, hint, Fix(_("write `{meant}`", meant=meant), (Edit(span, meant),), safe=False))


def at_error(state, stream, file: str, tok: Token, previous: Token | None) -> Repair | None:
    """A mend for the token the parser could not take, or None (also when the mend
    would only lead into the next error)."""
    mend = _at_error(state, stream, file, tok, previous)
    if mend is not None and not works(state, mend, stream.peek()):
        return None
    return mend


def _at_error(state, stream, file: str, tok: Token, previous: Token | None) -> Repair | None:
    if previous is not None and previous.type in ("BAD_STRING", "BAD_TEXT"):
        return None  # the unclosed quote is the mistake (syntax_errors says so)
    found = _mend_keyword(state, file, tok, previous)
    if found is not None:
        return found
    wanted = acceptable(state)
    text = str(tok)
    if tok.type == "BAD_CHAR" and text in HALF_WIDTH:
        return ime.half_width(file, tok, wanted)
    if tok.type == "BAD_CHAR" and text in ">＞":
        return ime.lone_gt(file, tok, previous, wanted)
    if tok.type == "IME_ARROW":
        return ime.arrow(file, tok, wanted)
    if tok.type in ("IME_STRING", "IME_STATE", "KAGI_TEXT"):
        return ime.quoted(file, tok, wanted)
    if tok.type == "BAD_CHAR" and text in ":：" and previous is not None and previous.type in WORDS:
        return ime.colon(file, tok, previous, stream)
    if tok.type == "BAD_CHAR" and text == ";":
        return Repair(
            error(
                span_of(file, tok),
                _("`;` is not needed: a statement ends by itself"),
                _("remove the `;`; write one statement per line"),
                Fix(_("remove the `;`"), (Edit(span_of(file, tok), ""),)),
            ),
            [],
        )
    if tok.type == "BAD_ARROW":
        return _arrow(state, stream, file, tok, previous, wanted)
    found = statements.mend(state, stream, file, tok, previous, wanted)
    if found is not None:
        return found
    if previous is not None and tok.line > previous.end_line:
        return _unclosed(state, stream, file, tok, previous, wanted)
    return None


def _arrow(state, stream, file, tok, previous, wanted) -> Repair | None:
    text = str(tok)
    span = span_of(file, tok)
    if text == "<>" and previous is not None and previous.end_pos == tok.start_pos:
        return None  # `申込<>`: an empty state, said by the usual message
    if text.startswith("<") and not text.endswith(">"):  # `<-`, `<--`
        nxt = stream.peek()
        left = str(previous) if previous is not None and previous.type == "IDENT" else "B"
        right = str(nxt) if nxt is not None and nxt.type == "IDENT" else "A"
        return Repair(
            error(
                span,
                _(
                    "`{text}` is not a PReP arrow: relations run left to right; write `{right} -> {left}`",
                    text=text,
                    right=right,
                    left=left,
                ),
                _(ARROWS_HINT),
            ),
            None,
        )
    kind, meant, what = (
        ("SYNC", "<->", _("a sync relation")) if text.startswith("<") else ("INPUT", "->", _("an input relation"))
    )
    diagnostic = error(
        span,
        _("`{text}` is not a PReP arrow: write `{meant}` for {what}", text=text, meant=meant, what=what),
        _(ARROWS_HINT),
        Fix(_("write `{meant}`", meant=meant), (Edit(span, meant),)),
    )
    return Repair(diagnostic, [virtual(kind, meant, tok)] if kind in wanted else None)


def _unclosed(state, stream, file, tok, previous, wanted) -> Repair | None:
    """The line before `tok` left a `(`, `[` or block open."""
    for closer, opener in (("RPAR", "LPAR"), ("RSQB", "LSQB")):
        if closer in wanted:
            where = next(
                (v for v in reversed(state.value_stack) if isinstance(v, Token) and v.type == opener), previous
            )
            close = TEXT[closer]
            return Repair(
                error(
                    span_of(file, where),
                    _(
                        "`{opener}` on line {line} has no closing `{close}`",
                        opener=TEXT[opener],
                        line=where.line,
                        close=close,
                    ),
                    _("add `{close}` after `{previous}`", close=close, previous=str(previous)),
                    Fix(_("add `{close}`", close=close), (Edit(point_after(file, previous), close),), safe=False),
                ),
                [virtual(closer, close, previous), tok],
            )
    starts = (
        tok.type in STATEMENTS
        or tok.type == "PROCESS"
        or (
            tok.type in ("IDENT", "STRING")
            and (nxt := stream.peek()) is not None
            and nxt.type in ("INPUT", "SYNC", "COMMA", "STATE", "DOT")
        )
    )
    if "RBRACE" in wanted and starts and stream.blocks and stream.blocks[-1][0] is not None:
        keyword, name, _line = stream.blocks[-1]
        if keyword.type == "PROCESS" and tok.type != "PROCESS":
            return None
        label = f"{WORDS[keyword.type]} {name}" if name is not None else WORDS[keyword.type]
        opened = f"{label} {{"
        indent = " " * (keyword.column - 1)
        start = Span(file, tok.line, 1, tok.line, 1)
        return Repair(
            error(
                span_of(file, tok),
                _("`{opened}` on line {line} has no closing `}}`", opened=opened, line=keyword.line),
                _("add `}}` before line {line}, after the last line of `{label}`", line=tok.line, label=label),
                Fix(_("add `}`"), (Edit(start, f"{indent}}}\n"),), safe=False),
            ),
            [virtual("RBRACE", "}", tok), tok],
            closes_block=True,
        )
    return None
