"""The public Python API (docs/api.md): `prep.load` reads a model from a file or from
text, checks it with its configuration, and gives a `Model` that draws itself in a
notebook (`_repr_html_`, `_repr_svg_`), derives its KPI trees (`.kpi()`) and compares
itself with a ToBe model (`.diff(other)`). The CLI, the MkDocs plugin, the Sphinx
extension and the GitHub Action use the same functions (`kpi_picture`,
`diff_picture`).

Nothing here raises on a bad model: its problems are `findings`. Drawing a model
with errors raises `PrepError` (as `prep render` stops on errors)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path


class PrepError(Exception):
    """What prep could not do, with a `hint` (the CLI's `prep: error:` line)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message if hint is None else f"{message} (hint: {hint})")
        self.message, self.hint = message, hint


def load(source, name: str | None = None) -> Model:
    """The model of `source`: a path (`str` or `os.PathLike`) to a .prep file, or the
    text of a model (any `str` with a line break or a `{`). `name` is the name findings
    give the text (default `model.prep`, or the path as given). Files are checked with
    the configuration that applies to them (prep.toml, [tool.prep]); text with the
    default rules. Raises FileNotFoundError for a path that is not there."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source and "{" not in source):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"no model file {os.fspath(source)!r}")
        display = name or os.fspath(source)
        findings, graphs, text = _check(display, path, None)
        return Model(display, text, findings, graphs, path)
    if not isinstance(source, str):
        raise TypeError(f"prep.load takes a path or the text of a model, not {type(source).__name__}")
    display = name or "model.prep"
    findings, graphs, text = _check(display, None, source)
    return Model(display, text, findings, graphs, None)


def _check(display: str, path: Path | None, text: str | None):
    """(findings, graphs, text) of one model, every selected rule run."""
    from prep.checks.runner import check_paths
    from prep.checks.select import SelectionError
    from prep.config import ConfigError, options_for
    from prep.diagnostics import Diagnostic, Severity, Span

    try:
        options = options_for(path)
    except (ConfigError, SelectionError) as error:
        bad = Diagnostic.at(Span.point(display), "config", Severity.ERROR, f"bad configuration: {error}")
        return [bad], [], text or ""
    texts = {display: text} if text is not None else None
    found = check_paths([(path or display, display)], lambda _p: options, texts=texts).files[0]
    return list(found.diagnostics), list(found.graphs), found.text() or text or ""


@dataclass(eq=False)
class Model:
    """A checked model: `findings` (prep.diagnostics.Diagnostic, as `prep check`
    reports them), `graphs` (one per process) and what can be made of them."""

    name: str
    text: str
    findings: list = field(repr=False)
    graphs: list = field(repr=False)
    path: Path | None = None

    @property
    def errors(self) -> list:
        return [d for d in self.findings if d.severity.value == "error"]

    @property
    def processes(self) -> list[str]:
        return [g.name for g in self.graphs]

    def __repr__(self) -> str:
        counts = {s: sum(d.severity.value == s for d in self.findings) for s in ("error", "warning", "info")}
        said = ", ".join(f"{n} {s}{'s' * (n != 1)}" for s, n in counts.items() if n)
        return f"<prep.Model {self.name}: {_plural(len(self.graphs), 'process', 'es')}{', ' + said if said else ''}>"

    def findings_text(self) -> str:
        """The findings as `prep check` prints them, without colour."""
        return findings_text(self.findings)

    def usable(self, force: bool = False, consequence: str = "nothing drawn") -> list:
        """The graphs, or PrepError when the model has errors (unless `force`)."""
        if self.errors and (not force or not self.graphs):
            n = len(self.errors)
            raise PrepError(
                f"{self.name} has {_plural(n, 'error')}; {consequence}",
                "see .findings" + ("" if force else ", or pass force=True"),
            )
        return self.graphs

    def select(self, process: str | None, force: bool = False) -> list:
        """The graphs to draw: every process, or the one named `process`."""
        import unicodedata

        graphs = self.usable(force)
        if process is None:
            return graphs
        wanted = unicodedata.normalize("NFC", process)
        chosen = [g for g in graphs if g.name == wanted]
        if not chosen:
            raise PrepError(
                f"no process `{process}` in {self.name}", "processes: " + ", ".join(f"`{g.name}`" for g in graphs)
            )
        return chosen

    def render(
        self,
        fmt: str = "svg",
        process: str | None = None,
        lang: str = "auto",
        legend: bool = True,
        timeout: float = 60.0,
        force: bool = False,
    ) -> bytes:
        """The drawing of `prep render` in `fmt` (svg, png, pdf, dot, mermaid, pptx,
        drawio) as bytes. Raises PrepError (errors in the model, no Graphviz)."""
        from prep.render import FORMATS, render
        from prep.render.run import RenderError

        if fmt not in FORMATS or fmt == "html":
            raise PrepError(f"cannot render {fmt!r}", "use one of " + ", ".join(f for f in FORMATS if f != "html"))
        graphs = self.select(process, force)
        if not graphs:
            raise PrepError(f"{self.name} defines no process to draw")
        try:
            return render(graphs, fmt, legend=legend, timeout=timeout, lang=lang)
        except RenderError as error:
            raise PrepError(error.message, error.hint) from None

    def svg(self, process: str | None = None, lang: str = "auto", legend: bool = True) -> str:
        """The drawing as SVG text: one `<g class="product">` with a `<title>` per
        product (docs/notation.md)."""
        return self.render("svg", process, lang, legend).decode("utf-8")

    def _repr_svg_(self) -> str | None:
        return self.svg() if self.graphs and not self.errors else None

    def _repr_html_(self) -> str:
        return figure(self.findings, lambda: _bare(self.svg()) if self.graphs else "")

    def kpi(self, tobe=None, view: str = "kpi", externals: bool = False) -> Kpi:
        """The KPI trees of `prep kpi`; with `tobe` (a Model, a path or text), AsIs
        beside ToBe. Raises PrepError when a model has errors."""
        from prep.kpi.tree import VIEWS, derive_all

        if view not in VIEWS:
            raise PrepError(f"no view {view!r}", "use kpi or products")
        graphs = list(self.usable(consequence="no KPI tree derived"))
        trees, notes = derive_all(graphs, view, externals), []
        if tobe is not None:
            from prep.kpi.compare import compare

            after = _model(tobe).usable(consequence="no KPI tree derived")
            trees, notes = compare(trees, derive_all(after, view, externals))
            graphs += after
        return Kpi(trees, graphs, notes)

    def diff(self, other) -> Diff:
        """What changed from this model (AsIs) to `other` (ToBe: a Model, a path or
        text), as `prep diff` says. Raises PrepError when a model has errors."""
        from prep.diff.changes import diff

        before = self.usable(consequence="nothing compared")
        after = _model(other).usable(consequence="nothing compared")
        return Diff(diff(before, after))


def _model(source) -> Model:
    return source if isinstance(source, Model) else load(source)


@dataclass(eq=False)
class Kpi:
    """KPI trees (prep.kpi.tree.Tree): text (`str()`), JSON, CSV and pictures."""

    trees: list
    graphs: list = field(repr=False)
    notes: list = field(default_factory=list)

    def __str__(self) -> str:
        from prep.kpi.text import to_text

        return to_text(self.trees)

    def to_json(self) -> dict:
        return {"version": 2, "trees": [t.to_json() for t in self.trees]}

    def csv(self) -> str:
        from prep.kpi import to_csv

        return to_csv(self.trees)

    def render(self, fmt: str = "svg", lang: str = "auto", legend: bool = True, timeout: float = 60.0) -> bytes:
        return _drawn(kpi_picture, self.trees, self.graphs, fmt, lang, legend, timeout)

    def svg(self, lang: str = "auto", legend: bool = True) -> str:
        return self.render("svg", lang, legend).decode("utf-8")

    def _repr_svg_(self) -> str:
        return self.svg()


@dataclass(eq=False)
class Diff:
    """The difference of two models (prep.diff.changes.Diff): text, JSON, pictures."""

    result: object = field(repr=False)

    @property
    def empty(self) -> bool:
        r = self.result
        return r.empty and not r.missing and not r.extra

    def __str__(self) -> str:
        from prep.diff.text import to_text

        return to_text(self.result)

    def __repr__(self) -> str:
        return "<prep.Diff: no change>" if self.empty else "<prep.Diff: changed>"

    def to_json(self) -> dict:
        return self.result.to_json()

    def render(self, fmt: str = "svg", lang: str = "auto", legend: bool = True, timeout: float = 60.0) -> bytes:
        return _drawn(diff_picture, self.result, fmt, lang, legend, timeout)

    def svg(self, lang: str = "auto", legend: bool = True) -> str:
        return self.render("svg", lang, legend).decode("utf-8")

    def _repr_svg_(self) -> str:
        return self.svg()


def _drawn(make, *args) -> bytes:
    from prep.render.run import RenderError

    try:
        return make(*args)
    except RenderError as error:
        raise PrepError(error.message, error.hint) from None


def kpi_picture(trees, graphs, fmt: str, lang: str = "auto", legend: bool = True, timeout: float = 60.0) -> bytes:
    """The KPI tree picture of `prep kpi` (svg, png, pdf, dot, mermaid). Raises
    prep.render.run.RenderError."""
    from prep.layout.measure import LayoutError
    from prep.render import render_kpi
    from prep.render.run import RenderError

    try:
        return render_kpi(trees, graphs, fmt, lang, legend, timeout)
    except LayoutError as error:
        raise RenderError(error.message, error.hint) from None


def diff_picture(result, fmt: str, lang: str = "auto", legend: bool = True, timeout: float = 60.0) -> bytes:
    """Both models drawn in one with the changes marked, as `prep diff -o x.svg`
    (svg, png, pdf, dot, mermaid). Raises prep.render.run.RenderError."""
    from prep.diff.draw import union_graphs
    from prep.render import render

    graphs, marks = union_graphs(result)
    return render(graphs, fmt, legend=legend, timeout=timeout, lang=lang, marks=marks)


def location(d) -> str:
    """`file:line:col` of a finding."""
    return f"{d.span.file}:{d.span.line}:{d.span.column}"


def findings_text(findings) -> str:
    """One line per finding, `file:line:col: severity CODE message`."""
    return "".join(f"{location(d)}: {d.severity.value} {d.code} {d.message}\n" for d in findings)


def figure(findings, drawing) -> str:
    """HTML: the findings as a list (escaped) and, when none is an error, the svg that
    `drawing()` gives (or why it could not be drawn)."""
    items = "".join(
        f'<li class="prep-{d.severity.value}"><code>{html.escape(location(d))}</code> '
        f"{d.severity.value} {html.escape(d.code)}: {html.escape(d.message)}</li>"
        for d in findings
    )
    parts = [f'<ul class="prep-findings">{items}</ul>'] if items else []
    if not any(d.severity.value == "error" for d in findings):
        try:
            parts.append(drawing())
        except PrepError as error:
            parts.append(f'<p class="prep-error">{html.escape(str(error))}</p>')
    return f'<div class="prep">{"".join(parts)}</div>'


def _bare(svg: str) -> str:
    """An svg document as an element of a page: without the XML prolog and doctype."""
    start = svg.find("<svg")
    return svg[start:] if start > 0 else svg


def _plural(n: int, word: str, suffix: str = "s") -> str:
    return f"{n} {word}{suffix * (n != 1)}"


__all__ = ["Diff", "Kpi", "Model", "PrepError", "diff_picture", "kpi_picture", "load"]
