"""PowerPoint plumbing shared by every slide deck prep writes (`prep render`, `prep
kpi`, `prep diff` with `-o x.pptx`): a 16:9 deck, native shapes with explicit fill
and line (no theme style), text in the deck's font (the notation's, or the one
`--slide-font` names: slide_font) named as latin, east-asian and complex-script font
and as the theme's fonts (so a slide program without it substitutes per script),
and connectors. A deck is saved as the same bytes each time by prep/deck_bytes.py.

It sits beside prep.notation (below render, kpi and diff) so each of them may use
it. python-pptx and lxml are imported inside functions: `prep --help` stays fast.
Coordinates here are points; python-pptx wants EMU (12,700 per point)."""

from __future__ import annotations

from prep import notation as N
from prep import slide_fonts as F
from prep.slide_presets import PRESETS, RECT_SITES, SITES, text_rect

SLIDE_W, SLIDE_H = 960.0, 540.0  # points: 13.333 × 7.5 in, 16:9
MARGIN = 12.0
EMU = 12700


def emu(points: float) -> int:
    return int(round(points * EMU))


CONNECTORS = {"STRAIGHT": "straightConnector1", "ELBOW": "bentConnector3"}
_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def new_deck():
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    deck.slide_width = Emu(emu(SLIDE_W))
    deck.slide_height = Emu(emu(SLIDE_H))
    deck._prep_canvases = []
    deck._prep_font = F.deck_font()
    return deck


class Canvas:
    """One slide's shapes, written as DrawingML text and added to the slide in one
    parse when the deck is saved (python-pptx's shape by shape API is ~10x slower
    on decks of a few thousand shapes). Shape ids count up from 2 in drawing order."""

    def __init__(self, slide, font: str = N.FONT) -> None:
        self.slide = slide
        self.font = font
        self.shapes: list[Handle] = []

    def add(self, handle: "Handle") -> "Handle":
        handle.id = len(self.shapes) + 2
        handle.font = self.font
        self.shapes.append(handle)
        return handle

    def flush(self) -> None:
        from pptx.oxml import parse_xml

        if not self.shapes:
            return
        for handle in self.shapes:
            if handle.jump is not None:  # a click shows that slide
                from pptx.opc.constants import RELATIONSHIP_TYPE as RT

                handle.link = self.slide.part.relate_to(handle.jump.part, RT.SLIDE)
        tree = parse_xml(f"<p:spTree {_NS}>" + "".join(h.xml() for h in self.shapes) + "</p:spTree>")
        target = self.slide.shapes._spTree
        for element in list(tree):
            target.append(element)
        self.shapes = []


class Handle:
    """A shape, text box or connector being drawn (see Canvas)."""

    def __init__(self, kind: str, preset: str, x: float, y: float, w: float, h: float, name: str) -> None:
        self.kind, self.preset, self.name = kind, preset, name
        self.x, self.y, self.w, self.h = x, y, w, h
        self.id = 0
        self.descr = ""  # alt text (a doc string)
        self.adj = ""
        self.fill = "<a:noFill/>"
        self.line = ""
        self.text = ""
        self.flip = ""
        self.ends = ""
        self.jump = None  # a slide to show on a click (python-pptx Slide)
        self.link = ""  # its relationship id, found when the slide is written
        self.geom = ""  # a freeform's custGeom (instead of the preset)
        self.font = N.FONT  # the deck's font (set when added to a Canvas)

    def xml(self) -> str:
        off = (
            f'<a:xfrm{self.flip}><a:off x="{emu(self.x)}" y="{emu(self.y)}"/>'
            f'<a:ext cx="{emu(self.w)}" cy="{emu(self.h)}"/></a:xfrm>'
        )
        off += self.geom or (f'<a:prstGeom prst="{self.preset}"><a:avLst>{self.adj}</a:avLst></a:prstGeom>')
        name = _attr(self.name) + (f'" descr="{_attr(self.descr)}' if self.descr else "")
        nv = f'<p:cNvPr id="{self.id}" name="{name}"'
        nv += f'><a:hlinkClick r:id="{self.link}" action="ppaction://hlinksldjump"/></p:cNvPr>' if self.link else "/>"
        if self.kind == "connector":
            return (
                f"<p:cxnSp><p:nvCxnSpPr>{nv}"
                f"<p:cNvCxnSpPr>{self.ends}</p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>"
                f"<p:spPr>{off}<a:noFill/>{self.line}</p:spPr></p:cxnSp>"
            )
        box = ' txBox="1"' if self.kind == "text" else ""
        body = self.text or ("<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr/></a:p></p:txBody>")
        return (
            f"<p:sp><p:nvSpPr>{nv}"
            f"<p:cNvSpPr{box}/><p:nvPr/></p:nvSpPr>"
            f"<p:spPr>{off}{self.fill}{self.line}</p:spPr>{body}</p:sp>"
        )


def blank_slide(deck) -> Canvas:
    canvas = Canvas(deck.slides.add_slide(deck.slide_layouts[6]), getattr(deck, "_prep_font", N.FONT))
    deck._prep_canvases.append(canvas)
    return canvas


