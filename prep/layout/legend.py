"""The legend: one compact row (wrapped only past 1.15 times the drawing's width, or
1,100 points) of the notation's elements that the drawing uses."""

from __future__ import annotations

from prep.layout.content import size_of
from prep.layout.positions import Box, Legend, LegendItem, Text

SAMPLE_W, SAMPLE_H = 30.0, 16.0
LINE_W = 40.0
ITEM_GAP = 12.0
PAD = 4.0


def legend_items(plans, words: dict, marks: bool = False) -> list[tuple[str, Text]]:
    """(notation kind, text) for what the drawing shows, in a fixed order; with
    `marks` (prep diff) the three marks after them, as their badges say."""
    present: set[str] = set()
    for pl in plans:
        for node in pl.nodes:
            present.add("intervention" if node.intervention else node.kind)
        for note in pl.notes:
            present.add(note.kind)
        if pl.groups:
            present.add("subprocess")
        for edge in pl.edges:
            present.add("touch" if edge.touch is not None else edge.kind)
    names = {
        **words["kinds"],
        "intervention": words["intervention"],
        "kpi": words["kpi"],
        "issue": words["issue"],
        "subprocess": words["subprocess"],
        "input": words["input"],
        "sync": words["sync"],
        "touch": words["touch"],
    }
    # subprocess bands, KPI and issue notes carry their own labels (the band's name,
    # `KPI:`, `課題:`): the legend keeps to what a label does not say
    order = ("product", "milestone", "final", "intangible", "intervention", "external", "input", "sync", "touch")
    items = [(kind, Text(names[kind], size_of("legend"), "legend")) for kind in order if kind in present]
    if marks:
        from prep.layout.badges import KINDS, SIGN

        items += [(kind, Text(f"{SIGN[kind]} {words[kind]}", size_of("legend"), kind, True)) for kind in KINDS]
    return items


def legend_title(words: dict) -> Text:
    return Text(words["legend"], size_of("legend"), "legend", True)


def place_legend(items, size, words: dict, top: float, width: float, title_w: float) -> Legend:
    """`size(n)`: the measured (w, h) of item n's text; `title_w`: of the title."""
    title = legend_title(words)
    indent = PAD + 4 + title_w + 12
    x = indent
    y = top + PAD
    row_h = max([size(n)[1] for n in range(len(items))] + [SAMPLE_H]) + 2
    placed = []
    limit = max(width * 1.15, 1100.0)  # the drawing may widen a little to keep one row
    for n, (kind, text) in enumerate(items):
        tw, th = size(n)
        sw = LINE_W if kind in ("input", "sync", "touch") else SAMPLE_W
        need = sw + 9 + tw
        if x + need > limit - PAD and placed:
            x = indent
            y += row_h
        sample = Box(round(x, 2), round(y + (row_h - SAMPLE_H) / 2, 2), sw, SAMPLE_H)
        text_box = Box(round(x + sw + 9, 2), round(y + (row_h - th) / 2, 2), tw, th)
        placed.append(LegendItem(kind, sample, text, text_box))
        x += need + ITEM_GAP
    right = max(i.text_box.right for i in placed) + PAD
    box = Box(2.0, round(top, 2), round(max(right - 2, 0.0), 2), round(y + row_h + PAD - top, 2))
    return Legend(box, title, tuple(placed))
