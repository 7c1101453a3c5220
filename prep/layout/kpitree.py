"""KPI trees -> positions (docs/kpi.md, "Pictures"): top down, the root on top, each
node in a row below every node it hangs under, lines only from a node down to its
children, never through a node and never between two nodes of one row; a
product's KPI and issue notes beside it; AsIs and ToBe side by side with their
shared nodes in the same rows (or one above the other where that is more legible
at 1920 px); a one-row legend of what is used. The result is a KpiLayout
(prep.layout.kpipositions) that the SVG and the PowerPoint drawers read alike.

Trees are read as they are (nodes with `children`, references with `node`), so
layout does not import prep.kpi."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep import notation as N
from prep.layout import kpicontent as C
from prep.layout import kpiplace as P
from prep.layout.kpipositions import KpiLayout
from prep.layout.positions import Box

DEPTH = 60  # pictures stop here: a `more` stub says the tree goes on


@dataclass(slots=True)
class Item:
    kind: str
    label: str
    key: str | None
    marks: tuple
    lines: tuple
    nid: str | None = None  # the tree node's id (AsIs and ToBe share them)
    host: int | None = None  # a note: the item it stands beside
    notes: list = field(default_factory=list)
    size: tuple = (0.0, 0.0)
    box: Box | None = None
    gutter: float | None = None  # a note whose lines leave by its right side


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
        kgis = [c for c in root.children if _is_node(c) and c.kind == "kpi" and "kgi" in c.marks]
        self._add(Item(root.kind, root.label, None, tuple(root.marks), C.node_lines(root, words, kgis), root.id))
        seen[id(root)] = 0
        self.depth = {0: 0}
        inside = {id(k) for k in kgis}
        stack = [(0, c, 1) for c in reversed(root.children) if id(c) not in inside]
        for kgi in reversed(kgis):  # what hangs under a KGI hangs from the goal
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
        me = self._add(
            Item(node.kind, node.label, getattr(node, "key", None), marks, C.node_lines(node, words), node.id)
        )
        if node.kind == "kpi" and above.kind in C.PRODUCTS and above.host is None:
            self.items[me].host = parent
            above.notes.append(me)
            self.links.append((parent, me))
        else:
            self.lines.append((parent, me))
        for mark in marks:
            if mark.startswith("issue:") and node.kind in C.PRODUCTS:
                note = self._add(Item("issue", mark[6:], None, (), C.issue_lines(mark[6:], words), host=me))
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
                continue  # cut at the depth limit
            wanted.append((parent, target))
        # a reference to a node shown deeper is a line down; one to a node shown higher
        # (a sync cycle seen from its other end) is tried last
        wanted.sort(key=lambda pair: self.depth.get(pair[1], 0) <= self.depth.get(pair[0], 0))
        base = [(self.unit(a), self.unit(b)) for a, b in self.lines]
        good = [(a, b) for a, b in wanted if self.items[b].host is None]
        kept, left = P.acyclic(len(self.items), base, [(self.unit(a), b) for a, b in good])
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


WIDE = 1900.0  # a tree's rows are kept this narrow where they can be (points):
PAIR_WIDE = 1050.0  # legible at 1920 px alone, or beside its pair
NARROW_LIMIT = 300  # units; past this a tree is too large to be legible anyway


def _rows(parts: list[_Parts]) -> list[list[int]]:
    """Each tree's rows by item (notes: their host's): the longest path from the root,
    a pair's shared nodes (same id) in the same rows where both trees' lines still
    point down, and rows wider than WIDE split (some nodes one row lower)."""
    split: set[str] = set()  # shared ids the two trees order in contradiction
    for _ in range(64):
        keys: dict[str, int] = {}
        names: dict[int, str] = {}
        maps = []
        for t, p in enumerate(parts):
            mine = {}
            for i in p.units():
                item = p.items[i]
                name = (
                    "#root"
                    if i == 0
                    else (item.nid if len(parts) > 1 and item.nid and item.nid not in split else f"{t}#{i}")
                )
                if name not in keys:
                    keys[name] = len(keys)
                    names[keys[name]] = name
                mine[i] = keys[name]
            maps.append(mine)
        edges, left = [], []
        for t, p in enumerate(parts):
            more = [(maps[t][p.unit(a)], maps[t][b]) for a, b in p.edges()]
            edges, dropped = P.acyclic(len(keys), edges, more)
            left += dropped
        if not left:
            rows = _narrow(parts, maps, len(keys), edges, keys["#root"])
            return [[rows[m[p.unit(i)]] for i in range(len(p.items))] for p, m in zip(parts, maps)]
        before = len(split)
        split.update(names[k] for a, b in left for k in (a, b) if "#" not in names[k])
        if len(split) == before:
            break
    out = []
    for p in parts:
        rows = P.longest_rows(len(p.items), p.edges())
        out.append([rows[p.unit(i)] for i in range(len(p.items))])
    return out


def _unit_width(p: _Parts, u: int) -> float:
    item = p.items[u]
    notes = [p.items[n].size[0] for n in item.notes]
    return item.size[0] + (16.0 + max(notes) if notes else 0.0)


def _narrow(parts, maps, count: int, edges, root: int) -> list[int]:
    """Rows by longest path; then, while a tree's row is wider than WIDE (PAIR_WIDE
    for a pair), its last node without children (else its last node) one row lower."""
    floor = [0] * count
    rows = P.longest_rows(count, edges, root, floor)
    if sum(len(m) for m in maps) > NARROW_LIMIT:
        return rows
    limit = WIDE if len(parts) < 2 else PAIR_WIDE
    parents = {a for a, _ in edges}
    plans: dict[tuple[int, int], list[int]] = {}
    for _ in range(NARROW_LIMIT):
        moved = False
        for t, (p, m) in enumerate(zip(parts, maps)):
            by_row: dict[int, list[int]] = {}
            for u, k in m.items():
                by_row.setdefault(rows[k], []).append(u)
            for r in sorted(by_row):
                units = sorted(by_row[r])
                width = sum(_unit_width(p, u) for u in units) + 28.0 * (len(units) - 1)
                if width <= limit or len(units) < 3:
                    continue
                if (t, r) not in plans:  # every second leaf first: rows interleave
                    leaves = [u for u in units if m[u] not in parents] or units
                    plans[(t, r)] = leaves[1::2][::-1] + leaves[0::2][::-1]
                plan = [u for u in plans[(t, r)] if rows[m[u]] == r]
                if not plan:
                    continue
                floor[m[plan[0]]] = r + 1
                moved = True
                break
            if moved:
                break
        if not moved:
            return rows
        rows = P.longest_rows(count, edges, root, floor)
    return rows


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


def kpi_layout(trees, words: dict, legend: bool = True, measure=None, together: bool = False) -> KpiLayout:
    """The positions of the pictures of `trees` (as prep kpi has them; `together`:
    the trees are one AsIs/ToBe pair, whatever their `pair` says)."""
    from prep.layout.kpiframe import frames

    if measure is None:
        from prep.layout.measure import graphviz_measure as measure
    pairs = [list(trees)] if together and len(trees) == 2 else _pairs(trees)
    groups = [[_Parts(t, words) for t in group] for group in pairs]
    used: set[str] = set()
    for parts in groups:
        for p in parts:
            for item in p.items:
                used.update(C.legend_kind(item))
    items, legend_sizes, title_w = _measure_all(groups, words, measure, used)
    return frames(
        groups, [_rows(parts) for parts in groups], words, (items, legend_sizes, title_w) if legend and trees else None
    )
