"""`prep render`: draw a model in PReP notation (svg, png, pdf, dot, mermaid), the
workshop view as one offline page (html), or shapes to edit (pptx, drawio)."""

from __future__ import annotations

import unicodedata
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import Lang, choices, fail
from prep.cli.common import format_option, lang_option, no_legend_option, optional_option, output_option
from prep.render import FORMATS as RENDER_FORMATS
from prep.cli.inputs import (
    busy,
    checked_graphs,
    emit,
    output_format,
    refuse_binary_on_terminal,
    require_model_file,
    time_limit,
    slide_font_option,
    timeout_option,
)
from prep.i18n import N_, _, _n


Format = choices("Format", RENDER_FORMATS)


class LayoutKind(str, Enum):
    lanes = "lanes"
    dot = "dot"


@app.command(name="render")
def render_command(
    file: Path = typer.Argument(..., readable=False, help="The .prep model to draw.", show_default=False),
    output: Optional[str] = output_option(
        ".svg .png .pdf .dot .gv .mmd .html .pptx .drawio",
        "the model's name with the format's suffix, next to the model",
    ),
    format: Optional[Format] = format_option("svg"),
    process: Optional[str] = optional_option(
        "--process",
        "-p",
        help="Draw only this process (default: every process of the file, each in its own frame, in one drawing).",
    ),
    no_legend: bool = no_legend_option("Leave out the legend."),
    lang: Lang = lang_option("drawing's own words (legend, goal banner, badges)"),
    layout: LayoutKind = typer.Option(
        LayoutKind.lanes,
        "--layout",
        help="lanes: swimlanes in the file's order with subprocess columns (docs/notation.md); "
        "dot: Graphviz's own cluster layout of prep 0.1.0 (for comparison, or "
        "as a fallback).",
    ),
    like: Optional[Path] = optional_option(
        "--like",
        readable=False,
        help="Another model (the AsIs of this ToBe, or an earlier version of this "
        "model): the products both share keep its drawing's order of columns and "
        "of places in a column wherever the relations allow, so the two drawings "
        "compare by eye. Swimlane layout only.",
    ),
    force: bool = typer.Option(False, "--force", help="Draw even if the model has errors."),
    slide_font: Optional[str] = slide_font_option(),
    timeout: float = timeout_option(
        60.0, "Stop after this many seconds (checking, laying out, drawing and Graphviz together)."
    ),
) -> None:
    """Draw a model in PReP notation with Graphviz, or as a Mermaid flowchart.

    `-f html` writes the workshop view of `prep serve` as one offline file to send
    round: the drawing with pan and zoom, the findings, the KPI tree, and each
    product's parameters, KPIs, issues and neighbourhood on hover or click.

    pptx (one slide per process) and drawio (one page per process) are made of
    editable shapes and connectors for touching up in PowerPoint or draw.io; they
    always use prep's swimlane layout.

    The model is checked first, for errors only (warnings are for `prep check`):
    with errors it is not drawn (exit 1, the errors on stderr) unless --force. On a
    terminal a spinner shows while Graphviz works. Exit 2 when prep could not draw
    (no Graphviz, layout too slow, unwritable output).

    --like ASIS draws a ToBe with the products it shares with its AsIs in AsIs's
    order (the same for an earlier version of the model).

    Example: prep render 製造.prep -o 製造.svg
    """
    from prep.render import EXPORT_FORMATS, EXTENSION, SUFFIXES, TEXT_FORMATS

    fmt = output_format(
        format.value if format else None, output, SUFFIXES, "svg", "-f svg|png|pdf|dot|mermaid|html|pptx|drawio"
    )
    require_model_file(file)
    to_stdout = output == "-"
    refuse_binary_on_terminal(fmt, "-" if to_stdout else "", TEXT_FORMATS)
    target = None if to_stdout else Path(output) if output else file.with_suffix(EXTENSION[fmt])

    with time_limit(timeout, "prep render") as limit:
        graphs = everything = checked_graphs(file, force, N_("nothing drawn"))
        if process is not None:
            wanted = unicodedata.normalize("NFC", process)
            graphs = [g for g in everything if g.name == wanted]
            if not graphs:
                fail(
                    _("no process `{process}` in {file}", process=process, file=file),
                    _("processes in the file: {names}", names=", ".join(f"`{g.name}`" for g in everything)),
                )
        if not graphs:
            fail(_("{file} defines no process to draw", file=file))
        hint = like_graphs(like) if like is not None else None

        from prep.layout.measure import Deadline
        from prep.render import render
        from prep.render.run import LAYOUT_FORMATS, RenderError

        try:
            doing = _("Laying out {size} as {fmt} with Graphviz", size=_size(graphs), fmt=fmt)
            with busy(doing, timeout) if fmt in LAYOUT_FORMATS + ("html",) + EXPORT_FORMATS else nullcontext():
                if fmt == "html":  # the workshop view, offline (prep/serve/page.py)
                    from prep.serve.page import model_page

                    data = model_page(
                        file, file.as_posix(), graphs, lang.value, limit.remaining(), legend=not no_legend
                    )
                else:
                    from prep.slide_fonts import slide_font as font_of_decks

                    with font_of_decks(slide_font):
                        data = render(
                            graphs,
                            fmt,
                            legend=not no_legend,
                            timeout=limit.remaining(),
                            lang=lang.value,
                            layout=layout.value,
                            like=hint,
                            deadline=Deadline(limit.remaining(), stated=timeout),
                        )
        except RenderError as error:
            fail(error.message, error.hint)
    emit(data, "-" if target is None else str(target))


def like_graphs(path: Path) -> list:
    """The process graphs of the --like model: read, not checked (its errors do not
    matter to a hint); a model that cannot be read stops here (exit 1)."""
    from prep.graph import build_document
    from prep.parser import parse_file

    require_model_file(path)
    parsed = parse_file(path, path.as_posix())
    if not parsed.ok or parsed.document is None:
        fail(
            _("{file} cannot be read as a model; {consequence}", file=path, consequence=_("nothing drawn")),
            _("run `prep check {file}`", file=path),
            code=1,
        )
    return build_document(parsed.document)[0]


def _size(graphs) -> str:
    products = sum(len(g.process.products) for g in graphs)
    return _n("{count} product", "{count} products", products)
