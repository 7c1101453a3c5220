"""PReP notation: the one place every drawing (`prep render`, `prep kpi`, `prep diff`,
Graphviz and Mermaid alike) takes its shapes, colours, fonts, escaping and words from
(docs/notation.md).

It lives at `prep/notation.py`, below render, kpi, diff and layout, so every one of
them may import it (a module in prep/render could not be imported by prep/kpi: the
layers only import downward). It imports nothing heavy at module level.

What it offers (stable names):

Fonts and text
    FONT                       the font family of every drawing
    SIZE[role], COLOUR[role]   point size and colour of a text role (name, state,
                               params, mark, tag, doc, header, role, band, banner,
                               goal, kgi, note, edge, legend, title; COLOUR also touch,
                               service, and prep diff's added, changed, removed, ghost:
                               added is not the touch green)
Shapes and colours (Graphviz attribute dicts; copy before changing)
    GRAPH, NODE, EDGE          defaults for a Graphviz graph of prep
    KIND[kind]                 product, milestone, final, intangible, external;
                               also kpi, goal, process for KPI trees
    PRODUCT_FILL, INTERVENTION, CSM_PRODUCT
    node_style(kind, intervention, csm), note_style(kind, marks)   the look of a
                               product or external, of a KPI or issue note
    INPUT, SYNC, TOUCH, NOTE_EDGE, LINK   relation line styles; JOINT a bus's meeting dot
    LANE[role]                 customer, csm, service, vendor: lane fill and border
    LANE_HEADER[role]          the lane's header cell
    BAND, BAND_LABEL           subprocess column bands
    PROCESS, BANNER, GOAL_FILL frame and goal banner
    KPI, KPI_SERVICE, KPI_SUPPLEMENTED, KPI_KGI, ISSUE   notes
    RED, GREEN, ORANGE, BLUE, PURPLE, GREY   the palette
    subprocess_colour(i)       a pastel for the i-th subprocess (Mermaid, old layout)
Escaping
    text(v)                    model text inside a Graphviz HTML-like label: `<>&"'`
                               escaped, backslashes doubled (so `\\G \\N \\L \\E \\T \\H`
                               show as written), line breaks flattened
    html_label(*lines)         `<line<BR/>line>` from escaped lines
    stacked(*lines)            the lines as table rows (a tidy multi-line label)
    small(markup, size, colour)   a <FONT> span
    span(line), markup(lines)  layout Text lines (prep.layout.positions.Text or any object
                               with text, size, role, bold) -> HTML-like label
    plain(v)                   a quoted attribute (tooltip): backslash shown as `＼`
    xml(v)                     text for SVG/XML/HTML (titles, attributes)
    mermaid_text(v)            text inside a Mermaid label: anything not a letter,
                               digit or harmless punctuation as `#<code>;`
    shorten(v, limit), kept_lines(v, limit), product_title(name, state),
    params_line(params)
Words (written in prep/words.py)
    LANGUAGES, WORDS[lang], in_languages(table), is_japanese(s), language_of(graphs, lang),
    words_for(graphs, lang), touch_word(level, words), role_tag(role, words),
    stage_word(stage, words), was(old, words)   a changed element's old value
"""

from __future__ import annotations

import html

from prep.words import (  # noqa: F401  (the words are notation's stable names too)
    LANGUAGES,
    WORDS,
    in_languages,
    is_japanese,
    language_of,
    role_tag,
    stage_word,
    touch_word,
    was,
    words_for,
)

FONT = "Noto Sans CJK JP"

# -- the palette -------------------------------------------------------------------
RED, GREEN, ORANGE, BLUE, PURPLE, GREY = ("#c62828", "#2e7d32", "#e65100", "#1565c0", "#6a1b9a", "#9e9e9e")
INK = "#111111"

