"""Columns (ranks) from input relations (docs/notation.md "Flow").

Input cycles are condensed to one block whose members take consecutive columns in
the cycle's walk order; longest path over the condensation gives a first rank; then
sources are pulled right next to what they feed, subprocesses are kept in order where
the relations allow, products joined only by sync relations go to their partner's
column, and empty columns are dropped."""

from __future__ import annotations

EACH_EDGE = 400  # hinted blocks checked one by one up to this many (layout/hint.py)


def columns(
    keys: list[str],
    inputs: list[tuple[str, str]],
    syncs: list[tuple[str, str]],
    cycles: list[tuple[str, ...]],
    groups: list[list[str]],
    hint: dict | None = None,
    handoffs=frozenset(),
) -> dict[str, int]:
    """Column of every key (0, 1, …). `inputs`: (source, target) input relations between
    keys; `syncs`: sync pairs; `cycles`: input cycles, members in walk order;
    `groups`: subprocess member lists, in the order their bands should go; `hint`:
    key -> column in another drawing (layout/hint.py), whose order of columns the
    keys it holds keep where the relations allow; `handoffs`: input relations whose
    source may stand in its target's column (a vertical hand-off between lanes)."""
    import networkx as nx

    order = {k: i for i, k in enumerate(keys)}
    block, offset, members = _condense(keys, inputs, cycles, order)
    dag = _dag(members, _minimum_lengths(inputs, block, offset, handoffs))
    if not nx.is_directed_acyclic_graph(dag):  # cannot happen after condensing
        raise ValueError("input relations still cyclic after condensing")
    if len(groups) > 1:
        _subprocess_gates(dag, groups, block, offset, members, order)
    if hint:
        _hint_gates(dag, hint, members, offset, order)
    rep = _hint_merge(dag, hint, members, offset, order) if hint else {}
    if rep:
        merged = _contract(dag, rep)
        rank = _longest(merged, order, members)
        _pull_sources(merged, rank, order)
        rank.update({b: rank[r] for b, r in rep.items()})
    else:
        rank = _longest(dag, order, members)
        _pull_sources(dag, rank, order)
    result = {k: rank[block[k]] + offset[k] for k in keys}
    _beside_partners(result, keys, inputs, syncs, hint)
    used = sorted(set(result.values()))
    squeeze = {r: i for i, r in enumerate(used)}
    return {k: squeeze[r] for k, r in result.items()}


def _condense(keys, inputs, cycles, order):
    """(block, offset, members): each input cycle becomes one block, named after its
    first member, whose members take consecutive columns (offsets) in walk order."""
    import networkx as nx

    block = {k: k for k in keys}  # key -> its block's representative
    offset = {k: 0 for k in keys}
    members: dict[str, list[str]] = {k: [k] for k in keys}
    for cycle in cycles:
        walk = [k for k in cycle if k in order]
        if len(walk) < 2:
            continue
        head = walk[0]
        position = {k: i for i, k in enumerate(walk)}
        inside = [(s, t) for s, t in inputs if s in position and t in position and position[s] < position[t]]
        local = nx.DiGraph()
        local.add_nodes_from(walk)
        local.add_edges_from(inside)
        for k in nx.topological_sort(local):
            offset[k] = max([offset[s] + 1 for s in local.predecessors(k)] + [0])
        for k in walk:
            block[k] = head
            if k != head:
                members.pop(k, None)
        members[head] = walk
    return block, offset, members


def _minimum_lengths(inputs, block, offset, handoffs) -> dict[tuple[str, str], int]:
    """(block, block) -> how many columns apart at least: one per input relation, none
    for a vertical hand-off."""
    minlen: dict[tuple[str, str], int] = {}
    for s, t in inputs:
        a, b = block[s], block[t]
        if a == b:
            continue
        need = offset[s] + (0 if (s, t) in handoffs else 1) - offset[t]
        minlen[(a, b)] = max(minlen.get((a, b), need), need)
    return minlen


def _subprocess_gates(dag, groups, block, offset, members, order) -> None:
    """Each subprocess's blocks right of the one before it: a gate node between two
    consecutive groups, kept only while the relations allow (no cycle)."""
    import networkx as nx

    for i in range(len(groups) - 1):
        earlier = {block[k] for k in groups[i] if k in block}
        later = {block[k] for k in groups[i + 1] if k in block} - earlier
        if not earlier or not later:
            continue
        gate = f"\0gate{i}"
        span = max(offset[k] for b in earlier for k in members[b]) + 1
        added = [(b, gate, span) for b in sorted(earlier, key=order.get)]
        added += [(gate, b, 0) for b in sorted(later, key=order.get)]
        dag.add_node(gate)
        for s, t, w in added:
            if not dag.has_edge(s, t):
                dag.add_edge(s, t, w=w)
        if not nx.is_directed_acyclic_graph(dag):
            dag.remove_node(gate)


def _beside_partners(result: dict, keys, inputs, syncs, hint) -> None:
    """Products joined by nothing but sync relations go to a partner's column (or to
    where the hint had them)."""
    linked = {k for s, t in inputs for k in (s, t)}
    partners: dict[str, list[str]] = {}
    for s, t in syncs:
        partners.setdefault(s, []).append(t)
        partners.setdefault(t, []).append(s)
    twins: dict[int, str] = {}  # a hinted column -> a linked key in it
    for k in keys:
        if hint and k in linked and k in hint:
            twins.setdefault(hint[k], k)
    for k in keys:
        if k not in linked:
            near = [result[p] for p in partners.get(k, ()) if p in linked]
            if hint and hint.get(k) in twins:  # where the hint had it
                result[k] = result[twins[hint[k]]]
            elif near:
                result[k] = min(near)


