"""Rule callbacks that run inside the LALR parser and build the model directly.

Each method is named after a grammar rule and gets that rule's children: lark
tokens (with line and column) and the values of sub-rules. Per-parse state (the
file name, syntax errors found inside tokens) lives in `Context`."""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Token, Transformer

from prep.codes import SYNTAX_ERROR
from prep.diagnostics import Diagnostic, Span
from prep.parser.texts import MAX_NAME, UNCLOSED, long_text, problem, unquote
from prep.model import (
    Actor,
    Attr,
    External,
    Goal,
    Issue,
    Kpi,
    Name,
    Process,
    Product,
    Ref,
    Relation,
    Subprocess,
)
from prep.i18n import _


@dataclass(slots=True)
class Word:
    """A name while parsing: its text and span (lighter than the model's Name)."""

    text: str
    span: Span
    too_long: Diagnostic | None = None  # said while read as a name; not said for a text


@dataclass(slots=True)
class Draft:
    """A product until its actor is known (products are reduced before their actor)."""

    kind: str
    name: str
    state: str | None
    params: tuple
    attrs: tuple
    span: Span
    name_span: Span

    def build(self, actor: str) -> Product:
        return Product(
            kind=self.kind,
            name=self.name,
            state=self.state,
            params=self.params,
            attrs=self.attrs,
            actor=actor,
            span=self.span,
            name_span=self.name_span,
        )


@dataclass
class Context:
    file: str
    errors: list[Diagnostic] = field(default_factory=list)


def token_span(file: str, tok: Token) -> Span:
    return Span(file, tok.line, tok.column, tok.end_line, tok.end_column)


def _span_of(value) -> Span:
    if isinstance(value, Token):
        return token_span(Builder.context.file, value)
    if isinstance(value, list):
        return _span_of(value[-1])
    return value.span


