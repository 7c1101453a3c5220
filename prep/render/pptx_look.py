"""How a slide's shapes look (pptx.py draws them, pptx_edges.py their lines and
legend): shape presets, the looks of nodes, notes and lines from prep.notation, a
diff's marks, and the room the slide keeps for stand-ins. Shared by both, so imports
run one way."""

from __future__ import annotations

from prep import notation as N
from prep import slides as S
from prep.layout.badges import kind_of

STUB = 150.0  # room at a cut for the stand-ins of ends on the next slide
STUB_H = 50.0  # room above or below a group of lanes for stand-ins of ends on other slides
LINK_GAP = 24.0  # from the frame's right side to the stand-ins of linked processes
LINK_W, LINK_H = 120.0, 34.0
LINK_ROOM = LINK_GAP + LINK_W + 4.0

PRESET = {
    "product": "RECTANGLE",
    "milestone": "HEXAGON",
    "final": "RECTANGLE",
    "intangible": "ROUNDED_RECTANGLE",
    "external": "PENTAGON",
}


def node_look(node) -> dict:
    return S.look(N.node_style(node.kind, node.intervention, node.csm))


def note_look(note) -> dict:
    return S.look(N.note_style(note.kind, note.marks))


def edge_look(kind: str, touch) -> dict:
    if kind == "note":
        attrs = dict(N.NOTE_EDGE)
    else:
        attrs = {**N.EDGE, **(N.INPUT if kind == "input" else N.SYNC)}
        if touch is not None:
            attrs.update(N.TOUCH)
    look = S.look({"penwidth": "1", **attrs})
    look["head"] = kind == "sync"
    look["tail"] = kind in ("input", "sync")
    return look


MARK = {
    "added": (N.COLOUR["added"], "＋"),
    "changed": (N.COLOUR["changed"], "～"),
    "removed": (N.COLOUR["removed"], "－"),
}


def marked(look: dict, lines) -> dict:
    """A shape's look with the diff's mark its lines carry (prep.layout.badges), as
    the SVG draws it: added purple, changed amber, removed grey, dashed, unfilled."""
    kind = kind_of(lines)
    if kind is None:
        return look
    if kind == "removed":
        return {
            **look,
            "line": MARK["removed"][0],
            "dash": True,
            "width": 1.4,
            "fill": "#ffffff" if look["fill"] is not None else None,
        }
    return {**look, "line": MARK[kind][0], "width": 2.6}
