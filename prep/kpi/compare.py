"""AsIs against ToBe KPI trees (`prep kpi ASIS --tobe TOBE`).

Trees are matched by process name; when each file holds exactly one process they
are matched whatever their names. In a ToBe tree every node whose label appears
nowhere in the matching AsIs tree is marked `new`; `removed` lists (sorted) the
labels of the AsIs tree that appear nowhere in the ToBe tree."""

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
    """The ToBe trees marked against the AsIs trees, and warnings (processes that
    do not match)."""
    pairs, missing, extra = match(asis, tobe)
    warnings = []
    if missing:
        warnings.append("processes only in the AsIs file: " + ", ".join(f"`{n}`" for n in missing))
    if extra:
        warnings.append("processes only in the ToBe file (all their nodes are new): "
                        + ", ".join(f"`{n}`" for n in extra))
    for before, after in pairs:
        mark(before, after)
    return [t for _, t in pairs], warnings


def mark(before: Tree | None, after: Tree) -> None:
    old = {n.label for n in before.root.walk()} if before is not None else set()
    new = set()
    for node in after.root.walk():
        new.add(node.label)
        if node.label not in old and "new" not in node.marks:
            node.marks.append("new")
    after.removed = sorted(old - new)
