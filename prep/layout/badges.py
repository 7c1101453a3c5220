"""Badges: a diff's marks (docs/kpi.md, "prep diff", made by prep.diff.union) on the Text
lines of a swimlane drawing: a badge line (`＋ 追加`, `～ 変更: old`, `－ 削除`) under the label,
measured with it so the box grows to hold it, and the label's own lines ghosted
(text role "ghost") for a removed element. The drawer (prep.render.lanes) reads the
badge's role to colour, thicken or dash the element; nothing else carries the mark."""

from __future__ import annotations

from prep import notation as N
from prep.layout.positions import Text

KINDS = ("added", "changed", "removed")
SIGN = {"added": "＋", "changed": "～", "removed": "－"}
OLD_LIMIT = 40


def badge(kind: str, old: str | None, words: dict) -> Text:
    text = f"{SIGN[kind]} {words[kind]}" + (f": {N.shorten(N.was(old, words), OLD_LIMIT)}" if old else "")
    return Text(text, N.SIZE[kind], kind, True)


def marked(lines, mark, words: dict) -> tuple:
    """`lines` with the badge of `mark` ((kind, old value or None) or None)."""
    if mark is None:
        return tuple(lines)
    kind, old = mark
    if kind == "removed":
        lines = [Text(t.text, t.size, "ghost", t.bold) for t in lines]
    return (*lines, badge(kind, old, words))


def kind_of(lines) -> str | None:
    """The mark a drawn label carries (its last line's role), or None."""
    return lines[-1].role if lines and lines[-1].role in KINDS else None


def mark_of(marks: dict | None, category: str, key) -> tuple[str, str | None] | None:
    """The mark of one element. `marks` (one per drawn process, made by prep diff,
    diff/union.py) maps a category (products by key, externals, actors and kpis by name,
    relations by edge index) to {element: (`added` | `removed` | `changed`, old value
    or None)}."""
    return (marks or {}).get(category, {}).get(key)
