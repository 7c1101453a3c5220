"""KPI trees (prep.kpi.tree.Tree) as pictures: Graphviz dot source (top to bottom:
the goal on top, its KGIs inside it, the final products and their KPIs below) and
Mermaid flowcharts. Trees are read as they are (nodes with `children`, references
with `node`), so render does not import prep.kpi (the layers of docs/architecture.md).

Shapes, colours, fonts, escaping and the drawing's words are those of `prep
render` (prep/render). With --tobe the two trees of a process stand side by side
under the words for before / after the service; `new` nodes carry a ＋ badge,
`removed` ones are ghosted (grey, dashed), service KPIs and service data are red.
A node reached again (a reference) is the same box with one more line into it.
Node ids are `t1n1`, … in tree order (deterministic); nothing recurses."""

from __future__ import annotations

from prep import notation as L
from prep import notation as S
from prep.render import marks as M

GRAPH = {**S.GRAPH, "fontsize": "12", "labelloc": "t", "pad": "0.2", "rankdir": "TB",
         "splines": "spline", "nodesep": "0.25", "ranksep": "0.45", "labeljust": "l",
         "ordering": "out", "remincross": "false"}
# (no newrank: with packed components it loses the clusters, Graphviz 2.43)
DEPTH = 60            # pictures stop here (dot takes minutes on thousands of ranks)
NODE = {**S.NODE, "fontsize": "14"}     # a tree is read from afar: larger than a lane's
TREE_EDGE = {"dir": "none", "color": "#666666", "penwidth": "1.2"}
SERVICE = {"color": "#c62828", "fontcolor": "#8e0000", "penwidth": "2.4",
           "fillcolor": "#ffebee"}


def _sides(trees) -> list[list]:
    """Trees grouped into rows: with --tobe an AsIs tree and its ToBe tree share a row."""
    rows, seen = [], set()
    for tree in trees:
        if id(tree) in seen:
            continue
        row = [tree]
        seen.add(id(tree))
        pair = tree.pair
        if pair is not None and id(pair) not in seen:
            row = [tree, pair] if tree.stage == "asis" else [pair, tree]
            seen.add(id(pair))
        rows.append(row)
    return rows


def _is_node(item) -> bool:
    """A tree node, not a reference to one."""
    return hasattr(item, "children")


def _node_attrs(node, words: dict, kgis: list) -> dict[str, str]:
    marks = node.marks
    if node.kind in ("goal", "process"):
        attrs = {"shape": "box", "style": "filled,bold,rounded", "fillcolor": S.GOAL_FILL,
                 "penwidth": "2", "margin": "0.2,0.1"}
        title = (L.text(f"{words['goal']}: {node.label}") if node.kind == "goal"
                 else L.text(node.label))
        lines = [f"<B>{title}</B>"]
        for kgi in kgis:
            lines.append(_kgi_line(kgi, words))
    elif node.kind == "kpi":
        attrs = dict(S.KPI)
        attrs["fontsize"] = "13"
        tags = []
        if "service" in marks:
            attrs.update(S.KPI_SERVICE)
            tags.append(words["service"])
        if "supplemented" in marks:
            attrs.update(S.KPI_SUPPLEMENTED)
            tags.append(words["supplemented"])
        lines = [L.text(f"{words['kpi']}: {node.label}")]
        measures = next((m[4:] for m in marks if m.startswith("for:")), None)
        if measures:
            lines.append(L.small(L.text(f"({measures})"), 11, "#555555"))
        if tags:
            lines.append(L.small(L.text("[" + ", ".join(tags) + "]"), 11))
    else:
        attrs = dict(S.KIND.get(node.kind, S.KIND["product"]))
        if node.kind != "intangible":
            attrs.setdefault("fillcolor", S.PRODUCT_FILL)
        lines = [f"<B>{L.text(node.label)}</B>"]
        if "service" in marks:
            attrs.update(SERVICE)
            lines.append(L.small(L.text(words["roles"]["service"]), 11, SERVICE["color"]))
        if "intervention" in marks:
            attrs.update(S.INTERVENTION)
            lines.append(L.small(f"<B>{L.text(words['intervention'])}</B>", 12,
                                 S.INTERVENTION["color"]))
    for mark in marks:
        if mark.startswith("issue:"):
            from prep.layout.content import wrap

            kept = L.kept_lines(mark[6:], 80)       # a """…""" text keeps its lines
            kept[0] = f"{words['issue']}: {kept[0]}"
            lines.extend(L.small(L.text(part), 11, S.ISSUE["color"])
                         for line in kept for part in wrap(line, 48))
    if "new" in marks:
        M.added(attrs, lines, words, keep_colour="service" in marks)
    if "removed" in marks:
        M.removed(attrs, lines, words)
    attrs["label"] = L.stacked(*lines)
    attrs["tooltip"] = L.plain(node.label)
    return attrs


