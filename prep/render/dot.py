"""Process graphs -> Graphviz dot source in PReP notation (docs/notation.md).

One cluster per process (its name, stage, goal banner and subprocess key on top),
inside it one lane (cluster) per actor holding the actor's products, the external
processes outside the lanes, then relations, KPI and issue notes. Node ids are
`n1`, `n2`, … in source order, so the same model always gives the same text."""

from __future__ import annotations

from prep import notation as N
from prep.layout.badges import mark_of
from prep.notation import text as _text
from prep.render import diff_look as M

# The cluster layout of 0.1.0 (`--layout dot`): dot lays everything out.
GRAPH = {
    "rankdir": "LR",
    "newrank": "true",  # ranks across clusters without the old cluster-rank pass
    "compound": "true",
    "forcelabels": "true",
    "splines": "spline",  # ortho is far too slow on large clustered graphs
    "remincross": "true",
    "mclimit": "1.0",  # bound the crossing-minimisation passes
    "nslimit": "20",  # ... and the network-simplex iterations
    "nslimit1": "20",
    "searchsize": "30",
    "nodesep": "0.3",
    "ranksep": "0.5",
    "pad": "0.2",
    "fontname": N.FONT,
    "fontsize": "12",
    "labelloc": "t",
    "labeljust": "l",
    "bgcolor": "white",
}
NODE = {**N.NODE, "fontsize": "11"}
EDGE = {**N.EDGE, "fontsize": "9", "arrowsize": "0.8"}
LANE = {role: {**attrs, "style": "rounded," + attrs["style"]} for role, attrs in N.LANE.items()}
NOTE = {"fontsize": "9"}


class _Ids:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"n{self.count}"


def to_dot(graphs, legend: bool = True, lang: str = "auto", marks=None) -> str:
    """The dot source of the given ProcessGraphs, one cluster each; the drawing's own
    words in `lang` (ja, en, or auto: as the model's names). `marks`, one dict of
    render.diff_look per graph, decorate changed elements (prep diff)."""
    import graphviz

    words = N.words_for(graphs, lang)
    dot = graphviz.Digraph("prep", graph_attr=GRAPH, node_attr=NODE, edge_attr=EDGE)
    ids = _Ids()
    for number, pg in enumerate(graphs, 1):
        with dot.subgraph(name=f"cluster_p{number}") as cluster:
            _process(cluster, pg, number, ids, words, marks[number - 1] if marks else None)
    if legend:
        _legend(dot, words, bool(marks))
    return dot.source


def _process(c, pg, number: int, ids: _Ids, words: dict, marks=None) -> None:
    process = pg.process
    bands = _bands(pg)
    c.attr(label=_banner(pg, bands, words), **N.PROCESS)
    node_of: dict[str, str] = {}
    for lane_no, actor in enumerate(process.actors, 1):
        with c.subgraph(name=f"cluster_p{number}_a{lane_no}") as lane:
            role = actor.role if actor.role in LANE else "customer"
            tag = words["roles"].get(role)
            title = f"<B>{_text(actor.name)}</B>" + (f" {_text(tag)}" if tag else "")
            lane_attrs = dict(LANE[role])
            title = M.apply_lane(mark_of(marks, "actors", actor.name), lane_attrs, title, words)
            lane.attr(label=N.html_label(title), **lane_attrs)
            for product in actor.products:
                key = product.key
                if pg.products.get(key) is not product or key in node_of:
                    continue  # a duplicate definition (PREP102): drawn once
                node_of[key] = ids.next()
                lane.node(
                    node_of[key], **_product_attrs(pg, key, product, bands, words, mark_of(marks, "products", key))
                )
    for external in process.externals:
        if pg.externals.get(external.name) is not external or external.name in node_of:
            continue
        node_of[external.name] = ids.next()
        attrs = dict(N.KIND["external"])
        attrs["label"] = M.label(mark_of(marks, "externals", external.name), attrs, [_text(external.name)], words)
        _doc(attrs, external)
        c.node(node_of[external.name], **attrs)
    for edge in pg.edges:
        data = pg.graph.edges[edge.source, edge.target, edge.index]
        attrs = _edge_attrs(edge, data, words)
        M.apply_edge(mark_of(marks, "relations", edge.index), attrs, words)
        c.edge(node_of[edge.source], node_of[edge.target], **attrs)
    _notes(c, pg, node_of, ids, words, marks)


