"""The diff picture (docs/kpi.md, "prep diff"): the union of both models drawn by `prep
render` (same notation, same layout), with marks: a ＋ badge for what was added, a
～ badge with the old value for what changed, removed elements ghosted where they
were. This module only builds the union (union.py); `prep diff` hands it to
`prep.render.render(graphs, fmt, marks=marks)` (render sits beside diff, so diff
does not import it)."""

from __future__ import annotations


def union_graphs(result) -> tuple[list, list]:
    """The union ProcessGraph of each compared process, and their marks."""
    from prep.diff.union import union

    graphs, marks = [], []
    for p in result.processes:
        pg, mark = union(p, p.before, p.graph)
        graphs.append(pg)
        marks.append(mark)
    return graphs, marks
