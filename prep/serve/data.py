"""What the workshop view shows of one model, as JSON-ready data: the findings (each
with the product it is about), the drawing (svg text), every product's details and
neighbourhood (what feeds it and what it feeds, up to the final products), the KPI
trees and, for an AsIs/ToBe pair, the diff. `prep serve` and `prep render -f html`
both build their pages from this; nothing here knows HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prep.serve.svg import label, qualify

VERSION = 1
BLOCKING = {"PREP001", "PREP002", "config"}  # errors that leave nothing to draw


@dataclass
class Checked:
    """One file, checked with its configuration: findings and graphs."""

    display: str
    diagnostics: list
    graphs: list

    @property
    def errors(self) -> list:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def drawable(self) -> bool:
        """Whether the model can be drawn as it is: it has processes and no error
        that stops reading it (a syntax error, an unreadable file, a bad
        configuration). Other errors (an undefined name, a cycle) are drawn, with
        the errors shown over the drawing."""
        return bool(self.graphs) and not any(d.code in BLOCKING for d in self.errors)


def check_one(path: Path, display: str) -> Checked:
    """Parse and check `path` with the configuration that applies to it (every
    selected rule, so warnings show too). A bad configuration is reported as a
    finding-like error on line 1, never raised."""
    from prep.checks.runner import check_paths
    from prep.checks.select import SelectionError
    from prep.config import ConfigError, options_for
    from prep.diagnostics import Diagnostic, Severity, Span

    try:
        options = options_for(path)
    except (ConfigError, SelectionError) as error:
        bad = Diagnostic.at(Span.point(display), "config", Severity.ERROR, f"bad configuration: {error}")
        return Checked(display, [bad], [])
    found = check_paths([(path, display)], lambda _p: options).files[0]
    return Checked(display, list(found.diagnostics), list(found.graphs))


def findings(checked: Checked) -> list[dict]:
    """Each finding as `--format json` gives it, with `target`: the drawn product or external it is
    about (the innermost element whose text holds the finding's start), if any."""
    places = _places(checked.graphs)
    out = []
    for d in checked.diagnostics:
        item = d.to_json()
        item["target"] = _target(places, d.span)
        out.append(item)
    return out


def _places(graphs) -> list[tuple[tuple, tuple, list[str]]]:
    """(start, end, titles) of every element with a span, the drawn names it stands for."""
    places = []
    for pg in graphs:
        q = lambda key: qualify(graphs, pg, key)  # noqa: E731
        for key, product in pg.products.items():
            places.append((product.span, [q(key)]))
        for name, external in pg.externals.items():
            places.append((external.span, [q(name)]))
        for edge in pg.edges:
            places.append((edge.span, [q(edge.source), q(edge.target)]))
        for kpi in pg.process.kpis:
            target = pg.kpi_target(kpi)
            if target is not None:
                places.append((kpi.span, [q(target)]))
        for issue in pg.process.issues:
            target = pg.issue_targets.get(id(issue))
            if target is not None:
                places.append((issue.span, [q(target)]))
        for sp in pg.process.subprocesses:
            target = pg.until_targets.get(id(sp))
            if target is not None:
                places.append((sp.span, [q(target)]))
    return [((s.line, s.column), (s.end_line, s.end_column), titles) for s, titles in places]


def _target(places, span) -> str | None:
    at = (span.line, span.column)
    best = None
    for start, end, titles in places:
        if start <= at < end or start == at:
            size = (end[0] - start[0], end[1] - start[1])
            if best is None or size < best[0]:
                best = (size, titles)
    if best is None:
        return None
    return best[1][0]  # a relation: its source


def products(graphs) -> dict[str, dict]:
    """Drawn name -> details of every product and external: kind, actor, parameters,
    state, doc, KPIs, issues, line, and its neighbourhood: `feeds` / `fed_by` (direct
    input relations) and `sync`. The page follows `fed_by` and `feeds` from there to
    everything that feeds a product and everything it feeds, up to the final products
    (sending those closures would make the data grow with the square of the model)."""
    out: dict[str, dict] = {}
    for pg in graphs:
        q = lambda key: qualify(graphs, pg, key)  # noqa: E731
        kpis: dict[str, list] = {}
        for kpi in pg.process.kpis:
            target = pg.kpi_target(kpi)
            if target is not None:
                marks = [m for m in ("kgi", "service", "supplemented") if kpi.has_attr(m)]
                kpis.setdefault(target, []).append({"name": kpi.name, "marks": marks})
        issues: dict[str, list] = {}
        for issue in pg.process.issues:
            target = pg.issue_targets.get(id(issue))
            if target is not None:
                issues.setdefault(target, []).append(issue.text)
        nodes = [(k, p, p.kind) for k, p in pg.products.items()]
        nodes += [(k, x, "external") for k, x in pg.externals.items()]
        for key, element, kind in nodes:
            doc = element.attr("doc")
            item = {
                "process": pg.name,
                "key": key,
                "name": getattr(element, "name", key),
                "kind": kind,
                "actor": getattr(element, "actor", None),
                "params": list(getattr(element, "params", ())),
                "state": getattr(element, "state", None),
                "doc": None if doc is None else str(doc),
                "kpis": kpis.get(key, []),
                "issues": issues.get(key, []),
                "file": element.span.file,
                "line": element.span.line,
                "fed_by": [q(k) for k in _unique(pg.inputs_of(key))],
                "feeds": [q(k) for k in _unique(pg.outputs_of(key))],
                "sync": [q(k) for k in _unique(pg.synced_with(key))],
            }
            out[q(key)] = item
    return out


def relations(graphs) -> list[dict]:
    """Every relation: its ends as drawn names and the titles a drawing may give it."""
    out = []
    for pg in graphs:
        for edge in pg.edges:
            source, target = qualify(graphs, pg, edge.source), qualify(graphs, pg, edge.target)
            arrow = "->" if edge.kind == "input" else "<->"
            out.append(
                {
                    "source": source,
                    "target": target,
                    "kind": edge.kind,
                    "title": f"{source} {arrow} {target}",
                    "line": edge.span.line,
                }
            )
    return out


def _unique(keys) -> list[str]:
    return list(dict.fromkeys(keys))


def kpi_trees(graphs) -> list[dict]:
    from prep.kpi.tree import derive_all

    return [t.to_json() for t in derive_all(graphs)]


def kpi_drawing(
    graphs, lang: str = "auto", timeout: float = 30.0, tobe=None, legend: bool = True, cache=None
) -> tuple[str, list[str]]:
    """_kpi_drawing, and a model with errors that the tree or its drawing cannot take
    said so as a RenderError, never a traceback (the page shows why). `cache`
    (serve/kpis.py Pictures): a drawing of the same trees in the same words is made
    once."""
    from prep.render.run import RenderError

    try:
        return _kpi_drawing(graphs, lang, timeout, tobe, legend, cache)
    except RenderError:
        raise
    except Exception as error:
        from prep.i18n import _

        raise RenderError(
            _("the KPI tree could not be drawn ({error})", error=type(error).__name__ + ": " + str(error))
        ) from None


def _kpi_drawing(graphs, lang: str, timeout: float, tobe, legend: bool, cache=None) -> tuple[str, list[str]]:
    """The KPI tree drawing of `prep kpi -f svg` as svg text (with `tobe`, the ToBe
    model's graphs: that of `prep kpi ASIS --tobe TOBE`, AsIs beside ToBe), and the
    notes `prep kpi` would warn with (processes without a partner, trees cut at
    DEPTH). Names are escaped by the renderer. Raises prep.render.run.RenderError."""
    from prep.kpi.tree import derive_all
    from prep.layout.measure import LayoutError
    from prep.render import render_kpi
    from prep.render.kpitree import DEPTH
    from prep.render.run import RenderError

    trees, notes, named = derive_all(graphs), [], list(graphs)
    if tobe is not None:
        from prep.kpi.compare import compare

        trees, notes = compare(trees, derive_all(tobe))
        named += list(tobe)
    deep = [t.process for t in trees if t.depth() > DEPTH]
    if deep:
        notes.append(
            "the drawing shows the first {} levels; {} go deeper".format(DEPTH, ", ".join(f"`{n}`" for n in deep))
        )

    def make() -> str:
        try:
            return render_kpi(trees, named, "svg", lang, legend, timeout).decode("utf-8")
        except LayoutError as error:
            raise RenderError(error.message, error.hint) from None

    if cache is None:
        return make(), notes
    return cache.get(_kpi_key(trees, named, lang, legend), make), notes


def _kpi_key(trees, named, lang: str, legend: bool) -> tuple:
    """What a KPI drawing shows: its trees (with their marks) and its words."""
    import json

    from prep.notation import language_of

    return (
        language_of(named, lang),
        legend,
        json.dumps([t.to_json() for t in trees], ensure_ascii=False, sort_keys=True),
    )


def diff_json(before: list, after: list) -> dict:
    from prep.diff.changes import diff

    return diff(before, after).to_json()


def stage(graphs) -> str | None:
    """asis / tobe when every process of the file says so, else None."""
    stages = {pg.process.stage for pg in graphs}
    return stages.pop() if len(stages) == 1 else None


@dataclass
class View:
    """The data of one model for the page (see `to_json`)."""

    file: str
    checked: Checked
    svg: str | None = None
    render_error: str | None = None
    stale: bool = False  # the svg is the last good drawing, not this text
    drawn: list | None = None  # the graphs of that drawing, when stale
    pair: dict | None = None  # {"asis": file, "tobe": file, "diff": {...}}
    kpi: list | None = None  # the KPI trees (the last good ones, when stale)
    kpi_stale: bool = False
    lang: str = "auto"  # the page's words: ja, en, or as the model's names

    def to_json(self) -> dict:
        from prep.serve.words import page_words

        graphs = self.checked.graphs if self.checked.drawable else []
        drawn = self.drawn if self.stale and self.drawn is not None else graphs
        return {
            "version": VERSION,
            "file": self.file,
            "ok": not self.checked.errors,
            "stale": self.stale,
            "processes": [{"name": pg.name, "stage": pg.process.stage} for pg in self.checked.graphs],
            "findings": findings(self.checked),
            "svg": self.svg,
            "render_error": self.render_error,
            "products": products(drawn),
            "relations": relations(drawn),
            "kpi": self.kpi if self.kpi is not None else kpi_trees(graphs),
            "kpi_stale": self.kpi_stale,
            "pair": self.pair,
            "words": page_words(drawn or self.checked.graphs, self.lang),
        }


def draw(
    graphs, lang: str = "auto", timeout: float = 30.0, legend: bool = True, like=None, hints: list | None = None
) -> str:
    """The drawing of `prep render` as svg text, with the classes of docs/notation.md and titles.
    `like`: the last drawing's Hint (or an AsIs's graphs), so an edit moves little
    (docs/language.md, "Stable across edits"); this drawing's Hint is appended to
    `hints`. Raises prep.render.run.RenderError."""
    from prep.render import render

    svg = render(graphs, "svg", legend=legend, timeout=timeout, lang=lang, like=like, hints=hints).decode("utf-8")
    return label(svg, graphs)
