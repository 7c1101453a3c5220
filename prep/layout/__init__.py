"""Swimlane layout (docs/notation.md, "Layout"): process graphs ->
positions (prep.layout.positions.Layout) of lanes, subprocess bands, products, externals,
notes and edge routes. Pure: no drawing here; Graphviz is asked only for text sizes
(one batch call, prep.layout.measure).

    plan.py     what each process shows (Text lines, merged relations, notes)
    rank.py     columns from input relations
    layers.py   the layered graph: items in columns and lanes, long edges' virtual nodes
    order.py    order inside each (column, lane) to reduce crossings
    search.py   the choices the ordering leaves open, kept by the crossings they give
    place.py    x by column widths, y by lane bands
    route.py    edge routes through the virtual nodes
    bus.py      complete fans between neighbouring columns drawn as buses
    legend.py   the one-row legend
"""

from __future__ import annotations

import math

from prep import notation as N
from prep.layout import content as C
from prep.layout.measure import Deadline, LayoutError, graphviz_measure
from prep.layout.positions import Box, Layout, Link

PROCESS_GAP = 24.0
LINK_MARGIN = 28.0


def legible_width(zoom: float = 1.0) -> float:
    """The widest drawing whose texts, `zoom` times their size, are legible at 1920
    px: names 14 px, other text 11 px (LEGIBLE_WIDTH at zoom 1)."""
    name = C.size_of("name", zoom)
    other = min(C.size_of(role, zoom) for role in N.SIZE if role != "name")
    return 1920 * min(name / 14, other / 11)


# Legible on a projector (docs/notation.md): scaled to 1920 px wide, names >= 14 px and
# every other text >= 11 px. A drawing wider than this is drawn again with its texts
# wrapped narrower (content.NARROW), when it has at most NARROW_MOST products (and the
# caller does not say `narrow=False`: slides, cut into columns, keep it wide).
LEGIBLE_WIDTH = legible_width()
NARROW_MOST = 40  # products (docs/notation.md: legible for a model of up to 40 products)


def layout(
    graphs,
    lang: str = "auto",
    legend: bool = True,
    measure=None,
    deadline: Deadline | None = None,
    marks=None,
    like=None,
    narrow: bool = True,
) -> Layout:
    """The positions of a drawing of `graphs` (ProcessGraphs, drawn in this order).
    `measure(markups) -> [(w, h)]` sizes labels (default: Graphviz); `deadline`
    bounds the time (LayoutError when it passes). `marks` (one dict per graph, from
    prep diff) put badges on the labels and ghost what was removed (layout/badges.py).
    `like`: a Hint (layout/hint.py) or the graphs of another model (its drawing is
    made first): the products shared with it keep its order (`--like`), and a drawing
    whose texts must be larger keeps its text size while legible. `narrow`: draw it
    again with narrower lines (and larger texts) when it is too wide for 1920 px
    (LEGIBLE_WIDTH)."""
    from prep.layout.hint import Hint

    measure = measure or graphviz_measure
    code = N.language_of(graphs, lang)
    if like is not None and not isinstance(like, Hint):
        like = like_hint(like, lang, measure, deadline)
    drawing, tables = _drawing(graphs, code, legend, measure, deadline, marks, like, C.PLAIN)
    if not narrow or drawing.width <= LEGIBLE_WIDTH or sum(len(pg.products) for pg in graphs) > NARROW_MOST:
        return drawing

    def draw(zoom: float) -> Layout:  # the same choices again (no search), the texts wrapped narrower
        with C.zoomed(zoom):
            return _drawing(graphs, code, legend, measure, deadline, marks, like, C.NARROW, tables)[0]

    thin = draw(1.0)
    if thin.width > LEGIBLE_WIDTH:
        if like is not None and like.zoom > 1:  # the last drawing's texts, while they stay legible
            as_before = draw(like.zoom)
            if as_before.width <= legible_width(like.zoom):
                return as_before
        return _zoomed(thin, draw)
    return thin if thin.width < drawing.width else drawing


MOST_ZOOM = 2.0  # texts are never drawn more than twice their size
ZOOM_TRIES = 6
ZOOM_STEP = 4  # points of the name size at most from one try to the next


