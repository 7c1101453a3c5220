"""The choices the layered method leaves open, tried and kept by the crossings they
give (docs/notation.md "Products … stacked in an order that reduces crossings").

With lanes fixed in file order, most crossings come from choices that the
ordering sweeps cannot change:
- the lane an external's stand-in stands in, when it exchanges most with several
  lanes alike (docs/notation.md puts it at the height of the lane it exchanges most with);
- the layer where a long edge leaves its source's lane for its target's, or another
  lane its middle runs through (an edge spanning two gaps or more);
- the column of a product with slack (inside its own subprocesses' bands);
- the column of a product joined only by sync relations (its partner's, or one
  beside it).
Each is tried in turn (coordinate descent, a fixed budget, so the result is the same
on every run); a choice is kept only when it lowers the crossings. A quick redraw
(layout/hint.py `quick`) starts from the choices of the drawing it follows and tries
a small budget more. Crossings are
counted the way the drawing will show them: between layers (inversions; lines of one
bus, layout/bus.py, meet rather than cross) and where a sync line beside a column
passes the edges of the products stacked between its ends; a long edge's detour
through another lane costs a little too."""

from __future__ import annotations

from prep.layout.bus import buses
from prep.layout.hint import external_key, item_heights
from prep.layout.order import order, places, total_crossings

SEARCH_ITEMS = 400  # drawings with more items keep the first choices
BUDGET = 600  # layouts tried at most
WORK = 25000  # … and at most this many items laid out in all
QUICK = 8  # ordering sweeps while trying
SEEDS = 6  # other starts for the ordering sweeps


