"""The look of PReP notation: shapes, line styles, colours and fonts (docs/notation.md).

Every kind is told apart by shape or line style first, colour second, so a diagram
reads on a projector and in greyscale print alike."""

from __future__ import annotations

FONT = "Noto Sans CJK JP"

GRAPH = {
    "rankdir": "LR",
    "newrank": "true",          # ranks across clusters without the old cluster-rank pass
    "compound": "true",
    "forcelabels": "true",
    "splines": "spline",        # ortho is far too slow on large clustered graphs
    "remincross": "true",
    "mclimit": "1.0",           # bound the crossing-minimisation passes
    "nslimit": "20",            # ... and the network-simplex iterations
    "nslimit1": "20",
    "searchsize": "30",
    "nodesep": "0.3",
    "ranksep": "0.5",
    "pad": "0.2",
    "fontname": FONT,
    "fontsize": "12",
    "labelloc": "t",
    "labeljust": "l",
    "bgcolor": "white",
}

NODE = {"fontname": FONT, "fontsize": "11", "margin": "0.12,0.06", "color": "#222222",
        "fontcolor": "#111111", "penwidth": "1.2"}
EDGE = {"fontname": FONT, "fontsize": "9", "color": "#333333", "arrowsize": "0.8"}

# Product kinds: the shape and border carry the kind; fill is left to subprocesses.
KIND = {
    "product": {"shape": "box", "style": "filled"},
    "milestone": {"shape": "hexagon", "style": "filled,bold", "penwidth": "1.8"},
    "final": {"shape": "box", "style": "filled,bold", "peripheries": "2", "penwidth": "2.4"},
    "intangible": {"shape": "box", "style": "dashed,rounded", "penwidth": "1.4"},
    "external": {"shape": "cds", "style": "filled", "fillcolor": "#d9d9d9",
                 "color": "#444444"},
}

PRODUCT_FILL = "#ffffff"

# An intangible product on a sync relation: where a service or a CSM can intervene.
INTERVENTION = {"color": "#c62828", "penwidth": "2.4", "fontcolor": "#8e0000"}

# Relations.
INPUT = {"style": "solid", "arrowhead": "normal"}
SYNC = {"style": "dashed", "dir": "both", "arrowhead": "normal", "arrowtail": "normal",
        "penwidth": "1.4"}
TOUCH = {"color": "#2e7d32", "fontcolor": "#1b5e20", "penwidth": "2.4"}

# Lanes by actor role: background and border style (the role tag: words.py).
LANE = {
    "customer": {"style": "rounded", "color": "#555555", "bgcolor": "#ffffff"},
    "csm": {"style": "rounded,filled,bold", "color": "#2e7d32", "fillcolor": "#e8f5e9",
            "penwidth": "2"},
    "service": {"style": "rounded,filled,dashed", "color": "#1565c0", "fillcolor": "#e3f2fd",
                "penwidth": "2"},
    "vendor": {"style": "rounded,filled", "color": "#6d4c41", "fillcolor": "#f3ece8"},
}

PROCESS = {"style": "rounded", "color": "#888888", "penwidth": "1"}
GOAL_FILL = "#fff8e1"

# Subprocess bands: member products take the colour of their subprocess (and a tag
# with its name, so greyscale print keeps the grouping). Pastels, dark text stays legible.
SUBPROCESS_COLOURS = ("#fde2c8", "#d7ecf9", "#e1f3d6", "#f3dcf2", "#fff3b0", "#d9e6d1",
                      "#e8dcf7", "#fbd5d5", "#d2f0ee", "#efe5d2")

# KPIs and issues: notes attached with a dotted line.
KPI = {"shape": "note", "style": "filled", "fillcolor": "#fafafa", "fontsize": "9",
       "penwidth": "1"}
KPI_SERVICE = {"color": "#c62828", "fontcolor": "#b71c1c", "penwidth": "2",
               "fillcolor": "#ffebee"}
KPI_SUPPLEMENTED = {"style": "filled,dashed"}
KPI_KGI = {"penwidth": "2"}
ISSUE = {"shape": "note", "style": "filled", "fillcolor": "#fff3e0", "color": "#e65100",
         "fontsize": "9", "penwidth": "1"}
NOTE_EDGE = {"style": "dotted", "arrowhead": "none", "color": "#777777"}


def subprocess_colour(index: int) -> str:
    return SUBPROCESS_COLOURS[index % len(SUBPROCESS_COLOURS)]
