"""Text typed with a Japanese input method on, read for what it means: full-width
and look-alike arrows, quotes, states and symbols, a colon after a keyword; each is
one PREP001 with a safe fix (docs/language.md, "Japanese input"), and the parser reads
on as if it were mended."""

from __future__ import annotations

from lark import Token

from prep.diagnostics import Edit, Fix, Span
from prep.parser.mending import (
    HALF_WIDTH,
    IME_HINT,
    TEXT,
    WORDS,
    Repair,
    error,
    span_of,
    virtual,
)
from prep.i18n import _


def half_width(file: str, tok: Token, wanted) -> Repair | None:
    """`（`, `，`, `、`, `＝`: the half-width symbol the parser wants."""
    text = str(tok)
    if text not in HALF_WIDTH or HALF_WIDTH[text] not in wanted:
        return None
    kind = HALF_WIDTH[text]
    meant = TEXT[kind]
    return Repair(
        error(
            span_of(file, tok),
            _("`{text}` is not part of the language: write `{meant}`", text=text, meant=meant),
            _(IME_HINT),
            Fix(_("write `{meant}`", meant=meant), (Edit(span_of(file, tok), meant),)),
        ),
        [virtual(kind, meant, tok)],
    )


def arrow(file: str, tok: Token, wanted) -> Repair:
    """`ー＞`, `－＞`, `→` typed for `->`; `＜－＞`, `↔` for `<->` (the input method on)."""
    text = str(tok)
    kind = "SYNC" if text[0] in "<＜↔⇔" else "INPUT"
    meant = TEXT[kind]
    span = span_of(file, tok)
    diagnostic = error(
        span,
        _("`{text}` is not part of the language: write `{meant}`", text=text, meant=meant),
        _(IME_HINT),
        Fix(_("write `{meant}`", meant=meant), (Edit(span, meant),)),
    )
    return Repair(diagnostic, [virtual(kind, meant, tok)] if kind in wanted else None)


def quoted(file: str, tok: Token, wanted) -> Repair | None:
    """`“…”`, `＂…＂` (a name), `＜…＞` (a state): their ASCII forms, a safe fix; `「…」`
    around a text: the hint to write `"…"` (an unsafe fix: the brackets may be meant)."""
    text = str(tok)
    kind = "STATE" if tok.type == "IME_STATE" else "STRING"
    if kind not in wanted:
        return None
    meant = f"<{text[1:-1]}>" if kind == "STATE" else f'"{text[1:-1]}"'
    span = span_of(file, tok)
    fix = Fix(_("write `{meant}`", meant=meant), (Edit(span, meant),), safe=tok.type != "KAGI_TEXT")
    if tok.type == "KAGI_TEXT":
        diagnostic = error(
            span,
            _("`「」` are not quotes in a model: write `{meant}`", meant=meant),
            _("a text with spaces or symbols is written in double quotes: `{meant}`", meant=meant),
            fix,
        )
    else:
        diagnostic = error(
            span, _("`{word}` is typed in full-width: write `{meant}`", word=text, meant=meant), _(IME_HINT), fix
        )
    return Repair(diagnostic, [virtual(kind, meant, tok)])


def colon(file: str, tok: Token, previous: Token, stream) -> Repair:
    """`actor: 営業部 {`, `goal：納期遵守率`: a keyword is followed by its name, no colon."""
    nxt = stream.peek()
    joined = nxt is not None and nxt.start_pos == tok.end_pos
    span = span_of(file, tok)
    keyword = WORDS[previous.type]
    name = str(nxt) if nxt is not None and nxt.type in ("IDENT", "STRING") else "…"
    colon_text = str(tok)
    return Repair(
        error(
            span,
            _(
                "`{colon}` is not needed after `{keyword}`: a keyword is followed by its name",
                colon=colon_text,
                keyword=keyword,
            ),
            _("remove the `{colon}`: write `{keyword} {name}`", colon=colon_text, keyword=keyword, name=name),
            Fix(_("remove the `{colon}`", colon=colon_text), (Edit(span, " " if joined else ""),)),
        ),
        [],
    )


def lone_gt(file: str, tok: Token, previous: Token | None, wanted) -> Repair | None:
    """`顧客ー＞見積` (the `ー` was read as the end of the name `顧客ー`) or `顧客 ＞ 見積`:
    an arrow, probably; which name is meant is a guess, so the fix is unsafe."""
    if "INPUT" not in wanted or previous is None:
        return None
    name = str(previous)
    span = span_of(file, tok)
    if previous.type == "IDENT" and name.endswith("ー") and previous.end_pos == tok.start_pos:
        span = Span(file, tok.line, tok.column - 1, tok.line, tok.end_column)
        message = _(
            "`{written}` is read as the name `{name}` and `{gt}`; `ー{gt}` is "
            "probably an arrow typed with the input method on",
            written=name + str(tok),
            name=name,
            gt=str(tok),
        )
        hint = _("write `{short} ->`, or `{name} ->` if `ー` belongs to the name", short=name[:-1], name=name)
        meant = " ->"
    else:
        message = _("`{gt}` is not an arrow: write `->`", gt=str(tok))
        hint = IME_HINT
        meant = "->"
    return Repair(
        error(span, message, hint, Fix(_("write `{meant}`", meant=meant.strip()), (Edit(span, meant),), safe=False)),
        [virtual("INPUT", "->", tok)],
    )
