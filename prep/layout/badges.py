"""Badges: a diff's marks (docs/kpi.md, "prep diff", made by prep.diff.union) on the Text
lines of a swimlane drawing: a badge line (`＋ 追加`, `～ 変更: old`, `－ 削除`) under the label,
measured with it so the box grows to hold it, and the label's own lines ghosted
(text role "ghost") for a removed element. The drawer (prep.render.lanes) reads the
badge's role to colour, thicken or dash the element; nothing else carries the mark."""

from __future__ import annotations

from prep import notation as N
from prep.layout.content import balanced, size_of
from prep.layout.positions import Text

KINDS = ("added", "changed", "removed")
SIGN = {"added": "＋", "changed": "～", "removed": "－"}
OLD_LIMIT = 40


NARROW_OLD = 24  # … and in a narrow drawing (layout/content.py NARROW), in lines of
BADGE_UNITS = 20  # about 10 wide or 20 narrow characters


def badge(kind: str, old: str | None, words: dict, narrow: bool = False) -> tuple[Text, ...]:
    """The badge's line (a narrow drawing's: its lines)."""
    limit = NARROW_OLD if narrow else OLD_LIMIT
    text = f"{SIGN[kind]} {words[kind]}" + (f": {N.shorten(N.was(old, words), limit)}" if old else "")
    if not narrow:
        return (Text(text, size_of(kind), kind, True),)
    return tuple(Text(part, size_of(kind), kind, True) for part in balanced(text, BADGE_UNITS, False, True))


def marked(lines, mark, words: dict, fit=None) -> tuple:
    """`lines` with the badge of `mark` ((kind, old value or None) or None); `fit`: the
    drawing's content.Wrap (a narrow one wraps the badge)."""
    if mark is None:
        return tuple(lines)
    kind, old = mark
    if kind == "removed":
        lines = [Text(t.text, t.size, "ghost", t.bold) for t in lines]
    return (*lines, *badge(kind, old, words, bool(fit and fit.pairs)))


def kind_of(lines) -> str | None:
    """The mark a drawn label carries (its last line's role), or None."""
    return lines[-1].role if lines and lines[-1].role in KINDS else None


def mark_of(marks: dict | None, category: str, key) -> tuple[str, str | None] | None:
    """The mark of one element. `marks` (one per drawn process, made by prep diff,
    diff/union.py) maps a category (products by key, externals, actors and kpis by name,
    relations by edge index) to {element: (`added` | `removed` | `changed`, old value
    or None)}."""
    return (marks or {}).get(category, {}).get(key)