def _attr(value: str) -> str:
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def shape(
    slide: Canvas,
    preset: str,
    x: float,
    y: float,
    w: float,
    h: float,
    name: str,
    fill: str | None = None,
    line: str | None = None,
    width: float = 1.0,
    dash: bool | str = False,
    double: bool = False,
) -> Handle:
    """An autoshape (`preset`: RECTANGLE, ROUNDED_RECTANGLE, HEXAGON, PENTAGON,
    FOLDED_CORNER, OVAL) with the given look; `fill` None for no fill, `line` None
    for no line."""
    sp = Handle("shape", PRESETS[preset], x, y, max(w, 0.5), max(h, 0.5), name)
    if preset == "ROUNDED_RECTANGLE":
        value = int(round(min(0.5, 6.0 / max(min(w, h), 1.0)) * 100000))
        sp.adj = f'<a:gd name="adj" fmla="val {value}"/>'
    if fill is not None:
        sp.fill = f'<a:solidFill><a:srgbClr val="{_hex(fill)}"/></a:solidFill>'
    set_line(sp, line, width, dash, double)
    return slide.add(sp)


def text_box(slide: Canvas, x: float, y: float, w: float, h: float, name: str) -> Handle:
    return slide.add(Handle("text", "rect", x, y, max(w, 0.5), max(h, 0.5), name))


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def set_line(
    sp: Handle,
    colour: str | None,
    width: float = 1.0,
    dash: bool | str = False,
    double: bool = False,
    head: bool = False,
    tail: bool = False,
) -> None:
    """The outline (a:ln): colour or none, width (points), dash (True: dashed, or a
    preset name such as "sysDot"), compound double line, arrowheads at the begin
    (`head`) and end (`tail`) of a connector."""
    if colour is None:
        body = "<a:noFill/>"
    else:
        body = f'<a:solidFill><a:srgbClr val="{_hex(colour)}"/></a:solidFill>'
        if dash:
            body += f'<a:prstDash val="{"dash" if dash is True else dash}"/>'
        body += "<a:round/>" if not double else '<a:miter lim="800000"/>'
        if head:
            body += '<a:headEnd type="triangle" w="med" len="med"/>'
        if tail:
            body += '<a:tailEnd type="triangle" w="med" len="med"/>'
    compound = ' cmpd="dbl"' if double else ""
    sp.line = f'<a:ln w="{emu(width)}"{compound}>{body}</a:ln>'


def connector(
    slide: Canvas, kind: str, begin: tuple[float, float], end: tuple[float, float], name: str, bend: float | None = None
) -> Handle:
    """A connector (`kind`: STRAIGHT or ELBOW) from `begin` to `end`; `bend`: where
    an elbow turns, as a fraction of the way from begin to end."""
    (bx, by), (ex, ey) = begin, end
    cx = Handle("connector", CONNECTORS[kind], min(bx, ex), min(by, ey), abs(ex - bx), abs(ey - by), name)
    flips = (' flipH="1"' if ex < bx else "") + (' flipV="1"' if ey < by else "")
    cx.flip = flips
    if bend is not None and kind == "ELBOW":
        value = int(round(min(max(bend, -20.0), 20.0) * 100000))
        cx.adj = f'<a:gd name="adj1" fmla="val {value}"/>'
    set_line(cx, "#333333")
    return slide.add(cx)