def _bands(pg) -> dict[str, tuple[int, str]]:
    """Product key -> (subprocess number, subprocess name); the first subprocess in
    source order wins where two claim a product (PREP302)."""
    bands: dict[str, tuple[int, str]] = {}
    members = pg.subprocess_members
    for number, sp in enumerate(pg.process.subprocesses):
        for key in sorted(members.get(id(sp), ())):
            bands.setdefault(key, (number, sp.name))
    return bands


def _banner(pg, bands, words: dict) -> str:
    process = pg.process
    stage = "ToBe" if process.stage == "tobe" else "AsIs"
    rows = [f'<TR><TD ALIGN="LEFT"><B>{_text(process.name)}</B> {N.small(_text("[" + stage + "]"), 10)}</TD></TR>']
    for goal in process.goals:
        rows.append(
            f'<TR><TD ALIGN="LEFT" BGCOLOR="{N.GOAL_FILL}" BORDER="1" '
            f'CELLPADDING="4"><B>{_text(words["goal"] + ": " + goal.text)}</B></TD></TR>'
        )
    if process.subprocesses:
        cells = "".join(
            f'<TD BGCOLOR="{N.subprocess_colour(n)}" BORDER="1">{_text(sp.name)}</TD>'
            for n, sp in enumerate(process.subprocesses)
        )
        rows.append(
            '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="2" '
            f'CELLPADDING="2"><TR><TD>{N.small(_text(words["subprocesses"] + ":"))}</TD>'
            f"{cells}</TR></TABLE></TD></TR>"
        )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def _product_attrs(pg, key: str, product, bands, words: dict, mark=None) -> dict[str, str]:
    attrs = dict(N.KIND[product.kind])
    lines = [N.product_title(product.name, product.state)]
    if product.params:
        lines.append(N.small(N.params_line(product.params)))
    if product.kind == "intangible":
        if pg.synced_with(key):
            attrs.update(N.INTERVENTION)
            lines.append(N.small(f"<B>{_text(words['intervention'])}</B>", 9, N.INTERVENTION["color"]))
    else:
        attrs["fillcolor"] = N.PRODUCT_FILL
    band = bands.get(key)
    if band is not None:
        number, name = band
        if product.kind != "intangible":
            attrs["fillcolor"] = N.subprocess_colour(number)
        lines.append(N.small(_text(f"[{name}]"), 8, "#555555"))
    doc = product.attr("doc")
    if doc:  # doc="" draws nothing: Graphviz refuses an empty <I></I>
        lines.extend(N.small(f"<I>{_text(line)}</I>", 8) for line in N.kept_lines(doc))
    M.apply(mark, attrs, lines, words)
    attrs["label"] = N.stacked(*lines)
    _doc(attrs, product)
    return attrs


def _doc(attrs: dict[str, str], element) -> None:
    doc = element.attr("doc")
    if doc is not None:
        attrs["tooltip"] = N.plain(doc)


def _edge_attrs(edge, data, words: dict) -> dict[str, str]:
    attrs = dict(N.INPUT if edge.kind == "input" else N.SYNC)
    lines = []
    relation = edge.relation
    if data.get("params"):
        source, target = data["params"]
        lines.append(_text(" → ".join(p for p in (source, target) if p)))
    if relation.has_attr("touch"):
        attrs.update(N.TOUCH)
        level = relation.attr("touch")
        lines.append(f"<B>{_text(N.touch_word(level, words))}</B>")
    if lines:
        # xlabel: placed after layout, so it neither bends the layout nor covers lane titles
        attrs["xlabel"] = N.html_label(*lines)
    _doc(attrs, relation)
    return attrs


