"""Edge concentration (Newbery 1989, "Edge concentration: a method for clustering
directed graphs"): where two or more products each feed the same two or more products
of the next column (`A, B -> X, Y, Z`), their lines meet at one point in the gap and
part there, a bus instead of a lattice of crossing lines. Only unlabelled input
relations between neighbouring columns are concentrated, and only when every source
of the group feeds every target of it, so the drawing still says exactly which
products feed which."""

from __future__ import annotations


def buses(placer) -> dict[str, int]:
    """Edge id -> bus number, for the input relations drawn through a shared point."""
    edges = {e.id: e for e in placer.plan.edges}
    fed: dict[int, dict[int, str]] = {}  # source item -> target item -> edge id
    for edge_id, (chain, reverse) in placer.chains.items():
        edge = edges.get(edge_id)
        if edge is None or edge.kind != "input" or edge.lines or reverse or len(chain) != 2:
            continue
        fed.setdefault(chain[0], {})[chain[1]] = edge_id
    groups: dict[tuple, list[int]] = {}
    for source in sorted(fed):
        targets = fed[source]
        if len(targets) >= 2:
            groups.setdefault(tuple(sorted(targets)), []).append(source)
    out: dict[str, int] = {}
    for n, (targets, sources) in enumerate(
        item for item in sorted(groups.items(), key=lambda kv: kv[1][0]) if len(item[1]) >= 2
    ):
        for source in sources:
            for target in targets:
                out[fed[source][target]] = n
    return out
