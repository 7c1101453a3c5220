"""Panic-mode recovery after a syntax error (PREP001, worded in syntax_errors.py): drop
the unfinished statement and skip to the first token on a later line that the parser
can take, so that later mistakes in the same file are reported too."""

from __future__ import annotations

from lark import Token

from prep.parser.syntax_errors import unclosed_before


def recover(state, stream, failed: Token, previous: Token | None = None) -> Token | None:
    """Drop the unfinished statement: read on to the token to go on with, pop the
    parser's stacks back to a statement boundary where that token can be taken, and
    put it back into the stream (returned; None at the end of the text). Candidates
    are the first tokens of later lines and any `}`; after an unclosed quote, the
    failed token itself, which starts the line after it."""
    states = state.parse_conf.states
    fresh = unclosed_before(failed, previous)
    line = previous.end_line if fresh else failed.line
    tok = failed
    while tok is not None:
        if tok.type == "RBRACE" or ((fresh or tok is not failed) and tok.line != line):
            stack, values = state.state_stack, state.value_stack
            for depth in range(len(stack)):
                remaining = len(values) - depth
                if remaining > 0 and not _is_boundary(values[remaining - 1]):
                    continue
                if tok.type in states[stack[-1 - depth]]:
                    if depth:
                        del state.state_stack[-depth:]
                        del state.value_stack[-depth:]
                    stream.push(tok)
                    return tok
        tok = stream.next()
    return None


def _is_boundary(value) -> bool:
    """Whether a parser value ends a statement (or opens a block)."""
    from lark import Tree

    from prep.model import Actor, External, Goal, Issue, Kpi, Process, Relation, Subprocess
    from prep.parser.build import Draft

    if isinstance(value, Token):
        return value.type in ("LBRACE", "RBRACE")
    if isinstance(value, Tree):
        return bool(value.children) and _is_boundary(value.children[-1])
    if isinstance(value, list):
        return bool(value) and isinstance(value[0], Relation)
    return isinstance(value, (Actor, Draft, External, Goal, Issue, Kpi, Process, Subprocess))


def recover_at_end(state) -> None:
    """Pop to a state that can take the end of the file (at worst, the start)."""
    states = state.parse_conf.states
    while len(state.state_stack) > 1 and "$END" not in states[state.state_stack[-1]]:
        state.state_stack.pop()
        state.value_stack.pop()
