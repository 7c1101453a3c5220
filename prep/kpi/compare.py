"""AsIs against ToBe KPI trees (`prep kpi ASIS --tobe TOBE`).

Trees are matched by process name; when each file holds exactly one process they
are matched whatever their names. A ToBe node is `new` when the AsIs *model* lacks
it (a product by key, an external or a KPI by name) — not merely the AsIs tree, so
a product that is passed through in AsIs and measured in ToBe is not new. An AsIs
node that the ToBe model lacks is `removed` (drawn greyed on the AsIs side)."""

from __future__ import annotations

from prep.kpi.tree import Tree


def match(asis: list, tobe: list) -> tuple[list[tuple[object | None, object]], list, list]:
    """Pairs (asis or None, tobe) for every ToBe item, plus the names of unmatched
    AsIs and ToBe processes. Items have a `.name` or `.process` attribute."""

    def name(item) -> str:
        return getattr(item, "process", None) if isinstance(item, Tree) else item.name

    if len(asis) == 1 and len(tobe) == 1:
        return [(asis[0], tobe[0])], [], []
    by_name: dict[str, object] = {}
    for item in asis:
        by_name.setdefault(name(item), item)
    pairs = [(by_name.get(name(t)), t) for t in tobe]
    tobe_names = {name(t) for t in tobe}
    missing = sorted({name(a) for a in asis} - tobe_names)
    extra = sorted(name(t) for a, t in pairs if a is None)
    return pairs, missing, extra


def compare(asis: list[Tree], tobe: list[Tree]) -> tuple[list[Tree], list[str]]:
    """Both sides in output order (each AsIs tree before its ToBe tree, AsIs trees
    without a match last), marked, and warnings (processes that do not match)."""
    pairs, missing, extra = match(asis, tobe)
    warnings = []
    if missing:
        warnings.append("processes only in the AsIs file: " + ", ".join(f"`{n}`" for n in missing))
    if extra:
        warnings.append(
            "processes only in the ToBe file (all their nodes are new): " + ", ".join(f"`{n}`" for n in extra)
        )
    out: list[Tree] = []
    matched = set()
    for before, after in pairs:
        mark(before, after)
        if before is not None:
            matched.add(id(before))
            out.append(before)
        out.append(after)
    for before in asis:
        if id(before) not in matched:
            mark(before, None)
            out.append(before)
    return out, warnings


def _has(pg, node) -> bool:
    if node.kind in ("goal", "process"):
        return True
    if node.kind == "kpi":
        return any(k.name == node.key for k in pg.process.kpis)
    if node.kind == "external":
        return node.key in pg.externals
    return node.key in pg.products


def _marked(tree: Tree | None, other: Tree | None, stage: str, word: str) -> list:
    """Give `tree` its stage and mark `word` on each of its nodes that `other` lacks;
    their ids."""
    if tree is None:
        return []
    tree.stage = stage
    ids = []
    for node in tree.nodes():
        if other is None or not _has(other.graph, node):
            node.marks.append(word)
            ids.append(node.id)
    return ids


def mark(before: Tree | None, after: Tree | None) -> None:
    """Mark `new` nodes of `after` and `removed` nodes of `before`; the ids go into
    `after.added` and `after.removed`."""
    added = _marked(after, before, "tobe", "new")
    removed = _marked(before, after, "asis", "removed")
    if after is not None:
        after.added, after.removed = added, removed
        after.pair, after.compared = before, True
    if before is not None:
        if after is None:
            before.added, before.removed = [], removed
        before.pair, before.compared = after, True


def stages_swapped(asis_graphs, tobe_graphs) -> bool:
    """Whether the files' `stage=` attributes say the AsIs file is the ToBe model and
    the other way round (both written explicitly)."""

    def stages(graphs) -> set[str]:
        return {str(pg.process.attr("stage")) for pg in graphs if pg.process.has_attr("stage")}

    first, second = stages(asis_graphs), stages(tobe_graphs)
    return first == {"tobe"} and second == {"asis"}
