"""KPI trees as PowerPoint slides of editable shapes (docs/kpi.md, `prep kpi -o
kpi.pptx`): one slide per process, with --tobe the AsIs and ToBe trees side by
side (or one above the other, as the SVG has them), in the very layout of the
pictures (prep.layout.kpitree), scaled to the slide: every box as large around
its text, measured by Graphviz; every text fitted to its shape's text rectangle
as the process slides' are (slide_text.fit_text: 15 % to spare, else smaller).

A line that runs straight from a node's bottom to its child's top without
touching another shape is a connector glued to both; one that must go round
(down through the slots kept free in the rows between) is a freeform of the
drawing's own curve. A note's dotted link is glued too. Service KPIs and data red,
new nodes a ＋ line and a purple border, removed ones grey and dashed."""

from __future__ import annotations

from prep import notation as N
from prep import deck_bytes, slide_text as T, slides as S
from prep.layout.positions import Box

PRESET = {
    "goal": "ROUNDED_RECTANGLE",
    "process": "ROUNDED_RECTANGLE",
    "final": "RECTANGLE",
    "milestone": "HEXAGON",
    "intangible": "ROUNDED_RECTANGLE",
    "product": "RECTANGLE",
    "external": "PENTAGON",
    "kpi": "FOLDED_CORNER",
    "issue": "FOLDED_CORNER",
    "ref": "ROUNDED_RECTANGLE",
    "more": "RECTANGLE",
}


def to_pptx(trees, lang: str = "auto", timeout: float = 60.0, asis=None) -> bytes:
    """The deck's bytes. `trees` as `prep kpi` has them (with --tobe, compared);
    `asis`: the AsIs trees, when the compared list holds the ToBe side only."""
    code = (
        lang
        if lang in ("ja", "en")
        else ("ja" if any(N.is_japanese(_label(n)) for t in trees for n in _nodes(t)) else "en")
    )
    words = N.WORDS[code]
    deck = S.new_deck()
    sizes = T.Measures()
    for group in _groups(trees, asis):
        _slide(deck, group, words, timeout, sizes)
    return deck_bytes.save(deck, trees[0].process if trees else "")


def _groups(trees, asis=None) -> list[list]:
    if (
        asis
        and not any(getattr(t, "pair", None) is not None for t in trees)
        and not any(a is t for a in asis for t in trees)
    ):
        by_name = {a.process: a for a in reversed(asis)}
        out = []
        for tree in trees:
            before = by_name.get(tree.process) or (asis[0] if len(asis) == len(trees) == 1 else None)
            out.append([_Side(before, "asis"), _Side(tree, "tobe")] if before else [tree])
        return out
    return _pairs(trees)


class _Side:
    """A tree seen as one side of an AsIs/ToBe slide (its own stage may say otherwise)."""

    compared = True

    def __init__(self, tree, stage: str) -> None:
        self.tree, self.stage = tree, stage

    def __getattr__(self, name):
        return getattr(self.tree, name)


def _pairs(trees) -> list[list]:
    """Slides: [asis, tobe] pairs where the trees know their pair (or follow each
    other with the same process, AsIs first), else one tree each."""
    out, used = [], set()
    for n, tree in enumerate(trees):
        if id(tree) in used:
            continue
        pair = getattr(tree, "pair", None)
        if (
            pair is None
            and n + 1 < len(trees)
            and trees[n + 1].process == tree.process
            and tree.stage == "asis"
            and trees[n + 1].stage == "tobe"
        ):
            pair = trees[n + 1]
        if pair is not None and id(pair) not in used and any(pair is t for t in trees):
            first, second = (tree, pair) if tree.stage != "tobe" else (pair, tree)
            out.append([first, second])
            used.update({id(tree), id(pair)})
        else:
            out.append([tree])
            used.add(id(tree))
    return out


# -- reading a tree -------------------------------------------------------------------------


def _label(node) -> str:
    return str(getattr(node, "label", ""))


def _is_ref(item) -> bool:
    return hasattr(item, "node") and not hasattr(item, "children")


def _nodes(tree):
    stack = [tree.root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in reversed(node.children) if not _is_ref(c))