def _notes(c, pg, node_of: dict[str, str], ids: _Ids, words: dict, changes=None) -> None:
    """KPIs (`kpi … for P` hangs on P, `under K` on K) and issues, as notes."""
    kpi_node: dict[str, str] = {}
    for kpi in pg.process.kpis:
        attrs = {**N.KPI, **NOTE}
        marks = []
        if kpi.has_attr("kgi"):
            attrs.update(N.KPI_KGI)
            marks.append(words["kgi"])
        if kpi.has_attr("service"):
            attrs.update(N.KPI_SERVICE)
            marks.append(words["service"])
        if kpi.has_attr("supplemented"):
            attrs.update(N.KPI_SUPPLEMENTED)
            marks.append(words["supplemented"])
        mark = f" [{', '.join(marks)}]" if marks else ""
        attrs["label"] = M.label(
            mark_of(changes, "kpis", kpi.name), attrs, [_text(f"{words['kpi']}: {kpi.name}{mark}")], words
        )
        _doc(attrs, kpi)
        node = ids.next()
        kpi_node.setdefault(kpi.name, node)
        c.node(node, **attrs)
        target = pg.kpi_target(kpi)
        if target in node_of:
            c.edge(node_of[target], node, **N.NOTE_EDGE)
        elif kpi.under is not None and kpi.under.text in kpi_node:
            c.edge(kpi_node[kpi.under.text], node, **N.NOTE_EDGE)
    for issue in pg.process.issues:
        target = pg.issue_targets.get(id(issue))
        node = ids.next()
        attrs = {**N.ISSUE, **NOTE}
        kept = N.kept_lines(issue.text, 60)
        kept[0] = f"{words['issue']}: {kept[0]}"
        attrs["label"] = N.html_label(*(_text(line) for line in kept))
        _doc(attrs, issue)
        c.node(node, **attrs)
        if target in node_of:
            c.edge(node_of[target], node, **N.NOTE_EDGE)


def _legend(dot, words: dict, changes: bool = False) -> None:
    """The notation key, in rows: product kinds, notes, relations (invisible edges keep
    each row in order)."""
    with dot.subgraph(name="cluster_legend") as g:
        g.attr(label=N.html_label(f"<B>{_text(words['legend'])}</B>"), style="rounded", color="#aaaaaa")
        kinds = []
        for kind in ("product", "milestone", "final", "intangible"):
            attrs = dict(N.KIND[kind])
            if kind != "intangible":
                attrs["fillcolor"] = N.PRODUCT_FILL
            kinds.append((attrs, words["kinds"][kind]))
        kinds.append(({**N.KIND["intangible"], **N.INTERVENTION}, words["intangible_on_sync"]))
        kinds.append((dict(N.KIND["external"]), words["kinds"]["external"]))
        kpi = words["kpi"]
        notes = [
            (N.KPI, kpi),
            ({**N.KPI, **N.KPI_SERVICE}, f"{kpi} [{words['service']}]"),
            ({**N.KPI, **N.KPI_SUPPLEMENTED}, f"{kpi} [{words['supplemented']}]"),
            (N.ISSUE, words["issue"]),
            (
                {"shape": "box", "style": "filled", "fillcolor": N.subprocess_colour(0), "color": "#999999"},
                words["subprocess_colour"],
            ),
        ]
        count = 0
        rows = [kinds, notes] + ([M.legend_samples(words)] if changes else [])
        for row in rows:
            previous = None
            for attrs, word in row:
                count += 1
                name = f"legend{count}"
                label = N.stacked(*word) if isinstance(word, list) else N.html_label(_text(word))
                g.node(name, label=label, **{"fontsize": "10", **attrs})
                if previous is not None:
                    g.edge(previous, name, style="invis")
                previous = name
        previous = None
        for attrs, word in (
            (N.INPUT, words["input"]),
            (N.SYNC, words["sync"]),
            ({**N.INPUT, **N.TOUCH}, words["touch"]),
        ):
            count += 1
            start, end = f"legend{count}", f"legend{count}_to"
            g.node(start, label=N.html_label(_text(word)), shape="plaintext", style="", fontsize="10")
            g.node(end, label="", shape="point", width="0.05")
            g.edge(start, end, **attrs)
            if previous is not None:
                g.edge(previous, start, style="invis")
            previous = end
