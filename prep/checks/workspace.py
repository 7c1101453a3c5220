"""Everything checked in one run, for rules that look across processes (PREP220).

Workspace rules see each process only through its interface: its name, where its
header is, the externals it declares and the final products it sends to externals.
Interfaces are small and plain, so they travel back from worker processes and are
kept in the result cache, where whole models would not."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.diagnostics import Span


@dataclass(frozen=True)
class Send:
    """`product -> target`: a final product related to an external process."""

    product: str
    target: str
    span: Span


@dataclass(frozen=True)
class Interface:
    """What other processes of the run may know of one process."""

    name: str
    header_span: Span
    externals: frozenset[str]
    sends: tuple[Send, ...]

    @classmethod
    def of(cls, pg) -> Interface:
        sends = []
        for edge in pg.edges:
            product = pg.products.get(edge.source)
            if edge.kind == "input" and product is not None and product.kind == "final" and pg.is_external(edge.target):
                sends.append(Send(edge.source, edge.target, edge.span))
        return cls(pg.name, pg.process.header_span, frozenset(pg.externals), tuple(sends))


@dataclass
class Workspace:
    interfaces: list[Interface]
    _by_name: dict[str, list[Interface]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for interface in self.interfaces:  # indexed once: a lookup is not a scan
            self._by_name.setdefault(interface.name, []).append(interface)

    def processes_named(self, name: str) -> list[Interface]:
        return self._by_name.get(name, [])