# -- text: sizes (points) and colours by role ---------------------------------------
# Sizes are chosen for a projector: scaled to 1920 px wide, a drawing of up to ~40
# products keeps product names >= 14 px and every other text >= 11 px.
SIZE = {
    "name": 16,
    "state": 14,
    "params": 13,
    "mark": 13,
    "tag": 13,
    "doc": 13,
    "header": 15,
    "role": 13,
    "band": 14,
    "banner": 18,
    "goal": 15,
    "kgi": 14,
    "note": 13,
    "edge": 13,
    "legend": 13,
    "title": 16,
    "added": 13,
    "changed": 13,
    "removed": 13,
}
COLOUR = {
    "name": INK,
    "state": "#333333",
    "params": "#333333",
    "mark": "#8e0000",
    "tag": "#555555",
    "doc": "#555555",
    "header": INK,
    "role": "#333333",
    "band": INK,
    "banner": INK,
    "goal": INK,
    "kgi": INK,
    "note": INK,
    "edge": "#333333",
    "legend": INK,
    "title": INK,
    "touch": "#1b5e20",
    "service": "#b71c1c",
    # prep diff's badges (layout/badges.py, render/diff_look.py) and the ghosted text of removed elements
    "added": PURPLE,
    "changed": "#b26a00",
    "removed": GREY,
    "ghost": GREY,
}

# -- shapes ------------------------------------------------------------------------
GRAPH = {"fontname": FONT, "fontsize": "14", "bgcolor": "white"}
NODE = {
    "fontname": FONT,
    "fontsize": str(SIZE["name"]),
    "margin": "0.12,0.06",
    "color": "#222222",
    "fontcolor": INK,
    "penwidth": "1.2",
}
EDGE = {"fontname": FONT, "fontsize": str(SIZE["edge"]), "color": "#333333", "arrowsize": "0.9"}

# Product kinds: shape and border carry the kind (greyscale safe); fill stays white.
KIND = {
    "product": {"shape": "box", "style": "filled"},
    "milestone": {"shape": "hexagon", "style": "filled,bold", "penwidth": "1.8"},
    "final": {"shape": "box", "style": "filled,bold", "peripheries": "2", "penwidth": "2.4"},
    "intangible": {"shape": "box", "style": "dashed,rounded", "penwidth": "1.4"},
    "external": {"shape": "cds", "style": "filled", "fillcolor": "#d9d9d9", "color": "#444444"},
    # KPI trees (prep kpi)
    "kpi": {"shape": "ellipse", "style": "filled", "fillcolor": "#e3f2fd"},
    "goal": {"shape": "box", "style": "filled,bold", "fillcolor": "#fff8e1", "penwidth": "2"},
    "process": {"shape": "box", "style": "filled,bold", "fillcolor": "#fff8e1"},
}
PRODUCT_FILL = "#ffffff"
# An intangible product on a sync relation: where a service or a CSM can intervene.
INTERVENTION = {"color": RED, "penwidth": "2.4", "fontcolor": "#8e0000"}
# A product at the customer's end of a CSM touch relation.
CSM_PRODUCT = {"color": GREEN, "penwidth": "2.4"}

# Relations.
INPUT = {"style": "solid", "arrowhead": "normal"}
SYNC = {"style": "dashed", "dir": "both", "arrowhead": "normal", "arrowtail": "normal", "penwidth": "1.4"}
TOUCH = {"color": GREEN, "fontcolor": "#1b5e20", "penwidth": "2.6"}
# Where the lines of a bus meet (`A, B -> X, Y, Z`): a dot, as a join reads on a plan.
JOINT = {"shape": "circle", "style": "filled", "color": "#333333", "fillcolor": "#333333", "penwidth": "0"}
NOTE_EDGE = {"style": "dotted", "arrowhead": "none", "color": "#777777", "penwidth": "1.2"}
LINK = {"style": "dashed", "arrowhead": "none", "color": "#777777", "penwidth": "1.5"}

