"""Process graphs -> Graphviz dot source in PReP notation (docs/notation.md).

One cluster per process (its name, stage, goal banner and subprocess key on top),
inside it one lane (cluster) per actor holding the actor's products, the external
processes outside the lanes, then relations, KPI and issue notes. Node ids are
`n1`, `n2`, … in source order, so the same model always gives the same text."""

from __future__ import annotations

from prep.render import labels as L
from prep.render import marks as M
from prep.render import style as S


class _Ids:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"n{self.count}"


def to_dot(graphs, legend: bool = True, lang: str = "auto", marks=None) -> str:
    """The dot source of the given ProcessGraphs, one cluster each; the drawing's own
    words in `lang` (ja, en, or auto: as the model's names). `marks`, one
    render.marks.Marks per graph, decorate changed elements (prep diff)."""
    import graphviz

    from prep.render.words import words_for

    words = words_for(graphs, lang)
    dot = graphviz.Digraph("prep", graph_attr=S.GRAPH, node_attr=S.NODE, edge_attr=S.EDGE)
    ids = _Ids()
    for number, pg in enumerate(graphs, 1):
        with dot.subgraph(name=f"cluster_p{number}") as cluster:
            _process(cluster, pg, number, ids, words,
                     marks[number - 1] if marks else None)
    if legend:
        _legend(dot, words, bool(marks))
    return dot.source


def _process(c, pg, number: int, ids: _Ids, words: dict, marks) -> None:
    process = pg.process
    bands = _bands(pg)
    c.attr(label=_banner(pg, bands, words), **S.PROCESS)
    node_of: dict[str, str] = {}
    for lane_no, actor in enumerate(process.actors, 1):
        with c.subgraph(name=f"cluster_p{number}_a{lane_no}") as lane:
            role = actor.role if actor.role in S.LANE else "customer"
            tag = words["roles"].get(role)
            title = f"<B>{L.text(actor.name)}</B>" + (f" {L.text(tag)}" if tag else "")
            lane_attrs = dict(S.LANE[role])
            title = M.apply_lane(M.of(marks, "actors", actor.name), lane_attrs, title, words)
            lane.attr(label=L.html_label(title), **lane_attrs)
            for product in actor.products:
                key = product.key
                if pg.products.get(key) is not product or key in node_of:
                    continue              # a duplicate definition (PREP102): drawn once
                node_of[key] = ids.next()
                lane.node(node_of[key], **_product_attrs(pg, key, product, bands, words,
                                                         M.of(marks, "products", key)))
    for external in process.externals:
        if pg.externals.get(external.name) is not external or external.name in node_of:
            continue
        node_of[external.name] = ids.next()
        attrs = dict(S.KIND["external"])
        attrs["label"] = M.label(M.of(marks, "externals", external.name), attrs,
                                 [L.text(external.name)], words)
        _doc(attrs, external)
        c.node(node_of[external.name], **attrs)
    for edge in pg.edges:
        data = pg.graph.edges[edge.source, edge.target, edge.index]
        attrs = _edge_attrs(edge, data)
        M.apply_edge(M.of(marks, "relations", edge.index), attrs, words)
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
    rows = [f'<TR><TD ALIGN="LEFT"><B>{L.text(process.name)}</B> '
            f'{L.small(L.text("[" + stage + "]"), 10)}</TD></TR>']
    for goal in process.goals:
        rows.append(f'<TR><TD ALIGN="LEFT" BGCOLOR="{S.GOAL_FILL}" BORDER="1" '
                    f'CELLPADDING="4"><B>{L.text(words["goal"] + ": " + goal.text)}</B></TD></TR>')
    if process.subprocesses:
        cells = "".join(
            f'<TD BGCOLOR="{S.subprocess_colour(n)}" BORDER="1">{L.text(sp.name)}</TD>'
            for n, sp in enumerate(process.subprocesses))
        rows.append('<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="2" '
                    f'CELLPADDING="2"><TR><TD>{L.small(L.text(words["subprocesses"] + ":"))}</TD>'
                    f'{cells}</TR></TABLE></TD></TR>')
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
            + "".join(rows) + "</TABLE>>")


def _product_attrs(pg, key: str, product, bands, words: dict, mark=None) -> dict[str, str]:
    attrs = dict(S.KIND[product.kind])
    lines = [L.product_title(product.name, product.state)]
    if product.params:
        lines.append(L.small(L.params_line(product.params)))
    if product.kind == "intangible":
        if pg.synced_with(key):
            attrs.update(S.INTERVENTION)
            lines.append(L.small(f"<B>{L.text(words['intervention'])}</B>", 9,
                                 S.INTERVENTION["color"]))
    else:
        attrs["fillcolor"] = S.PRODUCT_FILL
    band = bands.get(key)
    if band is not None:
        number, name = band
        if product.kind != "intangible":
            attrs["fillcolor"] = S.subprocess_colour(number)
        lines.append(L.small(L.text(f"[{name}]"), 8, "#555555"))
    doc = product.attr("doc")
    if doc:                            # doc="" draws nothing: Graphviz refuses an empty <I></I>
        lines.append(L.small(f"<I>{L.text(L.shorten(doc))}</I>", 8))
    M.apply(mark, attrs, lines, words)
    attrs["label"] = L.stacked(*lines)
    _doc(attrs, product)
    return attrs


