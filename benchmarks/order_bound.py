"""The least crossings a small model can be drawn with, lanes in file order: for
every combination of the choices the layout search (prep/layout/search.py) makes —
where each long relation changes lanes, the column of each product with slack (or
only those named), optionally one long relation's middle in another lane — the
best order of places in every column, found exactly (dynamic programming over the
columns, every order of each lane's stack in a column). Sync lines beside a column
count the lines leaving what they pass, as the search counts them; a detour's cost
is not added. Slow: for models of up to about 40 products.

    python benchmarks/order_bound.py 12                   # paper-like model 12
    python benchmarks/order_bound.py 12 --columns 価格表,販促計画,週次計画,商品リスト --via
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _orders(placer, layer: list[int], ends: dict) -> list[list[int]]:
    """Every order of `layer` that keeps lanes in file order and hand-offs' ends at
    their end of their lane's stack."""
    stacks: dict[int, list[int]] = {}
    for i in layer:
        stacks.setdefault(placer.lane[i], []).append(i)
    per_lane = []
    for lane in sorted(stacks):
        items = stacks[lane]
        per_lane.append(
            [
                list(p)
                for p in itertools.permutations(items)
                if all(ends.get(i, 0) != -1 or k == 0 for k, i in enumerate(p))
                and all(ends.get(i, 0) != 1 or k == len(p) - 1 for k, i in enumerate(p))
            ]
        )
    return [sum(parts, []) for parts in itertools.product(*per_lane)]


def least(placer) -> int:
    """The least crossings over every order of `placer`'s layers (its choices as set)."""
    from prep.layout.search import _ends, _same_pairs

    ends = _ends(placer)
    gaps: dict[int, list] = {}
    for chain, _ in placer.chains.values():
        both = frozenset((chain[0], chain[-1]))
        for u, v in zip(chain, chain[1:]):
            gaps.setdefault(placer.layer_of[u], []).append((u, v, both))
    beside: dict[int, list] = {}
    for a, b in _same_pairs(placer):
        beside.setdefault(placer.layer_of[a], []).append((a, b))

    def own(k: int, order: list[int]) -> int:
        cost = 0
        for a, b in beside.get(k, ()):
            low, high = sorted((order.index(a), order.index(b)))
            cost += sum(len(placer.down[i]) for i in order[low + 1 : high])
        return cost

    def between(k: int, upper: list[int], lower: list[int]) -> int:
        pu = {i: n for n, i in enumerate(upper)}
        pl = {i: n for n, i in enumerate(lower)}
        lines = [(pu[u], pl[v], both) for u, v, both in gaps.get(k, ())]
        return sum(
            1
            for n, (u1, v1, e1) in enumerate(lines)
            for u2, v2, e2 in lines[n + 1 :]
            if (u1 - u2) * (v1 - v2) < 0 and not e1 & e2
        )

    best = {tuple(o): own(0, o) for o in _orders(placer, placer.layers[0], ends)}
    for k in range(1, len(placer.layers)):
        best = {
            tuple(o): own(k, o) + min(c + between(k - 1, list(p), o) for p, c in best.items())
            for o in _orders(placer, placer.layers[k], ends)
        }
    return min(best.values())


def bound(placer, columns: set | None, via: bool) -> tuple[float, list]:
    from prep.layout.search import _column_moves, _tables, _valid

    placer._layers()
    choices = [
        [(placer.switch_choice, e, v) for v in range(lo, hi + 1)]
        for e, (lo, hi, _) in sorted(placer.switch_range.items())
    ]
    choices += [
        [(placer.column_choice, k, v) for v in values]
        for k, values in _column_moves(placer.plan)
        if columns is None or k in columns
    ]
    middles = [(None, None)] + (
        [(e, lane) for e in placer.via_range for lane in range(len(placer.plan.lanes))] if via else []
    )
    found: tuple[float, list] = (float("inf"), [])
    for combo in itertools.product(*choices):
        for edge, lane in middles:
            for table in _tables(placer):
                table.clear()
            for table, key, value in combo:
                table[key] = value
            if edge is not None:
                placer.via_choice[edge] = lane
            if not _valid(placer):
                continue
            placer._layers()
            cost = least(placer)
            if cost < found[0]:
                found = (cost, [(key, value) for _, key, value in combo] + ([(edge, lane)] if edge else []))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=int, help="the paper-like model (benchmarks/paper_models.py)")
    parser.add_argument("--columns", help="only these products' columns (comma-separated)")
    parser.add_argument("--via", action="store_true", help="also one long relation's middle in another lane")
    args = parser.parse_args()
    import prep.layout.search as search
    from paper_models import paper_model
    from prep.graph import build_document
    from prep.layout import layout
    from prep.parser import parse_text

    columns = set(args.columns.split(",")) if args.columns else None
    results = []
    plain = search.search

    def instead(placer) -> None:
        if results:  # a second drawing of the same plan (narrow lines): as it was
            return plain(placer)
        results.append(bound(placer, columns, args.via))
        plain(placer)

    search.search = instead
    layout(build_document(parse_text(paper_model(args.seed), "m.prep").document)[0])
    cost, choices = results[0]
    print(f"paper-like {args.seed}: at least {cost:g} crossings with lanes in file order ({choices})")


if __name__ == "__main__":
    main()