def _kgi_line(kgi, words: dict) -> str:
    text = L.text(f"{words['kgi']}: {kgi.label}")
    if "service" in kgi.marks:
        text = f'<FONT COLOR="{S.KPI_SERVICE["color"]}">{text}</FONT>'
    if "new" in kgi.marks:
        text += " " + M.badge("added", words)
    if "removed" in kgi.marks:
        text = f'<FONT COLOR="{M.GHOST}"><S>{text}</S></FONT>'
    return text


def to_dot(trees, words: dict, legend: bool = True) -> str:
    """The dot source: one frame per tree; with --tobe the AsIs and ToBe frames of a
    process side by side, processes one below the other. Each frame is a component
    of its own, and Graphviz packs them in a grid in the order written (so AsIs stays
    left of ToBe, which dot's cluster ordering does not promise)."""
    import graphviz

    rows = _sides(trees)
    columns = 2 if any(t.compared for t in trees) else 1
    graph = {**GRAPH, "pack": "true", "packmode": f"array_ut{columns}"}
    dot = graphviz.Digraph("kpi", graph_attr=graph, node_attr=NODE, edge_attr=S.EDGE)
    count = 0
    for r, row in enumerate(rows, 1):
        if len(row) < columns and row[0].stage == "tobe":     # a ToBe tree stays right
            _gap(dot, f"p{r}_s0")
        for s, tree in enumerate(row, 1):
            with dot.subgraph(name=f"cluster_p{r}_s{s}") as side:
                side.attr(label=L.html_label(*_side_title(tree, words)), **S.PROCESS)
                count, _, _ = _tree(side, tree, words, f"t{r}_{s}n")
        if len(row) < columns and row[0].stage != "tobe":     # keep the columns aligned
            _gap(dot, f"p{r}_s2")
    if legend and trees:
        _legend(dot, words, any(t.compared for t in trees))
    return dot.source


def _gap(dot, name: str) -> None:
    """An empty cell of the grid. Graphviz packs components with clusters before the
    others, so the gap is an invisible cluster too."""
    with dot.subgraph(name=f"cluster_{name}") as gap:
        gap.attr(style="invis", label="")
        gap.node(name, label="", shape="point", style="invis", width="0.01")


def _side_title(tree, words: dict) -> list[str]:
    """The frame's title: the process, then which side (or that it is a KPI tree)."""
    stage = "ToBe" if tree.stage == "tobe" else "AsIs"
    if tree.compared:
        word = words["before"] if tree.stage == "asis" else words["after"]
        second = f"<B>{L.text(word)}</B>"
    else:
        second = L.small(L.text(f"{words['kpi_tree']} [{stage}]"), 13, "#555555")
    return [L.small(f"<B>{L.text(tree.process)}</B>", 18), L.small(second, 16)]


