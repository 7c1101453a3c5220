"""Tracks in the gaps between columns (layout/tracks.py) and room for a label beside
a head (layout/route.py): two lines never share a track (docs/notation.md)."""

from __future__ import annotations

from prep.layout.route import _offsets
from prep.layout.tracks import assign


def test_lines_dropping_past_each_other_get_tracks_the_upper_one_turning_later():
    steps = {"a": (3, 100.0, 140.0, 10.0, 300.0), "b": (3, 100.0, 140.0, 50.0, 400.0)}
    tracks, short, _ = assign(steps)
    assert short == {}
    assert tracks["a"][0] > tracks["b"][0] + 4  # a starts higher: it turns further right
    assert tracks["a"][1] == tracks["b"][1] == 2.5


def test_lines_climbing_the_lower_one_turns_later_and_short_steps_keep_their_curve():
    steps = {"a": (1, 0.0, 40.0, 300.0, 10.0), "b": (1, 0.0, 40.0, 400.0, 50.0), "c": (1, 0.0, 40.0, 60.0, 70.0)}
    tracks, _, _ = assign(steps)
    assert tracks["b"][0] > tracks["a"][0]
    assert "c" not in tracks  # a step of 10 pt keeps its S-curve over the whole gap


def test_a_lone_tall_line_keeps_its_gentle_curve():
    assert assign({"a": (2, 0.0, 40.0, 0.0, 300.0)}) == ({"a": (20.0, 20.0)}, {}, {})


def test_a_gap_too_narrow_for_its_tracks_asks_for_room():
    steps = {n: (0, 0.0, 10.0, 10.0 * n, 500.0 + 10 * n) for n in range(4)}
    _, short, _ = assign(steps)
    assert short == {0: 9.0}  # 3 gaps of 5 pt and 2 pt at each side: 19 pt


def test_a_bus_beside_tracks_changes_height_in_a_part_of_the_gap_of_its_own():
    # a line climbs from 300 to 10 in the gap where a bus meets at 150: its track keeps
    # clear of the whole part where the bus's lines curve, not only of the meeting point
    bus = [((0, 0.0, 40.0, 100.0, 20.0), 150.0, frozenset("AX")), ((0, 0.0, 40.0, 200.0, 20.0), 150.0, frozenset("BX"))]
    tracks, short, zones = assign({"a": (0, 0.0, 40.0, 300.0, 10.0)}, {0: bus})
    assert short == {}
    [(left, right)] = zones.values()
    assert right - left == 12.0
    x, bend = tracks["a"]
    assert x - bend >= right + 2 or x + bend <= left - 2
    # the bus goes to the end where fewer tracked lines cross it: right of a line
    # climbing past its target's height from above its source's (60 -> 5)
    _, _, zones = assign({"a": (0, 0.0, 40.0, 300.0, 120.0)}, {0: bus[:1]})
    assert zones == {0: (0.0, 12.0)}
    _, _, zones = assign({"a": (0, 0.0, 40.0, 60.0, 5.0)}, {0: bus[:1]})
    assert zones == {0: (28.0, 40.0)}


def test_a_gap_holding_a_bus_and_tracks_asks_for_room_for_both():
    bus = [((0, 0.0, 20.0, 100.0, 20.0), 150.0, frozenset("AX"))]
    steps = {n: (0, 0.0, 20.0, 300.0 + 10 * n, 10.0 * n) for n in range(2)}
    _, short, _ = assign(steps, {0: bus})
    assert short == {0: 3.0}  # 5 pt between the tracks, 2 pt at each side, 12 + 2 pt for the bus: 23 pt


def test_a_labelled_head_has_room_for_its_label_above_it():
    assert _offsets([0.0, 16.0, 0.0], 14.0) == [0.0, 23.0, 37.0]
    assert _offsets([0.0, 0.0, 16.0], 14.0) == [0.0, 14.0, 28.0]  # the last one's label is below
