"""Drawings too wide for the projector are drawn again with narrower lines
(docs/notation.md, "Long chains and the projector"): the same columns, lanes and
order, names in shorter lines, Japanese broken where words likely meet."""

from __future__ import annotations

from pathlib import Path

import pytest

import prep.layout as L
from prep import notation as N
from prep.graph import build_document
from prep.layout import content as C
from prep.parser import parse_file

ROOT = Path(__file__).resolve().parents[2]
WORKSHOP = ROOT / "tests" / "layout" / "models" / "apparel_tobe20.prep"


def _graphs(path: Path):
    return build_document(parse_file(path, path.name).document)[0]


def _places(drawing) -> dict[str, tuple[str, float]]:
    """product key -> (its lane, x of its box's centre), over every process."""
    return {(p.name, n.key): (n.lane, n.box.cx) for p in drawing.processes for n in p.nodes if n.kind != "external"}


def test_the_legible_width_follows_the_sizes():
    """Names 16 pt at 14 px and other text 13 pt at 11 px: 1920 × 16 / 14 pt."""
    assert min(size for role, size in N.SIZE.items() if role != "name") == 13
    assert L.LEGIBLE_WIDTH == pytest.approx(1920 * 16 / 14)


def test_a_ten_step_workshop_model_is_legible_at_1920_px():
    drawing = L.layout(_graphs(WORKSHOP))
    assert drawing.width <= L.LEGIBLE_WIDTH
    assert 16 * 1920 / drawing.width >= 14 and 13 * 1920 / drawing.width >= 11


def test_the_narrow_drawing_keeps_the_lanes_and_the_order(monkeypatch):
    graphs = _graphs(WORKSHOP)
    narrow = L.layout(graphs)
    monkeypatch.setattr(L, "NARROW_MOST", 0)
    plain = L.layout(graphs)
    assert plain.width > L.LEGIBLE_WIDTH > narrow.width
    wide, thin = _places(plain), _places(narrow)
    assert wide.keys() == thin.keys()
    assert {k: lane for k, (lane, _) in wide.items()} == {k: lane for k, (lane, _) in thin.items()}
    keys = sorted(wide)
    for a in keys:
        for b in keys:
            if wide[a][1] < wide[b][1] - 1:
                assert thin[a][1] < thin[b][1] + 1, (a, b)


def test_drawings_that_fit_keep_their_lines():
    path = ROOT / "examples" / "manufacturing.prep"
    drawing = L.layout(_graphs(path))
    assert drawing.width <= L.LEGIBLE_WIDTH
    names = [line.text for p in drawing.processes for n in p.nodes for line in n.lines if line.role == "name"]
    assert "現場ノウハウ" in names and "調達部品" in names  # one line each, as in 0.3.0


@pytest.mark.parametrize(
    ("text", "units", "camel", "lines"),
    [
        ("年間販売計画", 8, True, ["年間販売", "計画"]),
        ("集客販促計画", 8, True, ["集客販促", "計画"]),
        ("基幹システム", 8, True, ["基幹", "システム"]),
        ("ダッシュボード", 8, True, ["ダッシュ", "ボード"]),
        ("施策マニュアル", 8, True, ["施策", "マニュアル"]),
        ("キャンペーン計画", 8, True, ["キャンペーン", "計画"]),
        ("Inspection", 8, True, ["Inspection"]),
        ("PlanningAndOperations", 8, True, ["Planning", "And", "Operations"]),
        ("(week, quantity)", 8, False, ["(week,", "quantity)"]),
    ],
)
def test_narrow_lines_break_where_words_meet(text, units, camel, lines):
    assert C.balanced(text, units, camel, pairs=True) == lines


def test_no_line_starts_with_a_long_vowel_mark_or_a_small_kana():
    """Kinsoku, in plain lines too: キャンペ|ーン would put ー first."""
    for text in ("キャンペーン計画書", "ショッピングカート"):
        for units in range(6, 14):
            for line in C.wrap(text, units)[1:]:
                assert line[0] not in C.NO_START, (text, units, line)
