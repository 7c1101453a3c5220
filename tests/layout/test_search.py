"""The layout search (prep/layout/search.py): the choices the ordering sweeps leave
open (a tied external's lane, where a long edge changes lanes, the column of a product
with slack, the sweeps' start) tried and kept by the crossings of the drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from prep.layout import layout
from conftest import graphs_from, graphs_in
from tests.layout.test_layout import EXAMPLES, bezier, by_key

ROOT = Path(__file__).resolve().parents[2]


def _cross(p, q, r, s) -> bool:
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-9 else (1 if v > 0 else -1)

    return orient(p, q, r) * orient(p, q, s) < 0 and orient(r, s, p) * orient(r, s, q) < 0


def drawn_crossings(process) -> list[tuple[str, str]]:
    """Pairs of relation lines that cross in the drawing (lines meeting at a shared
    product or external do not count), as benchmarks/bench_layout.py counts them."""
    lines = []
    for edge in process.edges:
        if edge.kind == "note":
            continue
        points = list(bezier(edge.points, 8))
        lines.append((edge.title, {edge.source, edge.target}, list(zip(points, points[1:]))))
    pairs = []
    for i, (title_a, ends_a, segs_a) in enumerate(lines):
        for title_b, ends_b, segs_b in lines[i + 1 :]:
            if ends_a & ends_b:
                continue
            if any(_cross(p, q, r, s) for p, q in segs_a for r, s in segs_b):
                pairs.append((title_a, title_b))
    return pairs


def test_a_sync_only_product_sits_between_its_two_partners():
    drawing = layout(
        graphs_from("""
        process P {
          external E
          actor A {
            product S1
            product S2
            product T1
            product T2
            intangible K
            product U1
            product U2
          }
          E -> S1, S2
          S1 -> T1 -> U1
          S2 -> T2 -> U2
          K <-> T1, T2
        }
    """)
    )
    process = drawing.processes[0]
    nodes = by_key(process)
    assert nodes["K"].box.x == nodes["T1"].box.x == nodes["T2"].box.x
    above, below = sorted((nodes["T1"].box, nodes["T2"].box), key=lambda b: b.y)
    assert above.bottom <= nodes["K"].box.y and nodes["K"].box.bottom <= below.y
    assert drawn_crossings(process) == []


def test_a_sync_line_beside_its_column_passes_clear_of_the_edges_leaving_it():
    # TriageExperience carries an issue note, so its sync line to Ticket<triaged> runs
    # beside the column; the ports and the gap keep it clear of the edges to the right
    drawing = layout(graphs_in(ROOT / "examples" / "incident" / "service_desk.prep"))
    process = drawing.processes[0]
    sync = next(e for e in process.edges if e.kind == "sync")
    assert len(sync.points) > 4  # beside the column, not straight down
    assert drawn_crossings(process) == []


def test_externals_stand_at_a_lane_they_exchange_most_with():
    for path in EXAMPLES:
        for process in layout(graphs_in(path)).processes:
            lane_of = {n.id: n.lane for n in process.nodes}
            for external in process.externals:
                tally: dict[int, int] = {}
                for e in process.edges:
                    for here, there in ((e.source, e.target), (e.target, e.source)):
                        if here == external.id and there in lane_of:
                            tally[lane_of[there]] = tally.get(lane_of[there], 0) + 1
                if not tally:
                    continue
                most = max(tally.values())
                lanes = [process.lanes[k].box for k, c in tally.items() if c == most]
                assert any(box.y <= external.box.cy <= box.bottom for box in lanes), (
                    f"{path.name}: {external.key} not beside a lane it exchanges most with"
                )


def test_a_long_edge_changes_lanes_where_it_crosses_nothing():
    # In goes from the left margin to Z in lane B; staying in lane A until after
    # the Y column would cross Y's input from B: the edge drops to B at once
    drawing = layout(
        graphs_from("""
        process P {
          external In
          actor A {
            product X
          }
          actor B {
            product W
            product Y
            product Z
          }
          In -> X -> W -> Y -> Z
          In -> Z
        }
    """)
    )
    assert drawn_crossings(drawing.processes[0]) == []


FAN = """
    process P {
      external E
      actor A {
        product S1
        product S2
        product X
        product Y
        product Z
      }
      E -> S1, S2
      RELATIONS
    }
