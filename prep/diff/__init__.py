"""The semantic difference of an AsIs and a ToBe model (LANGUAGE.md §7): model.py
computes it, text.py prints it, draw.py draws the ToBe model with the changes,
marks.py says how diff.pptx marks them."""

from __future__ import annotations

FORMATS = ("text", "json", "svg", "png", "pdf", "dot", "pptx")
SUFFIXES = {".txt": "text", ".json": "json", ".svg": "svg", ".png": "png", ".pdf": "pdf",
            ".dot": "dot", ".gv": "dot", ".pptx": "pptx"}
TEXT_FORMATS = ("text", "json", "svg", "dot")


def to_json(result) -> str:
    from prep.diagnostics import json_text

    return json_text(result.to_json())


__all__ = ["SUFFIXES", "TEXT_FORMATS", "to_json"]
