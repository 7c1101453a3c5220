"""The KPI pictures of a handout (prep.report.handout): a process's KPI tree(s),
or the AsIs/ToBe comparison, as `prep kpi` draws them. When all of them together
would print product names under NAME_PT on any page, they are drawn per process
(each AsIs tree beside its ToBe tree), and a pair that is still too large one tree
at a time; each on the page that fits it (prep.report.handout_fit)."""

from __future__ import annotations

import re

from prep import notation as N
from prep.report.handout_fit import fit
from prep.report.handout_views import _COMMENT, _ROOT, View, _deadline, _svg


def kpi_views(
    graphs, code: str, rooms: dict, deadline=None, tobe=None, legend: bool = True, stages: dict | None = None
) -> list[View]:
    """The KPI tree(s) of `graphs`, or with `tobe` the AsIs/ToBe comparison, as one
    picture or as several (captions `: process`, `: process [stage]`)."""
    from prep.kpi.tree import derive_all

    trees = derive_all(graphs)
    if tobe is not None:
        from prep.kpi.compare import compare

        trees, _ = compare(trees, derive_all(tobe))
    words = N.WORDS[code]
    drawn = _pieces(trees, words, rooms, legend, deadline)
    if len(drawn) == 1:
        return [drawn[0][1]]
    return [view._replace(caption=_caption(group, stages or {}, tobe is not None)) for group, view in drawn]


def _pieces(trees: list, words: dict, rooms: dict, legend: bool, deadline=None) -> list[tuple[list, View]]:
    """[(trees, view)]: all the trees in one picture when its names stay legible
    there, else per process, else per tree."""
    from prep.render.kpitree import layout_of

    shape = layout_of(trees, words, legend)
    where = fit(shape.width, shape.height, rooms, splittable=False)
    if where.legible or len(trees) == 1:
        return [(trees, _view(shape, where, rooms, deadline))]
    processes = list(dict.fromkeys(t.process for t in trees))
    groups = [[t for t in trees if t.process == p] for p in processes] if len(processes) > 1 else [[t] for t in trees]
    out = []
    for n, group in enumerate(groups):
        out += _pieces(group, words, rooms, legend and n == 0, deadline)
    return out


def _view(shape, where, rooms: dict, deadline) -> View:
    """The laid-out trees drawn, sized for the page `where` says."""
    from prep.layout import LayoutError
    from prep.render.kpitree import source, svg_groups
    from prep.render.run import RenderError, run_dot

    try:
        text, info = source(shape)
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    data = svg_groups(run_dot(text, "svg", _deadline(deadline).left(), pinned=True), info)
    svg, scale = _fitted(_COMMENT.sub("", _svg(data)), rooms[where.page])
    return View("", svg, where.page, scale * N.SIZE["name"])


def _caption(trees: list, stages: dict, compared: bool) -> str:
    """`: process`, and for one tree of a comparison `: process [AsIs]`."""
    name = trees[0].process
    stage = stages.get(trees[0].stage, "") if compared and len(trees) == 1 else ""
    return f": {name} [{stage}]" if stage else f": {name}"


def _fitted(svg: str, room) -> tuple[str, float]:
    """The picture's size attributes scaled down to the page's room, and the scale."""
    root = _ROOT.search(svg)
    size = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', root.group(0)) if root else None
    if size is None:
        return svg, 1.0
    w, h = float(size.group(1)), float(size.group(2))
    scale = min(room[0] / max(w, 1.0), room[1] / max(h, 1.0), 1.0)
    tag = re.sub(r'\swidth="[^"]*"', f' width="{w * scale:.2f}pt"', root.group(0), count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{h * scale:.2f}pt"', tag, count=1)
    return svg[: root.start()] + tag + svg[root.end() :], scale