def _zoomed(thin: Layout, draw) -> Layout:
    """A drawing still too wide with narrow lines (`thin`, texts at their size) drawn
    with its texts larger, `draw(zoom) -> Layout`, by the least zoom at which they are
    legible at 1920 px: the width grows less than the texts do, since the gaps between
    columns, the margins and the smallest boxes keep their size. Zooms are tried in
    whole points of the name size; the width is nearly linear in the zoom: the line
    through the first drawing and the last one tried tells the next zoom to try (at
    most ZOOM_STEP points on, since the width jumps a little where lines wrap anew);
    once one is legible, the sizes between it and the last too wide are halved."""
    size = N.SIZE["name"]
    tried = {size: thin}  # name size -> drawing
    low, high = size, None  # the largest name size tried too wide, the least legible
    name = math.ceil(size * thin.width / LEGIBLE_WIDTH)  # enough if nothing grew with the texts
    for _ in range(ZOOM_TRIES):
        if name > size * MOST_ZOOM:
            break
        tried[name] = draw(name / size)
        if tried[name].width <= legible_width(name / size):
            high = name
        else:
            low = name
        if high is not None:  # between the two now, halving
            if high - low <= 1:
                break
            name = (low + high) // 2
            continue
        grows = (tried[low].width - thin.width) / ((low - size) / size)  # width per unit of zoom
        legible_at = (thin.width - grows) / (LEGIBLE_WIDTH - grows) if grows < LEGIBLE_WIDTH else 0.0
        estimate = math.ceil(size * legible_at)  # (the zoom where the line reaches LEGIBLE_WIDTH * zoom)
        name = min(max(estimate, low + 1), low + ZOOM_STEP)  # the width jumps where lines wrap anew
    if high is not None:
        return tried[high]
    return max(tried.items(), key=lambda t: round(legible_width(t[0] / size) / t[1].width, 3))[1]


def _drawing(graphs, code: str, legend: bool, measure, deadline, marks, like, fit, fixed=None) -> tuple:
    """The drawing of `graphs` in language `code`, texts wrapped as `fit` says
    (layout/content.py), and the choices its search kept per process (`fixed`: take
    those of an earlier call instead of searching)."""
    from prep.layout.legend import legend_items, legend_title, place_legend

    words = N.WORDS[code]
    plans, starts = _plans(graphs, words, deadline, marks, like, fit)
    requests = _requests(plans)
    items = legend_items(plans, words, bool(marks)) if legend else []
    for n, item in enumerate(items):
        requests[(-1, f"legend{n}")] = N.markup((item[1],), "LEFT")
    if items:
        requests[(-1, "title")] = N.markup((legend_title(words),))
    keys = list(requests)
    sizes = dict(zip(keys, measure([requests[k] for k in keys], deadline)))

    several = len(plans) > 1
    search = (like.budget if like is not None else None, starts, [], [], fixed)
    processes = _place(plans, sizes, several, 0.0, deadline, search, fit)
    if several:  # stacked frames share one width
        widest = max(pr.frame.w for pr in processes)
        again = (search[0], starts, search[2], search[3], fixed or list(search[3]))  # the choices made: no search
        processes = _place(plans, sizes, several, widest, deadline, again, fit)
    top = processes[-1].frame.bottom + PROCESS_GAP if processes else 0.0
    width = max([pr.frame.w for pr in processes] + [0.0])
    links = _links(graphs, processes, width)
    if links:
        width += LINK_MARGIN
    height = top - PROCESS_GAP if processes else 0.0
    legend_box = None
    if items:
        legend_box = place_legend(
            items, lambda n: sizes[(-1, f"legend{n}")], words, height + 8, width, sizes[(-1, "title")][0]
        )
        height = legend_box.box.bottom
        width = max(width, legend_box.box.right)
    drawing = Layout(
        round(width + 4, 2), round(height + 4, 2), code, tuple(processes), tuple(links), legend_box, tuple(search[2])
    )
    return drawing, search[3]


def _plans(graphs, words, deadline, marks, like, fit) -> tuple:
    """The plan of each process (layout/plan.py), in the order of `like` (a Hint)
    where given, and the search choices to start from per plan (layout/search.py)."""
    from prep.layout.hint import MAX_HINTED
    from prep.layout.plan import Ids, plan

    ids = Ids()
    plans, starts = [], []
    for pg in graphs:
        hint = like.for_process(pg.name, len(graphs)) if like is not None and len(pg.products) <= MAX_HINTED else None
        plans.append(plan(pg, words, ids, marks[len(plans)] if marks else None, hint, fit))
        starts.append(like.start_for(pg.name, len(graphs)) if hint is not None else None)
        if deadline is not None:
            deadline.check()
    return plans, starts


