"""The positions of a swimlane drawing (docs/notation.md): what `prep.layout` computes
and every drawer (Graphviz/SVG in prep.render, PowerPoint and draw.io) reads.

Plain frozen dataclasses, nothing else: no drawing, no Graphviz, no model objects.
Coordinates are in points (1/72 inch), origin at the top left, y growing downward.
A `Box` is (x, y, w, h) with (x, y) its top-left corner. Text is unescaped (as the
model wrote it); escaping is the drawer's job (prep.notation). Each field is
described beside it:

    Layout                     the whole drawing
      processes: [ProcessLayout]   stacked top to bottom in file order
        banner, lanes, bands, nodes, externals, edges, notes, joints
      links: [Link]            dashed lines between processes naming each other
      legend: Legend | None    one compact row under the processes
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: "Box") -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def contains(self, other: "Box") -> bool:
        return self.x <= other.x and other.right <= self.right and self.y <= other.y and other.bottom <= self.bottom


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    size: float  # in points
    role: str = "name"  # a notation text role, which decides colour and style: name, state,
    # params, mark, tag, doc, header, role, band, banner, goal, kgi,
    # note, edge, legend
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Lane:
    """A full-width band of one actor, in the file's order."""

    actor: str
    role: str  # customer | csm | service | vendor
    index: int
    box: Box
    header: Box  # the cell at the band's left end, its full height (one
    # width for every lane of a process; products start right of it)
    label: tuple[Text, ...]  # the header's lines: actor name, wrapped, then the role tag «CSM» …
    label_box: Box | None = None  # where they are centred in the header: its middle, or moved
    # clear of the edges from the left margin crossing the cell


@dataclass(frozen=True, slots=True)
class Band:
    """A subprocess's column band across all lanes."""

    name: str
    index: int
    box: Box  # from the top of the first lane to the bottom of the last
    label_box: Box  # the cell above the lanes holding the subprocess's name
    label: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Node:
    """A product, or an external's stand-in in the left or right margin."""

    id: str  # "n1", "n2", … (stable)
    key: str  # the product key `name` / `name<state>`, or the external's
    # name as written (the SVG <title>)
    kind: str  # product | milestone | final | intangible | external
    box: Box
    lines: tuple[Text, ...]  # the label, name first
    actor: str | None = None
    lane: int | None = None  # index into the lanes (None for externals)
    column: int = 0  # the layer: 0 the left margin, products from 1, the last
    # one the right margin
    intervention: bool = False  # an intangible product on a sync relation
    csm: bool = False  # touched by a CSM touch relation
    subprocess: str | None = None  # the name of its band
    side: str | None = None  # "left" | "right" for external stand-ins
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """A relation (parameter relations merged), or a note's link."""

    id: str
    source: str  # Node ids; for kind "note": a node id (or the note above)
    target: str  # and a Note id
    kind: str  # input | sync | note | link
    title: str  # `A -> B` / `A <-> B` as docs/notation.md names it
    points: tuple[tuple[float, float], ...]  # a cubic Bézier path, 1 + 3k points (start,
    # then control, control, end per segment), clipped at the
    # boxes, the arrowhead at the last point (sync: both ends);
    # a note's link is a straight dotted line
    label: tuple[Text, ...] = ()  # `x → y`, the touch level
    label_box: Box | None = None  # where the label is centred
    touch: str | None = None  # high | low | tech as written, "" for a bare `touch`, None
    # when not a touch relation
    params: tuple[str | None, str | None] | None = None  # the first (source param,
    # target param) pair
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A KPI or issue note beside its product."""

    id: str
    kind: str  # kpi | issue
    title: str  # the KPI's name / the text
    box: Box
    lines: tuple[Text, ...]
    target: str | None = None  # the id of the node it hangs on
    marks: tuple[str, ...] = ()  # those of "kgi", "service", "supplemented" that apply
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Banner:
    box: Box
    lines: tuple[Text, ...]  # process name and stage, goal, KGIs


@dataclass(frozen=True, slots=True)
class Joint:
    """The point where the lines of a bus meet: drawn as a dot, so it reads as a
    join, not a crossing."""

    id: str
    title: str  # `A, B -> X, Y, Z`
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class ProcessLayout:
    name: str
    stage: str  # asis | tobe
    prefix: str  # "" or "name/" when several processes: before every <title>
    frame: Box  # the process frame (banner, lanes, margins)
    banner: Banner  # the goal banner on top: title line, goal, KGI lines
    lanes: tuple[Lane, ...]
    bands: tuple[Band, ...]
    nodes: tuple[Node, ...]  # products (virtual nodes are not listed)
    externals: tuple[Node, ...]  # external stand-ins in the left/right margins
    edges: tuple[Edge, ...]  # relations, note links
    notes: tuple[Note, ...]
    joints: tuple[Joint, ...] = ()  # where the lines of a bus meet (layout/bus.py)


@dataclass(frozen=True, slots=True)
class Link:
    source: str  # process name
    target: str
    points: tuple[tuple[float, float], ...]  # a Bézier path from the source frame's right
    # side, through the right margin, to the target's


@dataclass(frozen=True, slots=True)
class LegendItem:
    kind: str  # a notation key (product, milestone, final, intangible, intervention,
    # external, kpi, issue, subprocess, input, sync, touch)
    sample: Box
    text: Text
    text_box: Box


@dataclass(frozen=True, slots=True)
class Legend:
    box: Box
    title: Text
    items: tuple[LegendItem, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    width: float  # the whole drawing, margins included
    height: float
    lang: str  # "ja" | "en": the language of the drawing's own words
    processes: tuple[ProcessLayout, ...]
    links: tuple[Link, ...] = ()
    legend: Legend | None = None
    choices: tuple = ()  # each process's layout search choices (layout/search.py choices_of)
