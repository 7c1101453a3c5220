"""Vertical hand-offs (docs/notation.md, Flow): an input in the next lane that feeds
only its target stands straight above or below it, in its column, where that saves
a column; the line runs straight between the two boxes."""

from __future__ import annotations

import textwrap

from prep.graph import build_document
from prep.layout import layout
from prep.parser import parse_text


def _process(text: str):
    parsed = parse_text(textwrap.dedent(text), "m.prep")
    assert parsed.ok, parsed.diagnostics
    return layout(build_document(parsed.document)[0]).processes[0]


MODEL = """
    process P {
      external 客
      actor 上 {
        product A
        product D
      }
      actor 中 {
        product B
        final C
      }
      actor 下 {
        product E
      }
      客 -> A -> B -> C -> 客
      D -> B
      D -> E -> C
    }
    """


def test_a_hand_off_stands_above_its_target_with_a_straight_line():
    process = _process(MODEL)
    nodes = {n.key: n for n in process.nodes}
    a, b = nodes["A"], nodes["B"]
    assert a.column == b.column and a.box.cx == b.box.cx and a.box.bottom < b.box.y
    line = next(e for e in process.edges if e.source == a.id and e.target == b.id)
    xs = {x for x, _ in line.points}
    assert xs == {a.box.cx}
    assert line.points[0][1] == a.box.bottom and line.points[-1][1] == b.box.y


def test_no_hand_off_for_a_product_feeding_two_or_a_lane_away():
    process = _process(MODEL)
    nodes = {n.key: n for n in process.nodes}
    assert nodes["D"].column < nodes["B"].column  # D feeds B and E
    assert nodes["B"].column < nodes["C"].column  # B already ends a hand-off
    process = _process("""
        process P {
          external 客
          actor 上 {
            product A
          }
          actor 中 {
            product M
          }
          actor 下 {
            final C
          }
          客 -> A -> C -> 客
          客 -> M
          M <-> C
        }
        """)
    nodes = {n.key: n for n in process.nodes}
    assert nodes["A"].column < nodes["C"].column  # two lanes apart


def test_no_hand_off_between_sync_partners():
    """A sync line between the two would be drawn over the hand-off's line."""
    process = _process("""
        process P {
          external 客
          actor 上 {
            product A
          }
          actor 下 {
            final B
          }
          客 -> A -> B -> 客
          B <-> A
        }
        """)
    nodes = {n.key: n for n in process.nodes}
    assert nodes["A"].column < nodes["B"].column
    lines = [e for e in process.edges if {e.source, e.target} == {nodes["A"].id, nodes["B"].id}]
    assert len(lines) == 2 and lines[0].points != tuple(reversed(lines[1].points))
