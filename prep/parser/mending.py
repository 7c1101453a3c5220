"""What every mend of a syntax error is made of: a `Repair` (one finding, and the
tokens to feed instead of the failed one), feeding it, trying it on a copy of the
parser's state, and the token types and texts the mends name."""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token

from prep.codes import SYNTAX_ERROR
from prep.diagnostics import Diagnostic, Fix, Span
from prep.i18n import N_

# Keyword token types and their text; WORDS with products' kinds included.
KEYWORDS = {
    "PROCESS": "process",
    "ACTOR": "actor",
    "EXTERNAL": "external",
    "SUBPROCESS": "subprocess",
    "UNTIL": "until",
    "GOAL": "goal",
    "KPI": "kpi",
    "FOR": "for",
    "UNDER": "under",
    "ISSUE": "issue",
    "ON": "on",
}
WORDS = {
    **KEYWORDS,
    "PRODUCT": "product",
    "MILESTONE": "milestone",
    "FINAL": "final",
    "INTANGIBLE": "intangible",
}
# Error terminals of grammar/prep.lark: never taken by the parser.
ERROR_TOKENS = ("BAD_CHAR", "BAD_ARROW", "IME_ARROW", "IME_STRING", "IME_STATE", "KAGI_TEXT")
KINDS = ("PRODUCT", "MILESTONE", "FINAL", "INTANGIBLE")
STATEMENTS = ("GOAL", "ACTOR", "EXTERNAL", "SUBPROCESS", "KPI", "ISSUE")
# What a full-width symbol stands for, as the token the parser wants.
HALF_WIDTH = {
    "（": "LPAR",
    "）": "RPAR",
    "｛": "LBRACE",
    "｝": "RBRACE",
    "［": "LSQB",
    "］": "RSQB",
    "【": "LSQB",
    "】": "RSQB",
    "，": "COMMA",
    "、": "COMMA",
    "．": "DOT",
    "＝": "EQUAL",
}
TEXT = {
    "LPAR": "(",
    "RPAR": ")",
    "LBRACE": "{",
    "RBRACE": "}",
    "LSQB": "[",
    "RSQB": "]",
    "COMMA": ",",
    "DOT": ".",
    "EQUAL": "=",
    "INPUT": "->",
    "SYNC": "<->",
}
IME_HINT = N_(
    "symbols are half-width (switch the input method to 直接入力 / half-width for them); names may stay Japanese"
)
ARROWS_HINT = N_("PReP has two arrows: `A -> B` (A is input into B) and `A <-> B` (A and B are determined together)")


@dataclass
class Repair:
    """One finding, and the tokens to feed instead of the one that failed (after
    taking `previous` back from the parser's stack, when `pop`); with `tokens` None,
    the statement is dropped as after any syntax error."""

    diagnostic: Diagnostic
    tokens: list | None
    pop: bool = False
    closes_block: bool = False  # a `}` is among the tokens: the stream's open block ends
    opens_block: tuple | None = None  # a `{` is: the block it opens, as the stream keeps it


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
    if repair.opens_block is not None:
        stream.blocks.append(repair.opens_block)
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
        del errors[found:]  # what the trial's reductions reported is not said twice
    return True


def span_of(file: str, tok: Token, last: Token | None = None) -> Span:
    last = last or tok
    return Span(file, tok.line, tok.column, last.end_line or last.line, last.end_column or last.column + 1)


def point_after(file: str, tok: Token) -> Span:
    return Span(file, tok.end_line, tok.end_column, tok.end_line, tok.end_column)


def error(span: Span, message: str, hint: str, fix: Fix | None = None) -> Diagnostic:
    return SYNTAX_ERROR.at(span, message, hint, fix=fix)


def virtual(kind: str, text: str, at: Token) -> Token:
    return Token.new_borrow_pos(kind, text, at)


def acceptable(state, below: int = 0) -> dict:
    return state.parse_conf.states[state.state_stack[-1 - below]]


def shifted(state, tok: Token | None) -> bool:
    """Whether `tok` is the last token shifted, not yet part of a reduced rule."""
    return tok is not None and len(state.value_stack) > 1 and state.value_stack[-1] is tok
