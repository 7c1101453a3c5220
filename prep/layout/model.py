"""The positions of a swimlane drawing (docs/notation.md): what `prep.layout` computes
and every drawer (Graphviz/SVG in prep.render, later PowerPoint and draw.io) reads.

Plain frozen dataclasses, nothing else: no drawing, no Graphviz, no model objects.
Coordinates are in points (1/72 inch), origin at the top left, y growing downward.
A `Box` is (x, y, w, h) with (x, y) its top-left corner. Text is unescaped (as the
model wrote it); escaping is the drawer's job (prep.notation).

    Layout
      width, height            the whole drawing, margins included
      lang                     "ja" | "en": the language of the drawing's own words
      processes: [ProcessLayout]   stacked top to bottom in file order
      links: [Link]            dashed lines between processes naming each other
      legend: Legend | None    one compact row under the processes

    ProcessLayout
      name, stage ("asis"|"tobe"), prefix ("" or "name/" when several processes:
                               prepend to every <title>)
      frame: Box               the process frame (banner, lanes, margins)
      banner: Banner           the goal banner on top: title line, goal, KGI lines
      lanes: [Lane]            full-width bands in the file's order of actors
      bands: [Band]            subprocess column bands across all lanes
      nodes: [Node]            products (and virtual nodes are NOT listed)
      externals: [Node]        external stand-ins in the left/right margins
      edges: [Edge]            relations (parameter relations merged), note links
      notes: [Note]            KPI and issue notes beside their product

    Lane(actor, role, index, box, header, label, label_box)
      role: customer|csm|service|vendor; header: the header cell at the left end of
      the band, its full height (one width for every lane of a process; products start
      right of it); label: Text lines of the header (actor name, wrapped, then the role
      tag «CSM» …); label_box: where the lines are centred inside the header (its
      middle, or moved clear of the edges from the left margin crossing the cell).
    Band(name, index, box, label_box, label)
      box spans every lane (top of the first lane to bottom of the last); label_box
      is the cell above the lanes holding the subprocess's name.
    Node(id, key, kind, box, lines, actor, lane, column, intervention, csm,
         subprocess, side, doc)
      id: "n1", "n2", … (stable); key: the product key `name` / `name<state>` or the
      external's name as written (the SVG <title>); kind: product|milestone|final|
      intangible|external; lines: Text lines of the label (name first); lane: index
      into lanes (None for externals); intervention: an intangible product on a sync
      relation; csm: touched by a CSM touch relation; subprocess: name of its band
      or None; side: "left"|"right" for external stand-ins, else None; column: the
      layer (0 the left margin, products from 1, the last one the right margin).
    Edge(id, source, target, kind, title, points, label, label_box, touch, params, doc)
      source/target: Node ids (for kind "note": a node id and a Note id); kind:
      input|sync|note|link; title: `A -> B` / `A <-> B` as docs/notation.md names it; points: a
      cubic Bézier path, 1 + 3k points (start, then control, control, end per
      segment), already clipped at the boxes, the arrowhead at the last point (sync
      relations: heads at both ends); label: Text lines (`x → y`, touch level) or
      (); label_box where they are centred; touch: high|low|tech (as written), ""
      for a bare `touch`, None when not a touch relation; params: the first
      (source param, target param) pair or None. Kind "note" joins a product (or
      the note above) to a note, a straight dotted line.
    Note(id, kind, title, box, lines, target, marks, doc)
      kind: kpi|issue; title: the KPI's name / the issue's text; target: node id the
      note hangs on or None; marks: ("kgi", "service", "supplemented") that apply.
    Banner(box, lines)        Text lines: process name and stage, goal, KGIs.
    Link(source, target, points)  process names; a Bézier path from the source
                              frame's right side, through the right margin, to the
                              target frame's.
    Legend(box, title, items) LegendItem(kind, sample: Box, text: Text, text_box: Box);
      kind is a notation key (product, milestone, final, intangible, intervention,
      external, kpi, issue, subprocess, input, sync, touch).
    Text(text, size, role, bold)
      size in points; role: a notation text role (name, state, params, mark, tag,
      doc, header, role, band, banner, goal, kgi, note, edge, legend) that decides
      colour and style in prep.notation.
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
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def contains(self, other: "Box") -> bool:
        return (self.x <= other.x and other.right <= self.right
                and self.y <= other.y and other.bottom <= self.bottom)


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    size: float
    role: str = "name"
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Lane:
    actor: str
    role: str
    index: int
    box: Box
    header: Box
    label: tuple[Text, ...]
    label_box: Box | None = None


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    index: int
    box: Box
    label_box: Box
    label: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    key: str
    kind: str
    box: Box
    lines: tuple[Text, ...]
    actor: str | None = None
    lane: int | None = None
    column: int = 0
    intervention: bool = False
    csm: bool = False
    subprocess: str | None = None
    side: str | None = None
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    kind: str
    title: str
    points: tuple[tuple[float, float], ...]
    label: tuple[Text, ...] = ()
    label_box: Box | None = None
    touch: str | None = None
    params: tuple[str | None, str | None] | None = None
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    kind: str
    title: str
    box: Box
    lines: tuple[Text, ...]
    target: str | None = None
    marks: tuple[str, ...] = ()
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Banner:
    box: Box
    lines: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Joint:
    """The point where the lines of a bus meet: drawn as a dot, so it reads as a
    join, not a crossing."""
    id: str
    title: str           # `A, B -> X, Y, Z`
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class ProcessLayout:
    name: str
    stage: str
    prefix: str
    frame: Box
    banner: Banner
    lanes: tuple[Lane, ...]
    bands: tuple[Band, ...]
    nodes: tuple[Node, ...]
    externals: tuple[Node, ...]
    edges: tuple[Edge, ...]
    notes: tuple[Note, ...]
    joints: tuple[Joint, ...] = ()     # where the lines of a bus meet (layout/bus.py)


@dataclass(frozen=True, slots=True)
class Link:
    source: str          # process name
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class LegendItem:
    kind: str
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
    width: float
    height: float
    lang: str
    processes: tuple[ProcessLayout, ...]
    links: tuple[Link, ...] = ()
    legend: Legend | None = None
    choices: tuple = ()     # each process's layout search choices (layout/search.py choices_of)
