"""The preset shapes prep draws on slides (prep.slides), as ECMA-376's
presetShapeDefinitions define them: their names, their connection sites, and the
text rectangle a slide program lays a shape's text out in. Imports nothing of ours."""

from __future__ import annotations

# The python-pptx names of the shapes prep uses -> their preset names.
PRESETS = {
    "RECTANGLE": "rect",
    "ROUNDED_RECTANGLE": "roundRect",
    "HEXAGON": "hexagon",
    "PENTAGON": "homePlate",
    "FOLDED_CORNER": "foldedCorner",
    "OVAL": "ellipse",
}

# Connection sites of the preset shapes prep uses (ECMA-376 presetShapeDefinitions):
# index of the site at the top, left, bottom and right of the shape.
SITES = {
    "hexagon": {"top": 5, "left": 3, "bottom": 2, "right": 0},
    "ellipse": {"top": 0, "left": 2, "bottom": 4, "right": 6},
}
RECT_SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}


def text_rect(preset: str, w: float, h: float, adj: str = "") -> tuple[float, float, float, float]:
    """How far in from the box's left, top, right and bottom the preset's own text
    rectangle lies (the `a:rect` of ECMA-376's presetShapeDefinitions, with the
    shape's `adj`): the slide program lays text out in it, less the body's insets."""
    import re

    ss = max(min(w, h), 0.01)
    given = re.search(r'name="adj" fmla="val (-?\d+)"', adj)
    value = float(given.group(1)) if given else None
    if preset == "hexagon":
        most = 50000 * w / ss
        a = min(max(value if value is not None else 25000.0, 0.0), most)
        q1 = -most / 2
        q2 = a + q1
        q8 = (4 if q2 > 0 else 2) - (a + (q1 if q2 > 0 else 0.0)) / q1 * (3 if q2 > 0 else 2)
        return w * q8 / 24, h * q8 / 24, w * q8 / 24, h * q8 / 24
    if preset == "homePlate":
        a = min(max(value if value is not None else 50000.0, 0.0), 100000 * w / ss)
        return 0.0, 0.0, ss * a / 200000, 0.0
    if preset == "roundRect":
        inset = ss * min(max(value if value is not None else 16667.0, 0.0), 50000.0) / 100000 * 0.29289
        return inset, inset, inset, inset
    if preset == "foldedCorner":
        return 0.0, 0.0, 0.0, ss * min(max(value if value is not None else 16667.0, 0.0), 50000.0) / 100000
    if preset == "ellipse":
        return w * 0.14645, h * 0.14645, w * 0.14645, h * 0.14645
    return 0.0, 0.0, 0.0, 0.0
