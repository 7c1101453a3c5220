"""A Layout (prep.layout.positions) -> a PowerPoint deck of native, editable shapes:
one 16:9 slide per process (docs/notation.md, "Exports").

Positions are the layout's, scaled to fit the slide; a process too wide to keep its
text legible is split across slides at subprocess (else column) boundaries, with
the lane headers repeated, one too tall into groups of whole lanes (drawn moved up
under the banner), with a small "continued" stand-in at the cut for every relation
that crosses it. Nothing is cut off. Processes linked in the layout (they
name each other) each get a glued dashed connector from their frame to a stand-in
of the other process, which a click in the slide show jumps to. Relations follow
the layout's routes, as the SVG draws them (pptx_edges.py: glued connectors where a
connector takes the route, else freeform paths). A diff's marks come with the
layout's lines (a badge line under a label, prep.layout.badges) and colour, thicken or
ghost their element as in the SVG. Every text fits its shape with the drawing's text
metrics and 10 % to spare (slides.fit). Every
shape is named
`kind: title` (`product: 需要予測`, `input: A -> B`, `kpi: …`) so tests and macros
can find it; the slide's notes hold nothing."""

from __future__ import annotations

from prep import notation as N
from prep import deck_bytes, slides as S
from prep.render.pptx_edges import draw_edges, draw_legend, draw_links
from prep.render.pptx_look import LINK_ROOM, PRESET, marked, node_look, note_look
from prep.render.pptx_views import plan_slides
from prep.slide_text import Measures, fit_text

TEXT_PAD = 2.0


def to_pptx(layout, title: str = "") -> bytes:
    """The deck's bytes (a diff's union layout carries its marks in its lines)."""
    deck = S.new_deck()
    add_layout(deck, layout)
    name = title or (layout.processes[0].name if layout.processes else "")
    return deck_bytes.save(deck, name)


def add_layout(deck, layout) -> None:
    words = N.WORDS.get(layout.lang, N.WORDS["en"])
    partners = linked(layout)
    sizes = Measures()
    plans = []
    for process in layout.processes:
        room = LINK_ROOM if partners.get(process.name) else 0.0
        plans.append((process, plan_slides(process, layout.legend, 0.0, room)))
    first, count = {}, len(deck.slides)
    for process, views in plans:
        first[process.name] = count + 1
        count += len(views)
    jumps = []
    for process, views in plans:
        right = _right_side(views)
        for number, view in enumerate(views):
            drawer = _Drawer(deck, layout, process, view, views, number, sizes, words)
            if number == right:  # the frame's right side: its links
                drawer.links = [(other, first[other]) for other in partners.get(process.name, ())]
            drawer.draw()
            jumps += drawer.jumps
    for handle, slide in jumps:
        handle.jump = deck.slides[slide - 1]


def _right_side(views) -> int:
    """The last of a process's slides that shows the frame's right side (a group of
    lanes need not: its columns stop where it has nothing)."""
    return max((n for n, view in enumerate(views) if view.stop == float("inf")), default=len(views) - 1)


def linked(layout) -> dict[str, list[str]]:
    """{process: the processes it is linked with (naming each other), in the order of
    the layout's links}."""
    out: dict[str, list[str]] = {}
    for link in layout.links:
        out.setdefault(link.source, []).append(link.target)
        out.setdefault(link.target, []).append(link.source)
    return out


def whole_name(lines, key: str) -> tuple:
    """The lines with the name's wrapped lines joined into one, a line break (`\v`)
    where the layout wrapped it: renaming in the editor is one edit, and the name
    reads back as written (without the breaks). The key (`name` or `name<state>`)
    tells where the wrap took a space, which is kept before the break."""
    names = [line for line in lines if line.role == "name"]
    if len(names) < 2:
        return tuple(lines)
    text = names[0].text
    for line in names[1:]:
        flat = text.replace("\v", "")
        text += (" " if key.startswith(f"{flat} {line.text}") else "") + "\v" + line.text
    first = names[0]
    joined = type(first)(text, first.size, first.role, first.bold)
    return (joined,) + tuple(line for line in lines if line.role != "name")


# -- drawing one slide -------------------------------------------------------------------


