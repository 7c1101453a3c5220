"""PREP001 in words a consultant understands.

The parser is fed one token at a time. At an unexpected token we report what was
found and what was expected (here), then skip to the first token on a later line
that the parser can take after dropping the unfinished statement (recovery.py), so
that later mistakes in the same file are reported too."""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token

from prep.codes import SYNTAX_ERROR
from prep.diagnostics import Diagnostic, Edit, Fix, Span
from prep.parser.mending import KEYWORDS, TEXT as PUNCTUATION
from prep.parser.texts import UNCLOSED
from prep.i18n import N_, _

MAX_SYNTAX_ERRORS = 20

NAME_TOKENS = {"IDENT", "STRING", "BAD_STRING", "TEXT", "BAD_TEXT"}

# Characters a Japanese input method types for the language's symbols.
LOOKALIKES = {
    "（": "(",
    "）": ")",
    "｛": "{",
    "｝": "}",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "，": ",",
    "、": ",",
    "．": ".",
    "＝": "=",
    "＜": "<",
    "＞": ">",
    "〈": "<",
    "〉": ">",
    "＂": '"',
    "“": '"',
    "”": '"',
    "＃": "#",
    "→": "->",
    "⇒": "->",
    "➡": "->",
    "↔": "<->",
    "⇔": "<->",
    "－": "-",
    "＿": "_",
}
STATEMENT_START = {"GOAL", "ACTOR", "EXTERNAL", "SUBPROCESS", "KPI", "ISSUE"}

# What kind of name is wanted after a token, by that token's type.
KINDS = {"PRODUCT", "MILESTONE", "FINAL", "INTANGIBLE"}
NAME_AFTER = {
    "PROCESS": N_("a process name"),
    "ACTOR": N_("an actor name"),
    "PRODUCT": N_("a product name"),
    "MILESTONE": N_("a product name"),
    "FINAL": N_("a product name"),
    "INTANGIBLE": N_("a product name"),
    "EXTERNAL": N_("an external process name"),
    "SUBPROCESS": N_("a subprocess name"),
    "UNTIL": N_("a product name"),
    "GOAL": N_("the goal"),
    "KPI": N_("a KPI name"),
    "FOR": N_("a product name"),
    "UNDER": N_("a KPI name"),
    "ISSUE": N_("the issue text"),
    "ON": N_("a product name"),
    "INPUT": N_("a product name"),
    "SYNC": N_("a product name"),
    "DOT": N_("a parameter name"),
    "LPAR": N_("a parameter name"),
    "LSQB": N_("an attribute name"),
    "EQUAL": N_("a value"),
    "COMMA": N_("a name"),
}


def describe_token(tok: Token) -> str:
    if tok.type == "$END":
        return _("the end of the file")
    if tok.type == "BAD_STRING":
        return _("a quoted name that is not closed")
    if tok.type in ("TEXT", "BAD_TEXT"):
        return _('a `"""` text')
    text = str(tok)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"`{text}`"


# The tokens a message may name, most telling first; at most MAX_LISTED are named.
MAX_LISTED = 6
ORDER = (
    "INPUT",
    "SYNC",
    "LBRACE",
    "RBRACE",
    "COMMA",
    "RPAR",
    "RSQB",
    "LPAR",
    "LSQB",
    "EQUAL",
    "DOT",
    "FOR",
    "UNDER",
    "ON",
    "UNTIL",
    "STATE",
    "NUMBER",
    "$END",
    "PROCESS",
)


def describe_expected(expected: set[str], previous: Token | None) -> str:
    """What may stand here, in words: never more than MAX_LISTED tokens named; where more
    could follow, what they are for ("a new statement", "a product") stands for them."""
    statement = bool(STATEMENT_START & expected)
    kinds = bool(KINDS & expected)
    rest = expected - STATEMENT_START - KINDS - (NAME_TOKENS if statement else set())
    named = [t for t in ORDER if t in rest]
    names = bool(NAME_TOKENS & rest)
    alone = not named and not names and statement + kinds == 1
    words: list[str] = []
    if statement:
        words.append(
            _("a statement (`goal`, `actor`, `external`, `subprocess`, `kpi`, `issue` or a relation)")
            if alone
            else _("a new statement")
        )
    if kinds:
        words.append(_("a product (`product`, `milestone`, `final` or `intangible`)") if alone else _("a product"))
    if names:
        words.append(_(NAME_AFTER.get(previous.type if previous is not None else "", N_("a name"))))
    for t in named[:MAX_LISTED]:
        if t in KEYWORDS:
            words.append(f"`{KEYWORDS[t]}`")
        elif t in PUNCTUATION:
            words.append(f"`{PUNCTUATION[t]}`")
        elif t == "STATE":
            words.append(_("a state such as `<承認済>`"))
        elif t == "NUMBER":
            words.append(_("a number"))
        elif t == "$END":
            words.append(_("the end of the file"))
    words = list(dict.fromkeys(words))
    if not words:
        return _("something else")
    if len(words) == 1:
        return words[0]
    return _("{some} or {last}", some=_(", ").join(words[:-1]), last=words[-1])


