"""Columns (ranks) from input relations (docs/notation.md "Flow").

Input cycles are condensed to one block whose members take consecutive columns in
the cycle's walk order; longest path over the condensation gives a first rank; then
sources are pulled right next to what they feed, subprocesses are kept in order where
the relations allow, products joined only by sync relations go to their partner's
column, and empty columns are dropped."""

from __future__ import annotations


def columns(keys: list[str], inputs: list[tuple[str, str]], syncs: list[tuple[str, str]],
            cycles: list[tuple[str, ...]], groups: list[list[str]]) -> dict[str, int]:
    """Column of every key (0, 1, …). `inputs`: (source, target) input relations between
    keys; `syncs`: sync pairs; `cycles`: input cycles, members in walk order;
    `groups`: subprocess member lists, in the order their bands should go."""
    import networkx as nx

    order = {k: i for i, k in enumerate(keys)}
    block = {k: k for k in keys}          # key -> its block's representative
    offset = {k: 0 for k in keys}
    members: dict[str, list[str]] = {k: [k] for k in keys}
    for cycle in cycles:
        walk = [k for k in cycle if k in order]
        if len(walk) < 2:
            continue
        head = walk[0]
        position = {k: i for i, k in enumerate(walk)}
        inside = [(s, t) for s, t in inputs if s in position and t in position
                  and position[s] < position[t]]
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

    def constraints() -> dict[tuple[str, str], int]:
        minlen: dict[tuple[str, str], int] = {}
        for s, t in inputs:
            a, b = block[s], block[t]
            if a == b:
                continue
            need = offset[s] + 1 - offset[t]
            minlen[(a, b)] = max(minlen.get((a, b), need), need)
        return minlen

    base = constraints()
    dag = _dag(members, base)
    if not nx.is_directed_acyclic_graph(dag):      # cannot happen after condensing
        raise ValueError("input relations still cyclic after condensing")
    rank = _longest(dag, order, members)
    if len(groups) > 1:
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
        rank = _longest(dag, order, members)
    _pull_sources(dag, rank, order)
    result = {k: rank[block[k]] + offset[k] for k in keys}
    # products joined by nothing but sync relations: beside their partner
    linked = {k for s, t in inputs for k in (s, t)}
    partners: dict[str, list[str]] = {}
    for s, t in syncs:
        partners.setdefault(s, []).append(t)
        partners.setdefault(t, []).append(s)
    for k in keys:
        if k not in linked:
            near = [result[p] for p in partners.get(k, ()) if p in linked]
            if near:
                result[k] = min(near)
    used = sorted(set(result.values()))
    squeeze = {r: i for i, r in enumerate(used)}
    return {k: squeeze[r] for k, r in result.items()}


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

    for node in reversed(list(nx.lexicographical_topological_sort(
            dag, key=lambda n: order.get(n, -1)))):
        if dag.in_degree(node) == 0 and dag.out_degree(node) > 0:
            rank[node] = max(rank[node], min(rank[s] - dag.edges[node, s]["w"]
                                             for s in dag.successors(node)))
