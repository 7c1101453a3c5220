"""`prep diff`: what changed from an AsIs model to a ToBe model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import choices, console, warn
from prep.diff import FORMATS as DIFF_FORMATS
from prep.cli.inputs import check_timeout


Format = choices("Format", DIFF_FORMATS)


@app.command(name="diff")
def diff_command(
    asis: Path = typer.Argument(..., readable=False, help="The AsIs model.", show_default=False),
    tobe: Path = typer.Argument(..., readable=False, help="The ToBe model.", show_default=False),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", show_default=False,
        help="Where to write: a file (the format follows its suffix: .txt .json .svg .png "
             ".pdf .dot .pptx; images draw the ToBe model with the changes marked), or - "
             "for standard output. Default: standard output."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", show_default=False,
                                            help="Output format. [default: from the -o "
                                            "suffix, else text]"),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the models "
                                   "differ (as `git diff --exit-code`)."),
    force: bool = typer.Option(False, "--force", help="Compare even if a model has errors."),
    timeout: float = typer.Option(60.0, "--timeout", callback=check_timeout,
                                  help="Stop Graphviz after this many seconds (svg, png, pdf)."),
) -> None:
    """Compare two models: what was added, removed or changed, element by element.

    Products, externals, actors, relations, KPIs and CSM touches are compared by
    name (docs/kpi.md).

    Both models are checked first: with errors nothing is compared (exit 1, the
    errors on stderr) unless --force. Order and layout of the text are no difference.

    Example: prep diff asis.prep tobe.prep -f json
    """
    from prep.cli.common import fail
    from prep.cli.inputs import (checked_graphs, emit, layout, output_format,
                                 refuse_binary_on_terminal)
    from prep.diff import SUFFIXES, TEXT_FORMATS

    fmt = output_format(format.value if format else None, output, SUFFIXES, "text",
                        "-f text|json|svg|png|pdf|dot|pptx")
    refuse_binary_on_terminal(fmt, output, TEXT_FORMATS)
    before = checked_graphs(asis, force, "nothing compared")
    after = checked_graphs(tobe, force, "nothing compared")

    from prep.diff.model import diff

    result = diff(before, after)
    if result.missing or result.extra:
        warn("the processes of the two files do not match: "
             + "; ".join([f"only in {asis}: " + ", ".join(f"`{n}`" for n in result.missing)]
                         * bool(result.missing)
                         + [f"only in {tobe}: " + ", ".join(f"`{n}`" for n in result.extra)]
                         * bool(result.extra)))
    if fmt == "text" and output in (None, "-") and sys.stdout.isatty():
        from prep.diff.text import renderable

        console().print(renderable(result))
    elif fmt == "text":
        from prep.diff.text import to_text

        emit(to_text(result).encode("utf-8"), output)
    elif fmt == "json":
        from prep.diff import to_json

        emit(to_json(result).encode("utf-8"), output)
    elif fmt == "pptx":
        from prep.diff.marks import marks_for
        from prep.render import export
        from prep.render.run import RenderError

        graphs = [p.graph for p in result.processes if p.graph is not None]
        if not graphs:
            fail(f"{tobe} has no process to draw")
        try:
            emit(export(graphs, "pptx", timeout=timeout, marks=marks_for(result)), output)
        except RenderError as error:
            fail(error.message, error.hint)
    else:
        from prep.diff.draw import to_dot

        source = to_dot(result)
        emit(source.encode("utf-8") if fmt == "dot" else layout(source, fmt, timeout), output)
    different = not result.empty or result.missing or result.extra
    raise typer.Exit(1 if exit_code and different else 0)
