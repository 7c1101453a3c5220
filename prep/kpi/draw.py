"""KPI trees as Graphviz dot source (left to right, one frame per process) and as
Mermaid flowcharts. Every piece of model text is escaped: HTML-like labels for dot,
entity codes for Mermaid. Node ids are `t1n1`, … in tree order (deterministic)."""

from __future__ import annotations

from prep import notation as N
from prep.notation import FONT
from prep.notation import mermaid_text as _m
from prep.notation import text as _text

GRAPH = {"rankdir": "LR", "fontname": FONT, "fontsize": "12", "nodesep": "0.15",
         "ranksep": "0.45", "newrank": "true", "ordering": "out"}
NODE = {"fontname": FONT, "fontsize": "11", "shape": "box", "style": "rounded",
        "margin": "0.12,0.05"}
EDGE = {"fontname": FONT, "dir": "none", "color": "#777777"}
KIND = N.KIND
RED, GREEN, ORANGE = N.RED, N.GREEN, N.ORANGE


def _style(node) -> tuple[dict[str, str], list[str]]:
    """Graphviz attributes and the small tag lines under the label."""
    attrs = dict(KIND.get(node.kind, KIND["product"]))
    styles = attrs.get("style", "").split(",")
    tags = [node.kind]
    for mark in node.marks:
        if mark == "supplemented":
            styles.append("dashed")
            tags.append("supplemented")
        elif mark == "service":
            attrs.update(color=RED, fontcolor=RED, penwidth="2.5")
            tags.append("service")
        elif mark == "kgi":
            attrs["penwidth"] = "2"
            tags.append("KGI")
        elif mark == "intervention":
            attrs.update(color=ORANGE, penwidth="2.5")
            tags.append("⚑ intervention point")
        elif mark == "new":
            styles.append("filled")
            if "service" not in node.marks:
                attrs["color"] = GREEN
            attrs["fillcolor"] = "#e8f5e9"
            tags.append("NEW")
        elif mark == "ref":
            styles = [s for s in styles if s not in ("bold", "dashed")] + ["dotted"]
            tags.append("see above")
        elif mark.startswith("for:"):
            tags.append(f"for {mark[4:]}")
    attrs["style"] = ",".join(dict.fromkeys(s for s in styles if s))
    return attrs, tags


def _label(node, tags: list[str]) -> str:
    colour = RED if "service" in node.marks else "#555555"
    small = f'<FONT POINT-SIZE="8" COLOR="{colour}">{_text(" · ".join(tags))}</FONT>'
    return f"<{_text(node.label)}<BR/>{small}>"


def to_dot(trees) -> str:
    import graphviz

    dot = graphviz.Digraph("kpi", graph_attr=GRAPH, node_attr=NODE, edge_attr=EDGE)
    for t, tree in enumerate(trees, 1):
        with dot.subgraph(name=f"cluster_t{t}") as frame:
            title = f"<B>{_text(tree.process)}</B> ({_text(tree.stage)}) — KPI tree"
            frame.attr(label=f"<{title}>", labeljust="l", style="rounded", color="#999999")
            count = 0
            stack = [(None, tree.root)]
            while stack:
                parent, node = stack.pop()
                count += 1
                nid = f"t{t}n{count}"
                attrs, tags = _style(node)
                frame.node(nid, label=_label(node, tags), **attrs)
                if parent is not None:
                    frame.edge(parent, nid)
                for mark in node.marks:
                    if mark.startswith("issue:"):
                        count += 1
                        note = f"t{t}n{count}"
                        frame.node(note, label=f"<issue: {_text(mark[6:])}>", shape="note",
                                   style="filled", fillcolor="#fff3e0", color=ORANGE,
                                   fontsize="9")
                        frame.edge(nid, note, style="dashed", color=ORANGE)
                stack.extend((nid, child) for child in reversed(node.children))
            notes = []
            if tree.removed:
                notes.append("removed since AsIs: " + ", ".join(tree.removed))
            if tree.truncated:
                notes.append("note: " + tree.note)
            if notes:
                frame.node(f"t{t}note", label="<" + "<BR/>".join(_text(n) for n in notes) + ">",
                           shape="note", style="filled", fillcolor="#ffebee", color=RED,
                           fontsize="9")
    return dot.source


# -- Mermaid -------------------------------------------------------------------------
MERMAID_CLASSES = [
    "classDef goal fill:#fff8e1,stroke:#333333,stroke-width:2px",
    "classDef final fill:#ffffff,stroke:#222222,stroke-width:4px",
    "classDef milestone fill:#ffffff,stroke:#222222,stroke-width:2px",
    "classDef product fill:#ffffff,stroke:#222222",
    "classDef intangible fill:none,stroke:#222222,stroke-dasharray:5 4",
    "classDef external fill:#e0e0e0,stroke:#444444",
    "classDef kpi fill:#e3f2fd,stroke:#1565c0",
    "classDef supplemented fill:#e3f2fd,stroke:#1565c0,stroke-dasharray:5 4",
    "classDef service fill:#ffebee,stroke:#c62828,stroke-width:3px,color:#b71c1c",
    "classDef intervention fill:none,stroke:#e65100,stroke-width:3px,stroke-dasharray:5 4",
    "classDef new fill:#e8f5e9,stroke:#2e7d32,stroke-width:2px",
    "classDef issue fill:#fff3e0,stroke:#e65100",
    "classDef note fill:#ffebee,stroke:#c62828",
]


def _mermaid_class(node) -> str:
    for mark in ("service", "intervention", "new", "supplemented"):
        if mark in node.marks:
            return mark
    return "goal" if node.kind == "process" else node.kind


def to_mermaid(trees) -> str:
    out = ["flowchart LR"]
    for t, tree in enumerate(trees, 1):
        out.append(f'  subgraph t{t}["{_m(tree.process)} ({_m(tree.stage)})"]')
        count = 0
        stack = [(None, tree.root)]
        while stack:
            parent, node = stack.pop()
            count += 1
            nid = f"t{t}n{count}"
            tags = [node.kind] + [m if not m.startswith(("issue:",)) else "issue"
                                  for m in node.marks]
            out.append(f'    {nid}["{_m(node.label)}<br/><small>{_m(" · ".join(tags))}'
                       f'</small>"]:::{_mermaid_class(node)}')
            if parent is not None:
                out.append(f"    {parent} --- {nid}")
            for mark in node.marks:
                if mark.startswith("issue:"):
                    count += 1
                    out.append(f'    t{t}n{count}["issue: {_m(mark[6:])}"]:::issue')
                    out.append(f"    {nid} -.- t{t}n{count}")
            stack.extend((nid, child) for child in reversed(node.children))
        if tree.removed:
            out.append(f'    t{t}removed["removed since AsIs: {_m(", ".join(tree.removed))}"]'
                       ":::note")
        if tree.truncated:
            out.append(f'    t{t}note["{_m(tree.note)}"]:::note')
        out.append("  end")
    out.extend("  " + c for c in MERMAID_CLASSES)
    return "\n".join(out) + "\n"
