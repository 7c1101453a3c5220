"""The PReP model as written in a `.prep` file: pydantic models, each element
keeping the span of its source. The parser makes them; nothing here knows text."""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import ConfigDict
from pydantic.dataclasses import dataclass

from prep.diagnostics import Span

ProductKind = Literal["product", "milestone", "final", "intangible"]
RelationKind = Literal["input", "sync"]
AttrValue = Union[str, int, float, None]

PRODUCT_KINDS: tuple[str, ...] = ("product", "milestone", "final", "intangible")


# Validated, immutable and slotted: a large model holds hundreds of thousands of these.
element = dataclass(frozen=True, slots=True, kw_only=True, config=ConfigDict(extra="forbid"))


@element
class Name:
    """A name as written: its NFC text and where it stands."""

    text: str
    span: Span


@element
class Attr:
    """`name` or `name=value` inside `[...]`."""

    name: str
    value: AttrValue = None
    span: Span


@element
class Attributed:
    attrs: tuple[Attr, ...] = ()

    def attr(self, name: str, default: AttrValue = None) -> AttrValue:
        """The value of the last attribute called `name` (True-ish flags give None)."""
        for a in reversed(self.attrs):
            if a.name == name:
                return a.value
        return default

    def has_attr(self, name: str) -> bool:
        return any(a.name == name for a in self.attrs)


@element
class Ref:
    """A reference: `name`, `name<state>`, `name.param` or `name<state>.param`."""

    name: str
    state: str | None = None
    param: str | None = None
    span: Span

    @property
    def key(self) -> str:
        return product_key(self.name, self.state)

    def __str__(self) -> str:
        return self.key + (f".{self.param}" if self.param else "")


ROLES = ("customer", "csm", "service", "vendor")
KEYWORDS = frozenset(
    "process actor product milestone final intangible external subprocess until goal kpi for under issue on".split()
)
_IDENT = re.compile(r"(?:[^\W\d]|_)[\w・]*")


def written_name(name: str) -> str:
    """`name` as written in a `.prep` file: bare when it can be, else quoted."""
    if _IDENT.fullmatch(name) and name not in KEYWORDS:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def product_key(name: str, state: str | None) -> str:
    """The graph key of a product: `name`, or `name<state>` when it has a state."""
    return f"{name}<{state}>" if state else name


@element
class Product(Attributed):
    kind: ProductKind
    name: str
    state: str | None = None
    params: tuple[str, ...] = ()
    actor: str
    span: Span
    name_span: Span

    @property
    def key(self) -> str:
        return product_key(self.name, self.state)


@element
class Actor(Attributed):
    name: str
    products: tuple[Product, ...] = ()
    span: Span
    name_span: Span

    @property
    def role(self) -> str:
        value = self.attr("role", "customer")
        text = str(value) if value is not None else "customer"
        return text.lower() if text.lower() in ROLES else text


@element
class External(Attributed):
    name: str
    span: Span


@element
class Goal:
    text: str
    span: Span


@element
class Subprocess(Attributed):
    name: str
    until: Ref
    members: tuple[Ref, ...] | None = None
    span: Span


@element
class Relation(Attributed):
    """One relation; a chain or list statement makes several, sharing attributes."""

    kind: RelationKind
    source: Ref
    target: Ref
    span: Span

    @property
    def arrow(self) -> str:
        return "->" if self.kind == "input" else "<->"

    def __str__(self) -> str:
        return f"{self.source} {self.arrow} {self.target}"


@element
class Kpi(Attributed):
    name: str
    for_: Ref | None = None
    under: Name | None = None
    span: Span


@element
class Issue(Attributed):
    text: str
    on: Ref
    span: Span


@element
class Process(Attributed):
    name: str
    span: Span
    header_span: Span
    goals: tuple[Goal, ...] = ()
    actors: tuple[Actor, ...] = ()
    externals: tuple[External, ...] = ()
    subprocesses: tuple[Subprocess, ...] = ()
    relations: tuple[Relation, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    issues: tuple[Issue, ...] = ()

    @property
    def stage(self) -> str:
        """`asis` or `tobe`, in any letter case (`stage=ToBe` is ToBe); anything else is
        ignored (PREP106 says so), leaving the default, `asis`."""
        value = str(self.attr("stage", "asis")).lower()
        return value if value in ("asis", "tobe") else "asis"

    @property
    def goal(self) -> Goal | None:
        return self.goals[0] if self.goals else None

    @property
    def products(self) -> tuple[Product, ...]:
        return tuple(p for actor in self.actors for p in actor.products)


# A suppression comment: `# prep: ignore`, `# prep: ignore[CODE,…]`, `# prep: ignore-file[…]`
# (read by prep.checks.suppress; `prep fmt` keeps a line that carries one whole).
SUPPRESSION = re.compile(r"#\s*prep:\s*(ignore-file|ignore)\b\s*(?:\[([^\]]*)\])?", re.I)


@element
class Comment:
    """A `#` comment: kept for suppressions (`# prep: ignore[...]`)."""

    text: str
    line: int
    column: int
    own_line: bool


@element
class Document:
    """One parsed file."""

    path: str
    processes: tuple[Process, ...] = ()
    comments: tuple[Comment, ...] = ()


__all__ = [
    "Actor",
    "Attr",
    "AttrValue",
    "Comment",
    "Document",
    "External",
    "Goal",
    "Issue",
    "Kpi",
    "Name",
    "Process",
    "Product",
    "ProductKind",
    "PRODUCT_KINDS",
    "Ref",
    "Relation",
    "RelationKind",
    "Subprocess",
    "product_key",
    "written_name",
    "KEYWORDS",
]
