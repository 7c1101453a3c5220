"""The semantic difference of an AsIs and a ToBe model (docs/kpi.md, "prep diff"): model.py
computes it, text.py prints it, draw.py draws the union of both models (union.py) with
the changes marked, through `prep render` (diff.pptx too: the same picture in
native shapes)."""

from __future__ import annotations

FORMATS = ("text", "json", "svg", "png", "pdf", "dot", "mermaid", "html", "pptx")
SUFFIXES = {".txt": "text", ".json": "json", ".svg": "svg", ".png": "png", ".pdf": "pdf",
            ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid",
            ".html": "html", ".htm": "html", ".pptx": "pptx"}
TEXT_FORMATS = ("text", "json", "svg", "dot", "mermaid", "html")


def to_json(result) -> str:
    from prep.diagnostics import json_text

    return json_text(result.to_json())


__all__ = ["FORMATS", "SUFFIXES", "TEXT_FORMATS", "to_json"]
