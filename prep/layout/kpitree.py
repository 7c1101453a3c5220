"""KPI trees -> positions (docs/kpi.md, "Pictures"): top down, the root on top, each
node in a row below every node it hangs under, lines only from a node down to its
children, never through a node and never between two nodes of one row; a
product's KPI and issue notes beside it; AsIs and ToBe side by side with their
shared nodes in the same rows (or one above the other where that is more legible
at 1920 px); a one-row legend of what is used. The result is a KpiLayout
(prep.layout.kpimodel) that the SVG and the PowerPoint drawers read alike.

Trees are read as they are (nodes with `children`, references with `node`), so
layout does not import prep.kpi."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep import notation as N
from prep.layout import kpicontent as C
from prep.layout import kpiplace as P
from prep.layout.kpimodel import KpiLayout
from prep.layout.model import Box

DEPTH = 60              # pictures stop here: a `more` stub says the tree goes on


@dataclass(slots=True)
class Item:
    kind: str
    label: str
    key: str | None
    marks: tuple
    lines: tuple
    nid: str | None = None        # the tree node's id (AsIs and ToBe share them)
    host: int | None = None       # a note: the item it stands beside
    notes: list = field(default_factory=list)
    size: tuple = (0.0, 0.0)
    box: Box | None = None
    gutter: float | None = None   # a note whose lines leave by its right side


class _Parts:
    """One tree read into items (a node, note or stub each), lines (parent item,
    child item), note links and the rows' constraints between units."""

    def __init__(self, tree, words: dict) -> None:
        self.tree = tree
        self.items: list[Item] = []
        self.lines: list[tuple[int, int]] = []
        self.links: list[tuple[int, int]] = []
        seen: dict[int, int] = {}
        refs: list[tuple[int, object]] = []
        root = tree.root
        kgis = [c for c in root.children if _is_node(c) and c.kind == "kpi"
                and "kgi" in c.marks]
        self._add(Item(root.kind, root.label, None, tuple(root.marks),
                       C.node_lines(root, words, kgis), root.id))
        seen[id(root)] = 0
        self.depth = {0: 0}
        inside = {id(k) for k in kgis}
        stack = [(0, c, 1) for c in reversed(root.children) if id(c) not in inside]
        for kgi in reversed(kgis):        # what hangs under a KGI hangs from the goal
            stack.extend((0, c, 1) for c in reversed(kgi.children))
        while stack:
            parent, item, depth = stack.pop()
            if not _is_node(item):
                refs.append((parent, item.node))
                continue
            me = self._node(item, parent, words)
            seen[id(item)] = me
            self.depth[me] = depth
            if item.children and depth >= DEPTH:
                more = self._add(Item("more", words["deeper"], None, (), C.more_lines(words)))
                self.lines.append((me, more))
                continue
            stack.extend((me, c, depth + 1) for c in reversed(item.children))
        self._refs(refs, seen)

    def _add(self, item: Item) -> int:
        self.items.append(item)
        return len(self.items) - 1

    def _node(self, node, parent: int, words: dict) -> int:
        above = self.items[parent]
        marks = tuple(node.marks)
        me = self._add(Item(node.kind, node.label, node.key, marks,
                            C.node_lines(node, words), node.id))
        if node.kind == "kpi" and above.kind in C.PRODUCTS and above.host is None:
            self.items[me].host = parent
            above.notes.append(me)
            self.links.append((parent, me))
        else:
            self.lines.append((parent, me))
        for mark in marks:
            if mark.startswith("issue:") and node.kind in C.PRODUCTS:
                note = self._add(Item("issue", mark[6:], None, (), C.issue_lines(mark[6:], words),
                                      host=me))
                self.items[me].notes.append(note)
                self.links.append((me, note))
        return me

    def _refs(self, refs, seen: dict[int, int]) -> None:
        """References become lines where they can point down; one up a sync cycle (or
        to a note) becomes a `name (*)` stub below its parent."""
        wanted = []
        for parent, node in refs:
            target = seen.get(id(node))
            if target is None:
                continue                  # cut at the depth limit
            wanted.append((parent, target))
        # a reference to a node shown deeper is a line down; one to a node shown higher
        # (a sync cycle seen from its other end) is tried last
        wanted.sort(key=lambda pair: self.depth.get(pair[1], 0) <= self.depth.get(pair[0], 0))
        base = [(self.unit(a), self.unit(b)) for a, b in self.lines]
        good = [(a, b) for a, b in wanted if self.items[b].host is None]
        kept, left = P.acyclic(len(self.items), base,
                               [(self.unit(a), b) for a, b in good])
        back = set(left)
        for a, b in wanted:
            if self.items[b].host is None and (self.unit(a), b) not in back:
                self.lines.append((a, b))
            else:
                item = self.items[b]
                stub = self._add(Item("ref", item.label, item.key, (), C.ref_lines(item.label)))
                self.lines.append((a, stub))

    def unit(self, i: int) -> int:
        host = self.items[i].host
        return i if host is None else host

    def units(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if item.host is None]

    def edges(self) -> list[tuple[int, int]]:
        return [(self.unit(a), b) for a, b in self.lines]


