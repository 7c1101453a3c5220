"""The pictures of a handout (prep.report.handout): a process drawing as `prep
render` draws it, cut into page-wide pieces at subprocess band edges (else gaps
between columns, as the slides are cut) when one page would print its product
names under NAME_PT; a KPI tree (or the AsIs/ToBe comparison) as `prep kpi`
draws it; the diff picture as `prep diff` draws it. Inline SVG text, its XML
prolog and comments removed; the pieces are the same drawing seen through a
narrower viewBox."""

from __future__ import annotations

import re

from prep import notation as N

_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _svg(data: bytes) -> str:
    text = data.decode("utf-8")
    return _COMMENT.sub("", _PROLOG.sub("", text, count=1))


def _deadline(deadline):
    from prep.layout import Deadline

    return deadline or Deadline(60.0)


def _draw(graphs, code: str, deadline, marks=None):
    """(layout, svg text) of `graphs` in prep's swimlanes."""
    from prep.layout import LayoutError, layout
    from prep.render.lanes import source_and_titles, svg_titles
    from prep.render.run import RenderError, run_dot

    deadline = _deadline(deadline)
    try:
        positions = layout(graphs, lang=code, deadline=deadline, marks=marks)
        source, titles = source_and_titles(positions)
        left = deadline.left()
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    data = run_dot(source, "svg", left, pinned=True, stated=deadline.seconds)
    return positions, _svg(svg_titles(data, titles))


def pieces(process, widest: float) -> list[tuple[float, float]]:
    """x ranges of the process, each at most `widest` wide where a cut allows, cut at
    subprocess band edges in preference (else where no product, note or label is)."""
    from prep.render.pptx import _band_edges, _cuts

    frame = process.frame
    cuts, bands = _cuts(process), _band_edges(process)
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


def crop(svg: str, x0: float, x1: float, height: float, scale: float, ident: str) -> str:
    """The drawing seen through the x range [x0, x1] (its full height), clipped to it,
    printed at `scale`; `ident` names its clip path (unique in the document)."""
    w = x1 - x0
    root = _ROOT.search(svg)
    if root is None:
        return svg
    tag = root.group(0)
    tag = re.sub(r'\swidth="[^"]*"', f' width="{w * scale:.2f}pt"', tag, count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{height * scale:.2f}pt"', tag, count=1)
    tag = re.sub(r'\sviewBox="[^"]*"', f' viewBox="0 0 {w:.2f} {height:.2f}"', tag, count=1)
    head = (f'{tag}<defs><clipPath id="{ident}"><rect x="0" y="0" width="{w:.2f}" '
            f'height="{height:.2f}"/></clipPath></defs><g clip-path="url(#{ident})">'
            f'<g transform="translate({-x0:.2f} 0)">')
    end = svg.rfind("</svg>")
    return head + svg[root.end():end] + "</g></g></svg>"


def views(positions, svg: str, room: tuple[float, float], ident: str) -> list[tuple[str, str]]:
    """[(caption, svg)]: the whole drawing, or its pieces `(1/3)` when one page would
    print product names under NAME_PT; each sized to fit the page's room."""
    from prep.report.handout import NAME_PT

    room_w, room_h = room
    least = NAME_PT / N.SIZE["name"]
    width, height = positions.width, positions.height
    tall = min(room_h / max(height, 1.0), 1.0)
    ranges = [(0.0, width)]
    if width * min(least, tall) > room_w and len(positions.processes) == 1:
        widest = room_w / min(least, tall)
        ranges = pieces(positions.processes[0], widest)
        ranges[0] = (0.0, ranges[0][1])
        ranges[-1] = (ranges[-1][0], width)
    out = []
    for n, (a, b) in enumerate(ranges, 1):
        scale = min(room_w / max(b - a, 1.0), tall)
        caption = f" ({n}/{len(ranges)})" if len(ranges) > 1 else ""
        out.append((caption, crop(svg, a, b, height, scale, f"{ident}-{n}")))
    return out


def drawing_views(graphs, code: str, room, ident: str, deadline=None) -> list[tuple[str, str]]:
    positions, svg = _draw(graphs, code, deadline)
    return views(positions, svg, room, ident)


def diff_views(before, after, code: str, room, ident: str,
               deadline=None) -> list[tuple[str, str]]:
    """The diff picture of two files' processes, one process after another."""
    from prep.diff.draw import union_graphs
    from prep.diff.model import diff

    graphs, marks = union_graphs(diff(before, after))
    out = []
    for n, (pg, mark) in enumerate(zip(graphs, marks)):
        positions, svg = _draw([pg], code, deadline, [mark])
        out += [(f": {pg.name}{caption}", piece)
                for caption, piece in views(positions, svg, room, f"{ident}-{n}")]
    return out


def kpi_view(graphs, code: str, room, deadline=None, tobe=None) -> str:
    """The KPI tree(s) of `graphs`, or with `tobe` the AsIs/ToBe comparison."""
    from prep.kpi.tree import derive_all
    from prep.render.kpitree import to_dot
    from prep.render.run import run_dot

    trees = derive_all(graphs)
    if tobe is not None:
        from prep.kpi.compare import compare

        trees, _ = compare(trees, derive_all(tobe))
    words = N.WORDS[code]
    left = _deadline(deadline).left()
    svg = _svg(run_dot(to_dot(trees, words, True), "svg", left))
    return _fitted(svg, room)


def _fitted(svg: str, room) -> str:
    """The picture's size attributes scaled down to the page's room."""
    root = _ROOT.search(svg)
    size = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', root.group(0)) if root else None
    if size is None:
        return svg
    w, h = float(size.group(1)), float(size.group(2))
    scale = min(room[0] / max(w, 1.0), room[1] / max(h, 1.0), 1.0)
    tag = re.sub(r'\swidth="[^"]*"', f' width="{w * scale:.2f}pt"', root.group(0), count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{h * scale:.2f}pt"', tag, count=1)
    return svg[:root.start()] + tag + svg[root.end():]