class _Drawer:
    def __init__(self, deck, layout, process, view, views, number, sizes, words):
        self.slide = S.blank_slide(deck)
        self.layout, self.process, self.view = layout, process, view
        self.views, self.number, self.sizes, self.words = views, number, sizes, words
        s = view.scale
        self.ox = S.MARGIN + ((S.SLIDE_W - 2 * S.MARGIN) - (view.right - view.left) * s) / 2
        self.oy = S.MARGIN
        group = view.group  # a group of lanes: drawn `shift` higher, the frame `height` tall
        self.shift = group.shift if group is not None else 0.0
        self.height = group.height if group is not None else process.frame.h
        self.shapes: dict[str, object] = {}
        self.boxes: dict[str, object] = {}
        self.pre = process.prefix
        self.links: list[tuple[str, int]] = []  # (linked process, its first slide)
        self.jumps: list[tuple[object, int]] = []  # (shape, slide a click shows)
        self.frame_shape = None

    # coordinates
    def x(self, x: float) -> float:
        return self.ox + (x - self.view.left) * self.view.scale

    def y(self, y: float, head: bool = False) -> float:
        """A layout y on the slide; `head`: of the banner or a subprocess label, above
        the lanes (not moved with a group of lanes)."""
        return self.oy + (y - self.process.frame.y - (0.0 if head else self.shift)) * self.view.scale

    def box(self, b, left=None, right=None, head=False):
        x0 = b.x if left is None else max(b.x, left)
        x1 = b.right if right is None else min(b.right, right)
        return self.x(x0), self.y(b.y, head), (x1 - x0) * self.view.scale, b.h * self.view.scale

    def width(self, w: float) -> float:
        return max(0.5, w * self.view.scale)

    def shape(self, preset, b, name, look, left=None, right=None, head=False):
        return self.put(preset, *self.box(b, left, right, head), name, look)

    def put(self, preset, x, y, w, h, name, look):
        """A shape at slide coordinates, in `look`."""
        return S.shape(
            self.slide,
            preset,
            x,
            y,
            w,
            h,
            name,
            look["fill"],
            look["line"],
            self.width(look["width"]),
            look["dash"],
            look["double"],
        )

    def draw(self) -> None:
        self.prepare()
        self.background()
        self.products()
        self.notes()
        self.edges()
        if self.links:
            draw_links(self)
        if self.layout.legend is not None:
            self.legend(self.layout.legend)

    def prepare(self) -> None:
        """Measure this slide's texts at their drawn sizes in one call."""
        p, v, m = self.process, self.view, self.sizes.markup
        wanted = [m(n.lines, "center", v.scale) for n in p.nodes + p.externals]
        wanted += [m(n.lines, "left", v.scale) for n in p.notes]
        wanted += [m(e.label, "center", v.scale) for e in p.edges if e.label]
        wanted += [m(lane.label, "center", v.scale) for lane in p.lanes]
        wanted += [m(band.label, "center", v.scale) for band in p.bands]
        legend = self.layout.legend
        if legend is not None:
            wanted += [m((i.text,), "left", v.legend_scale) for i in legend.items]
            wanted.append(m((legend.title,), "left", v.legend_scale))
        self.sizes.add(wanted)

    def text(
        self, sp, lines, align="center", anchor="middle", pad=2.0, wrap=False, scale=None, measured_lines=None
    ) -> None:
        """Lines into shape `sp`, fitted by their measured size (slides.put_text); a
        text that may wrap must fit in height at least."""
        scale = self.view.scale if scale is None else scale

        fit_text(sp, lines, scale, self.sizes, align, anchor, pad, wrap, measured_lines)

    def label(self, box, lines, name, scale=None) -> None:
        """A free text (a relation's label) centred on `box`, its box widened by the
        slack so the text keeps its size."""
        from prep.layout.positions import Box

        scale = self.view.scale if scale is None else scale
        w, h = self.sizes.of(lines, "center", scale)
        grow_w = max(box.w, w / scale * S.SLACK)
        grow_h = max(box.h, h / scale * S.SLACK)
        wide = Box(box.cx - grow_w / 2, box.cy - grow_h / 2, grow_w, grow_h)
        tb = S.text_box(self.slide, *self.box(wide), name)
        S.put_text(tb, lines, scale, pad=0, measured=(w, h))

    def background(self) -> None:
        from prep.layout.positions import Box

        p, v = self.process, self.view
        frame = Box(p.frame.x, p.frame.y, p.frame.w, self.height)
        self.frame_shape = self.shape(
            "ROUNDED_RECTANGLE", frame, f"process: {p.name}", S.look(N.PROCESS), v.left, v.right, head=True
        )
        banner = self.shape("RECTANGLE", p.banner.box, f"goal: {p.name}", S.look(N.BANNER), v.left, v.right, head=True)
        lines = list(p.banner.lines)
        if len(self.views) > 1 and lines:
            first = lines[0]
            lines[0] = type(first)(
                f"{first.text}  ({self.number + 1}/{len(self.views)})", first.size, first.role, first.bold
            )
        self.text(banner, lines, "left", "top", 8.0, wrap=True)
        lanes = self.lanes()
        for lane in lanes:
            self.shape(
                "RECTANGLE",
                lane.box,
                f"lane: {lane.actor}",
                marked(S.look(N.LANE[lane.role]), lane.label),
                v.left,
                v.right,
            )
        for band in p.bands:
            if min(band.box.right, v.right) - max(band.box.x, v.left + v.header) < 2:
                continue
            self.band(band)
            cell = self.shape(
                "RECTANGLE",
                band.label_box,
                f"subprocess label: {band.name}",
                S.look(N.BAND_LABEL),
                v.left + v.header,
                v.right,
                head=True,
            )
            self.text(cell, band.label)
        for lane in lanes:
            look = S.look({**N.LANE[lane.role], **N.LANE_HEADER[lane.role], "style": "filled"})
            header, text = lane.header, lane.label_box or lane.header
            if v.header:
                header = Box(v.left, lane.header.y, lane.header.w, lane.header.h)
            cell = self.shape("RECTANGLE", header, f"lane header: {lane.actor}", marked(look, lane.label))
            if abs(text.cy - lane.header.cy) < 1:
                self.text(cell, lane.label)
            else:  # the text moved clear of edges crossing the cell
                _, tall = self.sizes.of(lane.label, "center", v.scale)
                high = max(text.h, tall / v.scale) * S.SLACK
                where = Box(header.x, text.cy - high / 2, header.w, high)
                tb = S.text_box(self.slide, *self.box(where), f"lane header text: {lane.actor}")
                self.text(tb, lane.label, pad=0)

    def lanes(self) -> list:
        """The lanes on this slide: all, or those of its group."""
        group = self.view.group
        if group is None:
            return list(self.process.lanes)
        return list(self.process.lanes[group.first : group.last + 1])

    def band(self, band) -> None:
        """A subprocess band: from its label (above the lanes) down to the last lane
        on this slide."""
        v, group = self.view, self.view.group
        left = v.left + v.header
        name, look = f"subprocess: {band.name}", S.look(N.BAND)
        if group is None:
            self.shape("RECTANGLE", band.box, name, look, left, v.right)
            return
        x, top, w, _ = self.box(band.box, left, v.right, head=True)
        bottom = self.y(min(band.box.bottom, group.bottom))
        self.put("RECTANGLE", x, top, w, bottom - top, name, look)

    def products(self) -> None:
        for node in self.process.nodes + self.process.externals:
            if not self.view.holds(node.box):
                continue
            title = self.pre + node.key
            kind = "intervention" if node.intervention else node.kind
            sp = self.shape(PRESET[node.kind], node.box, f"{kind}: {title}", marked(node_look(node), node.lines))
            self.text(sp, whole_name(node.lines, node.key), pad=TEXT_PAD, measured_lines=node.lines)
            sp.descr = node.doc or ""
            self.shapes[node.id], self.boxes[node.id] = sp, node.box

    def notes(self) -> None:
        for note in self.process.notes:
            if not self.view.holds(note.box):
                continue
            title = self.pre + note.title
            sp = self.shape("FOLDED_CORNER", note.box, f"{note.kind}: {title}", marked(note_look(note), note.lines))
            self.text(sp, note.lines, "left", pad=4.0)
            sp.descr = note.doc or ""
            self.shapes[note.id], self.boxes[note.id] = sp, note.box

    def edges(self) -> None:
        draw_edges(self)

    def legend(self, legend) -> None:
        draw_legend(self, legend)