def _is_node(item) -> bool:
    return hasattr(item, "children")


def _pairs(trees) -> list[list]:
    """Trees grouped: with --tobe an AsIs tree and its ToBe tree share a group."""
    groups, seen = [], set()
    for tree in trees:
        if id(tree) in seen:
            continue
        group = [tree]
        seen.add(id(tree))
        pair = getattr(tree, "pair", None)
        if pair is not None and id(pair) not in seen and any(pair is t for t in trees):
            group = [tree, pair] if tree.stage == "asis" else [pair, tree]
            seen.add(id(pair))
        groups.append(group)
    return groups


def _rows(parts: list[_Parts]) -> list[list[int]]:
    """Each tree's rows by item (notes: their host's); a pair's shared nodes (same
    id) in the same rows where both trees' lines still point down."""
    own = []
    for p in parts:
        rows = P.longest_rows(len(p.items), p.edges())
        own.append([rows[p.unit(i)] for i in range(len(p.items))])
    if len(parts) < 2:
        return own
    keys: dict[str, int] = {}

    def key(t: int, i: int) -> int:
        item = parts[t].items[i]
        name = "#root" if i == 0 else (item.nid if item.nid and item.host is None
                                       else f"{t}#{i}")
        return keys.setdefault(name, len(keys))

    first = [(key(0, a), key(0, b)) for a, b in parts[0].edges()]
    second = [(key(1, a), key(1, b)) for a, b in parts[1].edges()]
    for t, p in enumerate(parts):
        for i in p.units():
            key(t, i)
    edges, _ = P.acyclic(len(keys), first, second)
    merged = P.longest_rows(len(keys), edges, keys["#root"])
    out = []
    for t, p in enumerate(parts):
        rows = [merged[key(t, p.unit(i))] for i in range(len(p.items))]
        down = all(rows[b] > rows[a] for a, b in p.edges())
        out.append(rows if down else own[t])
    return out


def _measure_all(groups, words, measure, legend_used: set[str]):
    """Every label measured in one call; item sizes set; (title sizes, legend)."""
    markups, targets = [], []
    for parts in groups:
        for p in parts:
            for item in p.items:
                markups.append(N.markup(item.lines))
                targets.append(item)
                for row in item.lines if item.kind == "milestone" else ():
                    markups.append(N.markup((row,)))
                    targets.append((item, row))
            markups.append(N.markup(C.title_lines(p.tree, words), "LEFT"))
            targets.append(p)
    items = C.legend_items(legend_used, words)
    for _, text in items:
        markups.append(N.markup((text,)))
        targets.append(("legend", text))
    from prep.layout.legend import legend_title

    markups.append(N.markup((legend_title(words),)))
    targets.append(("legend-title", None))
    sizes = measure(markups)
    rows: dict[int, list] = {}
    legend_sizes, title_w = [], 0.0
    for target, size in zip(targets, sizes):
        if isinstance(target, Item):
            target.size = size
        elif isinstance(target, _Parts):
            target.title_size = size
        elif target[0] == "legend":
            legend_sizes.append(size)
        elif target[0] == "legend-title":
            title_w = size[0]
        else:
            rows.setdefault(id(target[0]), []).append(size)
    for parts in groups:
        for p in parts:
            for item in p.items:
                w, h = item.size
                item.size = C.box_size(item.kind, w, h, rows.get(id(item)))
    return items, legend_sizes, title_w


def kpi_layout(trees, words: dict, legend: bool = True, measure=None) -> KpiLayout:
    """The positions of the pictures of `trees` (as prep kpi has them)."""
    from prep.layout.kpiframe import frames

    if measure is None:
        from prep.layout.measure import graphviz_measure as measure
    groups = [[_Parts(t, words) for t in group] for group in _pairs(trees)]
    used: set[str] = set()
    for parts in groups:
        for p in parts:
            for item in p.items:
                used.update(C.legend_kind(item))
    items, legend_sizes, title_w = _measure_all(groups, words, measure, used)
    return frames(groups, [_rows(parts) for parts in groups], words,
                  (items, legend_sizes, title_w) if legend and trees else None)