def search(placer) -> None:
    """Lay out `placer`'s layers with the choices that give the fewest crossings
    (or with `placer.fixed`, the choices of the same plan drawn before: no search)."""
    if placer.fixed is not None:
        for table, kept in zip(_tables(placer), placer.fixed):
            table.update(kept)
        _evaluate(placer)
        placer.plan.column.update(placer.column_choice)
        return
    first = _evaluate(placer)
    if len(placer.lane) > SEARCH_ITEMS or first == 0:
        return
    budget = BUDGET
    if placer.start is not None and placer.budget is not None:
        budget = placer.budget
        _resume(placer, placer.start)
    budget = min(budget, WORK // len(placer.lane))
    best = _evaluate(placer, QUICK)
    tried = 0
    for _ in range(2):
        improved = False
        for table, key, values in _variables(placer):
            current = table.get(key)
            for value in values:
                if value == current or tried >= budget:
                    continue
                tried += 1
                table[key] = value
                cost = _evaluate(placer, QUICK)
                if cost < best:
                    best, current, improved = cost, value, True
                if placer.deadline is not None:
                    placer.deadline.check()
            if current is None:
                table.pop(key, None)
            else:
                table[key] = current
        if not improved or tried >= budget:
            break
    if _evaluate(placer) >= first:  # the sweeps in full: keep the better
        for table in _tables(placer):
            table.clear()
        _evaluate(placer)
    placer.plan.column.update(placer.column_choice)


def choices_of(placer) -> dict:
    """The choices `placer`'s search kept, by names that survive an edit (the ids of
    the plan do not): externals by name and side, relations by their ends."""
    node_of = {n.id: n for n in placer.plan.nodes}
    edge_of = {e.id: _edge_key(node_of, e) for e in placer.plan.edges}
    return {
        "lane": {_node_key(node_of[k]): v for k, v in placer.lane_choice.items()},
        "switch": {edge_of[k]: v for k, v in placer.switch_choice.items()},
        "via": {edge_of[k]: v for k, v in placer.via_choice.items()},
        "seed": dict(placer.seed_choice),
    }


def _resume(placer, start: dict) -> None:
    """Take the choices `start` (choices_of another drawing) that still apply."""
    node_of = {n.id: n for n in placer.plan.nodes}
    lanes = range(len(placer.plan.lanes))
    for node in placer.plan.nodes:
        value = start.get("lane", {}).get(_node_key(node))
        if value in placer.homes.get(node.id, ()):
            placer.lane_choice[node.id] = value
    for edge in placer.plan.edges:
        key = _edge_key(node_of, edge)
        value = start.get("switch", {}).get(key)
        if edge.id in placer.switch_range and value is not None:
            low, high, _ = placer.switch_range[edge.id]
            if low <= value <= high:
                placer.switch_choice[edge.id] = value
        value = start.get("via", {}).get(key)
        if edge.id in placer.via_range and value in lanes:
            placer.via_choice[edge.id] = value
    if start.get("seed", {}).get("seed") in range(1, SEEDS + 1):
        placer.seed_choice["seed"] = start["seed"]["seed"]


def _node_key(node) -> str:
    return external_key(node.key, node.side) if node.kind == "external" else node.key


def _edge_key(node_of: dict, edge) -> str:
    return "\0".join((_node_key(node_of[edge.source]), _node_key(node_of[edge.target]), edge.kind))


def tables_of(placer) -> tuple:
    """Copies of the choices `placer`'s search kept, by the plan's own ids: the
    `fixed` of the same plan drawn again with its texts wrapped otherwise."""
    return tuple(dict(table) for table in _tables(placer))


def _tables(placer) -> tuple:
    return (placer.lane_choice, placer.column_choice, placer.switch_choice, placer.via_choice, placer.seed_choice)


def _variables(placer) -> list:
    """(table, key, candidate values) for every open choice, in a fixed order."""
    plan = placer.plan
    out = []
    for node in plan.nodes:
        if node.kind == "external" and len(placer.homes[node.id]) > 1:
            # at the height of the lane it exchanges most with (one of them, if tied)
            out.append((placer.lane_choice, node.id, placer.homes[node.id]))
    for key, values in _column_moves(plan):
        out.append((placer.column_choice, key, values))
    for edge_id, (first, last, default) in sorted(placer.switch_range.items()):
        values = [default] + [v for v in (first, last) if v != default]
        out.append((placer.switch_choice, edge_id, values))
    out.append((placer.seed_choice, "seed", list(range(1, SEEDS + 1))))
    for edge_id in placer.via_range:
        out.append((placer.via_choice, edge_id, [None] + list(range(len(plan.lanes)))))
    return out


def _column_moves(plan) -> list:
    """Products that may move to another column: still right of every input and
    left of every target, leaving every subprocess band as it is, not in an input
    cycle, not leaving their column empty."""
    column = plan.column
    width = max(column.values(), default=-1) + 1
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    for s, t in plan.inputs:
        after.setdefault(s, []).append(t)
        before.setdefault(t, []).append(s)
    in_cycle = {k for cycle in plan.cycles for k in cycle}
    within = _band_room(plan, width)
    count: dict[int, int] = {}
    for c in column.values():
        count[c] = count.get(c, 0) + 1
    out = []
    for node in plan.nodes:
        key = node.key
        if (
            node.kind == "external" or key in in_cycle or count[column[key]] < 2 or key in plan.hint
        ):  # a hinted product keeps its hinted order
            continue
        c = column[key]
        low = max([column[p] + ((p, key) not in plan.handoffs) for p in before.get(key, ())] + [0])
        high = min([column[t] - ((key, t) not in plan.handoffs) for t in after.get(key, ())] + [width - 1])
        free = (v for v in range(low, high + 1) if v != c and within(key, v))
        values = [c] + sorted(free, key=lambda v: (abs(v - c), -v))
        if len(values) > 1:
            out.append((key, values))
    return out


def _band_room(plan, width: int):
    """within(key, v): whether moving product `key` to column v leaves the subprocess
    bands and their tags (layout/plan.py) as they are: a member moves only inside its
    bands, and not off a band's end it holds alone; a product of no subprocess stays
    inside a band (tagged) or outside every band."""
    column = plan.column
    span: dict[str, tuple[int, int]] = {}
    own: dict[str, set[str]] = {}
    at: dict[tuple[str, int], int] = {}  # (band, column) -> members there
    for name, keys in plan.groups:
        cols = [column[k] for k in keys]
        span[name] = (min(cols), max(cols))
        for k in keys:
            own.setdefault(k, set()).add(name)
            at[(name, column[k])] = at.get((name, column[k]), 0) + 1
    inside = [any(a <= c <= b for a, b in span.values()) for c in range(width)]

    def within(key: str, v: int) -> bool:
        c = column[key]
        if key not in own:
            return inside[v] == inside[c]
        for g in own[key]:
            a, b = span[g]
            alone = at[(g, c)] == 1
            if not (a <= v <= b) or alone and c in (a, b):
                return False
        return True

    return within


def _valid(placer) -> bool:
    """The columns chosen still put every input left of its target and leave no
    column empty."""
    choice = placer.column_choice
    if not choice:
        return True
    column = {k: choice.get(k, c) for k, c in placer.plan.column.items()}
    handoffs = placer.plan.handoffs
    if any(
        column[s] > column[t] or column[s] == column[t] and (s, t) not in handoffs
        for s, t in placer.plan.inputs
        if s in column and t in column and not _same_cycle(placer.plan, s, t)
    ):
        return False
    return set(column.values()) == set(placer.plan.column.values())


def _same_cycle(plan, s: str, t: str) -> bool:
    return any(s in cycle and t in cycle for cycle in plan.cycles)


def _evaluate(placer, sweeps: int | None = None) -> float:
    if not _valid(placer):
        return float("inf")
    placer._layers()
    if placer.deadline is not None:
        placer.deadline.check()
    placer.layers = order(
        placer.layers,
        placer.lane,
        placer.up,
        placer.down,
        placer.deadline,
        placer.same,
        placer.seed_choice.get("seed", 0),
        sweeps,
        item_heights(placer) if placer.plan.hint else None,
        _ends(placer),
    )
    pos = places(placer.layers, len(placer.lane))
    place_syncs(placer, pos)
    return _crossings(placer, pos) + sum(_beside(placer, pos, a, b) for a, b in _same_pairs(placer)) + _detours(placer)


# a lane border crossed out of the way costs this many crossings: a detour into a
# neighbouring lane and back (two borders) is worth one crossing saved, one two
# lanes away is not (seed 12 of benchmarks/paper_models.py: 9 -> 8, 399 -> 384 over
# the bench models)
DETOUR = 0.45


def _detours(placer) -> float:
    """Lane borders long edges cross beyond what their ends need (a middle run in
    another lane): a detour is worth it only when it saves more crossings."""
    extra = 0
    for chain, _ in placer.chains.values():
        lanes = [placer.lane[i] for i in chain]
        hops = sum(abs(a - b) for a, b in zip(lanes, lanes[1:]))
        extra += hops - abs(lanes[0] - lanes[-1])
    return DETOUR * extra


def _crossings(placer, pos) -> int:
    """Pairs of edges that cross between layers, as the drawing counts them: edges
    that share a product never cross (they meet there), and two edges crossing twice
    are one pair."""
    if len(placer.lane) > SEARCH_ITEMS:
        return total_crossings(placer.layers, placer.down, pos)
    gaps: dict[int, list] = {}
    for edge_id, (chain, _) in placer.chains.items():
        ends = (chain[0], chain[-1])
        for u, v in zip(chain, chain[1:]):
            gaps.setdefault(placer.layer_of[u], []).append((pos[u], pos[v], ends, edge_id))
    bus = buses(placer)
    pairs = set()
    for segments in gaps.values():
        for n, (u1, v1, ends1, id1) in enumerate(segments):
            for u2, v2, ends2, id2 in segments[n + 1 :]:
                if (
                    (u1 - u2) * (v1 - v2) < 0
                    and not set(ends1) & set(ends2)
                    and (id1 not in bus or bus[id1] != bus.get(id2))
                ):
                    pairs.add((min(id1, id2), max(id1, id2)))
    return len(pairs)


def _ends(placer) -> dict[int, int]:
    """The ends of vertical hand-offs: the upper one last in its lane's stack (+1),
    the lower one first (-1), so the line between them crosses nothing."""
    out: dict[int, int] = {}
    for edge in placer.same_layer:
        if edge.kind != "input":
            continue
        a, b = placer.item_of[edge.source], placer.item_of[edge.target]
        upper, lower = (a, b) if placer.lane[a] < placer.lane[b] else (b, a)
        if placer.lane[lower] - placer.lane[upper] == 1:
            out[upper], out[lower] = 1, -1
    return out


def _same_pairs(placer) -> list[tuple[int, int]]:
    return [(placer.item_of[e.source], placer.item_of[e.target]) for e in placer.same_layer]


def _beside(placer, pos, a: int, b: int) -> int:
    """Crossings of a sync line drawn beside its column, from a to b: one per edge
    leaving an item stacked between them."""
    layer = placer.layers[placer.layer_of[a]]
    low, high = sorted((pos[a], pos[b]))
    return sum(len(placer.down[i]) for i in layer[low + 1 : high])


def place_syncs(placer, pos) -> None:
    """A product joined by nothing but sync relations in its own column moves, within
    its lane, to where its sync lines pass the fewest edges (ties: just above its first
    partner)."""
    partners: dict[int, list[int]] = {}
    for a, b in _same_pairs(placer):
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    for item in sorted(partners):
        if placer.up[item] or placer.down[item]:
            continue
        layer = placer.layers[placer.layer_of[item]]
        layer.remove(item)
        lane = placer.lane[item]
        start = sum(1 for i in layer if placer.lane[i] < lane)
        end = sum(1 for i in layer if placer.lane[i] <= lane)
        slots = range(start, end + 1)  # inside its lane's stack
        where = {i: k for k, i in enumerate(layer)}
        edges_before = [0]  # edges leaving the items above each place
        for i in layer:
            edges_before.append(edges_before[-1] + len(placer.down[i]))
        here = [where[o] for o in partners[item] if o in where]
        first = where.get(partners[item][0])

        def cost(p: int) -> tuple:
            # inserted at p: a partner at q < p has layer[q + 1:p] between them,
            # one at q >= p has layer[p:q]
            crossings = sum(
                edges_before[p] - edges_before[q + 1] if q < p else edges_before[q] - edges_before[p] for q in here
            )
            gap = abs(first - p) if first is not None else 0
            return crossings, gap, p

        best = min(slots, key=cost)
        layer.insert(best, item)
        for p, i in enumerate(layer):
            pos[i] = p
