"""Drawing process graphs and KPI trees: prep's swimlanes as pinned Graphviz
(lanes.py, pinned.py), the 0.1.0 cluster layout (dot.py, `--layout dot`), Mermaid
flowcharts (mermaid.py), KPI tree pictures (kpitree.py, kpimermaid.py; `render_kpi`),
running `dot` with a time limit (run.py); editable exports of prep's layout:
PowerPoint (pptx.py, pptx_edges.py, pptx_views.py) and draw.io (drawio.py,
drawio_legend.py, drawio_look.py). The CLI checks the model first and writes the
result atomically."""

from __future__ import annotations

from prep.formats import SUFFIX_OF, suffixes, text_formats

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "html", "pptx", "drawio")
SUFFIXES = suffixes(FORMATS)
TEXT_FORMATS = text_formats(FORMATS)
EXTENSION = {fmt: SUFFIX_OF[fmt] for fmt in FORMATS}
# Formats written from prep's own layout, whatever --layout says.
EXPORT_FORMATS = ("pptx", "drawio")


LAYOUTS = ("lanes", "dot")


def render(
    graphs,
    fmt: str,
    legend: bool = True,
    timeout: float = 60.0,
    lang: str = "auto",
    layout: str = "lanes",
    deadline=None,
    marks=None,
    like=None,
    hints: list | None = None,
) -> bytes:
    """The drawing of `graphs` in `fmt`, as bytes; the drawing's own words (legend,
    banners) in `lang`: ja, en, or auto (as the model's names). `layout`: "lanes"
    (prep's swimlanes, docs/notation.md) or "dot" (Graphviz clusters, as in 0.1.0).
    `deadline` (prep.layout.Deadline) bounds the whole drawing, else `timeout`.
    `marks` (one dict of render.diff_look per graph, from prep diff) decorate what changed
    (badges measured with the labels, colours and ghosting; docs/kpi.md, "prep diff").
    `like` (swimlanes only): the graphs of another model, or a prep.layout.hint.Hint
    (another drawing): the products shared with it keep its order (`--like`); the
    drawing's own Hint is appended to `hints` when given (prep serve keeps it for
    the next drawing). Raises run.RenderError."""
    if fmt == "mermaid":
        from prep.render.mermaid import to_mermaid

        return to_mermaid(graphs, lang, marks).encode("utf-8")
    if fmt in EXPORT_FORMATS:
        return export(graphs, fmt, legend, timeout, lang, deadline, marks, like=like)
    if layout == "lanes":
        return _lanes(graphs, fmt, legend, timeout, lang, deadline, marks, like, hints)
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


def render_kpi(trees, graphs, fmt: str, lang: str = "auto", legend: bool = True, timeout: float = 60.0) -> bytes:
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


def _lanes(graphs, fmt, legend, timeout, lang, deadline, marks=None, like=None, hints=None) -> bytes:
    from prep.layout import Deadline, LayoutError, layout, like_hint
    from prep.layout.hint import Hint, hint_of
    from prep.render.lanes import source_and_titles, svg_titles
    from prep.render.run import RenderError, run_dot

    deadline = deadline or Deadline(timeout)
    if fmt == "pdf" and len(graphs) > 1:  # each process on its own page
        from prep.notation import language_of
        from prep.render.pdf import join

        lang = language_of(graphs, lang)  # one language for every page
        try:
            like = like_hint(like, lang, deadline=deadline) if like is not None and not isinstance(like, Hint) else like
        except LayoutError as error:
            raise RenderError(error.message, error.hint) from None
        return join(
            [
                _lanes([pg], fmt, legend, timeout, lang, deadline, [marks[n]] if marks else None, like)
                for n, pg in enumerate(graphs)
            ]
        )
    try:
        positions = layout(graphs, lang=lang, legend=legend, deadline=deadline, marks=marks, like=like)
        if hints is not None:
            hints.append(hint_of(positions))
        source, titles = source_and_titles(positions)
        if fmt == "dot":
            return source.encode("utf-8")
        left = deadline.left()
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    data = run_dot(source, fmt, left, pinned=True, stated=deadline.seconds)
    return svg_titles(data, titles) if fmt == "svg" else data


def export(graphs, fmt, legend=True, timeout=60.0, lang="auto", deadline=None, marks=None, like=None) -> bytes:
    """The editable export (pptx or drawio) of prep's swimlane layout of `graphs`;
    `marks` (one dict per graph, from prep diff) badge and ghost what changed, in
    the layout's lines, as the SVG shows them (docs/language.md, "prep diff"); the
    other parameters as in render."""
    from prep.layout import Deadline, LayoutError, layout
    from prep.render.run import RenderError

    deadline = deadline or Deadline(timeout)
    try:  # slides split a wide process into columns: no narrower lines (docs/notation.md)
        narrow = fmt != "pptx"
        positions = layout(graphs, lang=lang, legend=legend, deadline=deadline, marks=marks, like=like, narrow=narrow)
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None
    if fmt == "drawio":
        from prep.render.drawio import to_drawio

        return to_drawio(positions)
    from prep.render.pptx import to_pptx

    return to_pptx(positions)


__all__ = ["EXPORT_FORMATS", "EXTENSION", "FORMATS", "LAYOUTS", "SUFFIXES", "TEXT_FORMATS", "export", "render"]
