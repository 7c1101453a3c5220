"""The swimlane layout (docs/notation.md) on small graphs and on every bundled example:
products inside their lane's band, nothing overlapping, no edge through a product,
columns following input relations, lanes in file order, externals in the margins,
subprocess bands, merged parameter relations, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from prep.layout import layout
from prep.layout.rank import columns
from conftest import graphs_from, graphs_in

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.prep")) + sorted((ROOT / "tests" / "render" / "models").glob("*.prep"))


def by_key(process):
    return {n.key: n for n in process.nodes}


def bezier(points, steps: int = 24):
    """Points along a cubic Bézier path (1 + 3k control points)."""
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for s in range(steps + 1):
            t = s / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            yield (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])


def inside(box, point, margin: float = 1.5) -> bool:
    x, y = point
    return box.x + margin < x < box.right - margin and box.y + margin < y < box.bottom - margin


def assert_sound(drawing) -> None:
    """The invariants every drawing keeps."""
    for process in drawing.processes:
        lanes = process.lanes
        for node in process.nodes:
            lane = lanes[node.lane]
            assert lane.box.contains(node.box), f"{node.key} outside lane {lane.actor}"
            assert not node.box.overlaps(lane.header), f"{node.key} under a lane header"
        for note in process.notes:
            target = next(n for n in process.nodes if n.id == note.target)
            assert lanes[target.lane].box.contains(note.box), f"note {note.title} outside"
        lane_area = [lane.box for lane in lanes]
        for node in process.externals:
            assert not any(node.box.overlaps(b) for b in lane_area), f"{node.key} in a lane"
        boxes = [(n.id, n.box) for n in process.nodes + process.externals] + [(n.id, n.box) for n in process.notes]
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1 :]:
                assert not box_a.overlaps(box_b), f"{a} overlaps {b}"
        solid = (
            [(n.id, n.box) for n in process.nodes + process.externals]
            + [(n.id, n.box) for n in process.notes]
            + [(f"header text {lane.actor}", lane.label_box) for lane in lanes]
        )
        left = {n.id for n in process.externals if n.side == "left"}
        for edge in process.edges:
            if edge.kind == "note":
                continue
            for point in bezier(edge.points):
                for ident, box in solid:
                    if ident in (edge.source, edge.target):
                        continue
                    assert not inside(box, point), f"{edge.title} passes through {ident}"
                # only an edge from the left margin crosses the header column
                if any(inside(lane.header, point) for lane in lanes):
                    assert {edge.source, edge.target} & left, f"{edge.title} in a header"
        for lane in lanes:
            assert lane.header.x == lane.box.x and lane.header.y == lane.box.y
            assert lane.header.h == lane.box.h and lane.header.w == lanes[0].header.w
            assert lane.header.contains(lane.label_box), f"{lane.actor}: text outside"
        for a, b in zip(lanes, lanes[1:]):
            assert a.box.bottom <= b.box.y + 0.01, "lanes out of file order"
            assert a.box.x == b.box.x and a.box.w == b.box.w, "lanes not one width"


def test_columns_follow_input_relations_and_lanes_keep_file_order():
    drawing = layout(
        graphs_from("""
        process P {
          external 客
          actor 後 {
            product B
          }
          actor 前 {
            product A
            final C
          }
          客 -> A -> B -> C -> 客
        }
        """)
    )
    process = drawing.processes[0]
    nodes = by_key(process)
    # A feeds only B, in the lane next to it: a vertical hand-off saves a column
    assert nodes["A"].column == nodes["B"].column < nodes["C"].column
    assert nodes["B"].box.bottom < nodes["A"].box.y
    assert nodes["A"].box.cx == nodes["B"].box.cx
    assert nodes["B"].box.right < nodes["C"].box.x
    assert [lane.actor for lane in process.lanes] == ["後", "前"]
    assert process.lanes[0].box.y < process.lanes[1].box.y
    assert process.banner.box.bottom <= process.lanes[0].box.y
    # one external sending and receiving: a stand-in at each side, outside the lanes
    sides = {(n.key, n.side) for n in process.externals}
    assert sides == {("客", "left"), ("客", "right")}
    left = next(n for n in process.externals if n.side == "left")
    right = next(n for n in process.externals if n.side == "right")
    assert left.box.right < process.lanes[0].box.x
    assert right.box.x > process.lanes[0].box.right
    # at the height of the lane they exchange with (前)
    assert process.lanes[1].box.y <= left.box.cy <= process.lanes[1].box.bottom
    assert_sound(drawing)


def test_input_cycle_shares_consecutive_columns():
    keys = ["S", "A", "B", "C", "T"]
    inputs = [("S", "A"), ("A", "B"), ("B", "C"), ("C", "A"), ("C", "T")]
    col = columns(keys, inputs, [], [("A", "B", "C")], [])
    assert col["S"] < col["A"] < col["B"] < col["C"] < col["T"]
    assert col["C"] - col["A"] == 2


def test_sync_only_product_goes_to_its_partners_column():
    col = columns(["A", "B", "K"], [("A", "B")], [("K", "B")], [], [])
    assert col == {"A": 0, "B": 1, "K": 1}


def test_sources_sit_next_to_what_they_feed():
    col = columns(["A", "B", "C", "X"], [("A", "B"), ("B", "C"), ("X", "C")], [], [], [])
    assert col["X"] == col["C"] - 1


def test_subprocess_bands_are_columns_in_flow_order():
    drawing = layout(graphs_in(ROOT / "tests/render/models/subprocesses.prep"))
    process = drawing.processes[0]
    nodes = by_key(process)
    names = [band.name for band in sorted(process.bands, key=lambda b: b.box.x)]
    assert names == ["計画", "調達", "製造工程", "出荷準備"]
    for band in process.bands:
        members = [n for n in process.nodes if n.subprocess == band.name]
        assert members
        for node in members:
            assert band.box.x <= node.box.x and node.box.right <= band.box.right
        assert band.label_box.bottom <= process.lanes[0].box.y
        assert band.box.bottom >= process.lanes[-1].box.bottom - 0.01
    assert nodes["生産計画"].column < nodes["作業指示"].column
    assert_sound(drawing)


def test_parameter_relation_is_one_labelled_arrow_merged_with_plain_one():
    drawing = layout(
        graphs_from("""
        process P {
          actor X {
            product A(x)
            final B(y)
          }
          A -> B
          A.x -> B.y
        }
        """),
        lang="en",
    )
    edges = [e for e in drawing.processes[0].edges if e.kind == "input"]
    assert len(edges) == 1
    assert [t.text for t in edges[0].label] == ["x → y"]
    assert edges[0].label_box is not None and edges[0].params == ("x", "y")


def test_touch_level_is_labelled_in_the_drawings_language():
    text = """
        process 店 [stage=tobe] {
          external 顧客
          actor 店長 {
            final 計画
          }
          actor CSM [role=csm] {
            intangible 示唆
          }
          示唆 -> 計画 [touch=high]
          計画 -> 顧客
        }
        """
    drawing = layout(graphs_from(text))
    edge = next(e for e in drawing.processes[0].edges if e.touch is not None)
    assert edge.touch == "high" and [t.text for t in edge.label] == ["ハイタッチ"]
    drawing = layout(graphs_from(text), lang="en")
    edge = next(e for e in drawing.processes[0].edges if e.touch is not None)
    assert [t.text for t in edge.label] == ["high touch"]


def test_kgi_in_the_banner_and_notes_beside_their_product():
    drawing = layout(
        graphs_from("""
        process P {
          goal "売上"
          actor X {
            final A
          }
          kpi 売上高 [kgi]
          kpi リードタイム for A
          issue "遅い" on A
        }
        """)
    )
    process = drawing.processes[0]
    banner = [t.text for t in process.banner.lines]
    assert "目標: 売上" in banner and "KGI: 売上高" in banner
    a = by_key(process)["A"]
    kinds = [n.kind for n in process.notes]
    assert kinds == ["kpi", "issue"]
    for note in process.notes:
        assert note.target == a.id and note.box.y >= a.box.bottom
        assert note.box.x <= a.box.cx <= note.box.right
    assert_sound(drawing)


def test_several_processes_stack_in_file_order_and_are_linked():
    drawing = layout(graphs_in(ROOT / "tests/render/models/two_processes.prep"))
    names = [p.name for p in drawing.processes]
    assert names == ["受注", "出荷"]
    first, second = drawing.processes
    assert first.frame.bottom < second.frame.y
    assert first.prefix == "受注/" and first.frame.w == second.frame.w
    assert [(link.source, link.target) for link in drawing.links] == [("受注", "出荷")]


def test_long_edges_never_cross_products_in_a_grid():
    """Edges skipping columns in several lanes: routed through virtual nodes."""
    rows = []
    for lane in range(3):
        rows.append(f"  actor L{lane} {{\n" + "".join(f"    product P{lane}_{c}\n" for c in range(4)) + "  }")
    relations = [f"  P{lane}_{c} -> P{lane}_{c + 1}" for lane in range(3) for c in range(3)]
    relations += ["  P0_0 -> P2_3", "  P2_0 -> P0_3", "  P1_0 -> P0_2", "  P0_1 -> P2_2"]
    text = "process G {\n" + "\n".join(rows) + "\n" + "\n".join(relations) + "\n}\n"
    drawing = layout(graphs_from(text), legend=False)
    assert_sound(drawing)
    assert drawing.legend is None


def test_layout_is_deterministic():
    graphs = graphs_in(ROOT / "examples/apparel/tobe.prep")
    assert layout(graphs) == layout(graphs)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_bundled_model_is_laid_out_soundly(path):
    drawing = layout(graphs_in(path))
    assert_sound(drawing)
    rows = {item.sample.y for item in drawing.legend.items}
    assert len(rows) == 1, "the legend is one row"
    assert drawing.legend.box.h <= drawing.height / 10


def test_overlapping_subprocess_bands_tag_their_members():
    drawing = layout(
        graphs_from("""
        process P {
          actor X {
            product A
            milestone B
            product C
            final D
          }
          subprocess S1 until B { A, B }
          subprocess S2 until D { C, D }
          A -> C -> B -> D
        }
        """),
        lang="en",
    )
    process = drawing.processes[0]
    first, second = sorted(process.bands, key=lambda b: b.box.x)
    assert (first.name, second.name) == ("S1", "S2")
    assert first.box.right > second.box.x  # forced to overlap
    assert first.label_box.y != second.label_box.y  # labels on two rows
    tags = {n.key: [t.text for t in n.lines if t.role == "tag"] for n in process.nodes}
    assert tags == {"A": ["[S1]"], "B": ["[S1]"], "C": ["[S2]"], "D": ["[S2]"]}
    assert_sound(drawing)


def test_bands_that_do_not_overlap_carry_no_tags():
    drawing = layout(graphs_in(ROOT / "tests/render/models/subprocesses.prep"))
    assert not [t for n in drawing.processes[0].nodes for t in n.lines if t.role == "tag"]


def test_labels_are_measured_in_one_batch(monkeypatch):
    import prep.layout as L
    from prep.layout.measure import graphviz_measure

    calls = []

    def counting(markups, deadline=None):
        calls.append(len(markups))
        return graphviz_measure(markups, deadline)

    monkeypatch.setattr(L, "graphviz_measure", counting)
    layout(graphs_in(ROOT / "examples/apparel/tobe.prep"))
    assert len(calls) == 1 and calls[0] > 40


def test_a_deadline_that_passed_stops_the_layout():
    from prep.layout.measure import Deadline, LayoutError

    with pytest.raises(LayoutError, match="longer than 0.5 s"):
        layout(graphs_in(ROOT / "examples/restaurant.prep"), deadline=Deadline(-1, stated=0.5))


def test_labels_are_measured_once_per_process(monkeypatch):
    """A long-running caller (prep serve) measures on a save only labels it has not seen;
    the sizes are the same as a fresh measurement."""
    from prep import graphviz_run
    from prep.layout import measure as M

    monkeypatch.setattr(M, "_MEASURED", {})
    labels = ['<<FONT POINT-SIZE="14">見積</FONT>>', '<<FONT POINT-SIZE="14">受注</FONT>>']
    first = M.graphviz_measure(labels)
    runs = []
    real_run = graphviz_run.run  # every Graphviz run goes through prep.graphviz_run
    monkeypatch.setattr(graphviz_run, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    assert M.graphviz_measure(list(reversed(labels))) == list(reversed(first))
    assert runs == []
    more = M.graphviz_measure([labels[0], '<<FONT POINT-SIZE="14">出荷指示</FONT>>'])
    assert len(runs) == 1 and more[0] == first[0] and more[1][0] > first[0][0]


def test_lane_headers_are_full_height_cells_of_one_width_with_wrapped_names():
    drawing = layout(
        graphs_from("""
        process P {
          external 客
          actor ServiceDeskAgent {
            product A
          }
          actor 店舗分析サービス担当者の皆さん [role=service] {
            product B
            product C
          }
          客 -> A -> B -> C
        }
        """)
    )
    process = drawing.processes[0]
    first, second = process.lanes
    assert [t.text for t in first.label] == ["ServiceDesk", "Agent"]
    assert [t.text for t in second.label] == ["店舗分析サービス", "担当者の皆さん", "«サービス»"]
    assert [t.role for t in second.label] == ["header", "header", "role"]
    for lane in process.lanes:
        assert (lane.header.x, lane.header.y, lane.header.h) == (lane.box.x, lane.box.y, lane.box.h)
        assert lane.header.w == second.header.w
    # products start right of the header column; bands too
    assert all(n.box.x >= first.header.right for n in process.nodes)
    assert_sound(drawing)


def test_milestone_hexagon_fits_each_line_and_is_no_wider():
    """Graphviz's hexagon is half as wide at its top as in its middle: each line of a
    milestone's label keeps its corners inside, and the hexagon is only as wide as
    its widest-reaching line needs (not as the label's bounding box would)."""
    from prep import notation as N
    from prep.layout.content import hexagon_width
    from prep.layout.measure import graphviz_measure

    drawing = layout(
        graphs_from("""
        process P {
          actor A {
            milestone Ticket<triaged>(id, priority, category, similar_incidents)
            final Done
          }
          Ticket -> Done
        }
        """)
    )
    node = next(n for n in drawing.processes[0].nodes if n.kind == "milestone")
    assert len(node.lines) == 4  # name, state, two lines of parameters
    rows = graphviz_measure([N.markup((line,)) for line in node.lines])
    w, h = graphviz_measure([N.markup(node.lines)])[0]
    box = node.box
    top = box.cy - h / 2
    scale = h / sum(rh for _, rh in rows)
    for rw, rh in rows:
        bottom = top + rh * scale
        reach = max(abs(top - box.cy), abs(bottom - box.cy))
        half = box.w / 2 * (1 - reach / box.h)  # the hexagon's half-width there
        assert rw / 2 <= half, "a line's corner outside the hexagon"
        top = bottom
    # the widest line is not the outer one: narrower than the bounding box needs
    assert box.w < 0.9 * (hexagon_width(w, h, box.h) + 8)
    assert box.w <= hexagon_width(w, h, box.h, rows) + 8 + 0.01


def test_header_text_moves_clear_of_an_edge_from_the_left_margin():
    drawing = layout(
        graphs_from("""
        process P {
          external 客
          actor 受付 {
            product A
          }
          actor 後方 {
            product B
          }
          客 -> A -> B
        }
        """)
    )
    process = drawing.processes[0]
    first = process.lanes[0]
    edge = next(e for e in process.edges if e.title == "客 -> A")
    # the edge crosses the header cell level at A's height; the name is above it
    crossing = [y for x, y in bezier(edge.points) if first.header.x < x < first.header.right]
    assert crossing and max(crossing) - min(crossing) < 0.5
    assert first.label_box.bottom < min(crossing) or first.label_box.y > max(crossing)
    assert first.header.contains(first.label_box)
    # a lane no edge crosses keeps its name in the middle
    second = process.lanes[1]
    assert abs(second.label_box.cy - second.header.cy) < 0.01
    assert_sound(drawing)


def test_notes_wrap_in_as_few_lines_as_narrow_as_that_allows():
    from prep.layout.content import balanced, unwrap, wrap

    text = "課題: 需要予測が月に一度しか更新されない"
    assert wrap(text, 28) == ["課題: 需要予測が月に一度しか", "更新されない"]
    assert balanced(text, 28) == ["課題: 需要予測が月に", "一度しか更新されない"]
    # no word is cut that wrapping at the limit would keep whole
    assert balanced("KPI: ReassignmentRate [service]", 28) == ["KPI: ReassignmentRate", "[service]"]
    assert unwrap(balanced(text, 28)) == text
    assert unwrap(["KPI: Reassignment", "[service]"]) == "KPI: Reassignment [service]"
