"""What one process's drawing holds, before any position: lanes, products, external
stand-ins, merged relations, notes, subprocess groups and the banner, each with its
Text lines (so every label can be measured in one batch)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prep.layout import content as C
from prep.layout.badges import badge, mark_of, marked


@dataclass
class PNode:
    id: str
    key: str
    kind: str
    lines: tuple
    lane: int | None = None
    actor: str | None = None
    side: str | None = None  # externals: left | right
    intervention: bool = False
    csm: bool = False
    doc: str | None = None
    subprocess: str | None = None
    notes: list = field(default_factory=list)  # PNote, in order


@dataclass
class PEdge:
    id: str
    source: str  # PNode id
    target: str
    kind: str  # input | sync
    title: str
    lines: tuple = ()
    touch: str | None = None
    params: tuple | None = None
    doc: str | None = None


@dataclass
class PNote:
    id: str
    kind: str
    title: str
    lines: tuple
    target: str | None  # PNode id
    marks: tuple = ()
    doc: str | None = None
    parent: str | None = None  # the note (id) or node it hangs under


@dataclass
class Plan:
    name: str
    stage: str
    lanes: list  # (actor name, role, header lines)
    nodes: list  # PNode: products in file order, then externals
    edges: list
    notes: list
    groups: list  # (subprocess name, [product keys]) in band order
    banner: tuple
    cycles: list
    inputs: list  # (source key, target key) between products
    syncs: list
    band_of: dict = field(default_factory=dict)  # key -> subprocess name
    column: dict = field(default_factory=dict)  # product key -> column (0, 1, …)
    hint: dict = field(default_factory=dict)  # layout/hint.py: key -> (column, y)
    handoffs: frozenset = frozenset()  # (source, target) that may stand
    # one above the other (_handoffs)


class Ids:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, prefix: str = "n") -> str:
        self.count += 1
        return f"{prefix}{self.count}"


def plan(pg, words: dict, ids: Ids, marks: dict | None = None, hint=None, fit: C.Wrap = C.PLAIN) -> Plan:
    """`marks` (prep diff, docs/kpi.md, "prep diff"): badges and ghosting on the lines; `hint`
    (layout/hint.py): where another drawing put the products, key -> (column, y); `fit`:
    how narrow texts wrap (layout/content.py)."""
    hint = hint or {}
    process = pg.process
    lanes, nodes, by_key = _lanes(pg, words, ids, marks, fit)
    groups, band_of = _groups(pg, by_key)
    stand_in = _externals(pg, words, ids, marks, fit)
    nodes += stand_in.values()
    inputs, syncs = _product_relations(pg, by_key)
    edges = [m.drawn(words, fit) for m in _merged(pg, by_key, stand_in, ids, marks)]
    notes, kgis, loose = _notes(pg, by_key, words, ids, marks, fit)
    handoffs = _handoffs(by_key, inputs, edges)
    column, groups, tagged = _columns(
        nodes, inputs, syncs, pg, groups, {k: c for k, (c, _) in hint.items() if k in by_key}, handoffs
    )
    for node in nodes:
        if node.kind != "external":
            _label_product(node, pg, band_of, node.key in tagged, column, groups, words, marks, fit)
    banner = C.banner_lines(process.name, process.stage, [g.text for g in process.goals], kgis, loose, words)
    return Plan(
        process.name,
        process.stage,
        lanes,
        nodes,
        edges,
        notes,
        groups,
        banner,
        [tuple(c.members) for c in pg.input_cycles],
        inputs,
        syncs,
        band_of,
        column,
        hint,
        handoffs,
    )


def _lanes(pg, words, ids, marks, fit) -> tuple[list, list, dict]:
    """The lanes (actor name, role, header lines) and their products, in file order."""
    lanes, nodes, by_key = [], [], {}
    for index, actor in enumerate(pg.process.actors):
        role = actor.role if actor.role in ("customer", "csm", "service", "vendor") else "customer"
        lanes.append(
            (
                actor.name,
                role,
                marked(C.header_lines(actor.name, role, words, fit), mark_of(marks, "actors", actor.name), words, fit),
            )
        )
        for product in actor.products:
            key = product.key
            if pg.products.get(key) is not product or key in by_key:
                continue  # a duplicate definition (PREP102): drawn once
            node = PNode(ids(), key, product.kind, (), index, actor.name, doc=_doc(product))
            node.intervention = product.kind == "intangible" and bool(pg.synced_with(key))
            by_key[key] = node
            nodes.append(node)
    return lanes, nodes, by_key


def _externals(pg, words, ids, marks, fit) -> dict:
    """(external name, side) -> its stand-in: one on each side where it exchanges."""
    sides: dict[str, set[str]] = {}
    for e in pg.edges:
        if e.source in pg.externals:
            sides.setdefault(e.source, set()).add("left")
        if e.target in pg.externals:
            sides.setdefault(e.target, set()).add("right")
    stand_in: dict[tuple[str, str], PNode] = {}
    for external in pg.process.externals:
        name = external.name
        if pg.externals.get(name) is not external or any(k[0] == name for k in stand_in):
            continue
        for side in sorted(sides.get(name, {"left"})):
            lines = marked(C.external_lines(name, fit), mark_of(marks, "externals", name), words, fit)
            stand_in[(name, side)] = PNode(ids(), name, "external", lines, side=side, doc=_doc(external))
    return stand_in


def _product_relations(pg, by_key) -> tuple[list, list]:
    """(source key, target key) of the input and of the sync relations between drawn
    products (a relation of a product to itself, PREP210, is not drawn)."""
    between = [e for e in pg.edges if e.source != e.target and e.source in by_key and e.target in by_key]
    return (
        [(e.source, e.target) for e in between if e.kind == "input"],
        [(e.source, e.target) for e in between if e.kind == "sync"],
    )


@dataclass
class _Merged:
    """The relations drawn as one line (one source, target and kind): their parameter
    pairs, touch level and diff mark."""

    edge: PEdge
    params: list = field(default_factory=list)  # (source param, target param)
    touch: object = None
    touched: bool = False
    mark: tuple | None = None

    def add(self, e, data, mark) -> None:
        self.mark = self.mark or mark
        if data.get("params"):
            pair = tuple(data["params"])
            if pair not in self.params:
                self.params.append(pair)
        if e.relation.has_attr("touch"):
            self.touched = True
            self.touch = self.touch or e.relation.attr("touch")

    def drawn(self, words, fit: C.Wrap = C.PLAIN) -> PEdge:
        edge = self.edge
        edge.params = self.params[0] if self.params else None
        edge.touch = str(self.touch) if self.touched and self.touch is not None else ("" if self.touched else None)
        edge.lines = marked(C.edge_lines(self.params, self.touch, self.touched, words, fit), self.mark, words, fit)
        return edge


def _merged(pg, by_key, stand_in, ids, marks) -> list[_Merged]:
    """The relations to draw, those with the same ends and kind merged into one line;
    a product a touch relation reaches is marked `csm`."""

    def end(key: str, side: str) -> str | None:
        if key in by_key:
            return by_key[key].id
        node = stand_in.get((key, side))
        return node.id if node else None

    merged: dict[tuple, _Merged] = {}
    for e in pg.edges:
        source, target = end(e.source, "left"), end(e.target, "right")
        if e.source == e.target or source is None or target is None:
            continue  # PREP210: nothing to draw
        found = merged.get((source, target, e.kind))
        if found is None:
            found = merged[(source, target, e.kind)] = _Merged(
                PEdge(ids("e"), source, target, e.kind, e.label, doc=_doc(e.relation))
            )
        found.add(e, pg.graph.edges[e.source, e.target, e.index], mark_of(marks, "relations", e.index))
        if e.relation.has_attr("touch") and e.target in by_key:
            by_key[e.target].csm = True
    return list(merged.values())


def _label_product(node, pg, band_of, tagged, column, groups, words, marks, fit) -> None:
    """The lines of a product's label: its band's name as a tag where bands overlap,
    "no subprocess" inside a band it does not belong to."""
    product = pg.products[node.key]
    node.subprocess = band_of.get(node.key)
    tag = node.subprocess if tagged else None
    if node.subprocess is None and _inside(column[node.key], column, groups):
        tag = words["no_subprocess"]  # inside a band it does not belong to
    node.lines = marked(
        C.product_lines(product.name, product.state, product.params, node.intervention, tag, node.doc, words, fit),
        mark_of(marks, "products", node.key),
        words,
        fit,
    )


def _inside(c: int, column: dict, groups) -> bool:
    """Whether column c lies under a subprocess band (its members' columns)."""
    return any(min(column[k] for k in keys) <= c <= max(column[k] for k in keys) for _, keys in groups)


def _handoffs(by_key, inputs, edges) -> frozenset:
    """Input relations drawn as vertical hand-offs where that saves a column
    (docs/notation.md): the source feeds only this target, in a lane next to the
    target's; the upper of the two has no notes below it (the line would cross
    them); the line has no label, and no sync relation joins the two (its line would
    be drawn over it); each product ends one hand-off at most."""
    targets: dict[str, list[str]] = {}
    for s, t in inputs:
        targets.setdefault(s, []).append(t)
    not_straight = {(e.source, e.target) for e in edges if e.lines}  # (node ids)
    not_straight |= {pair for e in edges if e.kind == "sync" for pair in ((e.source, e.target), (e.target, e.source))}
    used: set[str] = set()  # a product ends one hand-off at most: no towers
    out = set()
    for s, t in inputs:
        a, b = by_key[s], by_key[t]
        upper = a if a.lane < b.lane else b
        if (
            len(targets[s]) != 1
            or abs(a.lane - b.lane) != 1
            or upper.notes
            or (a.id, b.id) in not_straight
            or s in used
            or t in used
        ):
            continue
        used.update((s, t))
        out.add((s, t))
    return frozenset(out)


def _columns(nodes, inputs, syncs, pg, groups, hint, handoffs=frozenset()):
    """Columns of the products; subprocess groups in the order of their `until`
    products along the flow; the products of bands that overlap in columns (tagged)."""
    from prep.layout.rank import columns

    keys = [n.key for n in nodes if n.kind != "external"]
    cycles = [tuple(c.members) for c in pg.input_cycles]
    first = columns(keys, inputs, syncs, cycles, [], hint, handoffs)
    groups = sorted(groups, key=lambda g: (first.get(g[2], max(first[k] for k in g[1])), min(first[k] for k in g[1])))
    column = columns(keys, inputs, syncs, cycles, [g[1] for g in groups], hint, handoffs) if len(groups) > 1 else first
    spans = [(min(column[k] for k in g[1]), max(column[k] for k in g[1])) for g in groups]
    tagged: set[str] = set()
    for i, (a0, a1) in enumerate(spans):
        for j, (b0, b1) in enumerate(spans):
            if i != j and a0 <= b1 and b0 <= a1:
                tagged.update(groups[i][1])
    return column, [(name, keys_) for name, keys_, _ in groups], tagged


def _doc(element) -> str | None:
    doc = element.attr("doc")
    return None if doc is None else str(doc)


def _groups(pg, by_key) -> tuple[list, dict]:
    """Subprocesses with their drawn members; the first in the file wins a product
    two of them claim (PREP302)."""
    members = pg.subprocess_members
    band_of: dict[str, str] = {}
    groups = []
    for sp in pg.process.subprocesses:
        keys = [k for k in sorted(members.get(id(sp), ())) if k in by_key and k not in band_of]
        for k in keys:
            band_of[k] = sp.name
        if keys:
            until = pg.until_targets.get(id(sp))
            groups.append((sp.name, keys, until))
    return groups, band_of


def _notes(pg, by_key, words, ids, changes=None, fit: C.Wrap = C.PLAIN) -> tuple[list, list, list]:
    """KPI and issue notes hung on their product (or under their parent KPI's note);
    KGIs and notes that hang on nothing go to the banner."""
    notes, kgis, loose = [], [], []
    kpi_note: dict[str, PNote] = {}
    for kpi in pg.process.kpis:
        marks = tuple(m for m in ("kgi", "service", "supplemented") if kpi.has_attr(m))
        if "kgi" in marks:  # a banner line: its badge, if any, as text
            mark = mark_of(changes, "kpis", kpi.name)
            kgis.append(kpi.name + (f" {badge(*mark, words)[0].text}" if mark else ""))
            continue
        target = pg.kpi_target(kpi)
        node = by_key.get(target) if target else None
        parent = None
        if node is None and kpi.under is not None and kpi.under.text in kpi_note:
            parent = kpi_note[kpi.under.text]  # in its parent KPI's note
            node = next((n for n in by_key.values() if n.id == parent.target), None)
        lines = marked(
            C.kpi_lines(kpi.name, tuple(m for m in marks if m != "kgi"), words, fit),
            mark_of(changes, "kpis", kpi.name),
            words,
            fit,
        )
        if node is None:
            loose.append(C.unwrap(t.text for t in lines))
            continue
        note = PNote(ids("k"), "kpi", kpi.name, lines, node.id, marks, _doc(kpi), parent.id if parent else None)
        kpi_note.setdefault(kpi.name, note)
        node.notes.append(note)
        notes.append(note)
    for issue in pg.process.issues:
        target = pg.issue_targets.get(id(issue))
        node = by_key.get(target) if target else None
        lines = C.issue_lines(issue.text, words, fit)
        if node is None:  # the banner keeps the text's own lines
            loose.append(f"{words['issue']}: {issue.text}")
            continue
        note = PNote(ids("i"), "issue", " ".join(issue.text.split()), lines, node.id, doc=_doc(issue))
        node.notes.append(note)
        notes.append(note)
    return notes, kgis, loose
