"""A drawing still too wide with narrower lines has its texts drawn larger, by the
least zoom that makes them legible at 1920 px (docs/notation.md, "Long chains and the
projector")."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace


import prep.layout as L
from prep.layout import content as C


def _drawer(fixed: float, grows: float, calls: list):
    """A stand-in for a drawing whose width is `fixed` + `grows` × zoom."""

    def draw(zoom: float):
        calls.append(zoom)
        return SimpleNamespace(width=fixed + grows * zoom, zoom=zoom)

    return draw


def test_the_least_zoom_that_is_legible():
    calls: list = []
    draw = _drawer(1000.0, 1500.0, calls)
    got = L._zoomed(draw(1.0), draw)
    least = 1000.0 / (L.LEGIBLE_WIDTH - 1500.0)  # 1.44
    assert got.width <= L.LEGIBLE_WIDTH * got.zoom
    assert least <= got.zoom <= least * 1.05
    assert len(calls) <= 1 + L.ZOOM_TRIES


def test_a_drawing_whose_width_all_grows_with_its_texts_is_left_as_it_is():
    calls: list = []
    draw = _drawer(0.0, 2500.0, calls)
    thin = draw(1.0)
    assert L._zoomed(thin, draw) is thin
    assert len(calls) == 1 + L.ZOOM_TRIES  # a point more each time: nothing helps


def test_a_jump_in_width_does_not_end_the_tries():
    """Where lines wrap anew the width jumps, and the line through two tries can be
    as steep as the legible width itself: the next try is a point larger."""
    calls: list = []

    def draw(zoom: float):
        calls.append(zoom)
        width = 1000.0 + 1500.0 * zoom + (150.0 if zoom > 1 else 0.0)
        return SimpleNamespace(width=width, zoom=zoom)

    got = L._zoomed(draw(1.0), draw)
    assert got.width <= L.legible_width(got.zoom)


def test_texts_are_never_more_than_twice_their_size():
    calls: list = []
    draw = _drawer(3000.0, 1000.0, calls)  # legible only at zoom 2.5
    got = L._zoomed(draw(1.0), draw)
    assert max(calls) <= L.MOST_ZOOM
    assert got.zoom == max(calls)  # the largest texts at 1920 px of those tried


def test_zoomed_texts_and_only_inside():
    assert C.size_of("name") == 16
    with C.zoomed(1.5):
        assert C.size_of("name") == 24
        assert C.T("x", "params").size == 20  # 19.5: whole points, never less
    assert C.T("x", "name").size == 16


def test_a_redraw_keeps_the_last_drawings_text_size_while_it_is_legible():
    """In `prep serve` the last drawing is the hint: its texts keep their size."""
    import sys
    from pathlib import Path

    from prep.graph import build_document
    from prep.layout.hint import hint_of
    from prep.parser import parse_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from paper_models import paper_model

    graphs = build_document(parse_text(paper_model(19), "m.prep").document)[0]
    first = L.layout(graphs)
    hint = hint_of(first)
    assert hint.zoom == 21 / 16  # the least legible: names 21 pt
    assert _name_size(L.layout(graphs, like=hint)) == 21
    bigger = replace(hint, zoom=24 / 16)
    assert _name_size(L.layout(graphs, like=bigger)) == 24  # legible too: kept
    assert _name_size(L.layout(graphs, like=replace(hint, zoom=17 / 16))) == 21  # too small: the least again


def _name_size(drawing) -> float:
    return min(t.size for p in drawing.processes for n in p.nodes for t in n.lines if t.role == "name")
