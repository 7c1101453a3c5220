"""Drawing process graphs: Graphviz dot source in PReP notation (dot.py, style.py,
labels.py), Mermaid flowcharts (mermaid.py) and running `dot` with a time limit
(run.py). The CLI checks the model first and writes the result atomically."""

from __future__ import annotations

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "html")
TEXT_FORMATS = ("svg", "dot", "mermaid", "html")
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
            ".mmd": "mermaid", ".mermaid": "mermaid", ".html": "html", ".htm": "html"}
EXTENSION = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd",
             "html": ".html"}


def render(graphs, fmt: str, legend: bool = True, timeout: float = 60.0,
           lang: str = "auto", marks=None) -> bytes:
    """The drawing of `graphs` in `fmt`, as bytes; the drawing's own words (legend,
    banners) in `lang`: ja, en, or auto (as the model's names). `marks` (one
    dict of render.marks per graph) decorate what changed, for `prep diff`. Raises
    run.RenderError."""
    if fmt == "mermaid":
        from prep.render.mermaid import to_mermaid

        return to_mermaid(graphs, lang, marks).encode("utf-8")
    from prep.render.dot import to_dot

    source = to_dot(graphs, legend=legend, lang=lang, marks=marks)
    if fmt == "dot":
        return source.encode("utf-8")
    from prep.render.run import run_dot

    return run_dot(source, fmt, timeout)


__all__ = ["EXTENSION", "FORMATS", "SUFFIXES", "TEXT_FORMATS", "render"]
