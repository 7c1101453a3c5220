"""`prep kpi`: the KPI tree of each process, and AsIs against ToBe (`--tobe`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import choices, console, fail, warn
from prep.kpi import FORMATS as KPI_FORMATS
from prep.cli.inputs import (check_timeout, checked_graphs, emit, layout, output_format,
                             refuse_binary_on_terminal)


Format = choices("Format", KPI_FORMATS)


@app.command(name="kpi")
def kpi_command(
    file: Path = typer.Argument(..., readable=False, help="The .prep model (with --tobe: the AsIs model).",
                                show_default=False),
    tobe: Optional[Path] = typer.Option(None, "--tobe", show_default=False, readable=False,
                                        help="The ToBe model: show its trees with what is "
                                        "new against FILE, and what was removed."),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", show_default=False,
        help="Where to write: a file (the format follows its suffix: .txt .json .svg .png "
             ".pdf .dot .mmd .pptx), or - for standard output. Default: standard output."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", show_default=False,
                                            help="Output format. [default: from the -o "
                                            "suffix, else text]"),
    max_nodes: int = typer.Option(5000, "--max-nodes", min=1,
                                  help="Past this many nodes, a subtree already shown in "
                                  "full is referenced (mark `ref`) instead of repeated."),
    force: bool = typer.Option(False, "--force", help="Derive trees even if a model has "
                               "errors."),
    timeout: float = typer.Option(60.0, "--timeout", callback=check_timeout,
                                  help="Stop Graphviz after this many seconds (svg, png, pdf)."),
) -> None:
    """Derive the KPI tree of each process: goal, final products, what feeds them, KPIs.

    The model is checked first: with errors no tree is derived (exit 1, the errors
    on stderr) unless --force. With --tobe, the ToBe trees are shown with new nodes
    marked and the AsIs labels that disappeared listed.

    Example: prep kpi asis.prep --tobe tobe.prep -o kpi.svg
    """
    from prep.kpi import SUFFIXES, TEXT_FORMATS

    fmt = output_format(format.value if format else None, output, SUFFIXES, "text",
                        "-f text|json|svg|png|pdf|dot|mermaid|pptx")
    refuse_binary_on_terminal(fmt, output, TEXT_FORMATS)

    from prep.kpi.tree import derive_all

    trees = before = derive_all(checked_graphs(file, force, "no KPI tree derived"), max_nodes)
    if tobe is not None:
        from prep.kpi.compare import compare

        after = derive_all(checked_graphs(tobe, force, "no KPI tree derived"), max_nodes)
        trees, warnings = compare(trees, after)
        for message in warnings:
            warn(message)
    for tree in trees:
        if tree.truncated:
            warn(f"the KPI tree of `{tree.process}` is large (over {max_nodes} nodes): "
                 "repeated subtrees are referenced, not repeated")

    if fmt == "text" and output in (None, "-") and sys.stdout.isatty():
        from prep.kpi.text import renderable

        console().print(renderable(trees))
        return
    if fmt == "pptx":
        from prep.kpi.pptx import DrawError, to_pptx

        try:
            emit(to_pptx(trees, timeout=timeout, asis=before if tobe else None), output)
        except DrawError as error:
            fail(error.message, error.hint)
        return
    emit(_data(trees, fmt, timeout), output)


def _data(trees, fmt: str, timeout: float) -> bytes:
    if fmt == "text":
        from prep.kpi.text import to_text

        return to_text(trees).encode("utf-8")
    if fmt == "json":
        from prep.kpi import to_json

        return to_json(trees).encode("utf-8")
    from prep.kpi.draw import to_dot, to_mermaid

    if fmt == "mermaid":
        return to_mermaid(trees).encode("utf-8")
    source = to_dot(trees)
    return source.encode("utf-8") if fmt == "dot" else layout(source, fmt, timeout)


# -- shared with `prep diff` -----------------------------------------------------------