# Lanes by actor role: fill and border (the role tag comes from WORDS).
LANE = {
    "customer": {"style": "filled", "color": "#555555", "fillcolor": "#ffffff", "penwidth": "1"},
    "csm": {"style": "filled,bold", "color": GREEN, "fillcolor": "#eef7ee", "penwidth": "2"},
    "service": {"style": "filled,dashed", "color": BLUE, "fillcolor": "#eaf3fc", "penwidth": "2"},
    "vendor": {"style": "filled", "color": "#6d4c41", "fillcolor": "#f6f1ee", "penwidth": "1"},
}
LANE_HEADER = {
    "customer": {"fillcolor": "#eeeeee"},
    "csm": {"fillcolor": "#d4ecd5"},
    "service": {"fillcolor": "#cfe3f7"},
    "vendor": {"fillcolor": "#e9ddd7"},
}
# Subprocess column bands: a dashed border over the lanes and a labelled cell above
# them (told apart by label and border, not by colour).
BAND = {"style": "dashed", "color": "#5d4037", "penwidth": "1.6"}
BAND_LABEL = {"style": "filled", "fillcolor": "#f5efe6", "color": "#5d4037", "penwidth": "1.2"}

PROCESS = {"style": "rounded", "color": "#888888", "penwidth": "1"}
GOAL_FILL = "#fff8e1"
BANNER = {"style": "filled", "fillcolor": GOAL_FILL, "color": "#c8a200", "penwidth": "1.2"}

# KPIs and issues: notes joined to their product by a dotted line.
KPI = {"shape": "note", "style": "filled", "fillcolor": "#fafafa", "color": "#777777", "penwidth": "1"}
KPI_SERVICE = {"color": RED, "fontcolor": "#b71c1c", "penwidth": "2", "fillcolor": "#ffebee"}
KPI_SUPPLEMENTED = {"style": "filled,dashed"}
KPI_KGI = {"penwidth": "2"}
_NOTE_MARKS = (("kgi", KPI_KGI), ("service", KPI_SERVICE), ("supplemented", KPI_SUPPLEMENTED))
ISSUE = {"shape": "note", "style": "filled", "fillcolor": "#fff3e0", "color": ORANGE, "penwidth": "1"}


def node_style(kind: str, intervention: bool = False, csm: bool = False) -> dict:
    """The Graphviz attributes of a product or external of `kind`: filled unless
    intangible or external; an intervention point red, a CSM-touched product green
    (the editable exports: PowerPoint and draw.io)."""
    attrs = dict(KIND[kind])
    if kind not in ("intangible", "external"):
        attrs["fillcolor"] = PRODUCT_FILL
    if intervention:
        attrs.update(INTERVENTION)
    elif csm:
        attrs.update(CSM_PRODUCT)
    return attrs


def note_style(kind: str, marks) -> dict:
    """The Graphviz attributes of a KPI or issue note with its marks (kgi, service,
    supplemented): one look for every drawer (lanes, PowerPoint, draw.io)."""
    attrs = dict(KPI if kind == "kpi" else ISSUE)
    for mark, extra in _NOTE_MARKS:
        if mark in marks:
            attrs.update(extra)
    return attrs


SUBPROCESS_COLOURS = (
    "#fde2c8",
    "#d7ecf9",
    "#e1f3d6",
    "#f3dcf2",
    "#fff3b0",
    "#d9e6d1",
    "#e8dcf7",
    "#fbd5d5",
    "#d2f0ee",
    "#efe5d2",
)


def subprocess_colour(index: int) -> str:
    return SUBPROCESS_COLOURS[index % len(SUBPROCESS_COLOURS)]


# -- escaping ----------------------------------------------------------------------
DOC_LIMIT = 48


def _flat(value: object) -> str:
    return " ".join(str(value).split())


