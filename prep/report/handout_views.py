"""The pictures of a handout (prep.report.handout): a process drawing as `prep
render` draws it, cut into page-wide pieces at subprocess band edges (else gaps
between columns, as the slides are cut) when one page would print its product
names under NAME_PT; a KPI tree (or the AsIs/ToBe comparison) as `prep kpi`
draws it, per process and per tree when all of them together would be too small;
the diff picture as `prep diff` draws it. Each on a landscape or a portrait page
(prep.report.handout_fit). Inline SVG text, its XML prolog and comments removed;
the pieces are the same drawing seen through a narrower viewBox."""

from __future__ import annotations

import re
from typing import NamedTuple

from prep import notation as N
from prep.report.handout_fit import NAME_PT, fit


class View(NamedTuple):
    """One picture of the handout: its caption's tail, its SVG, its page
    (landscape or portrait) and the size its product names print at, at least."""

    caption: str
    svg: str
    page: str
    name_pt: float


__all__ = ["NAME_PT", "View"]

_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _svg(data: bytes) -> str:
    """The SVG text without its XML prolog (comments kept: they mark the elements)."""
    return _PROLOG.sub("", data.decode("utf-8"), count=1)


_XS = re.compile(r'\s(?:points|d)="([^"]*)"|\sx="(-?[\d.]+)"')
_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)|(-?[\d.]+)")


def _span(chunk: str) -> tuple[float, float] | None:
    """The x range an element's shapes and texts cover, or None (nothing drawn)."""
    xs = []
    for attr, x in _XS.findall(chunk):
        if x:
            xs.append(float(x))
            continue
        for a, _b, single in _PAIR.findall(attr.replace("M", " ").replace("C", " ")):
            xs.append(float(a) if a else float(single))
            if not a:
                break  # a path's numbers without commas: skip
    return (min(xs), max(xs)) if xs else None


def _within(svg: str, x0: float, x1: float) -> str:
    """The SVG without the elements (Graphviz marks each with a comment) that lie
    wholly outside [x0, x1]: a piece draws only what it shows."""
    parts = re.split(r"(<!--.*?-->)", svg, flags=re.S)
    out = [parts[0]]
    for k in range(1, len(parts) - 1, 2):
        chunk = parts[k + 1]
        span = _span(chunk)
        last = k + 2 >= len(parts)
        if last or span is None or (span[1] >= x0 - 2 and span[0] <= x1 + 2):
            out.append(chunk)
        else:
            tail = chunk.rfind("</svg>")
            if tail >= 0:
                out.append(chunk[tail:])
    return "".join(out)


def _deadline(deadline):
    from prep.layout import Deadline

    return deadline or Deadline(60.0)


def _draw(graphs, code: str, deadline, marks=None, legend: bool = True):
    """(layout, svg text) of `graphs` in prep's swimlanes."""
    from prep.layout import LayoutError, layout
    from prep.render.lanes import source_and_titles, svg_titles
    from prep.render.run import RenderError, run_dot

    deadline = _deadline(deadline)
    try:
        positions = layout(graphs, lang=code, legend=legend, deadline=deadline, marks=marks)
        source, titles = source_and_titles(positions)
        left = deadline.left()
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    data = run_dot(source, "svg", left, pinned=True, stated=deadline.seconds)
    return positions, _svg(svg_titles(data, titles))


def pieces(process, widest: float) -> list[tuple[float, float]]:
    """x ranges of the process, each at most `widest` wide where a cut allows, cut at
    subprocess band edges in preference (else where no product, note or label is)."""
    from prep.render.pptx_views import band_edges, cut_places

    frame = process.frame
    cuts, bands = cut_places(process), band_edges(process)
    out, start = [], frame.x
    while frame.right - start > widest:
        fitting = [c for c in cuts if start + 20 < c <= start + widest]
        banded = [c for c in fitting if c in bands and c - start >= widest / 2]
        if not fitting:
            break
        cut = (banded or fitting)[-1]
        out.append((start, cut))
        start = cut
    out.append((start, frame.right))
    return out


def headers(svg: str) -> tuple[str, float]:
    """The lane header cells of the drawing (their elements), and their left edge."""
    parts = re.split(r"(<!--.*?-->)", svg, flags=re.S)
    cells = [
        parts[k + 1] for k in range(1, len(parts) - 1, 2) if re.search(r'class="node lane(-|&#45;)header', parts[k + 1])
    ]
    cells = [c[: c.rfind("</svg>")] if "</svg>" in c else c for c in cells]
    spans = [_span(c) for c in cells]
    left = min((sp[0] for sp in spans if sp), default=0.0)
    return "".join(cells), left


