"""Stability and alignment of the swimlane layout (docs/notation.md, "Stable across
edits"), for benchmarks/bench_layout.py --stability and the layout tests.

An edit adds, removes or renames one product with its relations (on the parsed
model, so any model will do). Drawn before and after, a pair of untouched products
is *kept* when their left-to-right order (by column: before, same, after) is the
same in both drawings; a product is *in its lane* when its actor's lane holds it in
both. `kept(before, after)` gives the share of kept pairs and of products in their
lane; the edited drawing is laid out plainly or with the first drawing as a hint
(`prep render --like`)."""

from __future__ import annotations

import dataclasses
import random

EDITS = ("add", "remove", "rename")


def columns(layout) -> dict[str, tuple[int, str]]:
    """(column, actor) of every product of a Layout, by `process/key`."""
    out = {}
    for process in layout.processes:
        for node in process.nodes:
            out[f"{process.name}/{node.key}"] = (node.column, node.actor)
    return out


def forced(graphs) -> set[tuple[str, str]]:
    """(a, b): the input relations put `process/a` left of `process/b` (a path)."""
    import networkx as nx

    out = set()
    for pg in graphs:
        g = nx.DiGraph()
        g.add_edges_from(
            (e.source, e.target)
            for e in pg.edges
            if e.kind == "input" and e.source in pg.products and e.target in pg.products
        )
        for a in g:
            out.update((f"{pg.name}/{a}", f"{pg.name}/{b}") for b in nx.descendants(g, a))
    return out


def kept(before: dict, after: dict, untouched=None, must: set | None = None) -> tuple[float, float, int]:
    """(share of pairs in the same left-to-right order, share of products in the same
    lane, number of pairs) over the products of both drawings (or `untouched`);
    with `must` (forced(after's graphs)), only the pairs whose order the relations
    leave open or force the way `before` has it ("where the relations allow")."""
    keys = sorted(k for k in before if k in after and (untouched is None or k in untouched))
    by_process: dict[str, list[str]] = {}
    for k in keys:
        by_process.setdefault(k.split("/", 1)[0], []).append(k)
    same = total = 0
    for group in by_process.values():
        for i, a in enumerate(group):
            ca, na = before[a][0], after[a][0]
            for b in group[i + 1 :]:
                if must is not None and (
                    (a, b) in must and ca >= before[b][0] or (b, a) in must and ca <= before[b][0]
                ):
                    continue
                total += 1
                same += _sign(ca - before[b][0]) == _sign(na - after[b][0])
    lanes = sum(before[k][1] == after[k][1] for k in keys)
    return (same / total if total else 1.0, lanes / len(keys) if keys else 1.0, total)


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)


def edit(document, kind: str, seed: int):
    """`document` with one product added, removed or renamed (with its relations),
    and the key of the product edited (None when the model has no product to edit)."""
    rnd = random.Random(seed)
    processes = list(document.processes)
    if not processes:
        return document, None
    p = rnd.randrange(len(processes))
    process = processes[p]
    if kind == "add":
        process, key = _add(process, rnd)
    elif kind == "remove":
        process, key = _remove(process, rnd)
    else:
        process, key = _rename(process, rnd)
    processes[p] = process
    return dataclasses.replace(document, processes=tuple(processes)), key


def _products(process, kinds=("product", "intangible")):
    return [pr for a in process.actors for pr in a.products if pr.kind in kinds]


def _ref(ref, **changes):
    return dataclasses.replace(ref, **changes)


def _add(process, rnd):
    inputs = [
        r
        for r in process.relations
        if r.kind == "input" and r.source.name in {p.name for a in process.actors for p in a.products}
    ]
    if not inputs:
        return process, None
    rel = rnd.choice(inputs)
    actors = list(process.actors)
    a = rnd.randrange(len(actors))
    name = f"added{rnd.randrange(1000)}"
    first = actors[a].products[0]
    new = dataclasses.replace(first, kind="product", name=name, state=None, params=(), actor=actors[a].name, attrs=())
    actors[a] = dataclasses.replace(actors[a], products=actors[a].products + (new,))
    ref = _ref(rel.source, name=name, state=None, param=None)
    added = (
        dataclasses.replace(rel, source=_ref(rel.source, param=None), target=ref, attrs=()),
        dataclasses.replace(rel, source=ref, target=_ref(rel.target, param=None), attrs=()),
    )
    return dataclasses.replace(process, actors=tuple(actors), relations=process.relations + added), name


