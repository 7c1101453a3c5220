"""Tracks in the gaps between columns (docs/notation.md: two lines never share a
track). A line changes height only in a gap; where several lines climb or drop past
each other in one gap, each gets its own upright track there (an x of its own), so
no two run on top of each other. The tracks are ordered so that lines that need not
cross do not: of two lines going down, the one starting higher turns further right;
of two going up, the one starting lower.

A step is one line's change of height in one gap: (gap, a, b, y0, y1) with a..b the
part of the gap where it may change height. Short steps keep their gentle S-curve
over the whole of a..b; tall ones get a track. Where lines also meet in a bus
(layout/bus.py) in that gap, the bus changes height in a part of the gap of its own,
at one end, and the tracks share the rest."""

from __future__ import annotations

TALL = 16.0  # a step changing height by more than this gets a track
APART = 8.0  # tracks this far apart where the gap has room …
MIN_APART = 5.0  # … and at least this far: a gap too narrow for that grows
NEAR = 4.0  # steps whose height ranges come this close need tracks of their own
BUS_W = 12.0  # a bus beside tracks changes height in this much of the gap …
BUS_SEP = 2.0  # … this far from the tracks' part


def _levels(steps: list) -> list[int]:
    """Each step's track number: one more than the highest of the earlier steps (in
    the order of the module's docstring) whose height range it comes near."""
    # two steps come near when their height ranges, NEAR wider below, overlap
    ranges = [(min(s[3], s[4]), max(s[3], s[4]) + NEAR) for s in steps]
    level: list[int] = []
    for lo, hi in ranges:
        level.append(1 + max([t for (a, b), t in zip(ranges, level) if a < hi and lo < b] + [-1]))
    return level


def _side(tall: list, lines: list) -> str:
    """Which end of the gap a bus's lines change height at, beside the tracks: the
    one where fewer (bus line, tracked line) pairs cross. `tall`: (step, ends) of the
    tracked lines; `lines`: (step, y of the joint, ends) of the bus's. A track
    crosses a bus line's level run beyond the bus (at the target's height when the
    bus is left of it, the source's when right) if its climb spans that height, and
    the bus where its own level run (at its start, or its end) passes the heights
    the bus line spans. Pairs of lines into one product count after the others (they
    meet there, yet seem to cross on the way)."""

    def inside(y: float, a: float, b: float) -> bool:
        return min(a, b) < y < max(a, b)

    count = {"left": [0, 0], "right": [0, 0]}
    for s, ends in tall:
        for (_, _, _, ys, yt), yj, bus_ends in lines:
            low, high = min(ys, yj, yt), max(ys, yj, yt)
            shared = 1 if ends & bus_ends else 0
            count["left"][shared] += inside(yt, s[3], s[4]) or low < s[3] < high
            count["right"][shared] += inside(ys, s[3], s[4]) or low < s[4] < high
    return "left" if count["left"] <= count["right"] else "right"


def assign(steps: dict, buses: dict | None = None, ends: dict | None = None) -> tuple[dict, dict, dict]:
    """{key: step} -> ({key: (x of its track, half the width of its bend)} for the tall
    steps of every gap, {gap: how much wider it must be to hold its tracks
    MIN_APART apart} for the gaps too narrow, {gap: (left, right) of the part where a
    bus's lines change height}). `buses`: {gap: [(step, y of the joint, ends)]} of
    the lines meeting in a bus there; `ends`: {key: the ids of its line's ends}. A bus
    in a gap without tracks changes height over the whole gap (its meeting point in the
    middle); beside tracks it takes BUS_W at the end where it crosses fewer of them,
    and the tracks the rest (a line through its curves would seem to join it or run
    along one of them)."""
    by_gap: dict[int, list] = {}
    out, short, zones = {}, {}, {}
    buses = buses or {}
    for key, s in steps.items():
        if abs(s[4] - s[3]) > TALL:
            by_gap.setdefault(s[0], []).append((key, s))
    for k, tall in by_gap.items():
        down = sorted((ks for ks in tall if ks[1][4] > ks[1][3]), key=lambda ks: (-ks[1][3], -ks[1][4], ks[0]))
        up = sorted((ks for ks in tall if ks[1][4] < ks[1][3]), key=lambda ks: (ks[1][3], ks[1][4], ks[0]))
        ordered = down + up
        level = _levels([s for _, s in ordered])
        count = max(level) + 1
        lines = buses.get(k, [])
        if count == 1 and not lines:
            for key, s in ordered:
                out[key] = ((s[1] + s[2]) / 2, (s[2] - s[1]) / 2)
            continue
        spans = [s for _, s in tall] + [b[0] for b in lines]  # the bus's steps too
        lo, hi = max(s[1] for s in spans), min(s[2] for s in spans)
        need = (count - 1) * MIN_APART + 4 + (BUS_W + BUS_SEP if lines else 0.0)
        if hi - lo < need:
            short[k] = need - (hi - lo)
        if lines:  # the bus at one end, the tracks in the rest
            room = min(BUS_W, max(4.0, hi - lo - 4 - BUS_SEP))
            if _side([(s, (ends or {}).get(key, frozenset())) for key, s in tall], lines) == "left":
                zones[k] = (lo, lo + room)
                lo += room + BUS_SEP
            else:
                zones[k] = (hi - room, hi)
                hi -= room + BUS_SEP
        apart = max(2.5, min(APART, (hi - lo - 4) / max(1, count - 1)))
        xs = [(lo + hi) / 2 - apart * (count - 1) / 2 + t * apart for t in range(count)]
        bend = max(0.5, min(apart / 2 - 1.5, (hi - lo) / 2))
        for (key, _), t in zip(ordered, level):
            out[key] = (round(xs[t], 2), bend)
    return out, short, zones
