"""A Layout (prep.layout.positions) -> Graphviz dot source with every position, size and
edge spline pinned, drawn by `neato -n2` exactly as laid out; and the SVG's <title>s
set to the names as written (docs/notation.md, SVG structure).

Background first (canvas, frames, banners, lanes, headers, bands), then products,
externals, notes and the legend; edges are drawn over nodes (`outputorder=nodesfirst`)
and never pass through a product. The dot is written with prep.render.pinned (which
flips y: Graphviz's grows upward)."""

from __future__ import annotations

import re

from prep import notation as N
from prep.layout.badges import kind_of
from prep.layout.positions import Box
from prep.render.pinned import Dot, dot_number, legend_title_box

# prep diff's marks (docs/kpi.md, "prep diff"), as in prep.render.diff_look
ADDED, CHANGED, GHOST = N.COLOUR["added"], N.COLOUR["changed"], N.COLOUR["ghost"]


def _marked(attrs: dict, lines, edge: bool = False) -> dict:
    """`attrs` decorated by the mark the label's badge line says, if any: added purple,
    changed amber (a touch line keeps its green, thicker), removed grey and dashed
    with a white fill."""
    kind = kind_of(lines)
    if kind is None:
        return attrs
    attrs["class"] = attrs.get("class", "") + f" {kind}"
    if kind == "removed":
        styles = [x for x in attrs.get("style", "").split(",") if x and x not in ("bold", "solid")]
        if not edge and "filled" not in styles:
            styles.append("filled")
        attrs.update(style=",".join(dict.fromkeys(styles + ["dashed"])), color=GHOST, fontcolor=GHOST, penwidth="1.4")
        if not edge:
            attrs["fillcolor"] = "#ffffff"
    elif edge and attrs.get("color") == N.TOUCH.get("color"):
        attrs["penwidth"] = "3"
    else:
        attrs.update(color=ADDED if kind == "added" else CHANGED, penwidth="2.6")
    return attrs


def to_dot(layout) -> str:
    """The pinned dot source of a Layout (draw it with `neato -n2`)."""
    return source_and_titles(layout)[0]


def source_and_titles(layout) -> tuple[str, dict[str, str]]:
    """The pinned dot source, and the SVG title of each element id."""
    d = Dot(layout.height)
    d.begin("prep", {"outputorder": "nodesfirst"}, {})
    d.canvas("prep_canvas", layout.width, layout.height, {"class": "canvas"})
    for number, process in enumerate(layout.processes, 1):
        _background(d, process, number)
    for number, process in enumerate(layout.processes, 1):
        _foreground(d, process)
        for joint in process.joints:  # a bus's lines meet here: a dot, not a crossing
            d.node(
                f"p{number}{joint.id}",
                Box(joint.x - 2.5, joint.y - 2.5, 5, 5),
                process.prefix + joint.title,
                {**N.JOINT, "class": "joint"},
            )
    for number, link in enumerate(layout.links, 1):
        a = next(i for i, p in enumerate(layout.processes, 1) if p.name == link.source)
        b = next(i for i, p in enumerate(layout.processes, 1) if p.name == link.target)
        d.edge(
            f"link{number}",
            f"p{a}",
            f"p{b}",
            f"{link.source} - {link.target}",
            d.spline(link.points, False, False),
            {**N.LINK, "class": "link"},
        )
    if layout.legend is not None:
        _legend(d, layout.legend)
    d.lines.append("}")
    return "\n".join(d.lines) + "\n", d.titles


def _background(d: Dot, process, number: int) -> None:
    pre = process.prefix
    d.node(f"p{number}", process.frame, process.name, {**N.PROCESS, "shape": "box", "class": "process"})
    banner = process.banner
    inner = banner.box.w - 16
    rows = "".join(f'<TR><TD ALIGN="LEFT">{N.span(line)}</TD></TR>' for line in banner.lines)
    label = (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" '
        f'FIXEDSIZE="TRUE" WIDTH="{int(inner)}" HEIGHT="{int(banner.box.h - 8)}">'
        f"{rows}</TABLE>>"
    )
    goal = next((t.text for t in banner.lines if t.role == "goal"), process.name)
    d.node(f"p{number}g", banner.box, pre + goal, {"shape": "box", **N.BANNER, "class": "goal", "label": label})
    for lane in process.lanes:
        style = N.LANE[lane.role]
        d.node(
            f"p{number}l{lane.index + 1}",
            lane.box,
            pre + lane.actor,
            _marked({"shape": "box", **style, "class": "lane"}, lane.label),
        )
    for band in process.bands:
        d.node(
            f"p{number}b{band.index + 1}", band.box, pre + band.name, {"shape": "box", **N.BAND, "class": "subprocess"}
        )
    for lane in process.lanes:
        style = N.LANE[lane.role]
        header = {
            "shape": "box",
            "style": "filled",
            "color": style["color"],
            "penwidth": style["penwidth"],
            **N.LANE_HEADER[lane.role],
            "class": "lane-header",
        }
        header = _marked(header, lane.label)
        header["label"] = _header_label(lane)
        d.node(f"p{number}h{lane.index + 1}", lane.header, pre + lane.actor, header)
    for band in process.bands:
        d.node(
            f"p{number}bl{band.index + 1}",
            band.label_box,
            pre + band.name,
            {"shape": "box", **N.BAND_LABEL, "class": "subprocess-label", "label": N.markup(band.label)},
        )


