"""How a draw.io cell looks: styles from prep.notation's Graphviz attributes, the shapes
of the notation, HTML labels. Shared by the pages (drawio.py) and their legend
(drawio_legend.py), so imports run one way."""

from __future__ import annotations

import html

from prep import notation as N
from prep.slides import clean


def n(value: float) -> str:
    """A number as draw.io writes it (two decimals at most, no -0)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def style(parts: dict) -> str:
    """draw.io's `key=value;` style text."""
    return "".join(f"{k}={v};" if v is not None else f"{k};" for k, v in parts.items())


def style_of(attrs: dict) -> dict:
    """Graphviz attributes of prep.notation -> draw.io style entries."""
    style = attrs.get("style", "")
    out = {
        "fillColor": attrs.get("fillcolor", "#ffffff") if "filled" in style else "none",
        "strokeColor": attrs.get("color", N.NODE["color"]),
        "strokeWidth": attrs.get("penwidth", N.NODE["penwidth"]),
    }
    if "dashed" in style:
        out["dashed"] = "1"
    if "dotted" in style:
        out.update(dashed="1", dashPattern="1 3")
    return out


BASE = {"html": "1", "whiteSpace": "wrap", "fontFamily": N.FONT, "verticalAlign": "middle", "spacing": "2"}
SHAPE = {
    "product": {},
    "milestone": {"shape": "hexagon", "perimeter": "hexagonPerimeter2", "size": "0.12"},
    "final": {"shape": "ext", "double": "1", "margin": "4"},
    "intangible": {"rounded": "1", "arcSize": "12"},
    "external": {"shape": "mxgraph.arrows2.arrow", "dy": "0", "dx": "12", "notch": "0"},
}


def label(lines) -> str:
    """Text lines as the HTML label draw.io shows (each line a span, escaped)."""
    out = []
    for line in lines:
        css = f"font-size:{n(line.size)}px;color:{N.COLOUR.get(line.role, N.INK)};"
        if line.bold:
            css += "font-weight:bold;"
        if line.role == "doc":
            css += "font-style:italic;"
        body = "<br>".join(html.escape(clean(part)) for part in str(line.text).split("\v"))
        out.append(f'<span style="{css}">{body}</span>')
    return "<br>".join(out)
