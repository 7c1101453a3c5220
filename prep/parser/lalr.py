"""lark's LALR parser state, fed with less work per token.

`QuickState.feed_token` does what lark's `ParserState.feed_token` does, over the
same parse table and the same callbacks (prep's builder), but looks each
reduction's size, callback and rule name up once per parser instead of on every
reduction, and skips lark's internal assertions (which compare rule objects).
Everything else (the stacks syntax-error recovery works on, `copy`, the table)
is lark's own."""

from __future__ import annotations

from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_analysis import Shift
from lark.parsers.lalr_parser_state import ParserState

_tables: dict[int, tuple] = {}


def _table(conf) -> tuple:
    """{state: {symbol: (True, next state) | (False, (size, callback, rule name))}},
    and the callbacks on tokens, made once per parse table and callbacks: lark makes a
    new configuration for every parse, over the same table and the same callbacks, so
    keying by the configuration would build (and keep) a table per parse."""
    states, callbacks = conf.states, conf.callbacks
    key = (id(states), id(callbacks))
    found = _tables.get(key)
    if found is not None and found[0] is states and found[1] is callbacks:
        return found[2], found[3]
    reductions: dict = {}
    table = {}
    for state, actions in conf.states.items():
        row = {}
        for symbol, (action, arg) in actions.items():
            if action is Shift:
                row[symbol] = (True, arg)
            else:
                if arg not in reductions:
                    callback = callbacks[arg] if callbacks else None
                    reductions[arg] = (len(arg.expansion), callback, arg.origin.name)
                row[symbol] = (False, reductions[arg])
        table[state] = row
    on_tokens = {k: v for k, v in callbacks.items() if isinstance(k, str)}
    _tables[key] = (states, callbacks, table, on_tokens)
    return table, on_tokens


class QuickState(ParserState):
    __slots__ = ("_table", "_on_tokens")

    def __init__(self, parse_conf, lexer, state_stack=None, value_stack=None):
        super().__init__(parse_conf, lexer, state_stack, value_stack)
        self._table, self._on_tokens = _table(parse_conf)

    @classmethod
    def of(cls, state: ParserState) -> QuickState:
        return cls(state.parse_conf, state.lexer, state.state_stack, state.value_stack)

    def feed_token(self, token, is_end=False):
        state_stack = self.state_stack
        value_stack = self.value_stack
        table, on_tokens = self._table, self._on_tokens
        end_state = self.parse_conf.end_state
        kind = token.type
        while True:
            try:
                shift, arg = table[state_stack[-1]][kind]
            except KeyError:
                states = self.parse_conf.states
                expected = {s for s in states[state_stack[-1]].keys() if s.isupper()}
                raise UnexpectedToken(token, expected, state=self, interactive_parser=None) from None
            if shift:
                state_stack.append(arg)
                value_stack.append(token if kind not in on_tokens else on_tokens[kind](token))
                return None
            size, callback, name = arg
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value = callback(children) if callback is not None else children
            _shift, new_state = table[state_stack[-1]][name]
            state_stack.append(new_state)
            value_stack.append(value)
            if is_end and new_state == end_state:
                return value
