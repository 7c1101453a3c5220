"""Text on slides measured and fitted (prep.render.pptx, prep.kpi.pptx): the
drawing's text metrics at the sizes a slide prints (Measures), a shape's text
fitted to its text rectangle with slides.SLACK to spare, else shrunk (fit_text),
and a free text's box grown to hold its text (grown). Graphviz measures, imported
inside functions."""

from __future__ import annotations

from prep import notation as N
from prep.slides import SLACK, Handle, put_text


class Measures:
    """Width and height of text lines as drawn on a slide (sizes scaled and rounded as
    written), by the drawing's text metrics: Graphviz, as the layout measured them;
    one call per slide (`add`), cached."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[float, float]] = {}

    def add(self, markups: list[str]) -> None:
        from prep.layout.measure import graphviz_measure

        todo = [m for m in dict.fromkeys(markups) if m not in self.known]
        if todo:
            self.known.update(zip(todo, graphviz_measure(todo)))

    @staticmethod
    def markup(lines, align: str, scale: float) -> str:
        drawn = [type(t)(t.text.replace("\v", " "), round(max(1.0, t.size * scale), 1), t.role, t.bold) for t in lines]
        return N.markup(drawn, "CENTER" if align == "center" else "LEFT")

    def of(self, lines, align: str = "center", scale: float = 1.0) -> tuple[float, float]:
        markup = self.markup(lines, align, scale)
        if markup not in self.known:
            self.add([markup])
        return self.known[markup]


def fit_text(
    sp: Handle,
    lines,
    scale: float,
    sizes: Measures,
    align: str = "center",
    anchor: str = "middle",
    pad: float = 2.0,
    wrap: bool = False,
    measured_lines=None,
) -> None:
    """put_text with the text measured (by `sizes`, at the drawn sizes and again at
    any shrunk size) so it fits the shape's text rectangle with SLACK; `measured_lines`
    are the lines as the drawing measured them (a name's wrapped lines), when they
    differ from those written. A text that may wrap must fit in height at least."""

    def measure(at: float) -> tuple[float, float]:
        w, h = sizes.of(measured_lines or lines, align, at)
        return (0.0, h) if wrap else (w, h)

    put_text(sp, lines, scale, align, anchor, pad, wrap, measure(scale), measure)


def grown(x: float, y: float, w: float, h: float, measured: tuple[float, float], align: str = "left"):
    """A text box (x, y, w, h, slide points) grown to hold text `measured` with SLACK:
    wider to the right (left-aligned text) or on both sides (centred), taller about
    its middle; so the text keeps its size."""
    mw, mh = measured
    grow_w, grow_h = max(w, mw * SLACK), max(h, mh * SLACK)
    left = x if align == "left" else x + (w - grow_w) / 2
    return left, y + (h - grow_h) / 2, grow_w, grow_h