def syntax_error(file: str, tok: Token, expected: set[str], previous: Token | None, stream, state=None) -> Diagnostic:
    """The PREP001 diagnostic for `tok`, the token the parser could not take."""
    if unclosed_before(tok, previous):
        # `goal "開いたまま` and the next line: the quote is the mistake, not the line after it
        return SYNTAX_ERROR.at(_span(file, previous), *(_(text) for text in UNCLOSED[previous.type]))
    at = _At(
        file,
        tok,
        set(expected),
        previous,
        stream,
        describe_token(tok),
        bool(NAME_TOKENS & set(expected)),
        _closed_process(state, stream),
    )
    wanted = describe_expected(at.expected, previous)
    message = (
        _(
            "expected {wanted} after {previous}, found {found}",
            wanted=wanted,
            previous=describe_token(previous),
            found=at.found,
        )
        if previous is not None
        else _("expected {wanted}, found {found}", wanted=wanted, found=at.found)
    )
    said = next((s for case in _CASES if (s := case(at)) is not None), _Said())
    message = said.message or message
    hint, fix = said.hint, said.fix
    if hint is None:
        hint, fix = _misspelt_keyword(file, tok, previous)
    if (
        hint is None
        and tok.type == "IDENT"
        and previous is not None
        and previous.type == "IDENT"
        and previous.end_line == tok.line
    ):
        spaced = f"{previous} {tok}"
        hint = _('a name with a space is written in double quotes: `"{name}"`', name=spaced)
    return SYNTAX_ERROR.at(_span(file, tok), message, hint, fix=fix)


@dataclass(frozen=True)
class _At:
    """Where the parser stopped: what a case below reads to word the finding."""

    file: str
    tok: Token
    expected: set[str]
    previous: Token | None
    stream: object
    found: str  # the token, in words
    wants_name: bool  # a name may stand here
    closed: tuple[str, int] | None  # see _closed_process


@dataclass(frozen=True)
class _Said:
    """A case's words: a message instead of "expected …, found …" (None keeps that),
    the hint, the fix."""

    message: str | None = None
    hint: str | None = None
    fix: Fix | None = None


def _outside_actor(at: _At) -> _Said | None:
    if not (at.tok.type in KINDS and "GOAL" in at.expected):
        return None
    nxt = at.stream.peek()
    what = f"{at.tok} {nxt}" if nxt is not None and nxt.type in NAME_TOKENS else str(at.tok)
    block = f"actor 担当 {{ {what} }}"
    return _Said(
        _("`{what}` is outside any actor: products are defined inside an actor's block", what=what),
        _("move it into the block of the actor responsible for it: `{block}`", block=block),
    )


def _outside_process(at: _At) -> _Said | None:
    if at.closed is None or at.tok.type == "RBRACE":
        return None
    name, line = at.closed
    return _Said(
        _(
            "{found} is outside any process: process `{name}` ends with the `}}` on line {line}",
            found=at.found,
            name=name,
            line=line,
        ),
        _("move it above that `}`, inside the process; or, if that `}` closes the process too early, remove it"),
    )


def _empty_state(at: _At) -> _Said | None:
    if not (at.tok.type == "BAD_ARROW" and str(at.tok) == "<>"):
        return None
    return _Said(
        _("a state cannot be empty: `<>` names no state"),
        _("write the state between `<` and `>`, as in `申込<提出済>`, or remove the `<>`"),
    )


def _lookalike(at: _At) -> _Said | None:
    if not (at.tok.type == "BAD_CHAR" and str(at.tok) in LOOKALIKES):
        return None
    from prep.parser.mending import IME_HINT

    meant = LOOKALIKES[str(at.tok)]
    return _Said(
        _("{found} is not part of the language: write `{meant}`", found=at.found, meant=meant),
        _(IME_HINT),
        Fix(_("write `{meant}`", meant=meant), (Edit(_span(at.file, at.tok), meant),)),
    )


def _bad_char(at: _At) -> _Said | None:
    if at.tok.type != "BAD_CHAR":
        return None
    wanted = describe_expected(at.expected, at.previous) if at.expected else ""
    # A long list of what could follow a name helps nobody: leave it out.
    short = wanted and wanted.count(",") < 3 and wanted.count("、") < 3
    return _Said(
        _("unexpected character {found}; expected {wanted}", found=at.found, wanted=wanted)
        if short
        else _("unexpected character {found}", found=at.found),
        _('a name holds letters, digits, `_` and `・`; put other text in double quotes: `"100%"`'),
    )