def _requests(plans) -> dict[tuple[int, str], str]:
    """(process, label key) -> the markup to measure, for every label of the plans."""
    from prep.layout.content import band_lines

    requests: dict[tuple[int, str], str] = {}
    for p, pl in enumerate(plans):
        for node in pl.nodes:
            requests[(p, node.id)] = N.markup(node.lines)
            if node.kind == "milestone" and len(node.lines) > 1:  # its hexagon fits each
                for k, line in enumerate(node.lines):
                    requests[(p, f"{node.id}/{k}")] = N.markup((line,))
            for note in node.notes:
                requests[(p, note.id)] = N.markup(note.lines, "LEFT")
        for edge in pl.edges:
            if edge.lines:
                requests[(p, edge.id)] = N.markup(edge.lines)
        for k, lane in enumerate(pl.lanes):
            requests[(p, f"h{k}")] = N.markup(lane[2], "LEFT")
        for g, (name, _) in enumerate(pl.groups):
            requests[(p, f"b{g}")] = N.markup(band_lines(name))
        requests[(p, "banner")] = N.markup(pl.banner, "LEFT")
    return requests


def like_hint(graphs, lang: str = "auto", measure=None, deadline=None):
    """The Hint of the plain drawing of `graphs` (another model: an AsIs, an older
    version)."""
    from prep.layout.hint import hint_of

    return hint_of(layout(graphs, lang, False, measure, deadline))


def _place(plans, sizes, several: bool, min_width: float, deadline, search, fit) -> list:
    """The ProcessLayout of each plan; `search`: (budget, the choices to start from
    per plan, a list that gets the choices made per plan, one that gets their tables,
    the tables to take per plan or None), layout/search.py."""
    from prep.layout.content import box_size
    from prep.layout.place import Placer
    from prep.layout.search import choices_of, tables_of

    budget, starts, made, kept, fixed = search
    made.clear()
    kept.clear()
    processes = []
    top = 0.0
    for p, pl in enumerate(plans):
        kinds = {n.id: n.kind for n in pl.nodes}
        kinds.update({note.id: note.kind for note in pl.notes})
        rows = {
            n.id: [sizes[(p, f"{n.id}/{k}")] for k in range(len(n.lines))]
            for n in pl.nodes
            if (p, f"{n.id}/0") in sizes
        }

        def size(key, p=p, kinds=kinds, rows=rows):
            w, h = sizes[(p, key)]
            kind = kinds.get(key)
            return box_size(kind, w, h, rows.get(key), fit) if kind else (w, h)

        prefix = f"{pl.name}/" if several else ""
        placer = Placer(pl, size, top, prefix, deadline, min_width)
        placer.budget, placer.start = budget, starts[p]
        placer.fixed = fixed[p] if fixed else None
        placer.least_gap = fit.gap
        processes.append(placer.run())
        made.append(choices_of(placer))
        kept.append(tables_of(placer))
        top = processes[-1].frame.bottom + PROCESS_GAP
        if deadline is not None:
            deadline.check()
    return processes


def _links(graphs, processes, width) -> list[Link]:
    """Processes naming each other as externals: one dashed line per pair, in the
    right margin."""
    index = {pg.name: i for i, pg in enumerate(graphs)}
    pairs = []
    for i, pg in enumerate(graphs):
        for name in pg.externals:
            j = index.get(name)
            if j is not None and j != i and (min(i, j), max(i, j)) not in pairs:
                pairs.append((min(i, j), max(i, j)))
    links = []
    for n, (i, j) in enumerate(sorted(pairs)):
        a, b = processes[i].frame, processes[j].frame
        x = round(width + 8 + 6 * (n % 3), 2)
        ya, yb = round(a.cy, 2), round(b.cy, 2)
        points = ((a.right, ya), (x, ya), (x, ya), (x, round((ya + yb) / 2, 2)), (x, yb), (x, yb), (b.right, yb))
        links.append(Link(graphs[i].name, graphs[j].name, points))
    return links


__all__ = ["Box", "Deadline", "Layout", "LayoutError", "layout", "like_hint"]
