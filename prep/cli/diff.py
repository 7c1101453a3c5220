"""`prep diff`: what changed from an AsIs model to a ToBe model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import Lang, choices, console, format_option, lang_option, no_legend_option, output_option, warn
from prep.diff import FORMATS as DIFF_FORMATS
from prep.cli.inputs import slide_font_option, timeout_option
from prep.i18n import N_, _


Format = choices("Format", DIFF_FORMATS)


@app.command(name="diff")
def diff_command(
    asis: Path = typer.Argument(..., readable=False, help="The AsIs model.", show_default=False),
    tobe: Path = typer.Argument(..., readable=False, help="The ToBe model.", show_default=False),
    output: Optional[str] = output_option(
        ".txt .json .svg .png .pdf .dot .mmd .html .pptx; pictures draw both models in one, "
        "as `prep render` does, with the changes marked"
    ),
    format: Optional[Format] = format_option("text"),
    lang: Lang = lang_option("drawing's own words (legend, badges)"),
    no_legend: bool = no_legend_option(),
    exit_code: bool = typer.Option(
        False, "--exit-code", help="Exit 1 when the models differ (as `git diff --exit-code`)."
    ),
    force: bool = typer.Option(False, "--force", help="Compare even if a model has errors."),
    slide_font: Optional[str] = slide_font_option(),
    timeout: float = timeout_option(),
) -> None:
    """Compare two models: what was added, removed or changed, element by element.

    Products, externals, actors, relations, KPIs and CSM touches are compared by
    name (docs/kpi.md). Pictures (-o diff.svg, png, pdf, dot, mmd) draw both models
    in one in the notation of `prep render`: added elements with a ＋ badge, changed
    ones with a ～ badge and the old value, removed ones ghosted where they were.
    -o diff.html writes one offline page: that picture and the text, no script.
    prep warns when the two files' stage= attributes look swapped.

    Both models are checked first: with errors nothing is compared (exit 1, the
    errors on stderr) unless --force. Order and layout of the text are no difference.

    Example: prep diff asis.prep tobe.prep -f json
    """
    from contextlib import nullcontext

    from prep.cli.common import fail
    from prep.cli.inputs import busy, checked_graphs, emit, output_format, refuse_binary_on_terminal
    from prep.diff import SUFFIXES, TEXT_FORMATS

    fmt = output_format(
        format.value if format else None, output, SUFFIXES, "text", "-f text|json|svg|png|pdf|dot|mermaid|html|pptx"
    )
    refuse_binary_on_terminal(fmt, output, TEXT_FORMATS)
    before = checked_graphs(asis, force, N_("nothing compared"))
    after = checked_graphs(tobe, force, N_("nothing compared"))

    from prep.kpi.compare import stages_swapped

    if stages_swapped(before, after):
        warn(
            _(
                "{asis} says stage=tobe and {tobe} says stage=asis: the models look swapped; "
                "give the AsIs model first (prep diff {tobe} {asis})",
                asis=asis,
                tobe=tobe,
            )
        )

    from prep.diff.changes import diff

    result = diff(before, after)
    if result.missing or result.extra:
        warn(
            _("the processes of the two files do not match: ")
            + "; ".join(
                [_("only in {file}: ", file=asis) + ", ".join(f"`{n}`" for n in result.missing)] * bool(result.missing)
                + [_("only in {file}: ", file=tobe) + ", ".join(f"`{n}`" for n in result.extra)] * bool(result.extra)
            )
        )
    if fmt == "text" and output in (None, "-") and sys.stdout.isatty():
        from prep.diff.text import renderable

        console().print(renderable(result))
    elif fmt == "text":
        from prep.diff.text import to_text

        emit(to_text(result).encode("utf-8"), output)
    elif fmt == "json":
        from prep.diff import to_json

        emit(to_json(result).encode("utf-8"), output)
    else:
        from prep.diff.draw import union_graphs
        from prep.render import render
        from prep.render.run import LAYOUT_FORMATS, RenderError
        from prep.slide_fonts import slide_font as font_of_decks

        graphs, marks = union_graphs(result)
        drawn = "svg" if fmt == "html" else fmt
        # in AsIs's order where the relations allow, so it compares with AsIs's drawing
        before = [p.before for p in result.processes if p.before is not None]
        try:
            with (
                busy(_("Laying out the {fmt} drawing with Graphviz", fmt=drawn), timeout)
                if drawn in LAYOUT_FORMATS
                else nullcontext(),
                font_of_decks(slide_font),
            ):
                data = (
                    render(
                        graphs,
                        drawn,
                        legend=not no_legend,
                        timeout=timeout,
                        lang=lang.value,
                        marks=marks,
                        like=before or None,
                    )
                    if graphs
                    else None
                )
        except RenderError as error:
            fail(error.message, error.hint)
        if data is None:
            fail(_("{file} has no process to draw", file=tobe))
        if fmt == "html":
            from prep.diff.html import diff_page
            from prep.diff.text import to_text

            data = diff_page(f"{asis.name} → {tobe.name}", data, to_text(result))
        emit(data, output)
    different = not result.empty or result.missing or result.extra
    raise typer.Exit(1 if exit_code and different else 0)