def _remove(process, rnd):
    until = {s.until.name for s in process.subprocesses}
    choices = [p for p in _products(process) if p.name not in until]
    if not choices:
        return process, None
    gone = rnd.choice(choices)
    name = gone.name
    actors = tuple(
        dataclasses.replace(a, products=tuple(p for p in a.products if p.name != name)) for a in process.actors
    )
    actors = tuple(a for a in actors if a.products)

    def keep(ref):
        return ref is None or ref.name != name

    subs = tuple(
        dataclasses.replace(s, members=tuple(m for m in s.members if keep(m))) if s.members is not None else s
        for s in process.subprocesses
    )
    return dataclasses.replace(
        process,
        actors=actors,
        subprocesses=subs,
        relations=tuple(r for r in process.relations if keep(r.source) and keep(r.target)),
        kpis=tuple(k for k in process.kpis if keep(k.for_)),
        issues=tuple(i for i in process.issues if keep(i.on)),
    ), gone.key


def _rename(process, rnd):
    choices = _products(process, ("product", "intangible", "milestone", "final"))
    if not choices:
        return process, None
    old = rnd.choice(choices)
    name, new = old.name, f"{old.name}改"

    def fix(ref):
        return _ref(ref, name=new) if ref is not None and ref.name == name else ref

    actors = tuple(
        dataclasses.replace(
            a, products=tuple(dataclasses.replace(p, name=new) if p.name == name else p for p in a.products)
        )
        for a in process.actors
    )
    return dataclasses.replace(
        process,
        actors=actors,
        subprocesses=tuple(
            dataclasses.replace(
                s, until=fix(s.until), members=tuple(fix(m) for m in s.members) if s.members is not None else None
            )
            for s in process.subprocesses
        ),
        relations=tuple(dataclasses.replace(r, source=fix(r.source), target=fix(r.target)) for r in process.relations),
        kpis=tuple(dataclasses.replace(k, for_=fix(k.for_)) for k in process.kpis),
        issues=tuple(dataclasses.replace(i, on=fix(i.on)) for i in process.issues),
    ), old.key


def asis_of(document):
    """A paper-like ToBe as its AsIs: without the CSM's and the service's lanes (and
    what hangs on their products)."""
    processes = []
    for process in document.processes:
        gone = {p.name for a in process.actors if a.attr("role") in ("csm", "service") for p in a.products}

        def keep(ref):
            return ref is None or ref.name not in gone

        processes.append(
            dataclasses.replace(
                process,
                actors=tuple(a for a in process.actors if a.attr("role") not in ("csm", "service")),
                subprocesses=tuple(
                    dataclasses.replace(
                        s, members=tuple(m for m in s.members if keep(m)) if s.members is not None else None
                    )
                    for s in process.subprocesses
                    if keep(s.until)
                ),
                relations=tuple(r for r in process.relations if keep(r.source) and keep(r.target)),
                kpis=tuple(k for k in process.kpis if keep(k.for_)),
                issues=tuple(i for i in process.issues if keep(i.on)),
            )
        )
    return dataclasses.replace(document, processes=tuple(processes))


def bench_stability(models, seeds=(1,)) -> dict:
    """Per edit kind: (pairs kept without a hint, with one, pairs, lanes kept) over
    `models` [(label, Document)], printing a row per model."""
    from prep.graph import build_document
    from prep.layout import layout
    from prep.layout.hint import hint_of

    total = {kind: [0.0, 0.0, 0, 0.0] for kind in EDITS}
    for label, document in models:
        drawing = layout(build_document(document)[0], legend=False)
        base = columns(drawing)
        row = []
        for kind in EDITS:
            for seed in seeds:
                new, key = edit(document, kind, seed)
                graphs = build_document(new)[0]
                untouched = {k for k in base if not k.endswith(f"/{key}")}
                plain = kept(base, columns(layout(graphs, legend=False)), untouched)
                hinted = kept(base, columns(layout(graphs, legend=False, like=hint_of(drawing))), untouched)
                n = plain[2]
                total[kind][0] += plain[0] * n
                total[kind][1] += hinted[0] * n
                total[kind][2] += n
                total[kind][3] = min(total[kind][3] or 1.0, plain[1], hinted[1])
                row.append(f"{kind} {plain[0]:5.0%} {hinted[0]:5.0%}")
        print(f"{label:28} " + "  ".join(row), flush=True)
    return total


def bench_alignment(pairs) -> list[tuple[str, float, float, int, float, int]]:
    """(label, shared pairs in AsIs's order without --like, with it, pairs; with it
    where the relations allow, those pairs) for [(label, AsIs Document, ToBe
    Document)]."""
    from prep.graph import build_document
    from prep.layout import layout

    out = []
    for label, asis, tobe in pairs:
        before = build_document(asis)[0]
        after = build_document(tobe)[0]
        drawn = columns(layout(before, legend=False))
        plain = kept(drawn, columns(layout(after, legend=False)))
        aligned = columns(layout(after, legend=False, like=before))
        like = kept(drawn, aligned)
        allowed = kept(drawn, aligned, must=forced(after))
        out.append((label, plain[0], like[0], plain[2], allowed[0], allowed[2]))
        print(f"{label:28} {plain[0]:8.0%} {like[0]:8.0%} {plain[2]:6} {allowed[0]:8.0%} {allowed[2]:6}", flush=True)
    return out
