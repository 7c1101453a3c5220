"""Drawing process graphs: Graphviz dot source in PReP notation (dot.py, style.py,
labels.py), Mermaid flowcharts (mermaid.py) and running `dot` with a time limit
(run.py); editable exports of prep's layout: PowerPoint (pptx.py, pptx_edges.py)
and draw.io (drawio.py, drawio_legend.py). The CLI checks the model first and
writes the result atomically."""

from __future__ import annotations

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "html", "pptx", "drawio")
TEXT_FORMATS = ("svg", "dot", "mermaid", "html", "drawio")
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
            ".mmd": "mermaid", ".mermaid": "mermaid", ".html": "html", ".htm": "html",
            ".pptx": "pptx", ".drawio": "drawio"}
EXTENSION = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd",
             "html": ".html", "pptx": ".pptx", "drawio": ".drawio"}
# Formats written from prep's own layout, whatever --layout says.
EXPORT_FORMATS = ("pptx", "drawio")


LAYOUTS = ("lanes", "dot")


def render(graphs, fmt: str, legend: bool = True, timeout: float = 60.0,
           lang: str = "auto", layout: str = "lanes", deadline=None, marks=None) -> bytes:
    """The drawing of `graphs` in `fmt`, as bytes; the drawing's own words (legend,
    banners) in `lang`: ja, en, or auto (as the model's names). `layout`: "lanes"
    (prep's swimlanes, docs/notation.md) or "dot" (Graphviz clusters, as in 0.1.0).
    `deadline` (prep.layout.Deadline) bounds the whole drawing, else `timeout`.
    `marks` (one dict of render.marks per graph, from prep diff) decorate what changed
    (badges measured with the labels, colours and ghosting; docs/kpi.md, "prep diff").
    Raises run.RenderError."""
    if fmt == "mermaid":
        from prep.render.mermaid import to_mermaid

        return to_mermaid(graphs, lang, marks).encode("utf-8")
    if fmt in EXPORT_FORMATS:
        return export(graphs, fmt, legend, timeout, lang, deadline)
    if layout == "lanes":
        return _lanes(graphs, fmt, legend, timeout, lang, deadline, marks)
    from prep.render.dot import to_dot

    source = to_dot(graphs, legend=legend, lang=lang, marks=marks)
    if fmt == "dot":
        return source.encode("utf-8")
    from prep.layout.measure import LayoutError
    from prep.render.run import RenderError, run_dot

    try:
        left = deadline.left() if deadline is not None else timeout
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    return run_dot(source, fmt, left, stated=deadline.seconds if deadline else None)


def render_kpi(trees, graphs, fmt: str, lang: str = "auto", legend: bool = True,
               timeout: float = 60.0) -> bytes:
    """The picture of KPI trees (prep.kpi) in `fmt` (svg, png, pdf, dot, mermaid), the
    drawing's words as the models `graphs` (`lang`: ja, en or auto): the one entry for
    `prep kpi`, `prep serve`, the Python API and the docs integrations. Raises
    run.RenderError (and prep.layout.measure.LayoutError while measuring)."""
    from prep.notation import words_for
    from prep.render.kpitree import draw, to_dot, to_mermaid

    words = words_for(graphs, lang)
    if fmt == "mermaid":
        return to_mermaid(trees, words).encode("utf-8")
    if fmt == "dot":
        return to_dot(trees, words, legend).encode("utf-8")
    return draw(trees, words, fmt, legend, timeout)


def _lanes(graphs, fmt, legend, timeout, lang, deadline, marks=None) -> bytes:
    from prep.layout import Deadline, LayoutError, layout
    from prep.render.lanes import source_and_titles, svg_titles
    from prep.render.run import RenderError, run_dot

    deadline = deadline or Deadline(timeout)
    if fmt == "pdf" and len(graphs) > 1:        # each process on its own page
        from prep.notation import language_of
        from prep.render.pdf import join

        lang = language_of(graphs, lang)          # one language for every page
        return join([_lanes([pg], fmt, legend, timeout, lang, deadline,
                            [marks[n]] if marks else None) for n, pg in enumerate(graphs)])
    try:
        positions = layout(graphs, lang=lang, legend=legend, deadline=deadline, marks=marks)
        source, titles = source_and_titles(positions)
        if fmt == "dot":
            return source.encode("utf-8")
        left = deadline.left()
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    data = run_dot(source, fmt, left, pinned=True, stated=deadline.seconds)
    return svg_titles(data, titles) if fmt == "svg" else data


def export(graphs, fmt: str, legend: bool = True, timeout: float = 60.0,
           lang: str = "auto", deadline=None, marks: dict | None = None) -> bytes:
    """The editable export (pptx or drawio) of prep's swimlane layout of `graphs`;
    `marks` (pptx only, for prep diff) decorate elements by title."""
    from prep.layout import Deadline, LayoutError, layout
    from prep.render.run import RenderError

    deadline = deadline or Deadline(timeout)
    try:
        positions = layout(graphs, lang=lang, legend=legend, deadline=deadline)
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    if fmt == "drawio":
        from prep.render.drawio import to_drawio

        return to_drawio(positions)
    from prep.render.pptx import to_pptx

    return to_pptx(positions, marks)


__all__ = ["EXPORT_FORMATS", "EXTENSION", "FORMATS", "LAYOUTS", "SUFFIXES", "TEXT_FORMATS", "export", "render"]
