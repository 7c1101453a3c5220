"""KPI trees (LANGUAGE.md §6): derivation (tree.py), AsIs/ToBe comparison
(compare.py), text (text.py), dot and Mermaid (draw.py), PowerPoint (pptx.py). JSON
is `Tree.to_json`."""

from __future__ import annotations

FORMATS = ("text", "json", "svg", "png", "pdf", "dot", "mermaid", "pptx")
TEXT_FORMATS = ("text", "json", "svg", "dot", "mermaid")
SUFFIXES = {".txt": "text", ".json": "json", ".svg": "svg", ".png": "png", ".pdf": "pdf",
            ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid",
            ".pptx": "pptx"}


def to_json(trees) -> str:
    """`{"version": 1, "trees": [...]}`, keys in a fixed order, UTF-8 text as is."""
    data = {"version": 1, "trees": [t.to_json() for t in trees]}
    from prep.diagnostics import json_text

    return json_text(data)


__all__ = ["FORMATS", "SUFFIXES", "TEXT_FORMATS", "to_json"]