def crop(
    svg: str, x0: float, x1: float, height: float, scale: float, ident: str, header: str = "", header_x: float = 0.0
) -> str:
    """The drawing seen through the x range [x0, x1] (its full height), clipped to it,
    printed at `scale`; `ident` names its clip path (unique in the document). A
    `header` (lane header cells at `header_x`) is repeated at the left edge."""
    w = x1 - x0
    svg = _COMMENT.sub("", _within(svg, x0, x1) if x0 > 0 or x1 < _width(svg) else svg)
    if header:
        graph = re.search(r'<g id="graph0"[^>]*>', svg)
        shift = re.search(r"translate\((-?[\d.]+) (-?[\d.]+)\)", graph.group(0)) if graph else None
        dy = shift.group(2) if shift else "0"
        repeat = f'<g transform="translate({x0 - header_x:.2f} {dy})">{_COMMENT.sub("", header)}</g>'
        end = svg.rfind("</svg>")
        svg = svg[:end] + repeat + svg[end:]
    root = _ROOT.search(svg)
    if root is None:
        return svg
    tag = root.group(0)
    tag = re.sub(r'\swidth="[^"]*"', f' width="{w * scale:.2f}pt"', tag, count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{height * scale:.2f}pt"', tag, count=1)
    tag = re.sub(r'\sviewBox="[^"]*"', f' viewBox="0 0 {w:.2f} {height:.2f}"', tag, count=1)
    head = (
        f'{tag}<defs><clipPath id="{ident}"><rect x="0" y="0" width="{w:.2f}" '
        f'height="{height:.2f}"/></clipPath></defs><g clip-path="url(#{ident})">'
        f'<g transform="translate({-x0:.2f} 0)">'
    )
    end = svg.rfind("</svg>")
    return head + svg[root.end() : end] + "</g></g></svg>"


def _width(svg: str) -> float:
    size = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg)
    return float(size.group(1)) if size else 0.0


def views(positions, svg: str, rooms: dict, ident: str) -> list[View]:
    """The whole drawing, or its pieces `(1/3)` when one page would print product
    names under NAME_PT; each sized to fit its page's room."""
    width, height = positions.width, positions.height
    where = fit(width, height, rooms, len(positions.processes) == 1)
    room_w, room_h = rooms[where.page]
    tall = min(room_h / max(height, 1.0), 1.0)
    ranges = [(0.0, width)]
    room_header = max((lane.header.w for p in positions.processes for lane in p.lanes), default=0.0) + 4.0
    if where.split:
        ranges = pieces(positions.processes[0], room_w / where.scale - room_header)
        ranges[0] = (0.0, ranges[0][1])
        ranges[-1] = (ranges[-1][0], width)
    cells, left = headers(svg) if len(ranges) > 1 else ("", 0.0)
    out = []
    for n, (a, b) in enumerate(ranges, 1):
        a = a - room_header if n > 1 else a  # room for the repeated lane headers
        scale = min(room_w / max(b - a, 1.0), tall)
        caption = f" ({n}/{len(ranges)})" if len(ranges) > 1 else ""
        piece = crop(svg, a, b, height, scale, f"{ident}-{n}", cells if n > 1 else "", left)
        out.append(View(caption, piece, where.page, scale * N.SIZE["name"]))
    return out


def drawing_views(graphs, code: str, rooms: dict, ident: str, deadline=None, legend: bool = True) -> list[View]:
    positions, svg = _draw(graphs, code, deadline, legend=legend)
    return views(positions, svg, rooms, ident)


def diff_views(before, after, code: str, rooms: dict, ident: str, deadline=None) -> list[View]:
    """The diff picture of two files' processes, one process after another."""
    from prep.diff.draw import union_graphs
    from prep.diff.changes import diff

    graphs, marks = union_graphs(diff(before, after))
    out = []
    for n, (pg, mark) in enumerate(zip(graphs, marks)):
        positions, svg = _draw([pg], code, deadline, [mark], legend=n == 0)
        out += [v._replace(caption=f": {pg.name}{v.caption}") for v in views(positions, svg, rooms, f"{ident}-{n}")]
    return out
