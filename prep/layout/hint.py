"""Stable drawings (docs/language.md, `prep render` "Stable across edits"): a Hint is
where another drawing put each product — its column and its height — and the
layout keeps the products it shares with that drawing in the same order of columns
and of places in a column wherever the relations allow.

One mechanism for every use: `prep render TOBE --like ASIS` (AsIs's drawing as the
hint), the diff picture (the old model's), and `prep serve` / the editor preview
(the last drawing shown). A hint is taken from a Layout (`hint_of`), so a chain of
edits keeps following what was on the screen.

A quick redraw (`prep serve`, the editor preview: `quick(hint)`) also starts the
layout search (layout/search.py) from the choices the hinted drawing made and tries
only QUICK_BUDGET others: the hint already fixes the order, so the full search would
mostly find the same drawing again, in a tenth of a second more per save."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.notation import SIZE

MAX_HINTED = 5000  # larger drawings are laid out without a hint (time)
QUICK_BUDGET = 10  # layouts a quick redraw tries beyond the hinted choices


@dataclass(frozen=True)
class Hint:
    """process name -> {product key, or "\\0" + external name + side: (column, y)};
    `choices`: process name -> the layout search's choices (layout/search.py
    choices_of); `budget`: None (a full search) or the layouts a quick redraw tries,
    starting from `choices`; `zoom`: how much larger than their size the drawing's
    texts were (1, or more for a long chain: prep.layout), which a redraw keeps while
    it stays legible, so the texts do not change size at every save."""

    places: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    budget: int | None = None
    zoom: float = 1.0

    def for_process(self, name: str, count: int) -> dict:
        """The places of the process `name`; in a drawing of one process, a hint of
        one process applies whatever its name (an AsIs and a ToBe named apart)."""
        return _of(self.places, name, count, {})

    def start_for(self, name: str, count: int) -> dict | None:
        """The search's choices to start from for process `name` in a quick redraw
        (None: a full search, from none)."""
        return None if self.budget is None else _of(self.choices, name, count, None)


def _of(table: dict, name: str, count: int, default):
    if name in table:
        return table[name]
    if count == 1 and len(table) == 1:
        return next(iter(table.values()))
    return default


def quick(hint: Hint | None) -> Hint | None:
    """`hint` for a quick redraw: the search starts from its choices and tries
    QUICK_BUDGET layouts more."""
    from dataclasses import replace

    return None if hint is None else replace(hint, budget=QUICK_BUDGET)


def external_key(name: str, side: str | None) -> str:
    return f"\0{name}\0{side}"


def hint_of(layout) -> Hint:
    """The hint a drawing gives: each product's column and the height of its centre,
    and the layout search's choices."""
    places = {}
    choices = {p.name: c for p, c in zip(layout.processes, layout.choices)}
    for process in layout.processes:
        here = {n.key: (n.column, n.box.cy - process.frame.y) for n in process.nodes}
        for n in process.externals:
            here[external_key(n.key, n.side)] = (n.column, n.box.cy - process.frame.y)
        places[process.name] = here
    names = [t.size for p in layout.processes for n in p.nodes for t in n.lines if t.role == "name"]
    return Hint(places, choices, zoom=min(names, default=SIZE["name"]) / SIZE["name"])


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
