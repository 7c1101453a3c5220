"""PowerPoint plumbing shared by every slide deck prep writes (`prep render`, `prep
kpi`, `prep diff` with `-o x.pptx`): a 16:9 deck, native shapes with explicit fill
and line (no theme style), text in the notation's font named as latin, east-asian
and complex-script font (so a slide program without it substitutes per script),
connectors, and deterministic bytes (fixed core properties and zip entries).

It sits beside prep.notation (below render, kpi and diff) so each of them may use
it. python-pptx and lxml are imported inside functions: `prep --help` stays fast.
Coordinates here are points; python-pptx wants EMU (12,700 per point)."""

from __future__ import annotations

import io
import os
import time
import zipfile

from prep import notation as N

SLIDE_W, SLIDE_H = 960.0, 540.0        # points: 13.333 × 7.5 in, 16:9
MARGIN = 12.0
EMU = 12700

# Connection sites of the preset shapes prep uses (ECMA-376 presetShapeDefinitions):
# index of the site at the top, left, bottom and right of the shape.
SITES = {
    "hexagon": {"top": 5, "left": 3, "bottom": 2, "right": 0},
    "ellipse": {"top": 0, "left": 2, "bottom": 4, "right": 6},
}
RECT_SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}


def emu(points: float) -> int:
    return int(round(points * EMU))


def new_deck():
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    deck.slide_width = Emu(emu(SLIDE_W))
    deck.slide_height = Emu(emu(SLIDE_H))
    return deck