def _header_label(lane) -> str:
    """The header's lines, centred on its label_box: a spacer above (or below) moves
    them off the cell's middle."""
    text = N.markup(lane.label)
    shift = 0.0 if lane.label_box is None else lane.label_box.cy - lane.header.cy
    if abs(shift) < 1:
        return text
    spacer = f'<TR><TD HEIGHT="{round(2 * abs(shift))}"></TD></TR>'
    row = f"<TR><TD>{text[1:-1]}</TD></TR>"
    rows = spacer + row if shift > 0 else row + spacer
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>>'


def _node_attrs(node) -> dict:
    attrs = dict(N.KIND[node.kind])
    classes = ["external"] if node.kind == "external" else ["product"]
    if node.kind not in ("external", "product"):
        classes.append(node.kind)
    if node.kind not in ("intangible", "external"):
        attrs["fillcolor"] = N.PRODUCT_FILL
    if node.intervention:
        attrs.update(N.INTERVENTION)
        classes.append("intervention")
    if node.csm:
        classes.append("csm")
    attrs["class"] = " ".join(classes)
    _marked(attrs, node.lines)
    attrs["label"] = N.markup(node.lines)
    if node.doc:
        attrs["tooltip"] = N.plain(node.doc)
    return attrs


def _foreground(d: Dot, process) -> None:
    pre = process.prefix
    for node in process.nodes + process.externals:
        d.node(node.id, node.box, pre + node.key, _node_attrs(node))
    for note in process.notes:
        attrs = N.note_style(note.kind, note.marks)
        attrs["class"] = note.kind
        _marked(attrs, note.lines)
        attrs["label"] = N.markup(note.lines, "LEFT")
        if note.doc:
            attrs["tooltip"] = N.plain(note.doc)
        d.node(note.id, note.box, pre + note.title, attrs)
    for edge in process.edges:
        if edge.kind == "note":
            d.edge(
                edge.id,
                edge.source,
                edge.target,
                pre + edge.title,
                d.spline(edge.points, False, False),
                {**N.NOTE_EDGE, "class": "note-link"},
            )
            continue
        attrs = dict(N.INPUT if edge.kind == "input" else N.SYNC)
        if edge.touch is not None:
            attrs.update(N.TOUCH)
        attrs["class"] = "relation" + (" touch" if edge.touch is not None else "")
        _marked(attrs, edge.label, edge=True)
        if edge.label and edge.label_box is not None:
            attrs["label"] = N.markup(edge.label)
            attrs["lp"] = f"{dot_number(edge.label_box.cx)},{dot_number(d.y(edge.label_box.cy))}"
        if edge.doc:
            attrs["tooltip"] = N.plain(edge.doc)
        both = edge.kind == "sync"
        d.edge(edge.id, edge.source, edge.target, pre + edge.title, d.spline(edge.points, both, True), attrs)


def _legend(d: Dot, legend) -> None:
    d.node(
        "prep_legend",
        legend.box,
        legend.title.text,
        {"shape": "box", "style": "rounded", "color": "#aaaaaa", "class": "legend"},
    )
    title = legend_title_box(legend, 5, 20)
    d.node(
        "prep_legend0",
        title,
        legend.title.text,
        {"shape": "plaintext", "class": "legend-item", "label": N.markup((legend.title,))},
    )
    for n, item in enumerate(legend.items, 1):
        ident = f"prep_legend{n}"
        box = item.sample
        if item.kind in ("input", "sync", "touch"):
            a, b = f"{ident}a", f"{ident}b"
            for name, x in ((a, box.x), (b, box.right)):
                d.node(
                    name,
                    Box(x - 0.5, box.cy - 0.5, 1, 1),
                    "",
                    {"shape": "point", "style": "invis", "class": "legend-item"},
                )
            attrs = dict(N.SYNC if item.kind == "sync" else N.INPUT)
            if item.kind == "touch":
                attrs.update(N.TOUCH)
            y = box.cy
            points = [(box.x, y), (box.x + box.w / 3, y), (box.x + 2 * box.w / 3, y), (box.right, y)]
            d.edge(
                f"{ident}e",
                a,
                b,
                item.text.text,
                d.spline(points, item.kind == "sync", True),
                {**attrs, "class": "legend-item", "arrowsize": "0.7"},
            )
        else:
            d.node(ident + "s", box, item.text.text, {**_sample(item.kind), "class": "legend-item"})
        d.node(
            ident,
            item.text_box,
            item.text.text,
            {"shape": "plaintext", "class": "legend-item", "label": N.markup((item.text,))},
        )


def _sample(kind: str) -> dict:
    if kind in N.KIND and kind not in ("kpi", "goal", "process"):
        attrs = dict(N.KIND[kind])
        if kind not in ("intangible", "external"):
            attrs["fillcolor"] = N.PRODUCT_FILL
        return attrs
    if kind == "intervention":
        return {**N.KIND["intangible"], **N.INTERVENTION}
    if kind == "kpi":
        return dict(N.KPI)
    if kind == "issue":
        return dict(N.ISSUE)
    if kind in ("added", "changed", "removed"):
        from prep.layout.positions import Text

        return _marked({**N.KIND["product"], "fillcolor": N.PRODUCT_FILL}, (Text("", 1, kind),))
    return {"shape": "box", **N.BAND}


_GROUP = re.compile(r'<g id="([^"]+)" class="([^"]*)">\n<title>[^<]*</title>')


def svg_titles(svg: bytes, titles: dict[str, str]) -> bytes:
    """Each group's <title> set to the name as written (escaped)."""
    text = svg.decode("utf-8")

    def swap(match: re.Match) -> str:
        ident = match.group(1)
        if ident not in titles:
            return match.group(0)
        return f'<g id="{ident}" class="{match.group(2)}">\n<title>{N.xml(titles[ident])}</title>'

    return _GROUP.sub(swap, text).encode("utf-8")