class DrawError(Exception):
    """The trees could not be laid out (Graphviz measures the text); `hint` says what
    to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


# -- the slide ------------------------------------------------------------------------------


def _slide(deck, group, words, timeout, sizes) -> None:
    from prep.layout.kpitree import kpi_layout
    from prep.layout.measure import Deadline, LayoutError, graphviz_measure

    deadline = Deadline(timeout)
    try:
        layout = kpi_layout(
            group,
            words,
            legend=True,
            together=len(group) == 2,
            measure=lambda markups: graphviz_measure(markups, deadline),
        )
    except LayoutError as error:
        raise DrawError(error.message, error.hint) from None
    slide = S.blank_slide(deck)
    room_w, room_h = S.SLIDE_W - 2 * S.MARGIN, S.SLIDE_H - 2 * S.MARGIN
    scale = min(room_w / max(layout.width, 1), room_h / max(layout.height, 1), 1.25)
    ox = S.MARGIN + (room_w - layout.width * scale) / 2
    oy = S.MARGIN

    def at(box: Box) -> Box:
        return Box(ox + box.x * scale, oy + box.y * scale, box.w * scale, box.h * scale)

    _prepare(layout, scale, sizes)
    for tree in layout.trees:
        _tree(slide, tree, at, scale, ox, oy, sizes)
    if layout.legend is not None:
        _legend(slide, layout.legend, at, scale, sizes)


def _prepare(layout, scale: float, sizes) -> None:
    """Measure the slide's texts at their drawn sizes in one call (slide_text.Measures)."""
    wanted = []
    for tree in layout.trees:
        wanted.append(sizes.markup(tree.title, "left", scale))
        wanted += [sizes.markup(node.lines, "center", scale) for node in tree.nodes]
    if layout.legend is not None:
        wanted.append(sizes.markup((layout.legend.title,), "left", scale))
        wanted += [sizes.markup((item.text,), "left", scale) for item in layout.legend.items]
    sizes.add(wanted)


def _free_text(slide, box: Box, lines, name: str, scale: float, sizes):
    """A text box for `lines` at `box` (slide points), grown by the slack so the text
    keeps its size, its text fitted (slide_text.fit_text)."""
    x, y, w, h = T.grown(box.x, box.y, box.w, box.h, sizes.of(lines, "left", scale))
    tb = S.text_box(slide, x, y, w, h, name)
    T.fit_text(tb, lines, scale, sizes, "left", pad=0)
    return Box(x, y, w, h)


def _tree(slide, tree, at, scale, ox, oy, sizes) -> None:
    f = at(tree.frame)
    frame = S.shape(
        slide, "ROUNDED_RECTANGLE", f.x, f.y, f.w, f.h, f"frame: {tree.process} [{tree.stage}]", None, "#888888", 1.0
    )
    frame.adj = '<a:gd name="adj" fmla="val 2000"/>'
    t = _free_text(slide, at(tree.title_box), tree.title, f"side: {tree.stage}", scale, sizes)
    shapes, boxes = {}, {}
    for node in tree.nodes:
        box = at(node.box)
        look, preset = _look(node), PRESET.get(node.kind, "RECTANGLE")
        title = f"issue: {node.label}" if node.kind == "issue" else f"{node.kind}: {node.label}"
        sp = S.shape(
            slide,
            preset,
            box.x,
            box.y,
            box.w,
            box.h,
            title,
            look["fill"],
            look["line"],
            max(0.5, look["width"] * scale),
            look["dash"],
            look["double"],
        )
        if preset == "HEXAGON":  # the picture's hexagon: a quarter in at each end
            value = int(round(box.w / 4 / max(min(box.w, box.h), 1) * 100000))
            sp.adj = f'<a:gd name="adj" fmla="val {value}"/><a:gd name="vf" fmla="val 100000"/>'
        elif preset == "FOLDED_CORNER":  # the picture's fold (Graphviz's note: 6 pt), not a sixth
            sp.adj = f'<a:gd name="adj" fmla="val {_fold(box, scale)}"/>'
        T.fit_text(sp, node.lines, scale, sizes, pad=2)
        shapes[node.id], boxes[node.id] = sp, box
    others = list(boxes.values()) + [t]
    for edge in tree.edges:
        _edge(slide, edge, shapes, boxes, others, at, scale, ox, oy)


def _fold(box: Box, scale: float) -> int:
    """A folded corner's adjust value for a fold of 6 drawing points."""
    return int(round(min(6.0 * scale / max(min(box.w, box.h), 1.0), 0.5) * 100000))