class Builder(Transformer):
    """The transformer handed to lark; `Builder.context` is set around each parse."""

    context: Context = Context("<none>")

    def _span(self, first, last) -> Span:
        return _span_of(first).to(_span_of(last))

    # -- names and small pieces ------------------------------------------------
    def _error(self, span: Span, message: str, hint: str | None) -> None:
        self.context.errors.append(SYNTAX_ERROR.at(span, message, hint))

    def _word(self, tok: Token, text: bool = False) -> Word:
        """A name or text token's value; PREP001 for an unclosed or unusable one. A
        name over MAX_NAME characters is one, a text (`text`) is not."""
        span = token_span(self.context.file, tok)
        kind = tok.type
        if kind == "IDENT":
            if len(tok) > MAX_NAME and not text:
                self._error(span, *problem(str(tok)))
                return Word(str(tok), span, self.context.errors[-1])
            return Word(str(tok), span)
        if kind in UNCLOSED:
            self._error(span, *(_(text) for text in UNCLOSED[kind]))
            return Word(unquote(str(tok)) if kind == "BAD_STRING" else long_text(str(tok)), span)
        multiline = kind == "TEXT"
        value = long_text(str(tok)) if multiline else unquote(str(tok))
        found = problem(value, multiline=multiline, text=text)
        if found is not None:
            self._error(span, *found)
            if not text and problem(value, text=True) is None:
                return Word(value, span, self.context.errors[-1])
        return Word(value, span)

    def name(self, children):
        return self._word(children[0])

    def _as_text(self, word: Word) -> Word:
        """A name read where a text stands (a goal, an issue text): any length is fine."""
        if word.too_long is not None:
            errors = self.context.errors
            if word.too_long in errors:
                errors.remove(word.too_long)
            word.too_long = None
        return word

    def text(self, children):
        (item,) = children
        return self._as_text(item) if isinstance(item, Word) else self._word(item)

    def _value(self, item: Token):
        if item.type == "NUMBER":
            text = str(item)
            return float(text) if "." in text else int(text)
        if item.type == "STRING" and item == '""':
            return ""  # `doc=""`: an empty value says nothing, and harms nothing
        return self._word(item, text=True).text

    def attr(self, children):
        name = children[0]
        if len(children) == 1:
            return Attr(name=name.text, value=None, span=name.span)
        tok = children[-1]  # `value` is inlined: its token
        return Attr(name=name.text, value=self._value(tok), span=name.span.to(token_span(self.context.file, tok)))

    def attrs(self, children):
        return tuple(c for c in children if isinstance(c, Attr))

    def params(self, children):
        return tuple(c.text for c in children if isinstance(c, Word))

    def arrow(self, children):
        return children[0]

    def kind(self, children):
        return children[0]

    def ref(self, children):
        name = children[0]
        state = param = None
        end = name.span
        for child in children[1:]:
            if isinstance(child, Token) and child.type == "STATE":
                state = self._state(child)
                end = token_span(self.context.file, child)
            elif isinstance(child, Word):
                param, end = child.text, child.span
        return Ref(name=name.text, state=state, param=param, span=name.span.to(end))

    def refs(self, children):
        return [c for c in children if isinstance(c, Ref)]

    def members(self, children):
        return tuple(c for c in children if isinstance(c, Ref))

    def _state(self, tok: Token) -> str:
        state = str(tok)[1:-1].strip()
        if not state:
            written = str(tok)
            self._error(
                token_span(self.context.file, tok),
                _("a state cannot be empty: `{written}` names no state", written=written)
                if written == "<>"
                else _("a state cannot be blank: `{written}` names no state", written=written),
                _("write the state between `<` and `>`, as in `申込<提出済>`, or remove the `<>`"),
            )
        elif (found := problem(state, what=_("a state"))) is not None:
            self._error(token_span(self.context.file, tok), found[0], found[1])
        return state

    # -- statements --------------------------------------------------------------
    def goal(self, children):
        kw, name = children
        return Goal(text=self._as_text(name).text, span=self._span(kw, name))

    def product(self, children):
        kind, name = children[0], children[1]
        state, params, attrs, last = None, (), (), name
        for child in children[2:]:
            if isinstance(child, Token):  # STATE
                state, last = self._state(child), child
            elif child and isinstance(child[0], Attr):
                attrs, last = child, child[-1]
            elif isinstance(child, tuple) and child and isinstance(child[0], str):
                params = child
        return Draft(str(kind), name.text, state, params, attrs, self._span(kind, last), name.span)

    def actor(self, children):
        kw, name = children[0], children[1]
        attrs = next((c for c in children[2:] if isinstance(c, tuple)), ())
        products = tuple(p.build(name.text) for p in children if isinstance(p, Draft))
        return Actor(
            name=name.text, attrs=attrs, products=products, span=self._span(kw, children[-1]), name_span=name.span
        )

    def external(self, children):
        kw, name = children[0], children[1]
        attrs = children[2] if len(children) > 2 else ()
        return External(name=name.text, attrs=attrs, span=self._span(kw, name))

    def subprocess(self, children):
        kw, name, _until, until = children[:4]
        members, attrs = None, ()
        for child in children[4:]:
            if child and isinstance(child[0], Attr):
                attrs = child
            else:
                members = child
        return Subprocess(name=name.text, until=until, members=members, attrs=attrs, span=self._span(kw, until))

    def relation(self, children):
        attrs = children[-1] if isinstance(children[-1], tuple) else ()
        parts = children[:-1] if attrs else children
        relations = []
        for i in range(0, len(parts) - 2, 2):
            sources, arrow, targets = parts[i], parts[i + 1], parts[i + 2]
            kind = "input" if arrow.type == "INPUT" else "sync"
            for s in sources:
                for t in targets:
                    relations.append(Relation(kind=kind, source=s, target=t, attrs=attrs, span=s.span.to(t.span)))
        return relations

    def kpi(self, children):
        kw, name = children[0], children[1]
        for_ = under = None
        attrs = ()
        rest = children[2:]
        for i, child in enumerate(rest):
            if isinstance(child, Token) and child.type == "FOR":
                for_ = rest[i + 1]
            elif isinstance(child, Token) and child.type == "UNDER":
                under = Name(text=rest[i + 1].text, span=rest[i + 1].span)
            elif isinstance(child, tuple):
                attrs = child
        return Kpi(name=name.text, for_=for_, under=under, attrs=attrs, span=self._span(kw, name))

    def issue(self, children):
        kw, text, _on, on = children[:4]
        attrs = children[4] if len(children) > 4 else ()
        return Issue(text=text.text, on=on, attrs=attrs, span=self._span(kw, on))

    def process(self, children):
        kw, name = children[0], children[1]
        buckets: dict[str, list] = {
            k: [] for k in ("goals", "actors", "externals", "subprocesses", "relations", "kpis", "issues")
        }
        attrs = ()
        for child in children[2:]:
            if isinstance(child, tuple):
                attrs = child
            elif isinstance(child, list):
                buckets["relations"].extend(child)
            elif not isinstance(child, Token):
                buckets[_BUCKET[type(child)]].append(child)
        return Process(
            name=name.text,
            attrs=attrs,
            span=self._span(kw, children[-1]),
            header_span=self._span(kw, name),
            **{k: tuple(v) for k, v in buckets.items()},
        )

    def start(self, children):
        return [c for c in children if isinstance(c, Process)]


_BUCKET = {
    Goal: "goals",
    Actor: "actors",
    External: "externals",
    Subprocess: "subprocesses",
    Kpi: "kpis",
    Issue: "issues",
}
