"""The union of an AsIs and a ToBe process, for the diff picture (docs/kpi.md, "prep diff").

The union is a Process built from the ToBe process plus what the AsIs process had
and the ToBe one lost (products in their AsIs lanes, next to where they stood;
lanes, externals, relations and KPIs), made into a ProcessGraph with the ordinary
graph builder. `prep render` then draws it in its notation and layout; the marks
(added, removed, changed with the old value) say how each element is decorated."""

from __future__ import annotations

from dataclasses import replace

from prep.diff.changes import relation_label


def union(p, before, after):
    """(the union ProcessGraph, its marks) for one ProcessDiff `p` of graphs
    `before` (AsIs, or None) and `after` (ToBe, or None)."""
    from prep.graph.build import build_process

    base = after if after is not None else before
    old = before
    renamed = {}  # old key -> new key (state changes)
    for entry in p.changed["products"]:
        change = entry["changes"].get("state")
        if change is not None and after is not None and entry["name"] in after.products:
            product = after.products[entry["name"]]
            was = f"{product.name}<{change[0]}>" if change[0] else product.name
            renamed[was] = entry["name"]
    gone = set(p.removed["products"]) if after is not None else set()
    actors = _actors(base, old, gone) if after is not None else list(base.process.actors)
    externals = list(base.process.externals)
    if after is not None and old is not None:
        externals += [x for x in old.process.externals if x.name in p.removed["externals"]]
    relations = [_relation(e, base) for e in base.edges]
    if after is not None and old is not None:
        lost = set(p.removed["relations"])
        relations += [_relation(e, old, renamed) for e in old.edges if relation_label(e) in lost]
    kpis = list(base.process.kpis)
    if after is not None and old is not None:
        kpis += [k for k in old.process.kpis if k.name in p.removed["kpis"]]
    process = replace(
        base.process, actors=tuple(actors), externals=tuple(externals), relations=tuple(relations), kpis=tuple(kpis)
    )
    pg = build_process(process, base.file, set())
    return pg, _marks(p, pg, before, after)


def _actors(after, before, gone: set[str]) -> list:
    """ToBe's lanes in order with the removed products put back beside their AsIs
    neighbours; lanes only AsIs had, after the lane that preceded them there."""
    lanes = {a.name: list(a.products) for a in after.process.actors}
    order = [a.name for a in after.process.actors]
    source = {a.name: a for a in after.process.actors}
    if before is not None:
        previous_lane = None
        for actor in before.process.actors:
            if actor.name not in lanes:
                at = order.index(previous_lane) + 1 if previous_lane in order else len(order)
                order.insert(at, actor.name)
                lanes[actor.name] = []
                source[actor.name] = actor
            previous_lane = actor.name
            previous = None
            for product in actor.products:
                if product.key in gone and before.products.get(product.key) is product:
                    keys = [q.key for q in lanes[actor.name]]
                    at = keys.index(previous) + 1 if previous in keys else 0
                    lanes[actor.name].insert(at, product)
                previous = product.key
    return [replace(source[name], products=tuple(lanes[name])) for name in order]


def _ref(pg, key: str, param: str | None, renamed: dict | None = None):
    from prep.model import Ref

    key = (renamed or {}).get(key, key)
    product = pg.products.get(key)
    if product is None and renamed and key in renamed.values():
        name, state = key.split("<", 1) if "<" in key else (key, None)
        return Ref(name=name, state=state.rstrip(">") if state else None, param=param, span=_span(pg))
    if product is None:
        external = pg.externals.get(key)
        return Ref(name=key, param=param, span=external.span if external else _span(pg))
    return Ref(name=product.name, state=product.state, param=param, span=product.span)


def _span(pg):
    return pg.process.span


def _relation(edge, pg, renamed: dict | None = None):
    r = edge.relation
    return replace(
        r, source=_ref(pg, edge.source, r.source.param, renamed), target=_ref(pg, edge.target, r.target.param, renamed)
    )


def _old(changes: dict) -> tuple:
    """The old values of a change, ((field, value), …); attributes as `attr:NAME`.
    The drawing words them (prep.notation.was)."""
    parts = []
    for name, change in changes.items():
        if name == "attrs":
            parts.extend((f"attr:{attr}", was) for attr, (was, _now) in change.items())
        else:
            parts.append((name, change[0]))
    return tuple(parts)


def _marks(p, pg, before, after) -> dict:
    """What render.diff_look reads: category -> {element: (status, old value or None)};
    relations by edge index of the union graph."""
    marks: dict[str, dict] = {c: {} for c in ("products", "externals", "actors", "kpis", "relations")}
    whole = "removed" if after is None else "added" if before is None else None
    for cat in ("products", "externals", "actors", "kpis"):
        table = marks[cat]
        for name in p.added[cat]:
            table[name] = ("added", None)
        for name in p.removed[cat]:
            table[name] = ("removed", None)
        for entry in p.changed[cat]:
            table[entry["name"]] = ("changed", _old(entry["changes"]))
    added = set(p.added["relations"])
    removed = set(p.removed["relations"])
    changed = {e["name"]: _old(e["changes"]) for e in p.changed["relations"]}
    touches_old: dict[str, tuple] = {}
    for entry in p.changed["touches"]:
        touches_old[entry["name"]] = (("touch", entry["changes"]["touch"][0]),)
    for entry in p.added["touches"]:
        touches_old.setdefault(entry.split(" [touch")[0], (("touch", None),))
    for entry in p.removed["touches"]:
        level = entry.split(" [touch")[1].lstrip("=").rstrip("]") or True
        touches_old.setdefault(entry.split(" [touch")[0], (("touch", level),))
    for edge in pg.edges:
        label = relation_label(edge)
        if whole:
            marks["relations"][edge.index] = (whole, None)
        elif label in added:
            marks["relations"][edge.index] = ("added", None)
        elif label in removed:
            marks["relations"][edge.index] = ("removed", None)
        elif label in changed or label in touches_old:
            old = changed.get(label, ()) + touches_old.get(label, ())
            marks["relations"][edge.index] = ("changed", old)
    if whole:
        for key in pg.products:
            marks["products"][key] = (whole, None)
        for name in pg.externals:
            marks["externals"][name] = (whole, None)
        for actor in pg.process.actors:
            marks["actors"][actor.name] = (whole, None)
        for kpi in pg.process.kpis:
            marks["kpis"][kpi.name] = (whole, None)
    return marks
