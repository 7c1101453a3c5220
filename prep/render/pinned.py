"""Pinned Graphviz dot: every position, size and edge spline given, drawn by `neato -n2`
exactly as laid out (prep.render.lanes for process drawings, prep.render.kpitree for
KPI trees). Graphviz's y grows upward: y is flipped here."""

from __future__ import annotations

from prep import notation as N
from prep.layout.positions import Box

ARROW = 10.0
CHUNK = 6000  # Graphviz's scanner takes quoted strings of up to 16,384 chars


def _pieces(value: str) -> list[str]:
    """`value` cut into pieces of at most CHUNK chars, at a space where one is near,
    never just after a backslash (its escape stays whole)."""
    pieces = []
    while len(value) > CHUNK:
        cut = value.rfind(" ", CHUNK // 2, CHUNK)
        cut = cut if cut > 0 else CHUNK
        while cut > 1 and value[cut - 1] == "\\":
            cut -= 1
        pieces.append(value[:cut])
        value = value[cut:]
    return pieces + [value]


def quoted(value: str) -> str:
    """`value` as a dot string; a long one (a spline through hundreds of columns) as
    pieces joined by dot's `+`, each well under Graphviz's limit."""
    return " + ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in _pieces(value))


def dot_number(value: float) -> str:
    """A coordinate or size as dot reads it: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Dot:
    """The lines of a pinned dot source being written, and the SVG title of each element id."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.lines: list[str] = []
        self.titles: dict[str, str] = {}

    def y(self, y: float) -> float:
        return self.height - y

    def attrs(self, attrs: dict) -> str:
        parts = []
        for key, value in attrs.items():
            if key == "label" and value.startswith("<") and value.endswith(">"):
                parts.append(f"label={value}")
            elif key == "tooltip":  # N.plain: no backslash left but its line breaks
                parts.append(
                    "tooltip=" + " + ".join(f'"{p.replace(chr(34), chr(92) + chr(34))}"' for p in _pieces(value))
                )
            else:
                parts.append(f"{key}={quoted(str(value))}")
        return " ".join(parts)

    def begin(self, name: str, graph: dict, edge: dict) -> None:
        """The drawing's first lines: its name and the defaults of the graph, nodes and edges."""
        self.lines.append(f"digraph {name} {{")
        self.lines.append("  // every position pinned: draw with `neato -n2 -Tsvg`")
        self.lines.append(f"  graph [{self.attrs({**N.GRAPH, **graph, 'pad': '0', 'splines': 'true'})}];")
        self.lines.append(f"  node [{self.attrs({**N.NODE, 'fixedsize': 'true', 'margin': '0'})}];")
        self.lines.append(f"  edge [{self.attrs({**N.EDGE, **edge})}];")

    def canvas(self, ident: str, width: float, height: float, attrs: dict) -> None:
        """A white box under the whole drawing, so that its size is the layout's."""
        look = {"shape": "box", "style": "filled", "color": "white", "fillcolor": "white", "penwidth": "0"}
        self.node(ident, Box(0, 0, width, height), "", {**look, **attrs})

    def node(self, ident: str, box, title: str, attrs: dict) -> None:
        self.titles[ident] = title
        full = {
            "id": ident,
            "pos": f"{dot_number(box.cx)},{dot_number(self.y(box.cy))}",
            "width": dot_number(box.w / 72),
            "height": dot_number(box.h / 72),
            **attrs,
        }
        full.setdefault("label", "")
        self.lines.append(f"  {ident} [{self.attrs(full)}];")

    def edge(self, ident: str, tail: str, head: str, title: str, pos: str, attrs: dict) -> None:
        self.titles[ident] = title
        full = {"id": ident, "pos": pos, **attrs}
        self.lines.append(f"  {tail} -> {head} [{self.attrs(full)}];")

    def spline(self, points, start_arrow: bool, end_arrow: bool) -> str:
        points = list(points)
        head = tail = None
        if end_arrow:
            points, head = _trim(points)
        if start_arrow:
            rev, tail = _trim(list(reversed(points)))
            points = list(reversed(rev))
        parts = []
        if tail is not None:
            parts.append(f"s,{dot_number(tail[0])},{dot_number(self.y(tail[1]))}")
        if head is not None:
            parts.append(f"e,{dot_number(head[0])},{dot_number(self.y(head[1]))}")
        parts.extend(f"{dot_number(x)},{dot_number(self.y(y))}" for x, y in points)
        return " ".join(parts)


def _trim(points):
    """The spline shortened by an arrowhead at its end; the arrow's tip."""
    tip = points[-1]
    if len(points) < 4:
        return points, tip
    p = points[-4]
    dx, dy = tip[0] - p[0], tip[1] - p[1]
    length = (dx * dx + dy * dy) ** 0.5
    if length > ARROW + 0.5:
        end = (tip[0] - dx / length * ARROW, tip[1] - dy / length * ARROW)
        ex, ey = end[0] - p[0], end[1] - p[1]
        segment = [p, (p[0] + ex / 3, p[1] + ey / 3), (p[0] + 2 * ex / 3, p[1] + 2 * ey / 3), end]
        return points[:-4] + segment, tip
    if len(points) >= 7:
        return points[:-3], tip
    return points, tip


def legend_title_box(legend, top: float, height: float) -> Box:
    """Where a legend's title is written: left of its first item's sample, at that
    item's height (with no items: `top` below the frame's top, `height` high)."""
    first = legend.items[0] if legend.items else None
    return Box(
        legend.box.x + 4,
        first.text_box.y if first else legend.box.y + top,
        (first.sample.x - 8 - legend.box.x - 4) if first else 40,
        first.text_box.h if first else height,
    )