def _tree(g, tree, words: dict, prefix: str) -> tuple[int, str, list[str]]:
    """Draw one tree; (nodes drawn, the root's dot id, dot ids of nodes without children)."""
    ids: dict[str, str] = {}
    count = 0

    def dot_id(node) -> str:
        nonlocal count
        if node.id not in ids:
            count += 1
            ids[node.id] = f"{prefix}{count}"
        return ids[node.id]

    root = tree.root
    kgis = [c for c in root.children
            if _is_node(c) and c.kind == "kpi" and "kgi" in c.marks]
    inside = {k.id for k in kgis}
    g.node(dot_id(root), **_node_attrs(root, words, kgis))
    sinks = []
    stack = [(dot_id(root), c, 1) for c in reversed(root.children)
             if getattr(c, "id", None) not in inside]
    for kgi in reversed(kgis):                    # what hangs under a KGI hangs from the goal
        stack.extend((dot_id(root), c, 1) for c in reversed(kgi.children))
    while stack:
        parent, item, depth = stack.pop()
        if not _is_node(item):                    # a reference: one more line, no rank
            g.edge(parent, dot_id(item.node), constraint="false", **TREE_EDGE)
            continue
        me = dot_id(item)
        g.node(me, **_node_attrs(item, words, []))
        edge = dict(TREE_EDGE)
        if "removed" in item.marks:
            edge.update(style="dashed", color=M.GHOST)
        g.edge(parent, me, **edge)
        if not item.children:
            sinks.append(me)
        elif depth >= DEPTH:
            count += 1
            stub = f"{prefix}{count}"
            g.node(stub, label=L.html_label(L.text(words["deeper"])), shape="plaintext",
                   fontcolor="#555555")
            g.edge(me, stub, style="dotted", **{k: v for k, v in TREE_EDGE.items()
                                                 if k != "style"})
            sinks.append(stub)
            continue
        stack.extend((me, c, depth + 1) for c in reversed(item.children))
    if not sinks:
        sinks.append(dot_id(root))
    return count, dot_id(root), sinks


def _legend(dot, words: dict, compared: bool) -> None:
    """A compact key below the trees: what a box, a colour, a badge means."""
    samples = [
        (S.KIND["final"], words["kinds"]["final"]),
        (S.KIND["milestone"], words["kinds"]["milestone"]),
        (S.KIND["product"], words["kinds"]["product"]),
        ({**S.KIND["intangible"], **S.INTERVENTION}, words["intervention"]),
        ({**S.KPI, "fontsize": "12"}, words["kpi"]),
        ({**S.KPI, **S.KPI_SERVICE, "fontsize": "12"}, f"{words['kpi']} [{words['service']}]"),
        ({**S.KIND["product"], **SERVICE}, words["service_data"]),
    ]
    with dot.subgraph(name="cluster_legend") as g:
        g.attr(label=L.html_label(f"<B>{L.text(words['legend'])}</B>"), style="rounded",
               color="#aaaaaa")
        names = []
        for n, (attrs, word) in enumerate(samples, 1):
            node = dict(attrs)
            node.setdefault("fillcolor", S.PRODUCT_FILL)
            node["label"] = L.html_label(L.text(word))
            node["fontsize"] = "12"
            g.node(f"legend{n}", **node)
            names.append(f"legend{n}")
        for kind in ("added", "removed") if compared else ():
            node = dict(S.KIND["product"], fillcolor=S.PRODUCT_FILL, fontsize="12")
            lines = [L.text(words["kinds"]["product"])]
            (M.added if kind == "added" else M.removed)(node, lines, words)
            node["label"] = L.stacked(*lines)
            names.append(f"legend_{kind}")
            g.node(names[-1], **node)
        # Two rows (products; KPIs and marks), so the legend stays narrow in the grid.
        rows = [names[:4], names[4:]]
        for row in rows:
            with g.subgraph() as same:
                same.attr(rank="same")
                for a, b in zip(row, row[1:]):
                    same.edge(a, b, style="invis")
        g.edge(rows[0][0], rows[1][0], style="invis")


