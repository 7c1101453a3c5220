"""`prep render`: draw a model in PReP notation (svg, png, pdf, dot, mermaid; pptx
and drawio for editing)."""

from __future__ import annotations

import sys
import unicodedata
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import fail
from prep.cli.inputs import busy, checked_graphs, emit, output_format


class Format(str, Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"
    pptx = "pptx"
    drawio = "drawio"


class LayoutKind(str, Enum):
    lanes = "lanes"
    dot = "dot"


class Lang(str, Enum):
    auto = "auto"
    ja = "ja"
    en = "en"


@app.command(name="render")
def render_command(
    file: Path = typer.Argument(..., help="The .prep model to draw.", show_default=False),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", show_default=False,
        help="Where to write: a file (the format follows its suffix: .svg .png .pdf .dot "
             ".gv .mmd .pptx .drawio), or - for standard output. Default: the model's name with the "
             "format's suffix, next to the model."),
    format: Optional[Format] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="Output format. [default: from the -o suffix, else svg]"),
    process: Optional[str] = typer.Option(
        None, "--process", "-p", show_default=False,
        help="Draw only this process (default: every process of the file, each in its "
             "own frame, in one drawing)."),
    no_legend: bool = typer.Option(False, "--no-legend", help="Leave out the legend."),
    lang: Lang = typer.Option(Lang.auto, "--lang", help="Language of the drawing's own words "
                              "(legend, goal banner, badges): Japanese, English, or auto: "
                              "Japanese when the model's names are."),
    layout: LayoutKind = typer.Option(
        LayoutKind.lanes, "--layout",
        help="lanes: swimlanes in the file's order with subprocess columns (LANGUAGE.md "
             "§5); dot: Graphviz's own cluster layout of prep 0.1.0 (for comparison, or "
             "as a fallback)."),
    force: bool = typer.Option(False, "--force", help="Draw even if the model has errors."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1,
                                  help="Stop after this many seconds (reading, checking, "
                                       "laying out and drawing together)."),
) -> None:
    """Draw a model in PReP notation with Graphviz, or as a Mermaid flowchart.

    pptx (one slide per process) and drawio (one page per process) are made of
    editable shapes and connectors for touching up in PowerPoint or draw.io; they
    always use prep's swimlane layout.

    The model is checked first, for errors only (warnings are for `prep check`):
    with errors it is not drawn (exit 1, the errors on stderr) unless --force. On a
    terminal a spinner shows while Graphviz works. Exit 2 when prep could not draw
    (no Graphviz, layout too slow, unwritable output).

    Example: prep render 製造.prep -o 製造.svg
    """
    from prep.layout.measure import Deadline
    from prep.render import EXPORT_FORMATS, EXTENSION, SUFFIXES, TEXT_FORMATS

    deadline = Deadline(timeout)

    fmt = output_format(format.value if format else None, output, SUFFIXES, "svg",
                        "-f svg|png|pdf|dot|mermaid|pptx|drawio")
    to_stdout = output == "-"
    if to_stdout and fmt not in TEXT_FORMATS and sys.stdout.isatty():
        fail(f"refusing to write {fmt} (binary) to a terminal",
             "write to a file with -o FILE, or pipe the output")
    target = None if to_stdout else Path(output) if output else file.with_suffix(EXTENSION[fmt])

    graphs = everything = checked_graphs(file, force, "nothing drawn")
    if process is not None:
        wanted = unicodedata.normalize("NFC", process)
        graphs = [g for g in everything if g.name == wanted]
        if not graphs:
            fail(f"no process `{process}` in {file}",
                 "processes in the file: " + ", ".join(f"`{g.name}`" for g in everything))
    if not graphs:
        fail(f"{file} defines no process to draw")

    from prep.render import render
    from prep.render.run import LAYOUT_FORMATS, RenderError

    try:
        with busy(f"Laying out {_size(graphs)} as {fmt}", timeout) \
                if fmt in LAYOUT_FORMATS + EXPORT_FORMATS else nullcontext():
            data = render(graphs, fmt, legend=not no_legend, timeout=timeout, lang=lang.value,
                          layout=layout.value, deadline=deadline)
    except RenderError as error:
        fail(error.message, error.hint)
    emit(data, "-" if target is None else str(target))


def _size(graphs) -> str:
    products = sum(len(g.process.products) for g in graphs)
    return f"{products} product{'s' if products != 1 else ''}"