def _name_hint(at: _At) -> _Said | None:
    """A hint for a token that cannot be a name where one is wanted."""
    kind = at.tok.type
    if kind == "BAD_STRING":
        return _Said(hint=_('close the quoted name with `"` on the same line'))
    if not at.wants_name:
        return None
    if kind in ("TEXT", "BAD_TEXT"):
        return _Said(hint=_('a `"""…"""` text can only be an issue text or a `doc=` value; write a name on one line'))
    if kind == "NUMBER":
        word = str(at.tok)
        nxt = at.stream.peek()
        if nxt is not None and nxt.type == "IDENT" and nxt.start_pos == at.tok.end_pos:
            word += str(nxt)
        return _Said(hint=_('a name cannot start with a digit; quote it: `"{word}"`', word=word))
    if kind in KEYWORDS or kind in KINDS:
        return _Said(hint=_('`{word}` is a keyword; to use it as a name, quote it: `"{word}"`', word=str(at.tok)))
    return None


def _unbalanced(at: _At) -> _Said | None:
    """A block the file does not close, a `}` that closes none, two arrows in a row."""
    kind, previous = at.tok.type, at.previous
    if kind == "$END" and "RBRACE" in at.expected:
        return _Said(
            _("the file ends before the `}}` that closes {opener}", opener=_open_block(at.stream.blocks)),
            _("add the missing `}`"),
        )
    if kind == "RBRACE" and previous is not None and "PROCESS" in at.expected:
        return _Said(
            _("unexpected `}`: no block is open here"), _("remove the extra `}`, or check the braces above it")
        )
    if kind in ("INPUT", "SYNC") and previous is not None and previous.type in ("INPUT", "SYNC"):
        return _Said(hint=_("write a product between two arrows: `A -> B -> C`"))
    return None


# The cases that word a finding better than "expected …, found …", first match wins.
_CASES = (_outside_actor, _outside_process, _empty_state, _lookalike, _bad_char, _name_hint, _unbalanced)


def _closed_process(state, stream) -> tuple[str, int] | None:
    """(name, line of its `}`) when the parser stands right after a whole process."""
    from prep.model import Process

    if state is None or not state.value_stack or stream.blocks:
        return None
    values = state.value_stack
    top = values[-1]
    if isinstance(top, Process):
        return top.name, top.span.end_line
    if isinstance(top, Token) and top.type == "RBRACE":
        at = max((i for i, v in enumerate(values) if isinstance(v, Token) and v.type == "PROCESS"), default=None)
        if at is not None and at + 1 < len(values):
            return getattr(values[at + 1], "text", "?"), top.line
    return None


def _span(file: str, tok: Token) -> Span:
    return Span(file, tok.line, tok.column, tok.end_line or tok.line, tok.end_column or tok.column + 1)


def unclosed_before(tok: Token, previous: Token | None) -> bool:
    """Whether `tok` fails only because the line before ended inside a quote."""
    return previous is not None and previous.type in UNCLOSED and tok.line > previous.end_line


# Keywords long enough that a near miss is a typo, not another word.
_LONG_KEYWORDS = sorted(w for w in [*KEYWORDS.values(), *(k.lower() for k in KINDS)] if len(w) >= 4)


def _misspelt_keyword(file: str, tok: Token, previous: Token | None):
    """(hint, fix) when the word read as a name is a keyword's typo (`prodcut 見積`,
    `externel 顧客`) where the parser could not read on as if mended; (None, None)."""
    from prep.diagnostics import KEYWORD_CUTOFF, closest

    for word in (tok, previous):
        if word is not None and word.type == "IDENT" and str(word).isascii():
            close = closest(str(word).lower(), _LONG_KEYWORDS, cutoff=KEYWORD_CUTOFF)
            if close:
                return (
                    _("did you mean the keyword `{close}` instead of `{word}`?", close=close, word=str(word)),
                    Fix(_("write `{meant}`", meant=close), (Edit(_span(file, word), close),)),
                )
    return None, None


def _open_block(blocks: list[tuple]) -> str:
    if not blocks:
        return _("the last block")
    keyword, name, line = blocks[-1]
    if keyword is None:
        return _("the block opened on line {line}", line=line)
    label = f" `{name}`" if name is not None else ""
    block = f"{KEYWORDS[keyword.type]}{label}"
    return _("{block} (line {line})", block=block, line=keyword.line)
