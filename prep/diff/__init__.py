"""The semantic difference of an AsIs and a ToBe model (docs/kpi.md, "prep diff"): changes.py
computes it, text.py prints it, draw.py draws the union of both models (union.py) with
the changes marked, through `prep render` (diff.pptx too: the same picture in
native shapes).

A drawn change goes one way: union.py marks each element of the union (added,
removed, changed with the old value); prep.layout.badges puts the marks on the
swimlane layout's lines (a badge line, ghosted text), which every drawer of it reads;
prep.render.diff_look gives them their look in the 0.1.0 cluster layout and Mermaid."""

from __future__ import annotations

from prep.formats import suffixes, text_formats

FORMATS = ("text", "json", "svg", "png", "pdf", "dot", "mermaid", "html", "pptx")
SUFFIXES = suffixes(FORMATS)
TEXT_FORMATS = text_formats(FORMATS)


def to_json(result) -> str:
    from prep.diagnostics import json_text

    return json_text(result.to_json())


__all__ = ["FORMATS", "SUFFIXES", "TEXT_FORMATS", "to_json"]
