"""KPI trees (prep.kpi.tree.Tree) as pictures: the positions of prep.layout.kpitree
written as Graphviz dot with every position, size and line pinned (drawn by `neato
-n2`, as prep.render.lanes draws a process), and the SVG's groups named (docs/kpi.md,
"Pictures"):

    <g class="kpi-tree asis|tobe" data-process="…">   one per tree, holding
      <g class="kpi-frame">, <g class="kpi-title">     its frame and title,
      <g class="kpi-edge">  <title>PARENT -> CHILD</title>   each line down,
      <g class="kpi-link">  <title>PRODUCT -> KPI</title>    each note's dotted link,
      <g class="kpi-node KIND [service new removed …]" data-key="KEY">
                            <title>LABEL</title>     each node (KIND: goal, process,
                            final, milestone, intangible, product, external, kpi,
                            issue, ref, more; data-key: the product key or KPI name)
    <g class="kpi-legend">  the legend

Shapes, colours, fonts, escaping and words are those of `prep render`; new nodes a
＋ badge line and a purple border (a service node keeps its red), removed ones grey
and dashed with a － badge, service KPIs and service data red. Mermaid:
prep.render.kpimermaid."""

from __future__ import annotations

import re

from prep import notation as N
from prep.layout.kpitree import DEPTH  # noqa: F401  (the CLI and serve read it here)
from prep.render.kpimermaid import to_mermaid  # noqa: F401
from prep.layout.kpilook import look as _look
from prep.layout.kpilook import sample as _sample
from prep.render.pinned import Dot, legend_title_box

LINE = {"dir": "none", "color": "#555555", "penwidth": "1.5"}
GHOST = N.COLOUR["ghost"]


def layout_of(trees, words: dict, legend: bool = True):
    from prep.layout.kpitree import kpi_layout

    return kpi_layout(trees, words, legend)


def to_dot(trees, words: dict, legend: bool = True) -> str:
    """The pinned dot source of the pictures (draw it with `neato -n2`)."""
    return source(layout_of(trees, words, legend))[0]


def draw(trees, words: dict, fmt: str, legend: bool = True, timeout: float = 60.0) -> bytes:
    """svg, png or pdf bytes; raises prep.render.run.RenderError (and
    prep.layout.measure.LayoutError while measuring)."""
    from prep.render.run import run_dot

    text, info = source(layout_of(trees, words, legend))
    data = run_dot(text, fmt, timeout, pinned=True)
    return svg_groups(data, info) if fmt == "svg" else data


def _classes(node) -> str:
    out = ["kpi-node", node.kind]
    out += [m for m in ("service", "supplemented", "kgi", "intervention", "new", "removed") if m in node.marks]
    return " ".join(out)


def source(layout) -> tuple[str, dict]:
    """The pinned dot source and, per element id, (tree number or 0, class, title,
    data-key or None) for svg_groups."""
    d = Dot(layout.height)
    info: dict[str, tuple] = {}
    d.begin("kpi", {}, {"arrowhead": "none"})
    d.canvas("kpi_canvas", layout.width, layout.height, {})
    info["kpi_canvas"] = (0, "kpi-canvas", "", None)
    info["_stages"] = {tree.index: (tree.stage, tree.process) for tree in layout.trees}
    for tree in layout.trees:
        t = tree.index
        frame, title = f"t{t}", f"t{t}title"
        d.node(frame, tree.frame, tree.process, {"shape": "box", **N.PROCESS})
        info[frame] = (t, "kpi-frame", tree.process, None)
        d.node(title, tree.title_box, tree.process, {"shape": "plaintext", "label": N.markup(tree.title, "LEFT")})
        info[title] = (t, "kpi-title", tree.process, None)
        for node in tree.nodes:
            d.node(node.id, node.box, node.label, _look(node))
            info[node.id] = (t, _classes(node), node.label, node.key)
        for edge in tree.edges:
            attrs = dict(LINE) if edge.kind == "tree" else dict(N.NOTE_EDGE)
            if edge.removed:
                attrs.update(style="dashed", color=GHOST)
            d.edge(edge.id, edge.source, edge.target, edge.title, d.spline(edge.points, False, False), attrs)
            info[edge.id] = (t, "kpi-edge" if edge.kind == "tree" else "kpi-link", edge.title, None)
    if layout.legend is not None:
        _legend(d, layout.legend, info)
    d.lines.append("}")
    return "\n".join(d.lines) + "\n", info


def _legend(d: Dot, legend, info: dict) -> None:
    d.node("kpi_legend", legend.box, legend.title.text, {"shape": "box", "style": "rounded", "color": "#aaaaaa"})
    info["kpi_legend"] = (0, "kpi-legend", legend.title.text, None)
    box = legend_title_box(legend, 4, 16)
    d.node("kpi_legend0", box, legend.title.text, {"shape": "plaintext", "label": N.markup((legend.title,))})
    info["kpi_legend0"] = (0, "kpi-legend", legend.title.text, None)
    for n, item in enumerate(legend.items, 1):
        ident = f"kpi_legend{n}"
        d.node(ident + "s", item.sample, item.text.text, {**_sample(item.kind), "label": ""})
        d.node(ident, item.text_box, item.text.text, {"shape": "plaintext", "label": N.markup((item.text,))})
        info[ident + "s"] = info[ident] = (0, f"kpi-legend {item.kind}", item.text.text, None)


_CHUNK = re.compile(r'<g id="([^"]+)" class="[^"]*">\n<title>[^<]*</title>')


def svg_groups(svg: bytes, info: dict) -> bytes:
    """The SVG with each element's class, <title> and data-key set, and the
    elements of each tree inside one <g class="kpi-tree …"> (frame, title, lines,
    then nodes on top), the legend last."""
    text = svg.decode("utf-8")
    start = text.index('<g id="graph0"')
    body_start = text.index(">", start) + 1
    end = text.rindex("</g>")
    head, body, tail = text[:body_start], text[body_start:end], text[end:]
    pieces = re.split(r"(?=<!-- )", body)
    loose, trees, legend = [], {}, []
    order = {"kpi-frame": 0, "kpi-title": 1, "kpi-link": 2, "kpi-edge": 3}
    for piece in pieces:
        match = _CHUNK.search(piece)
        if match is None or match.group(1) not in info:
            loose.append(piece)
            continue
        number, cls, title, key = info[match.group(1)]
        data = f' data-key="{N.xml(key)}"' if key is not None else ""
        opening = f'<g id="{match.group(1)}" class="{cls}"{data}>\n<title>{N.xml(title)}</title>'
        piece = piece[: match.start()] + opening + piece[match.end() :]
        if number == 0:
            (legend if cls.startswith("kpi-legend") else loose).append(piece)
        else:
            trees.setdefault(number, []).append((order.get(cls.split()[0], 4), piece))
    out = [head, *loose]
    stages = _stages(info)
    for number, items in trees.items():
        stage, process = stages.get(number, ("asis", ""))
        out.append(f'<g id="tree{number}" class="kpi-tree {stage}" data-process="{N.xml(process)}">\n')
        out.extend(piece for _, piece in sorted(items, key=lambda p: p[0]))
        out.append("</g>\n")
    if legend:
        out.append('<g id="legend" class="kpi-legend-group">\n')
        out.extend(legend)
        out.append("</g>\n")
    out.append(tail)
    return "".join(out).encode("utf-8")


def _stages(info: dict) -> dict:
    return info.get("_stages", {})