# -- Mermaid -------------------------------------------------------------------------
MERMAID_CLASSES = (
    "classDef goal fill:#fff8e1,stroke:#333333,stroke-width:2px",
    "classDef final fill:#ffffff,stroke:#222222,stroke-width:4px",
    "classDef milestone fill:#ffffff,stroke:#222222,stroke-width:2px",
    "classDef product fill:#ffffff,stroke:#222222",
    "classDef intangible fill:none,stroke:#222222,stroke-dasharray:5 4",
    "classDef external fill:#d9d9d9,stroke:#444444",
    "classDef kpi fill:#fafafa,stroke:#777777",
    "classDef supplemented fill:#fafafa,stroke:#777777,stroke-dasharray:5 4",
    "classDef service fill:#ffebee,stroke:#c62828,stroke-width:2px,color:#b71c1c",
    "classDef intervention fill:none,stroke:#c62828,stroke-width:3px,stroke-dasharray:5 4",
    f"classDef added stroke:{M.ADDED},stroke-width:3px",
    f"classDef removed fill:#ffffff,stroke:{M.GHOST},color:{M.GHOST},stroke-dasharray:4 4",
    "classDef issue fill:#fff3e0,stroke:#e65100",
)
SHAPES = {
    "goal": ('["', '"]'), "process": ('["', '"]'), "kpi": ('["', '"]'),
    "product": ('["', '"]'), "milestone": ('{{"', '"}}'), "final": ('[["', '"]]'),
    "intangible": ('("', '")'), "external": ('>"', '"]'),
}


def _mermaid_class(node) -> str:
    for mark in ("removed", "service", "intervention", "supplemented"):
        if mark in node.marks:
            return mark
    if node.kind == "process":
        return "goal"
    return node.kind


def to_mermaid(trees, words: dict) -> str:
    text = L.mermaid_text

    out = ["flowchart TB"]
    for r, row in enumerate(_sides(trees), 1):
        out.append(f'  subgraph p{r}["{text(row[0].process)}"]')
        out.append("    direction LR")
        for s, tree in enumerate(row, 1):
            if tree.compared:
                title = words["before"] if tree.stage == "asis" else words["after"]
            else:
                title = f"{words['kpi_tree']} [{'ToBe' if tree.stage == 'tobe' else 'AsIs'}]"
            out.append(f'    subgraph p{r}s{s}["{text(title)}"]')
            out.append("      direction TB")
            ids: dict[str, str] = {}
            count = 0
            added: list[str] = []
            for _, parent, item in tree.walk():
                target = item if _is_node(item) else item.node
                if target.id not in ids:
                    count += 1
                    ids[target.id] = f"p{r}s{s}n{count}"
                me = ids[target.id]
                if _is_node(item):
                    label = item.label
                    if item.kind == "goal":
                        label = f"{words['goal']}: {label}"
                    elif item.kind == "kpi":
                        label = f"{words['kpi']}: {label}"
                        if "kgi" in item.marks:
                            label = f"{words['kgi']}: {item.label}"
                    if "new" in item.marks:
                        label = f"＋ {label}"
                        added.append(me)
                    if "intervention" in item.marks:
                        label += " " + words["intervention"]
                    start, end = SHAPES.get(item.kind, SHAPES["product"])
                    out.append(f"      {me}{start}{text(label)}{end}:::{_mermaid_class(item)}")
                    for mark in item.marks:
                        if mark.startswith("issue:"):
                            count += 1
                            note = f"p{r}s{s}n{count}"
                            out.append(f'      {note}["{text(words["issue"] + ": " + mark[6:])}"]'
                                       ":::issue")
                            out.append(f"      {me} -.- {note}")
                if parent is not None:
                    arrow = "-.-" if "removed" in target.marks else "---"
                    out.append(f"      {ids[parent.id]} {arrow} {me}")
            if added:
                out.append(f"      class {','.join(added)} added")
            out.append("    end")
        out.append("  end")
    out.extend("  " + c for c in MERMAID_CLASSES)
    return "\n".join(out) + "\n"