def blank_slide(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _plain(element) -> None:
    """Drop the theme style python-pptx gives new shapes (blue fill, theme line and
    font colour): prep sets fill, line and text colour itself."""
    from pptx.oxml.ns import qn

    style = element.find(qn("p:style"))
    if style is not None:
        element.remove(style)


def shape(slide, preset: str, x: float, y: float, w: float, h: float, name: str,
          fill: str | None = None, line: str | None = None, width: float = 1.0,
          dash: bool | str = False, double: bool = False):
    """An autoshape (`preset`: an MSO_SHAPE member name) with the given look; `fill`
    None for no fill, `line` None for no line."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    sp = slide.shapes.add_shape(getattr(MSO_SHAPE, preset), Emu(emu(x)), Emu(emu(y)),
                                Emu(emu(max(w, 0.5))), Emu(emu(max(h, 0.5))))
    _plain(sp._element)
    sp.name = name
    if preset == "ROUNDED_RECTANGLE":
        sp.adjustments[0] = min(0.5, 6.0 / max(min(w, h), 1.0))
    if fill is None:
        sp.fill.background()
    else:
        sp.fill.solid()
        sp.fill.fore_color.rgb = _rgb(fill)
    set_line(sp, line, width, dash, double)
    return sp


def text_box(slide, x: float, y: float, w: float, h: float, name: str):
    from pptx.util import Emu

    tb = slide.shapes.add_textbox(Emu(emu(x)), Emu(emu(y)), Emu(emu(max(w, 0.5))),
                                  Emu(emu(max(h, 0.5))))
    tb.name = name
    return tb


def set_line(sp, colour: str | None, width: float = 1.0, dash: bool | str = False,
             double: bool = False, head: bool = False, tail: bool = False) -> None:
    """The shape's outline (a:ln) written whole: colour or none, width (points),
    dash (True: dashed, or a preset name such as "sysDot"), compound double line,
    arrowheads at the begin (`head`) and end (`tail`) of a connector."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn

    spPr = sp._element.spPr
    old = spPr.find(qn("a:ln"))
    if old is not None:
        spPr.remove(old)
    if colour is None:
        body = "<a:noFill/>"
    else:
        body = f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill>'
        if dash:
            body += f'<a:prstDash val="{"dash" if dash is True else dash}"/>'
        body += "<a:round/>" if not double else "<a:miter lim=\"800000\"/>"
        if head:
            body += '<a:headEnd type="triangle" w="med" len="med"/>'
        if tail:
            body += '<a:tailEnd type="triangle" w="med" len="med"/>'
    compound = ' cmpd="dbl"' if double else ""
    ln = parse_xml(f'<a:ln {nsdecls("a")} w="{emu(width)}"{compound}>{body}</a:ln>')
    effects = spPr.find(qn("a:effectLst"))
    if effects is not None:
        effects.addprevious(ln)
    else:
        spPr.append(ln)


def connector(slide, kind: str, begin: tuple[float, float], end: tuple[float, float],
              name: str, bend: float | None = None):
    """A connector (`kind`: STRAIGHT, ELBOW or CURVE) from `begin` to `end`; `bend`:
    where an elbow turns, as a fraction of the way from begin to end."""
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn
    from pptx.util import Emu

    cx = slide.shapes.add_connector(getattr(MSO_CONNECTOR, kind), Emu(emu(begin[0])),
                                    Emu(emu(begin[1])), Emu(emu(end[0])), Emu(emu(end[1])))
    _plain(cx._element)
    cx.name = name
    if bend is not None and kind == "ELBOW":
        geom = cx._element.spPr.find(qn("a:prstGeom"))
        av = geom.find(qn("a:avLst"))
        if av is not None:
            geom.remove(av)
        value = int(round(min(max(bend, -20.0), 20.0) * 100000))
        geom.append(parse_xml(f'<a:avLst {nsdecls("a")}><a:gd name="adj1" '
                              f'fmla="val {value}"/></a:avLst>'))
    return cx


def attach(cx, source, source_site: str, target, target_site: str) -> None:
    """Glue the connector's ends to connection sites of shapes (PowerPoint keeps them
    glued when a shape moves). The connector was drawn to those sites already
    (python-pptx's begin_connect would move the ends to where it thinks the site of
    a rectangle is, which is wrong for an ellipse's or a hexagon's numbering)."""
    cx._connect_begin_to(source, _site(source, source_site))
    cx._connect_end_to(target, _site(target, target_site))


def _site(sp, side: str) -> int:
    from pptx.oxml.ns import qn

    geom = sp._element.spPr.find(qn("a:prstGeom"))
    preset = geom.get("prst") if geom is not None else "rect"
    return SITES.get(preset, RECT_SITES)[side]


def put_text(sp, lines, scale: float, align: str = "center", anchor: str = "middle",
             pad: float = 2.0, wrap: bool = False) -> None:
    """Text lines (objects with text, size, role, bold) as paragraphs of the shape,
    sizes scaled, colours by role (prep.notation.COLOUR), the notation's font; a
    `\v` in a line is a line break inside its paragraph."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Emu

    tf = sp.text_frame
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE
    margin = Emu(emu(pad * scale))
    tf.margin_left = tf.margin_right = margin
    tf.margin_top = tf.margin_bottom = Emu(emu(pad * scale / 2))
    tf.vertical_anchor = {"middle": MSO_ANCHOR.MIDDLE, "top": MSO_ANCHOR.TOP}[anchor]
    for i, line in enumerate(lines):
        paragraph = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        paragraph.alignment = {"center": PP_ALIGN.CENTER, "left": PP_ALIGN.LEFT}[align]
        for n, part in enumerate(str(line.text).split("\v")):
            if n:
                paragraph.add_line_break()
            run = paragraph.add_run()
            run.text = clean(part)
            style_run(run, line.size * scale, N.COLOUR.get(line.role, N.INK), line.bold,
                      line.role == "doc")


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


def style_run(run, size: float, colour: str, bold: bool = False,
              italic: bool = False) -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn
    from pptx.util import Pt

    font = run.font
    font.size = Pt(max(1.0, round(size, 1)))
    font.bold = bool(bold)
    if italic:
        font.italic = True
    font.color.rgb = _rgb(colour)
    font.name = N.FONT
    latin = run._r.get_or_add_rPr().find(qn("a:latin"))
    for tag in ("cs", "ea"):
        latin.addnext(parse_xml(f'<a:{tag} {nsdecls("a")} typeface="{N.FONT}"/>'))


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


# -- deterministic bytes -----------------------------------------------------------------

def fixed_time() -> tuple[int, ...]:
    """SOURCE_DATE_EPOCH (as for PDF), else 1980-01-01 (the zip format's first day)."""
    try:
        seconds = int(os.environ.get("SOURCE_DATE_EPOCH", ""))
        stamp = time.gmtime(max(seconds, 315532800))
    except (ValueError, OverflowError, OSError):
        stamp = time.gmtime(315532800)
    if stamp.tm_year > 2107:
        stamp = time.gmtime(315532800)
    return tuple(stamp[:6])


def save(deck, title: str = "") -> bytes:
    """The deck as bytes: the same deck gives the same bytes (fixed core properties,
    zip entries in python-pptx's order with one fixed timestamp)."""
    import datetime

    when = datetime.datetime(*fixed_time())
    core = deck.core_properties
    core.author = core.last_modified_by = "prep"
    core.title = clean(title)[:255]
    core.created = core.modified = when
    core.last_printed = when
    core.revision = 1
    core.subject = core.keywords = core.comments = core.category = ""
    raw = io.BytesIO()
    deck.save(raw)
    out = io.BytesIO()
    stamp = fixed_time()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
