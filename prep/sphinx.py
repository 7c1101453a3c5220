"""The Sphinx extension (docs/docs-sites.md): `extensions = ["prep.sphinx"]` in
conf.py, then

    .. prep:: models/store.prep
       :view: kpi

draws a model file (its drawing, KPI tree or diff; options as the MkDocs plugin's:
process, view, tobe, lang, legend), and a `.. prep::` directive with the model as its
content draws that model. Findings at or above `prep_fail_on` (default "error")
become Sphinx warnings at file:line:col (so `sphinx-build -W` fails on them), the
others are logged as infos. Drawings are kept in prep's result cache by content;
reading is parallel-safe, and a page is read again when its model files change.

Needs the extra: pip install 'prep-models[sphinx]'."""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)
_CACHES: dict[str, object] = {}


def _choice(values):
    return lambda argument: directives.choice(argument, values)


class PrepDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "process": directives.unchanged_required,
        "view": _choice(("drawing", "kpi", "diff")),
        "tobe": directives.path,
        "lang": _choice(("auto", "ja", "en")),
        "legend": _choice(("true", "false", "yes", "no")),
    }

    def run(self) -> list[nodes.Node]:
        from prep.embed import EmbedError, block, draw

        options = {k: str(v) for k, v in self.options.items()}
        if self.arguments:
            options["src"] = self.arguments[0]
        for key in ("src", "tobe"):  # relative to the page, or /from the source folder
            if key in options:
                options[key] = self.env.relfn2path(options[key])[1]
        page = Path(self.env.doc2path(self.env.docname))
        try:
            item = block(
                options,
                "\n".join(self.content) + "\n",
                page.parent,
                shown(page),
                self.content_offset,
                shown,
                self.indent(),
            )
        except EmbedError as error:
            logger.warning(f"prep: {error}", location=self.get_location(), type="prep")
            return []
        for path in item.files():
            self.env.note_dependency(str(path))
        html, findings = draw(item, cache(self.env.app))
        report(findings, self.config.prep_fail_on)
        return [nodes.raw("", html, format="html")]

    def indent(self) -> int:
        """The columns before the directive's content in the page (docutils takes
        them off), so findings name the page's own columns."""
        try:
            lines = Path(self.get_source_info()[0]).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError, TypeError):
            return 0
        for n, text in enumerate(self.content):
            at = self.content_offset + n
            if text.strip() and at < len(lines) and lines[at].endswith(text):
                return len(lines[at]) - len(text)
        return 0


def shown(path: Path) -> str:
    """A path as messages give it: relative to the current folder when inside it."""
    path = Path(path)
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_relative_to(Path.cwd()) else path.as_posix()
    except ValueError:
        return path.as_posix()


def report(findings, fail_on: str) -> None:
    from prep.embed import failing

    high, low = failing(findings, fail_on)
    for f in high:
        logger.warning(f"{f.severity} {f.code} {f.message}", location=f"{f.file}:{f.line}:{f.column}", type="prep")
    for f in low:
        logger.info(f"{f.file}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}")


def cache(app):
    """prep's result cache in `prep_cache_dir` (relative to conf.py's folder; an
    empty value: no cache), opened once per process."""
    if not app.config.prep_cache_dir:
        return None
    folder = str(Path(app.confdir) / app.config.prep_cache_dir)
    if folder not in _CACHES:
        from prep.checks.cache import ResultCache

        _CACHES[folder] = ResultCache.open(folder)
    return _CACHES[folder]


def _prune(app, _exception) -> None:
    """Keep the cache bounded as `prep check` does (at most hourly)."""
    found = cache(app)
    if found is not None:
        found.maybe_prune()


def setup(app) -> dict:
    import prep

    app.add_config_value("prep_fail_on", "error", "env", (str,))
    app.add_config_value("prep_cache_dir", ".prep_cache", "env", (str,))
    app.add_directive("prep", PrepDirective)
    app.connect("build-finished", _prune)
    return {"version": prep.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
