"""Stability and alignment of the swimlane layout (LANGUAGE.md §5 "Stable across
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


def kept(before: dict, after: dict, untouched=None) -> tuple[float, float, int]:
    """(share of pairs in the same left-to-right order, share of products in the same
    lane, number of pairs) over the products of both drawings (or `untouched`)."""
    keys = sorted(k for k in before if k in after and (untouched is None or k in untouched))
    by_process: dict[str, list[str]] = {}
    for k in keys:
        by_process.setdefault(k.split("/", 1)[0], []).append(k)
    same = total = 0
    for group in by_process.values():
        for i, a in enumerate(group):
            ca, na = before[a][0], after[a][0]
            for b in group[i + 1:]:
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
    inputs = [r for r in process.relations if r.kind == "input"
              and r.source.name in {p.name for a in process.actors for p in a.products}]
    if not inputs:
        return process, None
    rel = rnd.choice(inputs)
    actors = list(process.actors)
    a = rnd.randrange(len(actors))
    name = f"added{rnd.randrange(1000)}"
    first = actors[a].products[0]
    new = dataclasses.replace(first, kind="product", name=name, state=None, params=(),
                              actor=actors[a].name, attrs=())
    actors[a] = dataclasses.replace(actors[a], products=actors[a].products + (new,))
    ref = _ref(rel.source, name=name, state=None, param=None)
    added = (dataclasses.replace(rel, source=_ref(rel.source, param=None), target=ref, attrs=()),
             dataclasses.replace(rel, source=ref, target=_ref(rel.target, param=None), attrs=()))
    return dataclasses.replace(process, actors=tuple(actors),
                               relations=process.relations + added), name


def _remove(process, rnd):
    until = {s.until.name for s in process.subprocesses}
    choices = [p for p in _products(process) if p.name not in until]
    if not choices:
        return process, None
    gone = rnd.choice(choices)
    name = gone.name
    actors = tuple(dataclasses.replace(a, products=tuple(p for p in a.products
                                                         if p.name != name))
                   for a in process.actors)
    actors = tuple(a for a in actors if a.products)

    def keep(ref):
        return ref is None or ref.name != name

    subs = tuple(dataclasses.replace(s, members=tuple(m for m in s.members if keep(m)))
                 if s.members is not None else s for s in process.subprocesses)
    return dataclasses.replace(
        process, actors=actors, subprocesses=subs,
        relations=tuple(r for r in process.relations if keep(r.source) and keep(r.target)),
        kpis=tuple(k for k in process.kpis if keep(k.for_)),
        issues=tuple(i for i in process.issues if keep(i.on))), gone.key


def _rename(process, rnd):
    choices = _products(process, ("product", "intangible", "milestone", "final"))
    if not choices:
        return process, None
    old = rnd.choice(choices)
    name, new = old.name, f"{old.name}改"

    def fix(ref):
        return _ref(ref, name=new) if ref is not None and ref.name == name else ref

    actors = tuple(dataclasses.replace(a, products=tuple(
        dataclasses.replace(p, name=new) if p.name == name else p for p in a.products))
        for a in process.actors)
    return dataclasses.replace(
        process, actors=actors,
        subprocesses=tuple(dataclasses.replace(
            s, until=fix(s.until),
            members=tuple(fix(m) for m in s.members) if s.members is not None else None)
            for s in process.subprocesses),
        relations=tuple(dataclasses.replace(r, source=fix(r.source), target=fix(r.target))
                        for r in process.relations),
        kpis=tuple(dataclasses.replace(k, for_=fix(k.for_)) for k in process.kpis),
        issues=tuple(dataclasses.replace(i, on=fix(i.on)) for i in process.issues)), old.key
