"""`prep render`: draw a model in PReP notation (svg, png, pdf, dot, mermaid)."""

from __future__ import annotations

import sys
import unicodedata
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import console, fail, warn


class Format(str, Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"


@app.command(name="render")
def render_command(
    file: Path = typer.Argument(..., help="The .prep model to draw.", show_default=False),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", show_default=False,
        help="Where to write: a file (the format follows its suffix: .svg .png .pdf .dot "
             ".gv .mmd), or - for standard output. Default: the model's name with the "
             "format's suffix, next to the model."),
    format: Optional[Format] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="Output format. [default: from the -o suffix, else svg]"),
    process: Optional[str] = typer.Option(
        None, "--process", "-p", show_default=False,
        help="Draw only this process (default: every process of the file, each in its "
             "own frame, in one drawing)."),
    no_legend: bool = typer.Option(False, "--no-legend", help="Leave out the legend."),
    force: bool = typer.Option(False, "--force", help="Draw even if the model has errors."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1,
                                  help="Stop Graphviz after this many seconds."),
) -> None:
    """Draw a model in PReP notation with Graphviz, or as a Mermaid flowchart.

    The model is checked first: with errors it is not drawn (exit 1, the errors on
    stderr) unless --force. Exit 2 when prep could not draw (no Graphviz, layout
    too slow, unwritable output).

    Example: prep render 製造.prep -o 製造.svg
    """
    from prep.render import EXTENSION, SUFFIXES, TEXT_FORMATS

    if not file.exists():
        fail(f"no such file: {file}")
    if file.is_dir():
        fail(f"{file} is a folder; give one .prep file")
    fmt = _format(format, output, SUFFIXES)
    to_stdout = output == "-"
    if to_stdout and fmt not in TEXT_FORMATS and sys.stdout.isatty():
        fail(f"refusing to write {fmt} (binary) to a terminal",
             "write to a file with -o FILE, or pipe the output")
    target = None if to_stdout else Path(output) if output else file.with_suffix(EXTENSION[fmt])

    graphs = everything = _checked_graphs(file, force)
    if process is not None:
        wanted = unicodedata.normalize("NFC", process)
        graphs = [g for g in everything if g.name == wanted]
        if not graphs:
            fail(f"no process `{process}` in {file}",
                 "processes in the file: " + ", ".join(f"`{g.name}`" for g in everything))
    if not graphs:
        fail(f"{file} defines no process to draw")

    from prep.render import render
    from prep.render.run import RenderError

    try:
        data = render(graphs, fmt, legend=not no_legend, timeout=timeout)
    except RenderError as error:
        fail(error.message, error.hint)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from prep.cli.output import write_atomic

    write_atomic(target, data)
    console(stderr=True).print(f"wrote {target}", highlight=False, markup=False)


def _format(format: Optional[Format], output: Optional[str], suffixes: dict[str, str]) -> str:
    if format is not None:
        return format.value
    if output is None or output == "-":
        return "svg"
    suffix = Path(output).suffix.lower()
    if suffix not in suffixes:
        fail(f"cannot tell the format from `{output}`",
             "use a suffix (" + " ".join(sorted(suffixes)) + ") or -f svg|png|pdf|dot|mermaid")
    return suffixes[suffix]


def _checked_graphs(file: Path, force: bool) -> list:
    """The file's process graphs, after checking it with its configuration. Errors
    stop here (exit 1, printed to stderr) unless `force`; warnings do not."""
    from dataclasses import replace

    from prep.checks.runner import CheckOptions, CheckResult, check_paths
    from prep.checks.select import SelectionError
    from prep.config import Config, ConfigError, Layers, config_for
    from prep.diagnostics import Severity

    try:
        layers = Layers(config_for(file), Config())
        options = CheckOptions(layers.selected(), layers.severity())
    except (ConfigError, SelectionError) as error:
        fail(f"bad configuration: {error}")
    result = check_paths([(file, file.as_posix())], lambda _path: options)
    found = result.files[0]
    errors = [d for d in found.diagnostics if d.severity == Severity.ERROR]
    if errors:
        from prep.report import render as report

        text = report("text", CheckResult([replace(found, diagnostics=errors)]))
        console(stderr=True).print(text, end="", markup=True)
        if not found.parsed.ok:
            fail(f"{file} cannot be read as a model; nothing drawn", code=1)
        if not force:
            fail(f"{file} has {len(errors)} error{'s' if len(errors) > 1 else ''}; "
                 "nothing drawn", "fix them, or draw anyway with --force", code=1)
        warn(f"drawing {file} despite {len(errors)} error{'s' if len(errors) > 1 else ''} "
             "(--force)")
    return found.graphs