"""


def fan_lines(relations: str):
    process = layout(graphs_from(FAN.replace("RELATIONS", relations))).processes[0]
    return process, [e for e in process.edges if e.title.startswith("S")]


def test_a_complete_fan_is_drawn_as_a_bus():
    # both sources feed all three targets: the six lines meet at one point in the gap
    # instead of crossing three times
    process, fan = fan_lines("S1, S2 -> X, Y, Z")
    assert len(fan) == 6
    meeting = set.intersection(*(set(e.points[1:-1]) for e in fan))
    assert meeting and len({y for _, y in meeting}) == 1  # all pass one point, level
    assert drawn_crossings(process) == []
    # the meeting point is drawn as a dot (a join, not a crossing), titled
    [joint] = process.joints
    assert (joint.x, joint.y) in meeting
    assert joint.title.startswith(("S1, S2 -> ", "S2, S1 -> "))
    assert sorted(joint.title.split(" -> ")[1].split(", ")) == ["X", "Y", "Z"]


def test_a_product_feeding_only_some_of_a_fan_keeps_its_own_lines():
    process, lines = fan_lines("S1 -> X, Y\n      S2 -> X")
    assert process.joints == ()
    assert len(lines) == 3
    assert not set.intersection(*(set(e.points[1:-1]) for e in lines))


# the figures of benchmarks/bench_layout.py (the cluster layout of 0.1.0 in brackets)
MOST = {
    "apparel/asis.prep": 0,  # (6)
    "apparel/tobe.prep": 4,  # (12); the bus of 日々の販売目標, 週間天気予報 meets beside the touch lines' tracks
    "incident/operations.prep": 0,  # (0)
    "incident/service_desk.prep": 0,  # (1)
    "incident/tobe/service_desk.prep": 1,  # (1)
    "manufacturing.prep": 0,  # (0)
    "restaurant.prep": 3,  # (2)
}


@pytest.mark.parametrize("name", sorted(MOST))
def test_bundled_examples_cross_no_more_than_measured(name):
    drawing = layout(graphs_in(ROOT / "examples" / name))
    found = [pair for process in drawing.processes for pair in drawn_crossings(process)]
    assert len(found) <= MOST[name], found


def test_every_example_is_pinned():
    assert {p.relative_to(ROOT / "examples").as_posix() for p in EXAMPLES if "examples" in p.parts} == set(MOST)


# `--layout dot`'s crossings on the paper-like models (benchmarks/bench_layout.py
# --quality, the "dot" column); each must be drawn within dot's + 2 (issue 24)
PAPER_DOT = {
    **{1: 26, 2: 2, 3: 45, 4: 23, 5: 16, 6: 20, 7: 20, 8: 24, 9: 44, 10: 2, 11: 45, 12: 6},
    **{13: 35, 14: 46, 15: 44, 16: 10, 17: 43, 18: 37, 19: 74, 20: 11, 21: 4, 22: 54, 23: 31, 24: 8},
}
# 12 was over (9) until a long edge's detour through a neighbouring lane and back
# became worth one crossing saved (layout/search.py DETOUR): now 8; without a detour
# none of its orders gives less than 9 (benchmarks/order_bound.py). (7 and 21 were
# over too until lines got tracks of their own, layout/tracks.py.)


@pytest.mark.parametrize("seed", sorted(PAPER_DOT))
def test_paper_like_models_cross_no_more_than_dot_plus_two(seed):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from paper_models import paper_model

    drawing = layout(graphs_from(paper_model(seed)))
    found = [pair for process in drawing.processes for pair in drawn_crossings(process)]
    assert len(found) <= PAPER_DOT[seed] + 2, found
