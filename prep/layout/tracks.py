"""Tracks in the gaps between columns (docs/notation.md: two lines never share a
track). A line changes height only in a gap; where several lines climb or drop past
each other in one gap, each gets its own upright track there (an x of its own), so
no two run on top of each other. The tracks are ordered so that lines that need not
cross do not: of two lines going down, the one starting higher turns further right;
of two going up, the one starting lower.

A step is one line's change of height in one gap: (gap, a, b, y0, y1) with a..b the
part of the gap where it may change height. Short steps keep their gentle S-curve
over the whole of a..b; tall ones get a track."""

from __future__ import annotations

TALL = 16.0  # a step changing height by more than this gets a track
APART = 8.0  # tracks this far apart where the gap has room …
MIN_APART = 5.0  # … and at least this far: a gap too narrow for that grows
NEAR = 4.0  # steps whose height ranges come this close need tracks of their own


def _levels(steps: list) -> list[int]:
    """Each step's track number: one more than the highest of the earlier steps (in
    the order of the module's docstring) whose height range it comes near."""
    # two steps come near when their height ranges, NEAR wider below, overlap
    ranges = [(min(s[3], s[4]), max(s[3], s[4]) + NEAR) for s in steps]
    level: list[int] = []
    for lo, hi in ranges:
        level.append(1 + max([t for (a, b), t in zip(ranges, level) if a < hi and lo < b] + [-1]))
    return level


def _clear(xs: list[float], marks: list[float], apart: float, lo: float, hi: float) -> float:
    """How far to move the tracks `xs` so none passes within `apart` / 2 of a bus's
    meeting point (`marks`), staying in lo..hi: 0 when none does or nothing fits."""
    room = max(3.0, apart / 2)
    for shift in (0.0, room, -room, 2 * room, -2 * room, 3 * room, -3 * room):
        moved = [x + shift for x in xs]
        if lo <= moved[0] and moved[-1] <= hi and all(abs(x - m) >= room - 0.01 for x in moved for m in marks):
            return shift
    return 0.0


def assign(steps: dict, joints: dict | None = None) -> tuple[dict, dict]:
    """{key: step} -> ({key: (x of its track, half the width of its bend)} for the tall
    steps of every gap, {gap: how much wider it must be to hold its tracks
    MIN_APART apart} for the gaps too narrow). `joints`: {gap: [the x where a bus's
    lines meet]}: the tracks keep clear of it (through it a line would seem to join
    the bus)."""
    by_gap: dict[int, list] = {}
    out, short = {}, {}
    for key, s in steps.items():
        if abs(s[4] - s[3]) > TALL:
            by_gap.setdefault(s[0], []).append((key, s))
    for k, tall in by_gap.items():
        down = sorted((ks for ks in tall if ks[1][4] > ks[1][3]), key=lambda ks: (-ks[1][3], -ks[1][4], ks[0]))
        up = sorted((ks for ks in tall if ks[1][4] < ks[1][3]), key=lambda ks: (ks[1][3], ks[1][4], ks[0]))
        ordered = down + up
        level = _levels([s for _, s in ordered])
        count = max(level) + 1
        marks = (joints or {}).get(k, [])
        if count == 1 and not marks:
            for key, s in ordered:
                out[key] = ((s[1] + s[2]) / 2, (s[2] - s[1]) / 2)
            continue
        lo = max(s[1] for _, s in tall)
        hi = min(s[2] for _, s in tall)
        need = (count - 1) * MIN_APART + 4
        if hi - lo < need:
            short[k] = need - (hi - lo)
        apart = max(2.5, min(APART, (hi - lo - 4) / max(1, count - 1)))
        xs = [(lo + hi) / 2 - apart * (count - 1) / 2 + t * apart for t in range(count)]
        shift = _clear(xs, marks, apart, lo + 2, hi - 2)
        bend = max(0.5, min(apart / 2 - 1.5, (hi - lo) / 2))
        for (key, _), t in zip(ordered, level):
            out[key] = (round(xs[t] + shift, 2), bend)
    return out, short