def _dag(members, minlen):
    import networkx as nx

    dag = nx.DiGraph()
    dag.add_nodes_from(members)
    for (a, b), w in minlen.items():
        dag.add_edge(a, b, w=w)
    return dag


def _longest(dag, order, members) -> dict[str, int]:
    import networkx as nx

    rank: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(dag, key=lambda n: order.get(n, -1)):
        preds = [rank[p] + dag.edges[p, node]["w"] for p in dag.predecessors(node)]
        rank[node] = max(preds + [0])
    low = min(rank.values(), default=0)
    return {n: r - low for n, r in rank.items()}


def _pull_sources(dag, rank, order) -> None:
    """A block fed by nothing sits just left of the first block it feeds."""
    import networkx as nx

    for node in reversed(list(nx.lexicographical_topological_sort(dag, key=lambda n: order.get(n, -1)))):
        if dag.in_degree(node) == 0 and dag.out_degree(node) > 0:
            rank[node] = max(rank[node], min(rank[s] - dag.edges[node, s]["w"] for s in dag.successors(node)))


def _hint_merge(dag, hint: dict, members, offset, order) -> dict[str, str]:
    """Blocks that shared a column in the hint share one again where the relations
    allow: block -> the block whose column it takes (the first of its hinted column),
    for each block that can join it without a cycle (longest path alone would leave
    it at its earliest column while a new product pushed its neighbour right)."""
    import networkx as nx

    if len(members) > EACH_EDGE:
        return {}
    by_column: dict[int, list[str]] = {}
    for b, keys in members.items():
        hinted = [hint[k] - offset[k] for k in keys if k in hint]
        if hinted:
            by_column.setdefault(min(hinted), []).append(b)
    rep: dict[str, str] = {}
    if not nx.is_directed_acyclic_graph(dag):
        return rep
    merged = nx.DiGraph(dag)  # the blocks merged so far, each group as its first block
    for c in sorted(by_column):
        blocks = sorted(by_column[c], key=order.get)
        first = blocks[0]
        for b in blocks[1:]:
            # joined directly, or through others (a cycle once merged): keep apart
            if nx.has_path(merged, first, b) or nx.has_path(merged, b, first):
                continue
            rep[b] = first
            _merge_into(merged, b, first)
    return rep


def _merge_into(graph, block: str, first: str) -> None:
    """`block` merged into `first` in `graph`: its edges moved over (the longest of
    parallel edges kept), as _contract would give."""
    moved = [(first, t, w) for _, t, w in graph.out_edges(block, data="w")]
    moved += [(s, first, w) for s, _, w in graph.in_edges(block, data="w")]
    graph.remove_node(block)
    for a, b, w in moved:
        if not graph.has_edge(a, b) or graph.edges[a, b]["w"] < w:
            graph.add_edge(a, b, w=w)


def _contract(dag, rep: dict):
    """`dag` with each block of `rep` merged into its representative (the longest of
    parallel edges kept); None when two merged blocks are joined directly."""
    import networkx as nx

    out = nx.DiGraph()
    out.add_nodes_from(n for n in dag if n not in rep)
    for a, b, w in dag.edges(data="w"):
        a, b = rep.get(a, a), rep.get(b, b)
        if a == b:
            return None
        if not out.has_edge(a, b) or out.edges[a, b]["w"] < w:
            out.add_edge(a, b, w=w)
    return out


def _reaching(dag, blocks, gate, reaching_gate: set) -> set:
    """What reaches any of `blocks` in `dag`, them included (nx.ancestors of a node
    they all feed); the search stops at `gate`, whose own ancestors are given (the
    previous gate: nothing added since reaches it)."""
    seen = set(blocks)
    stack = list(blocks)
    while stack:
        for p in dag.predecessors(stack.pop()):
            if p in seen:
                continue
            seen.add(p)
            if p == gate:
                seen |= reaching_gate
            else:
                stack.append(p)
    return seen


def _hint_gates(dag, hint: dict, members, offset, order) -> None:
    """Blocks in a later hinted column than others go right of them: one gate node
    between each two consecutive hinted columns, kept only while the relations allow
    (no cycle)."""
    import networkx as nx

    by_column: dict[int, list[str]] = {}
    for b, keys in members.items():
        hinted = [hint[k] - offset[k] for k in keys if k in hint]
        if hinted:
            by_column.setdefault(min(hinted), []).append(b)
    steps = sorted(by_column)
    each = len(members) <= EACH_EDGE
    last: tuple = (None, set())  # the gate before and what reaches it
    for n, (c0, c1) in enumerate(zip(steps, steps[1:])):
        gate = f"\0hint{n}"
        dag.add_node(gate)
        for b in sorted(by_column[c0], key=order.get):
            span = max(offset[k] for k in members[b])
            dag.add_edge(b, gate, w=span + 1)
        # what reaches the gate (edges out of it, added below, change nothing in that)
        before = _reaching(dag, by_column[c0], *last) if each else set()
        last = (gate, before)
        for b in sorted(by_column[c1], key=order.get):
            # b must stay right of what it feeds: skip it alone (a small drawing) or
            # the whole gate (a large one) where the relations say otherwise
            if b in before:
                continue
            if not dag.has_edge(gate, b):
                dag.add_edge(gate, b, w=0)
        if not each and not nx.is_directed_acyclic_graph(dag):
            dag.remove_node(gate)