def _edge(slide, edge, shapes, boxes, others, at, scale, ox, oy) -> None:
    a, b = boxes[edge.source], boxes[edge.target]
    colour = N.GREY if edge.removed else "#555555"
    width = max(0.5, 1.4 * scale)
    name = f"{'note link' if edge.kind == 'note' else 'line'}: {edge.title}"
    if edge.kind == "note":
        cx = S.connector(slide, "STRAIGHT", (a.right, a.cy), (b.x, b.cy), name)
        S.attach(cx, shapes[edge.source], "right", shapes[edge.target], "left")
        S.set_line(cx, "#777777", max(0.5, 1.0 * scale), "sysDot")
        return
    begin, end = (a.cx, a.bottom), (b.cx, b.y)
    if edge.points[0][1] >= 0 and _clear(begin, end, others, a, b) and abs(edge.points[0][0] * scale + ox - a.cx) < 0.5:
        cx = S.connector(slide, "STRAIGHT", begin, end, name)
        S.attach(cx, shapes[edge.source], "bottom", shapes[edge.target], "top")
        S.set_line(cx, colour, width, edge.removed)
        return
    points = [(ox + x * scale, oy + y * scale) for x, y in edge.points]
    slide.add(_Freeform(points, name, colour, width, edge.removed))


def _clear(p, q, boxes, a, b) -> bool:
    """Whether the segment p-q touches no box but its ends' own."""
    for k in range(1, 64):
        t = k / 64
        x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        for box in boxes:
            if box.x + 0.5 < x < box.right - 0.5 and box.y + 0.5 < y < box.bottom - 0.5:
                return False
    return True


class _Freeform(S.Handle):
    """A line along a cubic Bézier path (1 + 3k points), as a custom geometry."""

    def __init__(self, points, name: str, colour: str, width: float, dash: bool) -> None:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        super().__init__("shape", "rect", min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys), name)
        self.points = points
        S.set_line(self, colour, width, dash)

    def xml(self) -> str:
        w, h = S.emu(max(self.w, 0.01)), S.emu(max(self.h, 0.01))

        def pt(p) -> str:
            return f'<a:pt x="{S.emu(p[0] - self.x)}" y="{S.emu(p[1] - self.y)}"/>'

        path = f"<a:moveTo>{pt(self.points[0])}</a:moveTo>"
        for i in range(1, len(self.points) - 2, 3):
            path += "<a:cubicBezTo>" + "".join(pt(p) for p in self.points[i : i + 3]) + "</a:cubicBezTo>"
        geometry = (
            f"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
            f'<a:rect l="0" t="0" r="{w}" b="{h}"/><a:pathLst>'
            f'<a:path w="{w}" h="{h}" fill="none">{path}</a:path></a:pathLst></a:custGeom>'
        )
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.id}" name="{S._attr(self.name)}"/>'
            f"<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>"
            f'<a:xfrm><a:off x="{S.emu(self.x)}" y="{S.emu(self.y)}"/>'
            f'<a:ext cx="{w}" cy="{h}"/></a:xfrm>{geometry}<a:noFill/>{self.line}'
            "</p:spPr></p:sp>"
        )


def _look(node) -> dict:
    from prep.layout.kpilook import look as picture

    attrs = picture(node)
    return S.look(attrs)


def _legend(slide, legend, at, scale, sizes) -> None:
    from prep.layout.kpilook import sample as _sample

    box = at(legend.box)
    S.shape(slide, "ROUNDED_RECTANGLE", box.x, box.y, box.w, box.h, "legend", None, "#aaaaaa", 0.75)
    first = legend.items[0] if legend.items else None
    if first is not None:
        t = at(Box(legend.box.x + 4, first.text_box.y, first.sample.x - 12 - legend.box.x, first.text_box.h))
        _free_text(slide, t, (legend.title,), f"legend: {legend.title.text}", scale, sizes)
    for item in legend.items:
        s = at(item.sample)
        look = S.look({**_sample(item.kind)})
        preset = {
            "kpi": "FOLDED_CORNER",
            "issue": "FOLDED_CORNER",
            "intangible": "ROUNDED_RECTANGLE",
            "intervention": "ROUNDED_RECTANGLE",
            "ref": "ROUNDED_RECTANGLE",
            "milestone": "HEXAGON",
            "external": "PENTAGON",
        }.get(item.kind.split("-")[0], "RECTANGLE")
        S.shape(
            slide,
            preset,
            s.x,
            s.y,
            s.w,
            s.h,
            f"legend sample: {item.text.text}",
            look["fill"],
            look["line"],
            max(0.5, look["width"] * scale),
            look["dash"],
            look["double"],
        )
        _free_text(slide, at(item.text_box), (item.text,), f"legend: {item.text.text}", scale, sizes)
