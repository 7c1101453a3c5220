"""Order within columns (Gansner et al. 1993, with lanes): each layer is sorted by
(lane, median of its neighbours in the layer before), swept left to right and right
to left, adjacent items of one lane swapped while that lowers crossings, and the
best order kept by crossings. Lanes never move: their order is the file's."""

from __future__ import annotations

SWEEPS = 24  # sweeps on a drawing of up to SMALL items; 8 on larger ones
SMALL = 3000


def order(
    layers: list[list[int]],
    lane: list[int],
    up: list[list[int]],
    down: list[list[int]],
    deadline=None,
    same=None,
    seed: int = 0,
    sweeps: int | None = None,
    heights=None,
    ends=None,
) -> list[list[int]]:
    """`layers`: item ids per layer in a first order; `lane[i]`: the lane of item i;
    `up[i]` / `down[i]`: its neighbours in the layer before / after; `same[i]`: its
    partners in its own layer (sync relations), which an item without neighbours
    sits just above. `seed` > 0 starts from a shuffled order (the same for the same
    seed), another start for the sweeps. `heights[i]`: item i's height in another
    drawing (layout/hint.py) or None; items with one keep that order in their lane.
    `ends[i]`: -1 / +1 for an item that stays first / last in its lane's stack (a
    vertical hand-off's end). Returns the layers reordered (new lists)."""
    ends = ends or {}
    same = same or {}
    heights = heights if heights and any(h is not None for h in heights) else None
    layers = _first(layers, lane, seed, heights, ends)
    pos = [0] * len(lane)
    _index(layers, pos)
    best = [list(layer) for layer in layers]
    best_crossings = total_crossings(layers, down, pos)
    if sweeps is None:
        sweeps = SWEEPS if len(lane) <= SMALL else 8
    seen: list[tuple] = []
    for sweep in range(sweeps):
        if deadline is not None:
            deadline.check()
        if best_crossings == 0:
            break
        forward = sweep % 2 == 0
        indices = range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1)
        for k in indices:
            _by_median(layers[k], lane, up if forward else down, same, pos, heights, ends)
        if len(lane) <= SMALL:
            _transpose(layers, lane, up, down, pos, heights=heights, ends=ends)
        count = total_crossings(layers, down, pos)
        if count < best_crossings:
            best_crossings = count
            best = [list(layer) for layer in layers]
        state = tuple(map(tuple, layers))
        if len(seen) > 1 and state == seen[-2]:
            break  # back where a sweep pair left it: nothing new follows
        seen.append(state)
    layers = best
    _index(layers, pos)
    _transpose(layers, lane, up, down, pos, heights=heights, ends=ends)
    return layers


def _first(layers, lane, seed, heights, ends) -> list[list[int]]:
    """The order the sweeps start from: by lane (shuffled first for a `seed`), the
    hand-offs' ends first or last, hinted items in hinted order."""
    if seed:
        import random

        shuffle = random.Random(seed)
        layers = [shuffle.sample(layer, len(layer)) for layer in layers]
    layers = [sorted(layer, key=lambda i: (lane[i], ends.get(i, 0))) for layer in layers]
    if heights:
        for layer in layers:
            _hinted(layer, lane, heights, ends)
    return layers


def _by_median(layer, lane, near, same, pos, heights, ends) -> None:
    """Sort one layer by (lane, end, median position of its neighbours in `near`);
    an item without any sits just above its sync partners, or stays."""
    layer.sort(
        key=lambda i: (
            lane[i],
            ends.get(i, 0),
            _median([pos[j] for j in near[i]], min(pos[j] for j in same[i]) - 0.5 if i in same else pos[i]),
        )
    )
    if heights:
        _hinted(layer, lane, heights, ends)
    for p, i in enumerate(layer):
        pos[i] = p


def _hinted(layer: list[int], lane: list[int], heights, ends) -> None:
    """The hinted items of each lane, in the places they hold, put in hinted order
    (the ends of vertical hand-offs stay where they are)."""
    held: dict[int, list[int]] = {}
    for p, i in enumerate(layer):
        if heights[i] is not None and i not in ends:
            held.setdefault(lane[i], []).append(p)
    for spots in held.values():
        items = sorted((layer[p] for p in spots), key=lambda i: heights[i])
        for p, i in zip(spots, items):
            layer[p] = i


def places(layers: list[list[int]], count: int) -> list[int]:
    """Item -> its place in its layer, for items 0 … count - 1."""
    pos = [0] * count
    _index(layers, pos)
    return pos


def _index(layers, pos) -> None:
    for layer in layers:
        for p, i in enumerate(layer):
            pos[i] = p


def _median(values: list[int], fallback: float) -> float:
    if not values:
        return fallback
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def crossings_between(upper: list[int], down: list[list[int]], pos: list[int]) -> int:
    """Crossings of the edges between one layer and the next (an inversion count of
    the lower ends, with a Fenwick tree)."""
    ends = []
    for i in upper:
        lower = sorted(pos[j] for j in down[i])
        ends.extend(lower)
    if len(ends) < 2:
        return 0
    size = max(ends) + 2
    tree = [0] * (size + 1)
    count = 0
    seen = 0
    for value in ends:
        # number of earlier ends strictly greater than value
        v, smaller_or_equal = value + 1, 0
        while v > 0:
            smaller_or_equal += tree[v]
            v -= v & -v
        count += seen - smaller_or_equal
        v = value + 1
        while v <= size:
            tree[v] += 1
            v += v & -v
        seen += 1
    return count


def total_crossings(layers, down, pos) -> int:
    return sum(crossings_between(layer, down, pos) for layer in layers[:-1])


def _pair(u: int, v: int, near: list[list[int]], pos: list[int]) -> tuple[int, int]:
    """Crossings between the edges of u and of v toward one neighbour layer: with u
    before v, and with v before u."""
    a = near[u]
    b = near[v]
    if not a or not b:
        return 0, 0
    before = after = 0
    for x in a:
        px = pos[x]
        for y in b:
            py = pos[y]
            if px > py:
                before += 1
            elif px < py:
                after += 1
    return before, after


def _transpose(layers, lane, up, down, pos, passes: int = 6, heights=None, ends=None) -> None:
    ends = ends or {}
    for _ in range(passes):
        improved = False
        for layer in layers:
            for p in range(len(layer) - 1):
                u, v = layer[p], layer[p + 1]
                if (
                    lane[u] != lane[v]
                    or u in ends
                    or v in ends
                    or heights
                    and heights[u] is not None
                    and heights[v] is not None
                ):
                    continue
                if len(up[u]) * len(up[v]) + len(down[u]) * len(down[v]) > 400:
                    continue
                (now_up, swapped_up), (now_down, swapped_down) = _pair(u, v, up, pos), _pair(u, v, down, pos)
                if swapped_up + swapped_down < now_up + now_down:
                    layer[p], layer[p + 1] = v, u
                    pos[u], pos[v] = p + 1, p
                    improved = True
        if not improved:
            break
