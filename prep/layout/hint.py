"""Stable drawings (docs/language.md, `prep render` "Stable across edits"): a Hint is
where another drawing put each product — its column and its height — and the
layout keeps the products it shares with that drawing in the same order of columns
and of places in a column wherever the relations allow.

One mechanism for every use: `prep render TOBE --like ASIS` (AsIs's drawing as the
hint), the diff picture (the old model's), and `prep serve` / the editor preview
(the last drawing shown). A hint is taken from a Layout (`hint_of`), so a chain of
edits keeps following what was on the screen."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_HINTED = 5000       # larger drawings are laid out without a hint (time)


@dataclass(frozen=True)
class Hint:
    """process name -> {product key, or "\\0" + external name + side: (column, y)}"""

    places: dict = field(default_factory=dict)

    def for_process(self, name: str, count: int) -> dict:
        """The places of the process `name`; in a drawing of one process, a hint of
        one process applies whatever its name (an AsIs and a ToBe named apart)."""
        if name in self.places:
            return self.places[name]
        if count == 1 and len(self.places) == 1:
            return next(iter(self.places.values()))
        return {}


def external_key(name: str, side: str | None) -> str:
    return f"\0{name}\0{side}"


def hint_of(layout) -> Hint:
    """The hint a drawing gives: each product's column and the height of its centre."""
    places = {}
    for process in layout.processes:
        here = {n.key: (n.column, n.box.cy - process.frame.y) for n in process.nodes}
        for n in process.externals:
            here[external_key(n.key, n.side)] = (n.column, n.box.cy - process.frame.y)
        places[process.name] = here
    return Hint(places)


def item_heights(placer) -> list:
    """The hinted height of each of `placer`'s items (None: not in the hint)."""
    places = placer.plan.hint or {}
    out = []
    for node in placer.item_node:
        if node is None:
            out.append(None)
            continue
        key = external_key(node.key, node.side) if node.kind == "external" else node.key
        place = places.get(key)
        out.append(place[1] if place else None)
    return out