def _doc(attrs: dict[str, str], element) -> None:
    doc = element.attr("doc")
    if doc is not None:
        attrs["tooltip"] = L.plain(doc)


def _edge_attrs(edge, data) -> dict[str, str]:
    attrs = dict(S.INPUT if edge.kind == "input" else S.SYNC)
    lines = []
    relation = edge.relation
    if data.get("params"):
        source, target = data["params"]
        lines.append(L.text(" → ".join(p for p in (source, target) if p)))
    if relation.has_attr("touch"):
        attrs.update(S.TOUCH)
        level = relation.attr("touch")
        lines.append(f"<B>{L.text('touch: ' + str(level if level is not None else '?'))}</B>")
    if lines:
        # xlabel: placed after layout, so it neither bends the layout nor covers lane titles
        attrs["xlabel"] = L.html_label(*lines)
    _doc(attrs, relation)
    return attrs


def _notes(c, pg, node_of: dict[str, str], ids: _Ids, words: dict, changes) -> None:
    """KPIs (`kpi … for P` hangs on P, `under K` on K) and issues, as notes."""
    kpi_node: dict[str, str] = {}
    for kpi in pg.process.kpis:
        attrs = dict(S.KPI)
        marks = []
        if kpi.has_attr("kgi"):
            attrs.update(S.KPI_KGI)
            marks.append(words["kgi"])
        if kpi.has_attr("service"):
            attrs.update(S.KPI_SERVICE)
            marks.append(words["service"])
        if kpi.has_attr("supplemented"):
            attrs.update(S.KPI_SUPPLEMENTED)
            marks.append(words["supplemented"])
        mark = f" [{', '.join(marks)}]" if marks else ""
        attrs["label"] = M.label(M.of(changes, "kpis", kpi.name), attrs,
                                 [L.text(f"{words['kpi']}: {kpi.name}{mark}")], words)
        _doc(attrs, kpi)
        node = ids.next()
        kpi_node.setdefault(kpi.name, node)
        c.node(node, **attrs)
        target = pg.kpi_target(kpi)
        if target in node_of:
            c.edge(node_of[target], node, **S.NOTE_EDGE)
        elif kpi.under is not None and kpi.under.text in kpi_node:
            c.edge(kpi_node[kpi.under.text], node, **S.NOTE_EDGE)
    for issue in pg.process.issues:
        target = pg.issue_targets.get(id(issue))
        node = ids.next()
        attrs = dict(S.ISSUE)
        attrs["label"] = L.html_label(L.text(words["issue"] + ": " + L.shorten(issue.text, 60)))
        _doc(attrs, issue)
        c.node(node, **attrs)
        if target in node_of:
            c.edge(node_of[target], node, **S.NOTE_EDGE)


def _legend(dot, words: dict, changes: bool = False) -> None:
    """The notation key, in rows: product kinds, notes, relations (invisible edges keep
    each row in order)."""
    with dot.subgraph(name="cluster_legend") as g:
        g.attr(label=L.html_label(f"<B>{L.text(words['legend'])}</B>"), style="rounded", color="#aaaaaa")
        kinds = []
        for kind in ("product", "milestone", "final", "intangible"):
            attrs = dict(S.KIND[kind])
            if kind != "intangible":
                attrs["fillcolor"] = S.PRODUCT_FILL
            kinds.append((attrs, words["kinds"][kind]))
        kinds.append(({**S.KIND["intangible"], **S.INTERVENTION}, words["intangible_on_sync"]))
        kinds.append((dict(S.KIND["external"]), words["kinds"]["external"]))
        kpi = words["kpi"]
        notes = [(S.KPI, kpi), ({**S.KPI, **S.KPI_SERVICE}, f"{kpi} [{words['service']}]"),
                 ({**S.KPI, **S.KPI_SUPPLEMENTED}, f"{kpi} [{words['supplemented']}]"),
                 (S.ISSUE, words["issue"]),
                 ({"shape": "box", "style": "filled", "fillcolor": S.subprocess_colour(0),
                   "color": "#999999"}, words["subprocess_colour"])]
        count = 0
        rows = [kinds, notes]
        if changes:
            rows.append(M.legend_samples(words))
        for row in rows:
            previous = None
            for attrs, word in row:
                count += 1
                name = f"legend{count}"
                label = (L.stacked(*word) if isinstance(word, list)
                         else L.html_label(L.text(word)))
                g.node(name, label=label, **{"fontsize": "10", **attrs})
                if previous is not None:
                    g.edge(previous, name, style="invis")
                previous = name
        previous = None
        for attrs, word in ((S.INPUT, words["input"]), (S.SYNC, words["sync"]),
                            ({**S.INPUT, **S.TOUCH}, words["touch"])):
            count += 1
            start, end = f"legend{count}", f"legend{count}_to"
            g.node(start, label=L.html_label(L.text(word)), shape="plaintext", style="",
                   fontsize="10")
            g.node(end, label="", shape="point", width="0.05")
            g.edge(start, end, **attrs)
            if previous is not None:
                g.edge(previous, start, style="invis")
            previous = end
