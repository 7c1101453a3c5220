"""`prep report`: one handout of models for the client (PDF or one offline HTML
file): cover, drawings, KPI trees, AsIs/ToBe comparison and diff, findings,
intervention points, glossary (docs/handout.md)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List

import typer

from prep.cli import app
from prep.cli.common import Lang, fail, lang_option
from prep.cli.inputs import timeout_option
from prep.i18n import _, _n


class Paper(str, Enum):
    a4 = "a4"
    a3 = "a3"


SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html"}


@app.command(name="report")
def report_command(
    paths: List[Path] = typer.Argument(
        ..., readable=False, show_default=False, help="The .prep models (an AsIs file and a ToBe file are compared)."
    ),
    output: str = typer.Option(
        ...,
        "--output",
        "-o",
        show_default=False,
        help="The handout to write: a .pdf, or an .html file (one offline file).",
    ),
    paper: Paper = typer.Option(
        Paper.a4,
        "--paper",
        help="Paper of the PDF: a4 or a3, landscape (a drawing too tall for it on a portrait page).",
    ),
    lang: Lang = lang_option("handout's own words"),
    force: bool = typer.Option(False, "--force", help="Make the handout even if a model has errors."),
    timeout: float = timeout_option(120.0, "Stop drawing after this many seconds in all."),
) -> None:
    """Write one handout of models for the client: a PDF or an offline HTML file.

    It holds a cover (processes, stages, date, prep version), each process's
    drawing and KPI tree, for an AsIs and a ToBe file the KPI comparison and the
    diff picture, the findings, the intervention points with hints, and a glossary
    of products.

    A PDF has bookmarks per section, page numbers, fonts embedded and text as text;
    it needs the `handout` extra (weasyprint). The date is SOURCE_DATE_EPOCH's when
    set, so the same models give the same bytes.

    Example: prep report asis.prep tobe.prep -o handout.pdf
    """
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIXES:
        fail(_("cannot tell the handout's format from {output!r}", output=output), _("name the output .pdf or .html"))
    fmt = SUFFIXES[suffix]
    from prep.report.handout import MISSING_HINT, pdf_available

    if fmt == "pdf":
        why = pdf_available()
        if why is not None:
            fail(why, MISSING_HINT)
    models = [_model(path, force) for path in paths]
    from prep.cli.inputs import busy, emit
    from prep.layout import Deadline
    from prep.render.run import RenderError
    from prep.report.handout import build, to_pdf

    small: list = []
    try:
        with busy("Drawing the handout", timeout):
            document = build(models, lang.value, paper.value, Deadline(timeout), small)
            data = to_pdf(document) if fmt == "pdf" else document.encode("utf-8")
    except RenderError as error:
        fail(error.message, error.hint)
    from prep.cli.common import warn
    from prep.report.handout import NAME_PT

    floor = format(NAME_PT, "g")
    for where, size in small:
        printed = format(size, ".1f")
        warn(
            _(
                "{picture}: product names print at {size} pt, under {floor} pt, on every page of this paper",
                picture=where,
                size=printed,
                floor=floor,
            )
        )
    if small and paper == Paper.a4:
        warn(_("on A3 paper (--paper a3) they print larger"))
    emit(data, output)


def _model(path: Path, force: bool):
    """The file's graphs and every finding (its configuration's rules), as `prep
    check` gives them; errors stop here unless --force."""
    from prep.checks.runner import check_paths
    from prep.checks.select import SelectionError
    from prep.cli.common import display_name, warn
    from prep.cli.inputs import require_model_file
    from prep.config import ConfigError, options_for
    from prep.diagnostics import Severity
    from prep.report.handout import Model

    require_model_file(path)
    try:
        options = options_for(path)
    except (ConfigError, SelectionError) as error:
        fail(_("bad configuration: {error}", error=error))
    found = check_paths([(path, display_name(path))], lambda _path: options).files[0]
    errors = [d for d in found.diagnostics if d.severity == Severity.ERROR]
    if not found.ok:
        fail(
            _(
                "{file} cannot be read as a model; {consequence}",
                file=display_name(path),
                consequence=_("no handout written"),
            ),
            code=1,
        )
    count = _n("{count} error", "{count} errors", len(errors))
    if errors and not force:
        fail(
            _(
                "{file} has {count}; {consequence}",
                file=display_name(path),
                count=count,
                consequence=_("no handout written"),
            ),
            _("see them with prep check, fix them, or go on anyway with --force"),
            code=1,
        )
    if errors:
        warn(_("going on despite {count} in {file} (--force)", count=count, file=display_name(path)))
    return Model(display_name(path), found.graphs, found.diagnostics)