def text(value: object) -> str:
    """Model text for inside a Graphviz HTML-like label: `<`, `>`, `&` and quotes
    escaped, line breaks turned into spaces (a label line is one line). Graphviz
    expands `\\N`, `\\G`, … even in HTML-like labels and reads `\\\\` as one
    backslash: doubling every backslash keeps them all literal."""
    return html.escape(_flat(value), quote=True).replace("\\", "\\\\")


def html_label(*lines: str) -> str:
    """An HTML-like label (graphviz.quote keeps `<...>` as is) from lines that are
    already escaped markup."""
    return "<" + "<BR/>".join(lines) + ">"


def stacked(*lines: str) -> str:
    """An HTML-like label of lines as table rows (more legible spacing than <BR/>)."""
    rows = "".join(f"<TR><TD>{line}</TD></TR>" for line in lines)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0">{rows}</TABLE>>'


def small(markup_: str, size: float = 9, colour: str | None = None) -> str:
    tint = f' COLOR="{colour}"' if colour else ""
    return f'<FONT POINT-SIZE="{size:g}"{tint}>{markup_}</FONT>'


def span(line) -> str:
    """One layout Text line (text, size, role, bold) as escaped HTML-like markup."""
    body = text(line.text)
    if line.bold:
        body = f"<B>{body}</B>"
    if line.role == "doc":
        body = f"<I>{body}</I>"
    colour = COLOUR.get(line.role, INK)
    return f'<FONT POINT-SIZE="{line.size:g}" COLOR="{colour}">{body}</FONT>'


def markup(lines, align: str = "CENTER") -> str:
    """Layout Text lines as one HTML-like label (a table, one row per line); the
    same markup is measured and drawn, so measured sizes are exact."""
    rows = "".join(f'<TR><TD ALIGN="{align}">{span(line)}</TD></TR>' for line in lines)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>>'


def plain(value: object) -> str:
    """A quoted-string attribute (tooltip). Graphviz unescapes tooltips more than once
    (`\\\\N` still becomes the node id), so a backslash is shown as the full-width
    `＼`; the string is marked not-HTML, and graphviz.quote escapes its quotes. The
    lines of a multi-line text stay lines (`\\n`)."""
    import graphviz

    lines = [_flat(line) for line in str(value).splitlines()]
    body = "\\n".join(line.replace("\\", "＼") for line in lines if line)
    return graphviz.nohtml(body)


def xml(value: object) -> str:
    """Text for SVG, XML or HTML (element text and attribute values)."""
    return html.escape(str(value), quote=True)


SAFE_PUNCTUATION = set(" _-.,:/()・、。%+=!?[]")


def mermaid_text(value: object) -> str:
    """Mermaid label text: letters, digits and harmless punctuation as they are;
    everything else (quotes, `<>`, `&`, `#`, `|`, braces, backslashes) as `#<code>;`."""
    return "".join(ch if ch.isalnum() or ch in SAFE_PUNCTUATION else f"#{ord(ch)};" for ch in _flat(value))


def shorten(value: object, limit: int = DOC_LIMIT) -> str:
    flat = _flat(value)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def kept_lines(value: object, limit: int = DOC_LIMIT) -> list[str]:
    r"""The lines of a text as written (a \"\"\"…\"\"\" text keeps its lines; blank
    ones are dropped), each flattened, within `limit` characters in all: where the
    limit falls the text is cut with `…`."""
    lines = [flat for flat in (_flat(line) for line in str(value).splitlines()) if flat]
    out: list[str] = []
    left = limit
    for n, flat in enumerate(lines):
        rest = n + 1 < len(lines)
        if len(flat) > left or (rest and len(flat) == left):
            out.append(flat[: max(left - 1, 0)].rstrip() + "…")
            break
        out.append(flat)
        left -= len(flat)
    return out or [""]


def product_title(name: str, state: str | None) -> str:
    """`<B>申込</B>&lt;提出された&gt;`"""
    title = f"<B>{text(name)}</B>"
    if state:
        title += text(f"<{state}>")
    return title


def params_line(params) -> str:
    return text("(" + ", ".join(params) + ")")
