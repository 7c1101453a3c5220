"""`prep kpi`: the KPI tree of each process, and AsIs beside ToBe (`--tobe`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import Lang, choices, console, fail, warn
from prep.cli.common import format_option, lang_option, no_legend_option, optional_option, output_option
from prep.kpi import FORMATS as KPI_FORMATS
from prep.cli.inputs import (
    busy,
    checked_graphs,
    emit,
    output_format,
    refuse_binary_on_terminal,
    slide_font_option,
    timeout_option,
)
from prep.i18n import N_, _


Format = choices("Format", KPI_FORMATS)


View = choices("View", ("kpi", "products"))


@app.command(name="kpi")
def kpi_command(
    file: Path = typer.Argument(
        ..., readable=False, help="The .prep model (with --tobe: the AsIs model).", show_default=False
    ),
    tobe: Optional[Path] = optional_option(
        "--tobe",
        readable=False,
        help="The ToBe model: show both trees, AsIs beside "
        "ToBe, with what the AsIs model lacks marked new and "
        "what the ToBe model lacks marked removed.",
    ),
    view: View = typer.Option(
        View.kpi,
        "--view",
        help="kpi: goal, final products, KPIs "
        "and the significant products only (the consultant's tree); "
        "products: the full derivation through every product.",
    ),
    externals: bool = typer.Option(
        False, "--externals", help="Show external processes in the kpi view (the products view always does)."
    ),
    output: Optional[str] = output_option(".txt .json .csv .svg .png .pdf .dot .mmd .pptx"),
    format: Optional[Format] = format_option("text"),
    lang: Lang = lang_option("drawing's own words (headings, legend, badges)"),
    no_legend: bool = no_legend_option(),
    force: bool = typer.Option(False, "--force", help="Derive trees even if a model has errors."),
    slide_font: Optional[str] = slide_font_option(),
    timeout: float = timeout_option(),
) -> None:
    """Derive the KPI tree of each process: goal and KGIs, final products, their KPIs.

    Each node appears once; a node reached again is a reference: `name (*)` in
    text, {"ref": id} in JSON, a second line into the same box in pictures. The
    model is checked first: with errors no tree is derived (exit 1, the errors on
    stderr) unless --force. With --tobe, both trees are given, AsIs beside ToBe;
    prep warns when the two files' stage= attributes look swapped. -f csv writes
    one row per KPI (UTF-8 with a byte order mark, for spreadsheets; a cell that
    would start with = + - @ gets a leading ' so it is never run as a formula).

    Example: prep kpi asis.prep --tobe tobe.prep -o kpi.svg
    """
    from prep.kpi import SUFFIXES, TEXT_FORMATS

    fmt = output_format(
        format.value if format else None, output, SUFFIXES, "text", "-f text|json|csv|svg|png|pdf|dot|mermaid|pptx"
    )
    refuse_binary_on_terminal(fmt, output, TEXT_FORMATS)

    from prep.kpi.tree import derive_all

    before = checked_graphs(file, force, N_("no KPI tree derived"))
    trees = derive_all(before, view.value, externals)
    graphs = list(before)
    if tobe is not None:
        from prep.kpi.compare import compare, stages_swapped

        after_graphs = checked_graphs(tobe, force, N_("no KPI tree derived"))
        graphs += after_graphs
        if stages_swapped(before, after_graphs):
            warn(
                _(
                    "{file} says stage=tobe and {tobe} says stage=asis: the models look "
                    "swapped; give the AsIs model first (prep kpi {tobe} --tobe {file})",
                    file=file,
                    tobe=tobe,
                )
            )
        trees, warnings = compare(trees, derive_all(after_graphs, view.value, externals))
        for message in warnings:
            warn(message)

    if fmt == "text" and output in (None, "-") and sys.stdout.isatty():
        from prep.kpi.text import renderable

        console().print(renderable(trees))
        return
    if fmt == "pptx":
        from prep.kpi.pptx import DrawError, to_pptx
        from prep.slide_fonts import slide_font as font_of_decks

        try:
            with font_of_decks(slide_font):
                data = to_pptx(trees, lang=lang.value, timeout=timeout)
            emit(data, output)
        except DrawError as error:
            fail(error.message, error.hint)
        return
    emit(_data(trees, graphs, fmt, timeout, lang.value, not no_legend), output)


def _data(trees, graphs, fmt: str, timeout: float, lang: str, legend: bool) -> bytes:
    if fmt == "text":
        from prep.kpi.text import to_text

        return to_text(trees).encode("utf-8")
    if fmt == "json":
        from prep.kpi import to_json

        return to_json(trees).encode("utf-8")
    if fmt == "csv":
        from prep.kpi import to_csv

        return to_csv(trees).encode("utf-8")
    from prep.render.kpitree import DEPTH

    deep = [t.process for t in trees if fmt != "mermaid" and t.depth() > DEPTH]
    if deep:
        warn(
            _(
                "pictures show the first {depth} levels of a tree; {names} go deeper (-f text or json give everything)",
                depth=DEPTH,
                names=", ".join(f"`{n}`" for n in deep),
            )
        )
    return _draw(trees, graphs, fmt, lang, legend, timeout)


def _draw(trees, graphs, fmt: str, lang: str, legend: bool, timeout: float) -> bytes:
    """The picture; a clear message when Graphviz cannot draw it."""
    from contextlib import nullcontext

    from prep.layout.measure import LayoutError
    from prep.render import render_kpi
    from prep.render.run import LAYOUT_FORMATS, RenderError

    try:
        with (
            busy(_("Drawing the {fmt} KPI trees with Graphviz", fmt=fmt), timeout)
            if fmt in LAYOUT_FORMATS
            else nullcontext()
        ):
            return render_kpi(trees, graphs, fmt, lang, legend, timeout)
    except (RenderError, LayoutError) as error:
        fail(error.message, error.hint)
