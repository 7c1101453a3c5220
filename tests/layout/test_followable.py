"""Followable drawings (docs/notation.md, Layout): arrowheads into one product spread
at least 8 px apart at 1920 px wide, no line through any text (product names, notes,
relation labels, lane and band headers, the banner), no two lines on one track, on
every example, the workshop models and the 24 paper-like models."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from prep.graph import build_document
from prep.layout import layout
from prep.parser import parse_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from followable import band_widths, followable, label_hits, shared_tracks  # noqa: E402

MODELS = sorted((ROOT / "examples").rglob("*.prep")) + sorted((ROOT / "tests" / "layout" / "models").glob("*.prep"))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_heads_spread_labels_clear_tracks_apart(path):
    drawing = layout(build_document(parse_file(path, path.name).document)[0])
    got = followable(drawing)
    assert (got["heads"], got["hits"]) == (0, [])


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_bands_as_narrow_as_their_members_longest_path(path):
    """Each subprocess band spans no more columns than the longest input path between
    its members needs (docs/notation.md: bands honest)."""
    graphs = build_document(parse_file(path, path.name).document)[0]
    total, least, wider = band_widths(layout(graphs), graphs)
    assert wider == 0 and total <= least


@pytest.mark.parametrize("seed", range(1, 25))
def test_paper_like_models_are_followable(seed):
    """A product fed by many lines (up to seven here) grows tall enough to spread
    their heads: none two within 8 px at 1920 px wide, however wide the drawing; lines
    climbing past each other in one gap keep tracks of their own, and a label beside a
    head has room between its neighbours' lines. And every one is legible at 1920 px
    (docs/notation.md, "Long chains and the projector")."""
    from paper_models import paper_model

    from prep.parser import parse_text

    got = followable(layout(build_document(parse_text(paper_model(seed), "m.prep").document)[0]))
    assert (got["heads"], got["hits"]) == (0, [])
    assert got["name_px"] >= 14 and got["other_px"] >= 11, (got["name_px"], got["other_px"])


def _restaurant():
    path = ROOT / "examples" / "restaurant.prep"
    return layout(build_document(parse_file(path, path.name).document)[0]).processes[0]


def _line(ident, title, points, kind="input"):
    from prep.layout.positions import Edge

    return Edge(ident, "x", "y", kind, title, tuple(points))


def test_a_line_running_along_inside_a_text_counts():
    """A line need not cross a text from side to side: one running along under it,
    starting and ending inside its box, is a hit too."""
    from dataclasses import replace

    process = _restaurant()
    lane = process.lanes[0]
    box = lane.label_box
    y = box.cy
    inside = _line("t1", "A -> B", [(box.x + 4, y), (box.x + 8, y), (box.x + 12, y), (box.x + 16, y)])
    assert label_hits(replace(process, edges=(inside,))) == [f"A -> B through lane {lane.actor}"]
    clear = _line("t2", "A -> B", [(box.x + 4, box.y - 3)] * 4)
    assert label_hits(replace(process, edges=(clear,))) == []


def test_lines_on_one_track_count_whatever_their_direction():
    from dataclasses import replace

    process = _restaurant()
    up = [(500.0, 900.0), (500.0, 700.0), (500.0, 500.0), (500.0, 300.0)]
    near = [(x + 1.5, y) for x, y in up]
    apart = [(x + 5, y) for x, y in up]
    pair = (_line("t1", "A -> B", up), _line("t2", "C -> D", near))
    assert shared_tracks(replace(process, edges=pair, joints=())) == ["A -> B and C -> D share 600 pt"]
    pair = (_line("t1", "A -> B", up), _line("t2", "C -> D", apart))
    assert shared_tracks(replace(process, edges=pair, joints=())) == []


DIFF_PAIRS = [
    ("apparel/asis.prep", "apparel/tobe.prep"),
    ("incident/service_desk.prep", "incident/tobe/service_desk.prep"),
]


@pytest.mark.parametrize("pair", DIFF_PAIRS, ids=lambda p: p[0])
def test_diff_pictures_have_no_line_through_a_text_nor_shared_tracks(pair):
    """The diff picture draws the union of both models, ghosts included: a removed
    sync beside a column keeps its `－ 削除` label in room of its own (layout/route.py
    bulge_room), which no other line crosses."""
    from prep.diff.changes import diff
    from prep.diff.draw import union_graphs

    before, after = (build_document(parse_file(ROOT / "examples" / p, p).document)[0] for p in pair)
    result = diff(before, after)
    graphs, marks = union_graphs(result)
    drawing = layout(graphs, marks=marks, like=[p.before for p in result.processes if p.before is not None])
    assert [hit for process in drawing.processes for hit in label_hits(process)] == []
    # nor do two lines share a track: in apparel's 日々の店舗運営 the CSM's touch line
    # climbs in the gap where a bus meets, clear of the part where the bus's lines curve
    assert [track for process in drawing.processes for track in shared_tracks(process)] == []
