"""The legend: one compact row (wrapped only when wider than the drawing) of the
notation's elements that the drawing uses."""

from __future__ import annotations

from prep import notation as N
from prep.layout.model import Box, Legend, LegendItem, Text

SAMPLE_W, SAMPLE_H = 34.0, 20.0
LINE_W = 40.0
ITEM_GAP = 22.0
PAD = 8.0


def legend_items(plans, words: dict) -> list[tuple[str, Text]]:
    """(notation kind, text) for what the drawing shows, in a fixed order."""
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
    names = {**words["kinds"], "intervention": words["intangible_on_sync"],
             "kpi": words["kpi"], "issue": words["issue"],
             "subprocess": words["subprocess"], "input": words["input"],
             "sync": words["sync"], "touch": words["touch"]}
    order = ("product", "milestone", "final", "intangible", "intervention", "external",
             "input", "sync", "touch", "subprocess", "kpi", "issue")
    return [(kind, Text(names[kind], N.SIZE["legend"], "legend")) for kind in order
            if kind in present]


def place_legend(items, size, words: dict, top: float, width: float) -> Legend:
    title = Text(words["legend"], N.SIZE["legend"], "legend", True)
    x = PAD + 44.0          # room for the title
    y = top + PAD
    row_h = max([size(n)[1] for n in range(len(items))] + [SAMPLE_H]) + 6
    placed = []
    limit = max(width, 600.0)
    for n, (kind, text) in enumerate(items):
        tw, th = size(n)
        sw = LINE_W if kind in ("input", "sync", "touch") else SAMPLE_W
        need = sw + 6 + tw
        if x + need > limit - PAD and placed:
            x = PAD + 44.0
            y += row_h
        sample = Box(round(x, 2), round(y + (row_h - SAMPLE_H) / 2, 2), sw, SAMPLE_H)
        text_box = Box(round(x + sw + 6, 2), round(y + (row_h - th) / 2, 2), tw, th)
        placed.append(LegendItem(kind, sample, text, text_box))
        x += need + ITEM_GAP
    right = max(i.text_box.right for i in placed) + PAD
    box = Box(0.0, round(top, 2), round(max(right, 0.0), 2), round(y + row_h + PAD - top, 2))
    return Legend(box, title, tuple(placed))