def freeform(slide: Canvas, points, name: str, curves: bool = True) -> Handle:
    """An open path through `points` (slide points): cubic Bézier segments (1 + 3k
    points: start, then control, control, end per segment) when `curves`, else
    straight segments. Drawn as the route is, not glued to shapes."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    x0, y0 = min(xs), min(ys)
    w, h = max(max(xs) - x0, 0.01), max(max(ys) - y0, 0.01)
    sp = Handle("freeform", "", x0, y0, w, h, name)

    def pt(x: float, y: float) -> str:
        return f'<a:pt x="{emu(x - x0)}" y="{emu(y - y0)}"/>'

    path = f"<a:moveTo>{pt(*points[0])}</a:moveTo>"
    if curves:
        for k in range(1, len(points) - 2, 3):
            path += "<a:cubicBezTo>" + "".join(pt(*p) for p in points[k : k + 3]) + "</a:cubicBezTo>"
    else:
        path += "".join(f"<a:lnTo>{pt(*p)}</a:lnTo>" for p in points[1:])
    sp.geom = (
        "<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
        '<a:rect l="0" t="0" r="r" b="b"/><a:pathLst>'
        f'<a:path w="{max(emu(w), 1)}" h="{max(emu(h), 1)}" fill="none">{path}</a:path>'
        "</a:pathLst></a:custGeom>"
    )
    set_line(sp, "#333333")
    return slide.add(sp)


def attach(cx: Handle, source: Handle, source_site: str, target: Handle, target_site: str) -> None:
    """Glue the connector's ends to connection sites of shapes (PowerPoint keeps them
    glued when a shape moves); it was drawn to those sites already."""
    cx.ends = (
        f'<a:stCxn id="{source.id}" idx="{_site(source, source_site)}"/>'
        f'<a:endCxn id="{target.id}" idx="{_site(target, target_site)}"/>'
    )


def _site(sp: Handle, side: str) -> int:
    return SITES.get(sp.preset, RECT_SITES)[side]


def put_text(
    sp: Handle,
    lines,
    scale: float,
    align: str = "center",
    anchor: str = "middle",
    pad: float = 2.0,
    wrap: bool = False,
    measured=None,
    measure=None,
) -> None:
    """Text lines (objects with text, size, role, bold) as paragraphs of the shape,
    sizes scaled, colours by role (prep.notation.COLOUR), in the notation's font with
    substitution hints (prep.slide_fonts); a `\\v` in a line is a line break inside its paragraph.

    The text fits: `measured` (the lines' width and height at the drawn sizes, by
    the drawing's text metrics) with SLACK to spare, else its sizes shrink until it
    does; `wrap` True lets the slide program wrap it (else the lines stay as drawn),
    and the body may shrink the text further (normAutofit) rather than overflow
    with a substitute font. The room is the preset's text rectangle (text_rect)
    less the insets; `measure` (scale -> measured), when given, measures the text
    again at the shrunk size, which small sizes need (they do not measure in
    proportion)."""
    side, top = emu(pad * scale), emu(pad * scale / 2)
    if measured is not None:
        scale *= _shrink(sp, measured, measure, scale, pad)
    body = (
        f'<a:bodyPr wrap="square" lIns="{side}" tIns="{top}" '
        f'rIns="{side}" bIns="{top}" rtlCol="0" anchor="{"ctr" if anchor == "middle" else "t"}">'
        "<a:normAutofit/></a:bodyPr><a:lstStyle/>"
    )
    algn = "ctr" if align == "center" else "l"
    paragraphs = []
    for line in lines:
        props = _run_props(line.size * scale, N.COLOUR.get(line.role, N.INK), line.bold, line.role == "doc", sp.font)
        parts = [f"<a:r>{props}<a:t>{_text(part)}</a:t></a:r>" for part in str(line.text).split("\v")]
        paragraphs.append(f'<a:p><a:pPr algn="{algn}"/>' + f"<a:br>{props}</a:br>".join(parts) + "</a:p>")
    if not paragraphs:
        paragraphs.append("<a:p><a:endParaRPr/></a:p>")
    sp.text = f"<p:txBody>{body}{''.join(paragraphs)}</p:txBody>"
    sp.fitted = scale


def _shrink(sp: Handle, measured, measure, scale: float, pad: float) -> float:
    """The factor (<= 1) that makes text `measured` fit the shape's text room."""
    il, it, ir, ib = text_rect(sp.preset, sp.w, sp.h, sp.adj)
    room_w, room_h = sp.w - il - ir - 2 * pad * scale, sp.h - it - ib - pad * scale
    factor = fit(measured, room_w, room_h)
    for _ in range(8):
        if factor >= 1.0 or measure is None:
            break
        w, h = measure(scale * factor)
        if w * SLACK <= room_w and h * SLACK <= room_h:
            break
        factor *= 0.95
    return factor


SLACK = 1.15  # a text's room over its measured size (>= 10 %, and the metrics of small sizes)


def fit(measured: tuple[float, float], room_w: float, room_h: float) -> float:
    """The factor (<= 1) by which text measured (w, h) at its drawn size must shrink
    to have SLACK to spare in room_w × room_h (a little more when it shrinks: small
    sizes do not measure in proportion)."""
    w, h = measured
    factor = 1.0
    if w > 0:
        factor = min(factor, room_w / (w * SLACK))
    if h > 0:
        factor = min(factor, room_h / (h * SLACK))
    return 1.0 if factor >= 1.0 else max(factor * 0.95, 0.3)


def _text(value: str) -> str:
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_props(size: float, colour: str, bold: bool, italic: bool, font: str = N.FONT) -> str:
    sz = int(round(max(1.0, round(size, 1)) * 100))
    slant = ' i="1"' if italic else ""
    return (
        f'<a:rPr lang="ja-JP" altLang="en-US" sz="{sz}" b="{int(bool(bold))}"{slant}'
        ' dirty="0">'
        f'<a:solidFill><a:srgbClr val="{_hex(colour)}"/></a:solidFill>'
        f"{F.faces(font)}</a:rPr>"
    )


def clean(value: str) -> str:
    """Text XML can hold: control characters (never in a model's names, but a doc
    string may carry one) shown as U+FFFD, line breaks as spaces."""
    out = []
    for ch in str(value):
        code = ord(ch)
        if ch in "\r\n\t":
            out.append(" ")
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def look(attrs: dict) -> dict:
    """Graphviz attributes of prep.notation -> fill, line, width, dash, double: how a
    slide shape shows a kind (render, kpi and diff decks alike)."""
    style = attrs.get("style", "")
    return {
        "fill": attrs.get("fillcolor") if "filled" in style else None,
        "line": attrs.get("color", N.NODE["color"]),
        "width": float(attrs.get("penwidth", N.NODE["penwidth"])),
        "dash": "sysDot" if "dotted" in style else "dashed" in style,
        "double": attrs.get("peripheries") == "2",
    }
